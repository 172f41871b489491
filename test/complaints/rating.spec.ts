import { describe, expect, it } from 'vitest';
import { sweepSla } from '../../server/src/escalation/sla-sweep';
import { useTestDatabase } from '../support/database';
import { clients, ok, stored, submitted, TRACK } from '../support/handling';
import { useTestServer } from '../support/server';

const db = useTestDatabase('demo');
const api = useTestServer(db);
/** The same database behind a server with a tiny public budget, for the per-IP limit. */
const strict = useTestServer(db, { rateLimits: { clientPerMinute: 100_000, publicPerMinute: 2 } });
const { portal, village, district, bri, auditor, public: anyone } = clients(api);

const RATE = `mutation ($input: RateResolutionInput!) { rateResolution(input: $input) {
  tracking { trackingCode status } userErrors { field code message } } }`;
const RATING = 'query ($id: ID!) { complaint(id: $id) { rating { score comment ratedAt } } }';

async function resolved() {
  const c = await submitted(api);
  await ok(village, 'resolveComplaint', { complaintId: c.id, version: 1, decision: 'UPHELD', publicResponse: 'Bantuan sudah disalurkan ulang.' });
  return c;
}

async function rate(input: Record<string, unknown>, headers: Record<string, string> = {}) {
  const { status, body } = await api.gql(RATE, { input }, headers);
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  return body.data.rateResolution;
}

describe('rateResolution (public, with the tracking code and the reply PIN)', () => {
  it('takes a 1–5 rating and a comment without a token; the event is internal and carries the score only; handlers and auditors read the comment', async () => {
    const c = await resolved();
    const typed = c.trackingCode.toLowerCase().replace(/-/g, ' ');
    const payload = await rate({ trackingCode: typed, pin: c.replyPin, rating: 4, comment: ' Cepat, tapi petugas desa kurang ramah. ' });
    expect(payload).toEqual({ tracking: { trackingCode: c.trackingCode, status: 'RESOLVED' }, userErrors: [] });
    const { row, events } = await stored(db, c.id);
    expect(row).toMatchObject({ resolutionRating: 4, resolutionComment: 'Cepat, tapi petugas desa kurang ramah.', version: 3 });
    expect(events.at(-1)).toMatchObject({ type: 'RATED', visibility: 'INTERNAL', actor: null, message: 'Penilaian penyelesaian: 4/5.', data: { rating: 4 } });
    for (const reader of [village, district, auditor]) {
      expect((await reader(RATING, { id: c.id })).body.data.complaint.rating).toEqual({ score: 4, comment: 'Cepat, tapi petugas desa kurang ramah.', ratedAt: expect.any(String) });
    }
    expect((await portal(RATING, { id: c.id })).body.data.complaint.rating).toBeNull();
    expect(JSON.stringify((await anyone(TRACK, { code: c.trackingCode })).body)).not.toContain('ramah');
  });

  it('takes a rating of a CLOSED complaint too, and no comment', async () => {
    const c = await resolved();
    await sweepSla(db.dataSource, new Date(Date.now() + 30 * 86_400_000)); // 10 silent working days later: closed
    expect((await stored(db, c.id)).row.status).toBe('CLOSED');
    expect((await rate({ trackingCode: c.trackingCode, pin: c.replyPin, rating: 1 })).userErrors).toEqual([]);
    expect((await stored(db, c.id)).row).toMatchObject({ resolutionRating: 1, resolutionComment: null });
  });

  it('once per complaint: a second rating is ALREADY_RATED, also when two arrive at once', async () => {
    const c = await resolved();
    await rate({ trackingCode: c.trackingCode, pin: c.replyPin, rating: 5 });
    const second = await rate({ trackingCode: c.trackingCode, pin: c.replyPin, rating: 1 });
    expect(second.userErrors).toEqual([expect.objectContaining({ code: 'ALREADY_RATED', field: ['input', 'trackingCode'] })]);
    const d = await resolved();
    const both = await Promise.all([rate({ trackingCode: d.trackingCode, pin: d.replyPin, rating: 2 }), rate({ trackingCode: d.trackingCode, pin: d.replyPin, rating: 3 })]);
    expect(both.flatMap((p) => p.userErrors.map((e: { code: string }) => e.code))).toEqual(['ALREADY_RATED']);
    expect((await stored(db, d.id)).events.filter((e) => e.type === 'RATED')).toHaveLength(1);
    expect((await stored(db, c.id)).row.resolutionRating).toBe(5);
  });

  it('refuses a complaint not yet resolved (INVALID_TRANSITION), a rating outside 1–5 or a long comment (INVALID_INPUT), an unknown code (NOT_FOUND)', async () => {
    const open = await submitted(api);
    const early = await rate({ trackingCode: open.trackingCode, pin: open.replyPin, rating: 5 });
    expect(early).toEqual({ tracking: { trackingCode: open.trackingCode, status: 'RECEIVED' }, userErrors: [expect.objectContaining({ code: 'INVALID_TRANSITION' })] });
    const c = await resolved();
    for (const rating of [0, 6]) {
      expect((await rate({ trackingCode: c.trackingCode, pin: c.replyPin, rating })).userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'rating'] })]);
    }
    expect((await rate({ trackingCode: c.trackingCode, pin: c.replyPin, rating: 3, comment: 'x'.repeat(1001) })).userErrors)
      .toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'comment'] })]);
    for (const trackingCode of ['ADU-0000-0000', 'not a code']) {
      expect(await rate({ trackingCode, pin: '123456', rating: 3 })).toEqual({ tracking: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND' })] });
    }
    expect((await stored(db, c.id)).row).toMatchObject({ resolutionRating: null, version: 2 });
    expect((await bri(RATING, { id: c.id })).body.data.complaint).toBeNull();
  });

  it('is limited per IP address, like the tracker (codes cannot be probed through it)', async () => {
    const headers = { 'content-type': 'application/json' };
    const call = () => fetch(`${strict.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: RATE, variables: { input: { trackingCode: 'ADU-0000-0000', pin: '123456', rating: 3 } } }) });
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(200);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect((await refused.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
  });
});
