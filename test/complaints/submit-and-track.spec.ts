import { describe, expect, it } from 'vitest';
import { as } from '../support/auth';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

const db = useTestDatabase('demo');
const api = useTestServer(db);
const portal = as(api, 'demo-portal-3273');
const TRACK = `query ($code: String!) { trackComplaint(trackingCode: $code) {
  trackingCode status statusLabel currentTier tierLabel submittedAt lastUpdatedAt dueAt publicResponses { at message } } }`;

describe('submitComplaint', () => {
  it('acknowledges at once with an unguessable tracking code, routed to the village office, verification due in working days', async () => {
    const { body } = await portal(SUBMIT, { input: complaintInput() });
    expect(body.errors).toBeUndefined();
    const result = body.data.submitComplaint;
    expect(result.userErrors).toEqual([]);
    expect(result.trackingCode).toMatch(/^ADU-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(result.complaint).toMatchObject({ status: 'RECEIVED', currentTier: 'VILLAGE', version: 1, slaState: 'ON_TRACK', assignedTo: { tier: 'VILLAGE' } });
    expect(result.acknowledgement).toContain(result.trackingCode);
    expect(result.acknowledgement).toMatch(/paling lambat \d+ \w+ \d{4} pukul 23\.59 WIB/);
    const due = new Date(result.complaint.dueAt);
    expect(due.getTime() - Date.now()).toBeGreaterThan(2 * 86_400_000); // ≥ 3 working days, ends 23:59 WIB
  });

  it('answers in English on request', async () => {
    const { body } = await portal(SUBMIT, { input: complaintInput() }).then(async () =>
      api.gql(SUBMIT, { input: complaintInput() }, { authorization: (await tokenHeader()), 'accept-language': 'en-US,en;q=0.9' }));
    expect(body.data.submitComplaint.acknowledgement).toMatch(/^Your complaint has been received with tracking code ADU-/);
  });

  it('sends complaints about officials past the village tier, confidential whatever was asked', async () => {
    const { body } = await portal(SUBMIT, { input: complaintInput({ category: 'ILLEGAL_LEVY', complainant: { confidential: false } }) });
    expect(body.data.submitComplaint.complaint).toMatchObject({ currentTier: 'DISTRICT', assignedTo: { tier: 'DISTRICT' } });
    const village = as(api, 'demo-village-3273011001');
    const seen = await village('query ($id: ID!) { complaint(id: $id) { id } }', { id: body.data.submitComplaint.complaint.id });
    expect(seen.body.data.complaint).toBeNull(); // the village office never sees it
    const district = as(api, 'demo-dinsos-3273');
    const handled = await district('query ($id: ID!) { complaint(id: $id) { complainant { name confidential } } }', { id: body.data.submitComplaint.complaint.id });
    expect(handled.body.data.complaint.complainant).toEqual({ name: 'Siti Aminah', confidential: true });
  });

  it.each([
    ['a NIK with a bad birth date', { complainant: { nik: '3273019913850001' } }, ['input', 'complainant', 'nik']],
    ['a NIK of 15 digits', { subjectNik: '327301450785000' }, ['input', 'subjectNik']],
    ['an unknown channel', { channel: 'FAX' }, ['input', 'channel']],
    ['the bank-report channel', { channel: 'BANK_REPORT' }, ['input', 'channel']],
    ['an unknown programme', { programCode: 'NOPE' }, ['input', 'programCode']],
    ['a district instead of a village', { regionCode: '32.73' }, ['input', 'regionCode']],
    ['an unknown village', { regionCode: '32.73.01.9999' }, ['input', 'regionCode']],
    ['an empty description', { description: '   ' }, ['input', 'description']],
    ['a description over 4000 characters', { description: 'a'.repeat(4001) }, ['input', 'description']],
    ['a phone that is not one', { complainant: { phone: '12345' } }, ['input', 'complainant', 'phone']],
    ['a date in the future', { occurredOn: '2999-01-01' }, ['input', 'occurredOn']],
    ['a date that does not exist', { occurredOn: '2025-02-30' }, ['input', 'occurredOn']],
    ['an idempotency key over 128 characters', { idempotencyKey: 'k'.repeat(129) }, ['input', 'idempotencyKey']],
  ])('refuses %s with INVALID_INPUT naming the field, and writes nothing', async (_case, overrides, field) => {
    const before = await db.dataSource.query('SELECT count(*)::int AS n FROM complaints');
    const { status, body } = await portal(SUBMIT, { input: complaintInput(overrides) });
    expect(status).toBe(200);
    expect(body.data.submitComplaint.complaint).toBeNull();
    expect(body.data.submitComplaint.userErrors).toContainEqual(expect.objectContaining({ field, code: 'INVALID_INPUT', message: expect.any(String) }));
    expect(JSON.stringify(body)).not.toContain('3273019913850001');
    const after = await db.dataSource.query('SELECT count(*)::int AS n FROM complaints');
    expect(after[0].n).toBe(before[0].n);
  });

  it('returns the first result for a repeated key, and refuses the key with other input', async () => {
    const input = complaintInput();
    const first = (await portal(SUBMIT, { input })).body.data.submitComplaint;
    const again = (await portal(SUBMIT, { input })).body.data.submitComplaint;
    expect(again.trackingCode).toBe(first.trackingCode);
    expect(again.complaint.id).toBe(first.complaint.id);
    const [{ n }] = await db.dataSource.query('SELECT count(*)::int AS n FROM complaints WHERE tracking_code = $1', [first.trackingCode]);
    expect(n).toBe(1);
    const reused = (await portal(SUBMIT, { input: { ...input, description: 'Lain cerita.' } })).body.data.submitComplaint;
    expect(reused.complaint).toBeNull();
    expect(reused.userErrors).toEqual([expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] })]);
  });

  it('creates exactly one complaint when identical submissions race with one key', async () => {
    const input = complaintInput();
    const results = await Promise.all(Array.from({ length: 8 }, () => portal(SUBMIT, { input })));
    const codes = new Set(results.map((r) => r.body.data.submitComplaint.trackingCode));
    expect(codes.size).toBe(1);
    const [{ n }] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM idempotency_records r JOIN api_clients a ON a.id = r.api_client_id WHERE a.client_id = 'demo-portal-3273' AND r.key = $1`, [input.idempotencyKey]);
    expect(n).toBe(1);
    const [{ c }] = await db.dataSource.query('SELECT count(*)::int AS c FROM complaints WHERE tracking_code = $1', [[...codes][0]]);
    expect(c).toBe(1);
  });

  it('keys are per client: another client may use the same key', async () => {
    const input = complaintInput();
    const a = (await portal(SUBMIT, { input })).body.data.submitComplaint;
    const b = (await as(api, 'demo-ngo-lks')(SUBMIT, { input })).body.data.submitComplaint;
    expect(a.trackingCode).not.toBe(b.trackingCode);
  });

  it('suggests open complaints about the same family, programme and category as possible duplicates', async () => {
    const subjectNik = '3273010101800009';
    const first = (await portal(SUBMIT, { input: complaintInput({ subjectNik }) })).body.data.submitComplaint;
    const second = (await portal(SUBMIT, { input: complaintInput({ subjectNik }) })).body.data.submitComplaint;
    expect(second.possibleDuplicates.map((c: { trackingCode: string }) => c.trackingCode)).toContain(first.trackingCode);
  });

  it('is refused to auditors (FORBIDDEN), to the public (UNAUTHENTICATED), and to a bank but on its own call-centre channel', async () => {
    // A bank files on its BANK_CALL_CENTER_* channel only (test/workspace/bank-call-centre.spec.ts): WEB_PORTAL is a userError.
    const bank = (await as(api, 'demo-bank-bri')(SUBMIT, { input: complaintInput() })).body;
    expect(bank.data.submitComplaint.userErrors).toEqual([expect.objectContaining({ field: ['input', 'channel'], code: 'INVALID_INPUT' })]);
    expect((await as(api, 'demo-auditor')(SUBMIT, { input: complaintInput() })).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(SUBMIT, { input: complaintInput() })).body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('trackComplaint (public)', () => {
  it('shows status, tier, dates and public responses — nothing that identifies anyone', async () => {
    const submitted = (await portal(SUBMIT, { input: complaintInput() })).body.data.submitComplaint;
    const { body } = await api.gql(TRACK, { code: submitted.trackingCode });
    expect(body.errors).toBeUndefined();
    expect(body.data.trackComplaint).toMatchObject({
      trackingCode: submitted.trackingCode, status: 'RECEIVED', statusLabel: 'Diterima', currentTier: 'VILLAGE', publicResponses: [],
    });
    const text = JSON.stringify(body);
    for (const secret of ['Siti', '3273014507850001', '3456', 'Sukarasa', 'PKH tidak masuk']) expect(text).not.toContain(secret);
  });

  it('reads a code as people type it: lower case, spaces, look-alike letters', async () => {
    const submitted = (await portal(SUBMIT, { input: complaintInput() })).body.data.submitComplaint;
    const typed = submitted.trackingCode.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect((await api.gql(TRACK, { code: typed })).body.data.trackComplaint.trackingCode).toBe(submitted.trackingCode);
  });

  it('answers null for an unknown or malformed code', async () => {
    expect((await api.gql(TRACK, { code: 'ADU-0000-0000' })).body.data.trackComplaint).toBeNull();
    expect((await api.gql(TRACK, { code: 'x'.repeat(5000) })).body.data.trackComplaint).toBeNull();
  });
});

async function tokenHeader(): Promise<string> {
  const { tokenFor } = await import('../support/auth');
  return `Bearer ${await tokenFor(api, 'demo-portal-3273')}`;
}
