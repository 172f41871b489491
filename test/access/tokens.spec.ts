import { generateKeyPairSync, createPrivateKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { beforeAll, describe, expect, it } from 'vitest';
import { rotateSigningKey } from '../../server/src/auth/signing-keys';
import { CLIENT_STATE_TTL_MS, TOKEN_AUDIENCE, TOKEN_ISSUER, TOKEN_LIFETIME_SECONDS } from '../../server/src/auth/token.service';
import { tokenFor } from '../support/auth';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

let clock = Date.now();
const db = useTestDatabase('demo');
const api = useTestServer(db, { now: () => clock });

const viewerQuery = '{ viewer { clientId role jurisdictionCode administrator organisation { name kind tier } } }';
const withToken = (token: string) => api.gql(viewerQuery, undefined, { authorization: `Bearer ${token}` });

async function signingKeyRow(): Promise<{ kid: string; private_key_pem: string }> {
  const [row] = await db.dataSource.query(`SELECT kid, private_key_pem FROM signing_keys WHERE retired_at IS NULL`);
  return row;
}

/** A token signed with the server's own key, with claims of our choosing. */
async function forge(claims: Record<string, unknown>, options: jwt.SignOptions = {}): Promise<string> {
  const key = await signingKeyRow();
  const [client] = await db.dataSource.query(`SELECT id FROM api_clients WHERE client_id = 'demo-dinsos-3273'`);
  return jwt.sign({ cid: 'demo-dinsos-3273', ...claims }, createPrivateKey(key.private_key_pem), {
    algorithm: 'ES256', keyid: key.kid, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, subject: client.id, expiresIn: 600, ...options,
  });
}

describe('POST /oauth/token (client credentials)', () => {
  it('issues a short-lived ES256 JWT with a kid that the JWKS publishes', async () => {
    const response = await api.fetch('/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=demo-dinsos-3273&client_secret=demo-dinsos-3273-secret',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.json();
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 900 });
    const decoded = jwt.decode(body.access_token, { complete: true })!;
    expect(decoded.header).toMatchObject({ alg: 'ES256', kid: expect.any(String) });
    expect(decoded.payload).toMatchObject({ iss: 'aduan', aud: 'aduan-api', sub: expect.any(String) });
    const jwks = await (await api.fetch('/.well-known/jwks.json')).json();
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).toContain(decoded.header.kid);
    expect(JSON.stringify(jwks)).not.toMatch(/"d":/); // public halves only
  });

  it('takes JSON and HTTP Basic too', async () => {
    const json = await api.fetch('/oauth/token', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'demo-ngo-lks', client_secret: 'demo-ngo-lks-secret' }),
    });
    expect(json.status).toBe(200);
    const basic = await api.fetch('/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('demo-bank-bri:demo-bank-bri-secret').toString('base64')}` },
      body: 'grant_type=client_credentials',
    });
    expect(basic.status).toBe(200);
  });

  it.each([
    ['a wrong secret', 'grant_type=client_credentials&client_id=demo-ministry&client_secret=nope', 'invalid_client'],
    ['an unknown client', 'grant_type=client_credentials&client_id=nobody&client_secret=x', 'invalid_client'],
    ['no secret', 'grant_type=client_credentials&client_id=demo-ministry', 'invalid_client'],
    ['no grant type', 'client_id=demo-ministry&client_secret=demo-ministry-secret', 'invalid_request'],
    ['another grant type', 'grant_type=password&client_id=demo-ministry&client_secret=demo-ministry-secret', 'unsupported_grant_type'],
  ])('refuses %s with 400 and the RFC 6749 error', async (_case, body, error) => {
    const response = await api.fetch('/oauth/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error });
  });
});

describe('bearer tokens on /graphql', () => {
  it('identifies the client: organisation, role, jurisdiction', async () => {
    const { status, body } = await withToken(await tokenFor(api, 'demo-dinsos-3273'));
    expect(status).toBe(200);
    expect(body.data.viewer).toEqual({
      clientId: 'demo-dinsos-3273', role: 'HANDLER', jurisdictionCode: '32.73', administrator: false,
      organisation: { name: expect.stringContaining('Bandung'), kind: 'DISTRICT_OFFICE', tier: 'DISTRICT' },
    });
  });

  it('without a token, the public role: public fields work, others are UNAUTHENTICATED', async () => {
    const pub = await api.gql('{ programs { code } }');
    expect(pub.body.errors).toBeUndefined();
    const viewer = await api.gql(viewerQuery);
    expect(viewer.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(viewer.body.data).toBeNull();
  });

  const expectRejected = async (authorization: string) => {
    const response = await api.gql('{ programs { code } }', undefined, { authorization });
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.body.data).toBeUndefined();
  };

  it('401 for a malformed header or garbage token', async () => {
    await expectRejected('Bearer not.a.token');
    await expectRejected('Basic abc');
    await expectRejected('Bearer ');
  });

  it('401 for an unsigned (alg: none) token', async () => {
    const real = jwt.decode(await tokenFor(api, 'demo-ministry'), { complete: true })!;
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: real.header.kid })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(real.payload)).toString('base64url');
    await expectRejected(`Bearer ${header}.${payload}.`);
  });

  it('401 for a token signed with another key under our kid', async () => {
    const { kid } = await signingKeyRow();
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const token = jwt.sign({ cid: 'demo-ministry' }, privateKey, { algorithm: 'ES256', keyid: kid, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, subject: 'x', expiresIn: 600 });
    await expectRejected(`Bearer ${token}`);
  });

  it('401 for HS256 signed with our public key (algorithm confusion)', async () => {
    const jwks = await (await api.fetch('/.well-known/jwks.json')).json();
    const token = jwt.sign({ cid: 'demo-ministry' }, JSON.stringify(jwks.keys[0]), { algorithm: 'HS256', keyid: jwks.keys[0].kid, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, subject: 'x' });
    await expectRejected(`Bearer ${token}`);
  });

  it('401 for a tampered payload', async () => {
    const [header, payload, signature] = (await tokenFor(api, 'demo-portal-3273')).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const [ministry] = await db.dataSource.query(`SELECT id FROM api_clients WHERE client_id = 'demo-ministry'`);
    const tampered = Buffer.from(JSON.stringify({ ...claims, sub: ministry.id })).toString('base64url');
    await expectRejected(`Bearer ${header}.${tampered}.${signature}`);
  });

  it('401 for an expired token, another audience, another issuer, and a token not yet valid', async () => {
    await expectRejected(`Bearer ${await forge({}, { expiresIn: -60 })}`);
    await expectRejected(`Bearer ${await forge({}, { audience: 'someone-else' })}`);
    await expectRejected(`Bearer ${await forge({}, { issuer: 'evil' })}`);
    await expectRejected(`Bearer ${await forge({}, { notBefore: 3600 })}`);
    // Signed with our key but naming no client of ours: refused, never a database error (issue 15, finding 6).
    await expectRejected(`Bearer ${await forge({}, { subject: 'not-a-uuid' })}`);
    // The forging itself is sound: the same recipe with honest claims is accepted.
    expect((await withToken(await forge({}))).status).toBe(200);
  });

  it("stops a disabled client's tokens within the client-state cache time (≤ 1 minute)", async () => {
    const token = await tokenFor(api, 'demo-ngo-csr');
    expect((await withToken(token)).status).toBe(200);
    await db.dataSource.query(`UPDATE api_clients SET disabled_at = now() WHERE client_id = 'demo-ngo-csr'`);
    clock += CLIENT_STATE_TTL_MS + 1000;
    await expectRejected(`Bearer ${token}`);
    const refused = await api.fetch('/oauth/token', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=demo-ngo-csr&client_secret=demo-ngo-csr-secret',
    });
    expect(refused.status).toBe(400);
    expect(CLIENT_STATE_TTL_MS).toBeLessThanOrEqual(60_000);
  });

  it('keeps old tokens valid across a key rotation, and publishes both keys meanwhile', async () => {
    const before = await tokenFor(api, 'demo-auditor');
    const oldKid = jwt.decode(before, { complete: true })!.header.kid;
    const newKid = await rotateSigningKey(db.dataSource, 900);
    clock += 31_000; // past the key ring's refresh
    const after = await tokenFor(api, 'demo-auditor');
    expect(jwt.decode(after, { complete: true })!.header.kid).toBe(newKid);
    expect((await withToken(before)).status).toBe(200);
    expect((await withToken(after)).status).toBe(200);
    const kids = (await (await api.fetch('/.well-known/jwks.json')).json()).keys.map((k: { kid: string }) => k.kid);
    expect(kids).toEqual(expect.arrayContaining([oldKid, newKid]));
  });

  // The server keeps tokens it has verified (token.service.ts): what it kept must stop working when the token would.
  it('a token verified before is refused once it expires, and once the key that signed it is no longer trusted', async () => {
    const expiring = await tokenFor(api, 'demo-portal-3273');
    expect((await withToken(expiring)).status).toBe(200);
    clock += (TOKEN_LIFETIME_SECONDS - 10) * 1000;
    expect((await withToken(expiring)).status).toBe(200); // still within its lifetime
    clock += 16_000; // past exp and the 5 s leeway
    await expectRejected(`Bearer ${expiring}`);

    const signedByOldKey = await tokenFor(api, 'demo-portal-3273');
    expect((await withToken(signedByOldKey)).status).toBe(200);
    await rotateSigningKey(db.dataSource, 0); // the key that signed it expires now
    clock += 31_000; // past the key ring's refresh
    await expectRejected(`Bearer ${signedByOldKey}`);
    expect((await withToken(await tokenFor(api, 'demo-portal-3273'))).status).toBe(200);
  });
});
