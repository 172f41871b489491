import { describe, expect, it } from 'vitest';
import { as } from '../support/auth';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

/**
 * Top-level errors (`errors[]`) in the caller's language: Bahasa Indonesia
 * unless Accept-Language asks for English, `extensions.code` the same in both
 * (docs/adr/0028-words.md). Through the real server.
 */
const db = useTestDatabase('demo');
const api = useTestServer(db);
const limited = useTestServer(db, { rateLimits: { publicPerMinute: 1 } });
const EN = { 'accept-language': 'en' };
const ID = { 'accept-language': 'id-ID,id;q=0.9' };

/** The same request in both languages: the first error of each, and the HTTP status. */
async function both(send: (headers: Record<string, string>) => Promise<{ status: number; body: { errors?: { message: string; extensions?: Record<string, unknown> }[] } }>) {
  const [id, en, none] = await Promise.all([send(ID), send(EN), send({})]);
  expect(en.status).toBe(id.status);
  const said = (answer: typeof id) => answer.body.errors!.map((e) => [e.message, e.extensions?.code]);
  expect(said(none)).toEqual(said(id)); // no Accept-Language: Bahasa Indonesia
  return { status: id.status, id: id.body.errors![0], en: en.body.errors![0] };
}

describe('a refused request reads in the caller’s language, its code unchanged', () => {
  it('UNAUTHENTICATED: a field that needs a token, asked without one', async () => {
    const { id, en } = await both((headers) => api.gql('{ complaints(first: 1) { totalCount } }', undefined, headers));
    expect(id).toMatchObject({ message: 'Query.complaints memerlukan token: minta token di POST /oauth/token.', extensions: { code: 'UNAUTHENTICATED' } });
    expect(en).toMatchObject({ message: 'Query.complaints needs a token: get one from POST /oauth/token.', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('FORBIDDEN: a field the caller’s role may never use', async () => {
    const ngo = as(api, 'demo-ngo-lks');
    const { id, en } = await both((headers) => ngo('{ personalDataAccessLog(first: 1) { totalCount } }', undefined, headers));
    expect(id).toMatchObject({ message: 'Klien Anda tidak berwenang memakai Query.personalDataAccessLog.', extensions: { code: 'FORBIDDEN' } });
    expect(en).toMatchObject({ message: 'Your client may not use Query.personalDataAccessLog.', extensions: { code: 'FORBIDDEN' } });
  });

  it('UNAUTHENTICATED with 401: a token that is not ours, and a header that is not a bearer token', async () => {
    const forged = await both((headers) => api.gql('{ programs { code } }', undefined, { ...headers, authorization: 'Bearer abc.def.ghi' }));
    expect(forged.status).toBe(401);
    expect(forged.id).toMatchObject({ message: 'Token ditolak: token ini bukan terbitan Aduan; minta token baru di POST /oauth/token.', extensions: { code: 'UNAUTHENTICATED' } });
    expect(forged.en).toMatchObject({ message: 'the token is not one of ours; get a new token from POST /oauth/token', extensions: { code: 'UNAUTHENTICATED' } });
    const basic = await both((headers) => api.gql('{ programs { code } }', undefined, { ...headers, authorization: 'Basic eDp5' }));
    expect(basic.id.message).toBe('Header Authorization harus berbentuk `Bearer <token akses>`.');
    expect(basic.en.message).toBe('the Authorization header must be `Bearer <access token>`');
  });

  it('RATE_LIMITED with 429: a public caller over its budget', async () => {
    const track = (headers: Record<string, string>) => limited.gql('{ trackComplaint(trackingCode: "ADU-0000-0000") { status } }', undefined, headers);
    await track({});
    const { status, id, en } = await both(track);
    expect(status).toBe(429);
    expect(id).toMatchObject({ message: expect.stringMatching(/^Terlalu banyak permintaan\. Coba lagi dalam \d+ detik\.$/), extensions: { code: 'RATE_LIMITED' } });
    expect(en).toMatchObject({ message: expect.stringMatching(/^Too many requests\. Try again in \d+ seconds?\.$/), extensions: { code: 'RATE_LIMITED' } });
  });

  it('QUERY_TOO_COMPLEX: a query too deep', async () => {
    const deep = `{ complaint(id: "x") { ${'duplicateOf { '.repeat(10)}id${' }'.repeat(10)} } }`;
    const ministry = as(api, 'demo-ministry');
    const { status, id, en } = await both((headers) => ministry(deep, undefined, headers));
    expect(status).toBe(400);
    expect(id).toMatchObject({ message: expect.stringMatching(/^Kedalaman kueri \d+ melampaui batas 10\.$/), extensions: { code: 'QUERY_TOO_COMPLEX' } });
    expect(en).toMatchObject({ message: expect.stringMatching(/^Query depth \d+ exceeds the limit of 10\.$/), extensions: { code: 'QUERY_TOO_COMPLEX' } });
  });

  it('TOO_MANY_FIELDS and TOO_MANY_TOKENS: a document too large', async () => {
    const fields = `{ ${Array.from({ length: 201 }, (_, i) => `a${i}: programs { code }`).join(' ')} }`;
    const tooMany = await both((headers) => api.gql(fields, undefined, headers));
    expect(tooMany.id).toMatchObject({ message: expect.stringMatching(/^Dokumen memuat 402 field; paling banyak 400 \(/), extensions: { code: 'TOO_MANY_FIELDS' } });
    expect(tooMany.en).toMatchObject({ message: expect.stringMatching(/^The document has 402 fields; at most 400 are accepted \(/), extensions: { code: 'TOO_MANY_FIELDS' } });
    const tokens = `{ ${Array.from({ length: 700 }, (_, i) => `a${i}: programs { code }`).join(' ')} }`;
    const long = await both((headers) => api.gql(tokens, undefined, headers));
    expect(long.id).toMatchObject({ message: expect.stringMatching(/^Dokumen memuat lebih dari 2000 token; paling banyak 2000 \(/), extensions: { code: 'TOO_MANY_TOKENS' } });
    expect(long.en).toMatchObject({ message: expect.stringMatching(/^The document has more than 2000 tokens; at most 2000 are accepted \(/), extensions: { code: 'TOO_MANY_TOKENS' } });
  });

  it('GRAPHQL_VALIDATION_FAILED and BAD_USER_INPUT from graphql-js: a sentence in the caller’s language before the library’s own detail', async () => {
    const unknown = await both((headers) => api.gql('{ programs { kode } }', undefined, headers));
    expect(unknown.en).toMatchObject({ message: expect.stringMatching(/^Cannot query field "kode" on type "Program"/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(unknown.id).toMatchObject({ message: `Kueri tidak sesuai dengan skema API: ${unknown.en.message}`, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const wrongType = await both((headers) => api.gql('query ($y: Int!) { daysOff(year: $y) { date } }', { y: 'tahun ini' }, headers));
    expect(wrongType.en.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(wrongType.id).toMatchObject({ message: `Masukan tidak valid: ${wrongType.en.message}`, extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('BAD_USER_INPUT thrown by a resolver with words of the catalogue', async () => {
    const { id, en } = await both((headers) => api.gql('{ checkAid(name: "Siti Aminah", regionCode: "32") { period } }', undefined, headers));
    expect(id).toMatchObject({ message: expect.stringMatching(/^regionCode harus kode kabupaten\/kota/), extensions: { code: 'BAD_USER_INPUT', field: 'regionCode' } });
    expect(en).toMatchObject({ message: expect.stringMatching(/^regionCode must be a district\/city/), extensions: { code: 'BAD_USER_INPUT', field: 'regionCode' } });
  });

  it('BAD_USER_INPUT of the complaint list and timeline: no English sentence inside the Indonesian one', async () => {
    const district = as(api, 'demo-dinsos-3273');
    const search = await both(async (headers) => district('{ complaints(first: 1, filter: { search: "' + 'x'.repeat(201) + '" }) { totalCount } }', undefined, headers));
    expect(search.id).toMatchObject({ message: 'search paling banyak 200 karakter.', extensions: { code: 'BAD_USER_INPUT', field: 'filter.search' } });
    expect(search.en).toMatchObject({ message: 'search takes at most 200 characters', extensions: { code: 'BAD_USER_INPUT', field: 'filter.search' } });
    const page = await both(async (headers) => district('{ complaints(first: 1, after: "not-a-cursor") { totalCount } }', undefined, headers));
    expect(page.id).toMatchObject({ message: 'after bukan kursor dari daftar ini.', extensions: { code: 'BAD_USER_INPUT', field: 'after' } });
    expect(page.en).toMatchObject({ message: 'after is not a cursor from this list', extensions: { code: 'BAD_USER_INPUT', field: 'after' } });
  });

  it('outside GraphQL: a body that is not JSON, and a path nothing answers', async () => {
    const post = (headers: Record<string, string>) => api.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"query": ' })
      .then(async (r) => ({ status: r.status, body: await r.json() }));
    const notJson = await both(post);
    expect(notJson.status).toBe(400);
    expect(notJson.id).toMatchObject({ message: 'Badan permintaan bukan JSON yang sah.', extensions: { code: 'BAD_REQUEST' } });
    expect(notJson.en).toMatchObject({ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } });
    const get = (headers: Record<string, string>) => api.fetch('/nothing-here', { headers }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const missing = await both(get);
    expect(missing.status).toBe(404);
    expect(missing.id).toMatchObject({ message: expect.stringMatching(/^Tidak ada apa pun di GET \/nothing-here\./), extensions: { code: 'NOT_FOUND' } });
    expect(missing.en).toMatchObject({ message: expect.stringMatching(/^Nothing at GET \/nothing-here\./), extensions: { code: 'NOT_FOUND' } });
  });
});

describe('tiers named as people know them', () => {
  it('OUTSIDE_YOUR_TIER names the office that handles the complaint now, not DISTRICT', async () => {
    const portal = as(api, 'demo-portal-3273');
    const village = as(api, 'demo-village-3273011001');
    const district = as(api, 'demo-dinsos-3273');
    const submitted = (await portal(SUBMIT, { input: complaintInput() })).body.data.submitComplaint.complaint;
    const ESCALATE = 'mutation ($input: EscalateComplaintInput!) { escalateComplaint(input: $input) { userErrors { code } } }';
    expect((await district(ESCALATE, { input: { complaintId: submitted.id, version: 1, reason: 'ke kabupaten', toTier: 'DISTRICT' } })).body.data.escalateComplaint.userErrors).toEqual([]);
    const VERIFY = 'mutation ($input: VerifyComplaintInput!) { verifyComplaint(input: $input) { userErrors { code message } } }';
    const attempt = async (headers: Record<string, string>) => (await village(VERIFY, { input: { complaintId: submitted.id, version: 2 } }, headers)).body.data.verifyComplaint.userErrors;
    expect(await attempt(ID)).toEqual([{ code: 'OUTSIDE_YOUR_TIER', message: 'Pengaduan ini sekarang ditangani oleh Dinas Sosial kabupaten/kota; kantor tersebut yang menindaklanjutinya.' }]);
    expect(await attempt(EN)).toEqual([{ code: 'OUTSIDE_YOUR_TIER', message: 'This complaint is now handled by the District/city social office; that office acts on it.' }]);
  });

  it('INELIGIBLE_ORGANISATION names the lowest office that may take the complaint, not DISTRICT', async () => {
    const portal = as(api, 'demo-portal-3273');
    const village = as(api, 'demo-village-3273011001');
    const district = as(api, 'demo-dinsos-3273');
    const submitted = (await portal(SUBMIT, { input: complaintInput() })).body.data.submitComplaint.complaint;
    const ESCALATE = 'mutation ($input: EscalateComplaintInput!) { escalateComplaint(input: $input) { userErrors { code } } }';
    expect((await district(ESCALATE, { input: { complaintId: submitted.id, version: 1, reason: 'ke kabupaten', toTier: 'DISTRICT' } })).body.data.escalateComplaint.userErrors).toEqual([]);
    const villageOffice = (await village('{ viewer { organisation { id name } } }')).body.data.viewer.organisation;
    const ASSIGN = 'mutation ($input: AssignComplaintInput!) { assignComplaint(input: $input) { userErrors { code message } } }';
    const attempt = async (headers: Record<string, string>) =>
      (await district(ASSIGN, { input: { complaintId: submitted.id, version: 2, organisationId: villageOffice.id } }, headers)).body.data.assignComplaint.userErrors;
    expect(await attempt(ID)).toEqual([{
      code: 'INELIGIBLE_ORGANISATION',
      message: `${villageOffice.name} tidak dapat menangani pengaduan ini: harus kantor penanganan yang wilayahnya mencakup lokasi pengaduan, setingkat Dinas Sosial kabupaten/kota atau di atasnya.`,
    }]);
    expect(await attempt(EN)).toEqual([{
      code: 'INELIGIBLE_ORGANISATION',
      message: `${villageOffice.name} cannot handle this complaint: it must be a handling office whose jurisdiction covers the complaint’s village, at the level of the District/city social office or above.`,
    }]);
  });
});

describe('complaintCategories', () => {
  it('labels and descriptions in the caller’s language, both labels always', async () => {
    const query = '{ complaintCategories { code label labelId labelEn description principles } }';
    const [id, en] = await Promise.all([api.gql(query, undefined, ID), api.gql(query, undefined, EN)]);
    const late = (body: typeof id.body) => body.data.complaintCategories.find((c: { code: string }) => c.code === 'LATE_DISBURSEMENT');
    expect(late(id.body)).toEqual({
      code: 'LATE_DISBURSEMENT', label: 'Penyaluran terlambat', labelId: 'Penyaluran terlambat', labelEn: 'Aid paid late',
      description: 'Bantuan belum diterima sesudah jadwal penyalurannya.', principles: ['TEPAT_WAKTU'],
    });
    expect(late(en.body)).toEqual({ ...late(id.body), label: 'Aid paid late', description: 'Aid not received after its scheduled payment.' });
  });
});

