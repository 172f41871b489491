import { describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../server/src/graphql/global-id';
import { as } from '../support/auth';
import { useTestDatabase } from '../support/database';
import { ok, run, submitted } from '../support/handling';
import { demoRecipients, paidHead, PROVENANCE, REVIEW, SUKARASA } from '../support/recipients';
import { useTestServer } from '../support/server';

/**
 * A WRONG_TARGET or NOT_RECEIVED complaint resolved as UPHELD opens a
 * data-correction proposal for the family, in the same transaction; the
 * district/city office reviews it like a village's, and the recipient's
 * provenance names the complaint as what recommended the change.
 */
const db = useTestDatabase('demo');
const api = useTestServer(db);
const district = () => as(api, 'demo-dinsos-3273');

const CORRECTION = `query ($id: ID!) { complaint(id: $id) { trackingCode dataCorrectionProposal {
  id kind status origin nik reason evidence recipient { nik } proposed { dtksStatus } deliberation { id } sourceComplaint { id trackingCode } proposedBy { name } region { code } } } }`;

async function resolved(complaint: { id: string; version: number }, decision: string, client = district()) {
  return ok(client, 'resolveComplaint', { complaintId: complaint.id, version: complaint.version, decision, publicResponse: 'Hasil verifikasi lapangan: pengaduan benar.' });
}

async function correction(complaintId: string, client = district()) {
  const { body } = await client(CORRECTION, { id: complaintId });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data.complaint.dataCorrectionProposal;
}

async function proposalsFor(complaintId: string): Promise<number> {
  const [{ n }] = await db.dataSource.query('SELECT count(*)::int AS n FROM recipient_change_proposals WHERE source_complaint_id = $1', [fromGlobalId(complaintId)!.key]);
  return n;
}

describe('an upheld targeting complaint opens a data correction', () => {
  it('WRONG_TARGET upheld: a proposal to REMOVE the family’s recipient, which the district office approves', async () => {
    const head = await paidHead(db, SUKARASA, 'BRI', 'BPNT');
    const complaint = await submitted(api, { category: 'WRONG_TARGET', programCode: 'BPNT', subjectNik: head.nik, description: 'Penerima memiliki mobil dan toko bangunan.' });
    await resolved(complaint, 'UPHELD');

    const proposal = await correction(complaint.id);
    expect(proposal).toMatchObject({
      kind: 'REMOVE', status: 'PENDING', origin: 'UPHELD_COMPLAINT', nik: head.nik, recipient: { nik: head.nik }, deliberation: null,
      sourceComplaint: { id: complaint.id, trackingCode: complaint.trackingCode }, proposedBy: { name: 'Dinas Sosial Kota Bandung' }, region: { code: SUKARASA },
    });
    expect(proposal.reason).toContain(complaint.trackingCode);
    expect(proposal.evidence).toContain('Hasil verifikasi lapangan');
    // The village office sees it in its list too; the listing finds it by complaint.
    const listed = await as(api, 'demo-village-3273011001')('query ($id: ID!) { recipientChangeProposals(filter: { complaintId: $id }) { edges { node { id } } } }', { id: complaint.id });
    expect(listed.body.data.recipientChangeProposals.edges).toEqual([{ node: { id: proposal.id } }]);

    const review = await district()(REVIEW, { input: { proposalId: proposal.id, decision: 'APPROVE', note: 'Sesuai putusan pengaduan.' } });
    expect(review.body.data.reviewRecipientChange.userErrors).toEqual([]);
    expect(review.body.data.reviewRecipientChange.recipient.dtksStatus).toBe('REMOVED');
    const provenance = (await district()(PROVENANCE, { nik: head.nik })).body.data.recipient.provenance;
    expect(provenance.at(-1)).toMatchObject({
      action: 'REMOVED', recommendedBy: null, recommendingComplaint: { trackingCode: complaint.trackingCode },
      proposedBy: { name: 'Dinas Sosial Kota Bandung' }, approvedBy: { name: 'Dinas Sosial Kota Bandung' },
    });
  });

  it('NOT_RECEIVED upheld: a proposal to put the family in DTKS (UPDATE to REGISTERED)', async () => {
    const [person] = await demoRecipients(db, `r.region_code = $1 AND r.dtks_status = 'NOT_REGISTERED' AND NOT EXISTS (SELECT 1 FROM recipient_change_proposals x WHERE x.recipient_id = r.id)`, [SUKARASA]);
    const complaint = await submitted(api, { category: 'NOT_RECEIVED', programCode: 'PKH', subjectNik: person.nik });
    await resolved(complaint, 'UPHELD', as(api, 'demo-village-3273011001'));
    const proposal = await correction(complaint.id);
    expect(proposal).toMatchObject({ kind: 'UPDATE', status: 'PENDING', origin: 'UPHELD_COMPLAINT', proposed: { dtksStatus: 'REGISTERED' }, proposedBy: { name: expect.stringContaining('Sukarasa') } });
    const review = await district()(REVIEW, { input: { proposalId: proposal.id, decision: 'APPROVE', note: 'Layak: masuk DTKS.' } });
    expect(review.body.data.reviewRecipientChange.recipient.dtksStatus).toBe('REGISTERED');
    const provenance = (await district()(PROVENANCE, { nik: person.nik })).body.data.recipient.provenance;
    expect(provenance.at(-1)).toMatchObject({ action: 'UPDATED', changedFields: ['dtksStatus'] });
  });

  it('opens nothing for other decisions, other categories, no subject, or a subject not in the register', async () => {
    const [a, b] = [await paidHead(db, SUKARASA, 'BRI', 'BPNT', 1), await paidHead(db, SUKARASA, 'BRI', 'BPNT', 2)];
    const cases: [Record<string, unknown>, string][] = [
      [{ category: 'WRONG_TARGET', subjectNik: a.nik }, 'NOT_UPHELD'],
      [{ category: 'WRONG_TARGET', subjectNik: a.nik }, 'PARTIALLY_UPHELD'],
      [{ category: 'NOT_RECEIVED', subjectNik: b.nik }, 'REDIRECTED'],
      [{ category: 'LATE_DISBURSEMENT', subjectNik: b.nik }, 'UPHELD'],
      [{ category: 'DATA_ERROR', subjectNik: b.nik }, 'UPHELD'],
      [{ category: 'WRONG_TARGET' }, 'UPHELD'],
      [{ category: 'NOT_RECEIVED', subjectNik: '3273014101990999' }, 'UPHELD'],
    ];
    for (const [overrides, decision] of cases) {
      const complaint = await submitted(api, overrides);
      await resolved(complaint, decision);
      expect(await proposalsFor(complaint.id), `${JSON.stringify(overrides)} ${decision}`).toBe(0);
      expect(await correction(complaint.id)).toBeNull();
    }
  });

  it('opens nothing when the resolution itself is refused (same transaction)', async () => {
    const head = await paidHead(db, SUKARASA, 'BRI', 'BPNT', 3);
    const complaint = await submitted(api, { category: 'WRONG_TARGET', subjectNik: head.nik });
    const payload = await run(district(), 'resolveComplaint', { complaintId: complaint.id, version: complaint.version + 5, decision: 'UPHELD', publicResponse: 'x' });
    expect(payload.userErrors[0].code).toBe('STALE_VERSION');
    expect(await proposalsFor(complaint.id)).toBe(0);
  });

  it('shows the correction to handlers and auditors only', async () => {
    const head = await paidHead(db, SUKARASA, 'BRI', 'BPNT', 4);
    const complaint = await submitted(api, { category: 'WRONG_TARGET', subjectNik: head.nik });
    await resolved(complaint, 'UPHELD');
    expect(await correction(complaint.id, as(api, 'demo-auditor'))).toMatchObject({ kind: 'REMOVE' });
    expect(await correction(complaint.id, as(api, 'demo-portal-3273'))).toBeNull();
  });
});
