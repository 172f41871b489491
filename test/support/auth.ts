import { TestServer } from './server';

/** A bearer token for a demo client (secret `<client_id>-secret`), through the real token endpoint: a new token on every call. */
export async function tokenFor(api: TestServer, clientId: string, secret = `${clientId}-secret`): Promise<string> {
  const response = await api.fetch('/oauth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
  });
  const body = await response.json();
  if (response.status !== 200) throw new Error(`no token for ${clientId}: ${JSON.stringify(body)}`);
  return body.access_token;
}

/**
 * The tokens `as` uses, one per server and client, shared by every `as` of a
 * test file (a file is one process): a token costs a scrypt check of the
 * client's secret at the token endpoint, so a file that writes
 * `as(api, id)(…)` in a loop — the role matrix, ~300 times — would spend most
 * of its time getting tokens it already has. A token is a bearer token like any
 * other: sharing it changes nothing the server checks per request.
 */
const tokens = new Map<string, Promise<string>>();

/** The file's token for a demo client (as `as` uses it), for a test that sets the Authorization header itself. */
export function sharedToken(api: TestServer, clientId: string): Promise<string> {
  return cachedToken(api, clientId);
}

function cachedToken(api: TestServer, clientId: string, stale?: Promise<string>): Promise<string> {
  const key = `${api.url} ${clientId}`;
  const cached = tokens.get(key);
  if (cached && cached !== stale) return cached;
  const fresh = tokenFor(api, clientId);
  tokens.set(key, fresh);
  fresh.catch(() => { if (tokens.get(key) === fresh) tokens.delete(key); }); // a refusal is not kept: the next call asks again
  return fresh;
}

/**
 * GraphQL as a demo client: `as(api, 'demo-dinsos-3273')('{ viewer { role } }')`.
 * Uses the file's token for the client, and gets a new one when the server says
 * it is no longer valid (401: tests move clocks, rotate keys, disable clients).
 */
export function as(api: TestServer, clientId: string) {
  return async (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const token = cachedToken(api, clientId);
    const response = await api.gql(query, variables, { ...headers, authorization: `Bearer ${await token}` });
    if (response.status !== 401) return response;
    return api.gql(query, variables, { ...headers, authorization: `Bearer ${await cachedToken(api, clientId, token)}` });
  };
}
