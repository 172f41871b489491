import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { TOKEN_LIFETIME_SECONDS } from '../../server/src/auth/token.service';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';
import { tokenFor } from '../support/auth';
import { ACCESS_TOKEN, exchange, OFFICER_TYPE, officerToken } from './officer-support';
import { createClient, officerSubjectToken } from '../../sdk/src/index';
import { officerSubjectToken as serverSubjectToken } from '../../server/src/officers/officers';

/**
 * RFC 8693 token exchange at /oauth/token (docs/adr/0030-officers.md): an organisation's client, authenticated as for
 * client_credentials, gets a token for one of its officers. The test's clock moves (never a sleep) to expire tokens.
 */
let offset = 0;
const db = useTestDatabase('demo');
const api = useTestServer(db, { now: () => Date.now() + offset });
const BUDI = { id: 'budi.santoso.dinsos-bandung', name: 'Budi Santoso' };
const VIEWER = '{ viewer { clientId role organisation { name } officer { id name } } }';

async function officerRows(externalId: string): Promise<{ organisation: string; displayName: string }[]> {
  return db.dataSource.query(
    `SELECT o.name AS organisation, f.display_name AS "displayName" FROM officers f JOIN organisations o ON o.id = f.organisation_id
      WHERE f.external_id = $1 ORDER BY o.name`,
    [externalId],
  );
}

describe('POST /oauth/token with grant_type=token-exchange', () => {
  it('issues an access token for an officer of the client’s organisation: RFC 8693 §2.2.1 response, sub the officer, act the client', async () => {
    const answer = await exchange(api, 'demo-dinsos-3273', BUDI);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.body).toEqual({ access_token: expect.any(String), issued_token_type: ACCESS_TOKEN, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS });

    const claims = jwt.decode(answer.body.access_token) as Record<string, any>;
    const [client] = await db.dataSource.query(`SELECT id, organisation_id FROM api_clients WHERE client_id = 'demo-dinsos-3273'`);
    const [officer] = await db.dataSource.query(`SELECT id, organisation_id, display_name FROM officers WHERE external_id = $1`, [BUDI.id]);
    expect(officer).toEqual({ id: expect.any(String), organisation_id: client.organisation_id, display_name: 'Budi Santoso' });
    expect(claims).toMatchObject({
      iss: 'aduan', aud: 'aduan-api', sub: officer.id, org: client.organisation_id, cid: 'demo-dinsos-3273',
      act: { sub: client.id, client_id: 'demo-dinsos-3273' }, officer: { id: BUDI.id, name: 'Budi Santoso' },
    });
    expect(claims.exp - claims.iat).toBe(TOKEN_LIFETIME_SECONDS);

    const { body } = await api.gql(VIEWER, {}, { authorization: `Bearer ${answer.body.access_token}` });
    expect(body.data.viewer).toEqual({ clientId: 'demo-dinsos-3273', role: 'HANDLER', organisation: { name: 'Dinas Sosial Kota Bandung' }, officer: BUDI });
  });

  it('a plain client-credentials token names no officer, and its response is as before (no issued_token_type)', async () => {
    const response = await api.fetch('/oauth/token', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'demo-dinsos-3273', client_secret: 'demo-dinsos-3273-secret' }),
    });
    expect(Object.keys(await response.json()).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    const { body } = await api.gql(VIEWER, {}, { authorization: `Bearer ${await tokenFor(api, 'demo-dinsos-3273')}` });
    expect(body.data.viewer.officer).toBeNull();
  });

  it('the same officer again: one row, the latest name; the earlier token still names them as they were', async () => {
    const officer = { id: 'rina-01', name: 'Rina' };
    const first = await officerToken(api, 'demo-dinsos-3273', officer);
    await officerToken(api, 'demo-dinsos-3273', { ...officer, name: 'Rina Marlina' });
    expect(await officerRows('rina-01')).toEqual([{ organisation: 'Dinas Sosial Kota Bandung', displayName: 'Rina Marlina' }]);
    const { body } = await api.gql(VIEWER, {}, { authorization: `Bearer ${first}` });
    expect(body.data.viewer.officer).toEqual({ id: 'rina-01', name: 'Rina' });
  });

  it('refuses a wrong or missing subject_token_type, a malformed subject token, an actor token, another token type: invalid_request, no officer written', async () => {
    const cases: [string, Record<string, string>][] = [
      ['a JWT type', { subject_token_type: 'urn:ietf:params:oauth:token-type:jwt' }],
      ['an access-token type', { subject_token_type: ACCESS_TOKEN }],
      ['no subject_token_type', { subject_token_type: '' }],
      ['no subject_token', { subject_token: '' }],
      ['not base64url JSON', { subject_token: 'not json!' }],
      ['JSON without a name', { subject_token: Buffer.from(JSON.stringify({ sub: 'ghost-1' })).toString('base64url') }],
      ['JSON with an empty sub', { subject_token: Buffer.from(JSON.stringify({ sub: ' ', name: 'Hantu' })).toString('base64url') }],
      ['a name of 151 characters', { subject_token: Buffer.from(JSON.stringify({ sub: 'ghost-1', name: 'x'.repeat(151) })).toString('base64url') }],
      ['an e-mail address as the id', { subject_token: Buffer.from(JSON.stringify({ sub: 'ghost@dinsos.go.id', name: 'Hantu' })).toString('base64url') }],
      ['a NIK as the id', { subject_token: Buffer.from(JSON.stringify({ sub: '3273014507850001', name: 'Hantu' })).toString('base64url') }],
      ['a phone number as the name', { subject_token: Buffer.from(JSON.stringify({ sub: 'ghost-1', name: '0812-3456-7890' })).toString('base64url') }],
      ['an actor token', { actor_token: 'abc', actor_token_type: ACCESS_TOKEN }],
      ['a refresh token asked for', { requested_token_type: 'urn:ietf:params:oauth:token-type:refresh_token' }],
    ];
    for (const [name, extra] of cases) {
      const answer = await exchange(api, 'demo-dinsos-3273', { id: 'ghost-1', name: 'Hantu' }, extra);
      expect(answer.status, name).toBe(400);
      expect(answer.body, name).toEqual({ error: 'invalid_request', error_description: expect.any(String) });
    }
    const wrongType = await exchange(api, 'demo-dinsos-3273', { id: 'ghost-1', name: 'Hantu' }, { subject_token_type: 'urn:ietf:params:oauth:token-type:jwt' });
    expect(wrongType.body.error_description).toContain(OFFICER_TYPE);
    expect(await officerRows('ghost-1')).toEqual([]);
    // A NIP (18 digits) is an employee's number, not a NIK: accepted.
    expect((await exchange(api, 'demo-dinsos-3273', { id: '198203142005011002', name: 'Budi' })).status).toBe(200);
  });

  it('refuses another audience or resource (invalid_target), and accepts this API’s own', async () => {
    for (const extra of [{ audience: 'https://bank.example/api' }, { resource: 'https://bank.example/api' }]) {
      const answer = await exchange(api, 'demo-dinsos-3273', BUDI, extra);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ error: 'invalid_target', error_description: expect.any(String) });
    }
    expect((await exchange(api, 'demo-dinsos-3273', BUDI, { audience: 'aduan-api' })).status).toBe(200);
  });

  it('a wrong secret is invalid_client, as for client_credentials: no officer written', async () => {
    const answer = await exchange(api, 'demo-dinsos-3273', { id: 'intruder', name: 'Penyusup' }, { client_secret: 'wrong' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_client');
    expect(await officerRows('intruder')).toEqual([]);
  });

  it('an officer of another organisation cannot be had: the officer is always of the authenticated client’s own organisation', async () => {
    // Surabaya names an officer with Bandung's id for Budi: it gets its own officer, not Bandung's.
    const surabaya = await officerToken(api, 'demo-dinsos-3578', BUDI);
    expect(await officerRows(BUDI.id)).toEqual([
      { organisation: 'Dinas Sosial Kota Bandung', displayName: 'Budi Santoso' },
      { organisation: 'Dinas Sosial Kota Surabaya', displayName: 'Budi Santoso' },
    ]);
    const { body } = await api.gql(VIEWER, {}, { authorization: `Bearer ${surabaya}` });
    expect(body.data.viewer).toMatchObject({ clientId: 'demo-dinsos-3578', organisation: { name: 'Dinas Sosial Kota Surabaya' } });
    // No parameter names an organisation: one given is ignored, the token is still Surabaya's.
    const withOrg = await exchange(api, 'demo-dinsos-3578', BUDI, { organisation_id: 'anything', org: 'anything' });
    expect((jwt.decode(withOrg.body.access_token) as { org: string }).org).toBe((jwt.decode(surabaya) as { org: string }).org);
    // And a token altered to claim another organisation's officer is no token of ours.
    const [header, payload, signature] = surabaya.split('.');
    const bandung = jwt.decode(await officerToken(api, 'demo-dinsos-3273', BUDI)) as Record<string, unknown>;
    const claims = { ...(JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>), sub: bandung.sub, org: bandung.org };
    const forged = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    const refused = await api.gql(VIEWER, {}, { authorization: `Bearer ${forged}` });
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('an officer token expires like any token (401), and a garbled one is refused (401)', async () => {
    const token = await officerToken(api, 'demo-dinsos-3273', BUDI);
    expect((await api.gql(VIEWER, {}, { authorization: `Bearer ${token}` })).status).toBe(200);
    offset += (TOKEN_LIFETIME_SECONDS + 60) * 1000;
    try {
      const expired = await api.gql(VIEWER, {}, { authorization: `Bearer ${token}` });
      expect(expired.status).toBe(401);
      expect(expired.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(expired.body.errors?.[0]?.message).toMatch(/EXPIRED|kedaluwarsa|expired/i);
    } finally {
      offset = 0;
    }
    const garbled = await api.gql(VIEWER, {}, { authorization: `Bearer ${token.slice(0, -4)}AAAA` });
    expect(garbled.status).toBe(401);
  });

  it('the SDK: actAs(officer) gets officer tokens through the exchange; its subject token is the server’s, non-ASCII names included', async () => {
    const officer = { id: 'dewi-07', name: 'Dewi Ayu Ṣ. Pratiwi' };
    expect(officerSubjectToken(officer)).toBe(serverSubjectToken(officer));
    const aduan = createClient({ url: `${api.url}/graphql`, clientId: 'demo-dinsos-3273', clientSecret: 'demo-dinsos-3273-secret' });
    const viewer = await aduan.actAs(officer).viewer();
    expect(viewer).toMatchObject({ clientId: 'demo-dinsos-3273', officer: { id: 'dewi-07', name: 'Dewi Ayu Ṣ. Pratiwi' } });
    expect((await aduan.viewer()).officer).toBeNull();
    expect(() => createClient({ url: `${api.url}/graphql`, token: 'x' }).actAs(officer)).toThrow(TypeError);
  });
});
