import http from 'node:http';

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON; null when it is not JSON. */
  body: any;
}

/**
 * One HTTP request sent from a chosen loopback address (127.0.0.2, 127.0.0.3…):
 * Linux routes all of 127.0.0.0/8 to the loopback interface, so a test can be
 * several callers at once, and the server sees each socket's own address as
 * it would see different citizens. `fetch` cannot choose its source address;
 * `http.request` with `localAddress` can (a new connection each time, no agent,
 * so the address is never that of a pooled socket).
 */
export function requestFrom(
  localAddress: string,
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? 'GET', headers: options.headers, localAddress, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => {
        let body: unknown = null;
        try { body = JSON.parse(text); } catch { /* not JSON: the caller looks at text */ }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, body });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** POST /oauth/token (client credentials, form-encoded) from `localAddress`. */
export function tokenRequestFrom(localAddress: string, baseUrl: string, clientId: string, clientSecret: string): Promise<RawAnswer> {
  return requestFrom(localAddress, `${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
  });
}
