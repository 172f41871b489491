import { officerSubjectToken } from '../../server/src/officers/officers';
import type { Client } from '../support/handling';
import { TestServer } from '../support/server';

export const EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const OFFICER_TYPE = 'urn:aduan:params:oauth:token-type:officer';
export const ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';

/** POST /oauth/token with a token-exchange form for a demo client (secret `<client_id>-secret`); `extra` overrides or adds parameters. */
export async function exchange(api: TestServer, clientId: string, officer: { id: string; name: string } | null, extra: Record<string, string> = {}) {
  const response = await api.fetch('/oauth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: EXCHANGE, client_id: clientId, client_secret: `${clientId}-secret`,
      ...(officer ? { subject_token: officerSubjectToken(officer), subject_token_type: OFFICER_TYPE } : {}),
      ...extra,
    }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** An officer token for a demo client, through the real endpoint. */
export async function officerToken(api: TestServer, clientId: string, officer: { id: string; name: string }): Promise<string> {
  const answer = await exchange(api, clientId, officer);
  if (answer.status !== 200) throw new Error(`no officer token for ${clientId}: ${JSON.stringify(answer.body)}`);
  return answer.body.access_token;
}

/** GraphQL with an officer token: the same shape as `as` (a fresh token once the server says 401: tests move clocks). */
export function asOfficer(api: TestServer, clientId: string, officer: { id: string; name: string }): Client {
  let token: Promise<string> | undefined; // asked for on first use: the server starts in beforeAll
  return async (query, variables, headers = {}) => {
    token ??= officerToken(api, clientId, officer);
    const answer = await api.gql(query, variables, { ...headers, authorization: `Bearer ${await token}` });
    if (answer.status !== 401) return answer;
    token = officerToken(api, clientId, officer);
    return api.gql(query, variables, { ...headers, authorization: `Bearer ${await token}` });
  };
}
