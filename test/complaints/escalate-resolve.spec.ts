import { describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../server/src/graphql/global-id';
import { as } from '../support/auth';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

const db = useTestDatabase('demo');
const api = useTestServer(db);
const portal = as(api, 'demo-portal-3273');
const village = as(api, 'demo-village-3273011001');
const district = as(api, 'demo-dinsos-3273');
const surabaya = as(api, 'demo-dinsos-3578');
const ministry = as(api, 'demo-ministry');

const ESCALATE = `mutation ($input: EscalateComplaintInput!) { escalateComplaint(input: $input) {
  complaint { id status currentTier version assignedTo { tier } } userErrors { field code message } } }`;
const RESOLVE = `mutation ($input: ResolveComplaintInput!) { resolveComplaint(input: $input) {
  complaint { id status version resolutionDecision slaState } userErrors { field code message } } }`;

async function submitted(overrides: Record<string, unknown> = {}) {
  return (await portal(SUBMIT, { input: complaintInput(overrides) })).body.data.submitComplaint.complaint as { id: string; version: number };
}

describe('escalateComplaint', () => {
  it('moves a complaint one tier up to the office there, with the reason in the timeline', async () => {
    const c = await submitted();
    const { body } = await village(ESCALATE, { input: { complaintId: c.id, version: 1, reason: 'Perlu data DTKS kabupaten.' } });
    expect(body.data.escalateComplaint).toMatchObject({ userErrors: [], complaint: { currentTier: 'DISTRICT', version: 2, assignedTo: { tier: 'DISTRICT' } } });
    const timeline = await district('query ($id: ID!) { complaint(id: $id) { timeline { edges { node { seq type fromTier toTier message actorName } } } } }', { id: c.id });
    expect(timeline.body.data.complaint.timeline.edges.map((e: { node: unknown }) => e.node)).toEqual([
      expect.objectContaining({ seq: 1, type: 'SUBMITTED' }),
      expect.objectContaining({ seq: 2, type: 'ESCALATED', fromTier: 'VILLAGE', toTier: 'DISTRICT', message: 'Perlu data DTKS kabupaten.', actorName: expect.stringContaining('Sukarasa') }),
    ]);
  });

  it('jumps to toTier when given', async () => {
    const c = await submitted();
    const { body } = await district(ESCALATE, { input: { complaintId: c.id, version: 1, reason: 'Kewenangan pusat.', toTier: 'NATIONAL' } });
    expect(body.data.escalateComplaint.complaint.currentTier).toBe('NATIONAL');
  });

  it('refuses escalating past national, downwards, a stale version, or without a reason — changing nothing', async () => {
    const c = await submitted();
    const national = (await ministry(ESCALATE, { input: { complaintId: c.id, version: 1, reason: 'x', toTier: 'NATIONAL' } })).body.data.escalateComplaint.complaint;
    const past = (await ministry(ESCALATE, { input: { complaintId: c.id, version: national.version, reason: 'lagi' } })).body.data.escalateComplaint;
    expect(past.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    const other = await submitted();
    const down = (await district(ESCALATE, { input: { complaintId: other.id, version: 1, reason: 'x', toTier: 'VILLAGE' } })).body.data.escalateComplaint;
    expect(down.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'toTier'] })]);
    const stale = (await district(ESCALATE, { input: { complaintId: other.id, version: 7, reason: 'x' } })).body.data.escalateComplaint;
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'STALE_VERSION', field: ['input', 'version'] })]);
    const empty = (await district(ESCALATE, { input: { complaintId: other.id, version: 1, reason: '  ' } })).body.data.escalateComplaint;
    expect(empty.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'reason'] })]);
    const [{ version }] = await db.dataSource.query('SELECT version FROM complaints WHERE id = $1', [fromGlobalId(other.id)!.key]);
    expect(version).toBe(1);
  });

  it('a lower tier cannot act on a complaint above it; another region cannot even see it', async () => {
    const c = await submitted();
    await district(ESCALATE, { input: { complaintId: c.id, version: 1, reason: 'ke kabupaten', toTier: 'DISTRICT' } });
    const tooLow = (await village(RESOLVE, { input: { complaintId: c.id, version: 2, decision: 'UPHELD', publicResponse: 'ok' } })).body.data.resolveComplaint;
    expect(tooLow.userErrors).toEqual([expect.objectContaining({ code: 'OUTSIDE_YOUR_TIER' })]);
    const elsewhere = (await surabaya(RESOLVE, { input: { complaintId: c.id, version: 2, decision: 'UPHELD', publicResponse: 'ok' } })).body.data.resolveComplaint;
    expect(elsewhere).toEqual({ complaint: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND' })] });
  });

  it('is for handlers only', async () => {
    const c = await submitted();
    for (const client of ['demo-portal-3273', 'demo-bank-bri', 'demo-auditor', 'demo-ngo-lks']) {
      const { body } = await as(api, client)(ESCALATE, { input: { complaintId: c.id, version: 1, reason: 'x' } });
      expect(body.errors?.[0].extensions?.code, client).toBe('FORBIDDEN');
    }
    expect((await api.gql(ESCALATE, { input: { complaintId: c.id, version: 1, reason: 'x' } })).body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('resolveComplaint', () => {
  it('records the decision and the public answer, which the tracker shows', async () => {
    const submittedPayload = (await portal(SUBMIT, { input: complaintInput() })).body.data.submitComplaint;
    const { body } = await village(RESOLVE, { input: { complaintId: submittedPayload.complaint.id, version: 1, decision: 'PARTIALLY_UPHELD', publicResponse: 'Data KPM sudah diperbaiki; bantuan tahap berikutnya akan masuk.' } });
    expect(body.data.resolveComplaint).toMatchObject({ userErrors: [], complaint: { status: 'RESOLVED', resolutionDecision: 'PARTIALLY_UPHELD', version: 2, slaState: 'MET' } });
    const tracked = await api.gql('query ($c: String!) { trackComplaint(trackingCode: $c) { status publicResponses { message } } }', { c: submittedPayload.trackingCode });
    expect(tracked.body.data.trackComplaint).toEqual({ status: 'RESOLVED', publicResponses: [{ message: 'Data KPM sudah diperbaiki; bantuan tahap berikutnya akan masuk.' }] });
  });

  it('refuses resolving twice (INVALID_TRANSITION) and an empty answer (INVALID_INPUT)', async () => {
    const c = await submitted();
    const empty = (await village(RESOLVE, { input: { complaintId: c.id, version: 1, decision: 'UPHELD', publicResponse: '' } })).body.data.resolveComplaint;
    expect(empty.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'publicResponse'] })]);
    await village(RESOLVE, { input: { complaintId: c.id, version: 1, decision: 'UPHELD', publicResponse: 'Selesai.' } });
    const twice = (await village(RESOLVE, { input: { complaintId: c.id, version: 2, decision: 'NOT_UPHELD', publicResponse: 'Lagi.' } })).body.data.resolveComplaint;
    expect(twice.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    expect(twice.complaint.resolutionDecision).toBe('UPHELD');
  });

  it('an unknown decision is a GraphQL validation error, not a 500', async () => {
    const c = await submitted();
    const { status, body } = await village(RESOLVE, { input: { complaintId: c.id, version: 1, decision: 'MAYBE', publicResponse: 'x' } });
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('two handlers at once: exactly one wins, the other gets STALE_VERSION', async () => {
    const c = await submitted();
    const results = await Promise.all([
      village(RESOLVE, { input: { complaintId: c.id, version: 1, decision: 'UPHELD', publicResponse: 'A' } }),
      district(ESCALATE, { input: { complaintId: c.id, version: 1, reason: 'B' } }),
    ]);
    const errors = [results[0].body.data.resolveComplaint.userErrors, results[1].body.data.escalateComplaint.userErrors];
    expect(errors.filter((e) => e.length === 0)).toHaveLength(1);
    expect(errors.flat().map((e: { code: string }) => e.code)).toEqual(['STALE_VERSION']);
    const [{ version }] = await db.dataSource.query('SELECT version FROM complaints WHERE id = $1', [fromGlobalId(c.id)!.key]);
    expect(version).toBe(2);
  });
});
