import { TestServer } from './server';

/** A bearer token for a demo client (secret `<client_id>-secret`), through the real token endpoint. */
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
 * GraphQL as a demo client: `as(api, 'demo-dinsos-3273')('{ viewer { role } }')`.
 * Keeps its token, and gets a new one when the server says it expired (tests move clocks).
 */
export function as(api: TestServer, clientId: string) {
  let token: Promise<string> | undefined;
  return async (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    token ??= tokenFor(api, clientId);
    const response = await api.gql(query, variables, { ...headers, authorization: `Bearer ${await token}` });
    if (response.status !== 401) return response;
    token = tokenFor(api, clientId);
    return api.gql(query, variables, { ...headers, authorization: `Bearer ${await token}` });
  };
}
