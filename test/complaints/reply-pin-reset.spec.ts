import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../server/src/graphql/global-id';
import { as } from '../support/auth';
import { complaintInput } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { clients, ok, run } from '../support/handling';
import { useTestServer } from '../support/server';

/**
 * A complainant who lost their reply PIN — or whose complaint someone's wrong
 * guesses locked — gets a new one from the office handling it or from the
 * intake client that filed it (resetReplyPin, docs/adr/0026-complainant-pin.md).
 */
let offset = 0;
const db = useTestDatabase('demo');
const api = useTestServer(db, { now: () => Date.now() + offset });
const { village, district, bri, auditor, ministry, public: anyone } = clients(api);
const portal = as(api, 'demo-portal-3273');
const lks = as(api, 'demo-ngo-lks');

const SUBMIT = `mutation ($input: SubmitComplaintInput!) { submitComplaint(input: $input) {
  trackingCode replyPin complaint { id version } userErrors { code } } }`;
const RESET = `mutation ($input: ResetReplyPinInput!) { resetReplyPin(input: $input) {
  replyPin complaint { id version } userErrors { field code message } } }`;
const ANSWER = `mutation ($input: AnswerInformationRequestInput!) { answerInformationRequest(input: $input) {
  tracking { status } userErrors { field code message } } }`;

async function filed() {
  const { body } = await portal(SUBMIT, { input: complaintInput() });
  const payload = body.data.submitComplaint;
  expect(payload.userErrors).toEqual([]);
  return { id: payload.complaint.id as string, trackingCode: payload.trackingCode as string, pin: payload.replyPin as string };
}
const version = async (id: string) => (await db.dataSource.query('SELECT version FROM complaints WHERE id = $1', [fromGlobalId(id)!.key]))[0].version as number;
const answer = (trackingCode: string, pin: string) => run(anyone, 'answerInformationRequest', { trackingCode, pin, information: 'Nomor KKS terlampir.' }, 'tracking { status }');

describe('resetReplyPin', () => {
  it('a lost PIN: the office gives a new one, answered once; the old one stops working, the new one works; the timeline says who, never the PIN', async () => {
    const c = await filed();
    await ok(village, 'requestInformation', { complaintId: c.id, version: await version(c.id), message: 'Mohon kirim nomor KKS.' });
    const before = await version(c.id);
    const { body } = await village(RESET, { input: { complaintId: c.id } });
    expect(body.errors).toBeUndefined();
    const reset = body.data.resetReplyPin;
    expect(reset.userErrors).toEqual([]);
    expect(reset.replyPin).toMatch(/^\d{6}$/);
    expect(reset.complaint.version).toBe(before + 1); // one change, one version
    const events = await db.dataSource.query(
      `SELECT type, visibility, actor_organisation_id IS NOT NULL AS named, data::text AS data FROM complaint_events WHERE complaint_id = $1 ORDER BY seq DESC LIMIT 1`,
      [fromGlobalId(c.id)!.key],
    );
    expect(events).toEqual([{ type: 'REPLY_PIN_RESET', visibility: 'INTERNAL', named: true, data: expect.not.stringContaining(reset.replyPin) }]);
    if (reset.replyPin !== c.pin) expect((await answer(c.trackingCode, c.pin)).userErrors.map((e: { code: string }) => e.code)).toEqual(['PIN_INCORRECT']);
    const answered = await answer(c.trackingCode, reset.replyPin);
    expect(answered.userErrors).toEqual([]);
    expect(answered.tracking.status).not.toBe('PENDING_INFO');
  });

  it('a complaint locked by wrong guesses is unlocked by a new PIN', async () => {
    const c = await filed();
    await ok(village, 'requestInformation', { complaintId: c.id, version: await version(c.id), message: 'Mohon kirim foto KKS.' });
    const wrong = c.pin === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) await answer(c.trackingCode, wrong);
    expect((await answer(c.trackingCode, c.pin)).userErrors.map((e: { code: string }) => e.code)).toEqual(['PIN_LOCKED']);
    const { body } = await portal(RESET, { input: { complaintId: c.id } }); // the portal that filed it, for the person at its desk
    expect(body.data.resetReplyPin.userErrors).toEqual([]);
    expect((await answer(c.trackingCode, body.data.resetReplyPin.replyPin)).userErrors).toEqual([]);
  });

  it('only those who may: another intake client and an office outside the region hear NOT_FOUND; banks, auditors and the public are refused', async () => {
    const c = await filed();
    const notFound = async (client: typeof lks) => (await client(RESET, { input: { complaintId: c.id } })).body.data.resetReplyPin;
    expect(await notFound(lks)).toMatchObject({ replyPin: null, userErrors: [{ code: 'NOT_FOUND' }] });
    expect(await notFound(as(api, 'demo-dinsos-3578'))).toMatchObject({ replyPin: null, userErrors: [{ code: 'NOT_FOUND' }] });
    for (const [client, code] of [[bri, 'FORBIDDEN'], [auditor, 'FORBIDDEN'], [anyone, 'UNAUTHENTICATED']] as const) {
      const { body } = await client(RESET, { input: { complaintId: c.id } });
      expect(body.errors?.[0]?.extensions?.code).toBe(code);
    }
    expect(await version(c.id)).toBe(1); // nothing changed
    // The district office acts on its villages' complaints too (tiers at or below its own).
    expect((await district(RESET, { input: { complaintId: c.id } })).body.data.resetReplyPin.replyPin).toMatch(/^\d{6}$/);
  });

  it('a complaint finished longer ago than a PIN lives gets none: INVALID_TRANSITION, in words the caller can act on', async () => {
    const c = await filed();
    await ok(village, 'resolveComplaint', { complaintId: c.id, version: await version(c.id), decision: 'UPHELD', publicResponse: 'Sudah disalurkan.' });
    offset = 38 * 86_400_000;
    try {
      const { body } = await ministry(RESET, { input: { complaintId: c.id } }, { 'accept-language': 'en' });
      expect(body.data.resetReplyPin).toMatchObject({ replyPin: null, userErrors: [{ code: 'INVALID_TRANSITION', field: ['input', 'complaintId'] }] });
      expect(body.data.resetReplyPin.userErrors[0].message).toContain('finished more than 37 days ago');
    } finally {
      offset = 0;
    }
  });
});
