import { describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../server/src/graphql/global-id';
import { useTestDatabase } from '../support/database';
import { clients, COMPLAINT_FIELDS, ok, run, stored, submitted, timeline } from '../support/handling';
import { useTestServer } from '../support/server';

/**
 * correctComplaint (docs/adr/0031-workspace-api.md): a complaint filed under the wrong category, programme or village
 * is corrected through the one door — one CORRECTED event with before and after, one version — and re-routed when
 * the new village or category changes who handles it.
 */
const db = useTestDatabase('demo');
const api = useTestServer(db);
const { village, district, surabaya, province } = clients(api);
const FIELDS = `complaint { ${COMPLAINT_FIELDS} category program { code } region { code } assignedTo { name tier } } rerouted`;

async function verifiedWithSms() {
  const c = await submitted(api, { complainant: { notifyVia: 'SMS' } });
  await ok(village, 'verifyComplaint', { complaintId: c.id, version: 1 });
  return c;
}

describe('correctComplaint', () => {
  it('a category about officials moves it from the village office to the district, which acts; the village no longer sees it', async () => {
    const c = await verifiedWithSms();
    const before = await stored(db, c.id);
    const payload = await ok(village, 'correctComplaint', {
      complaintId: c.id, version: 2, category: 'ILLEGAL_LEVY', reason: 'Pelapor menyebut pungutan oleh petugas.',
    }, FIELDS);
    expect(payload.rerouted).toBe(true);
    expect(payload.complaint).toMatchObject({ version: 3, category: 'ILLEGAL_LEVY', currentTier: 'DISTRICT', assignedTo: { name: 'Dinas Sosial Kota Bandung', tier: 'DISTRICT' } });
    expect(payload.complaint.dueAt).not.toBe(c.dueAt);

    const after = await stored(db, c.id);
    expect(after.row.version).toBe(before.row.version + 1);
    expect(after.events.slice(before.events.length)).toEqual([expect.objectContaining({
      type: 'CORRECTED', visibility: 'PUBLIC', fromTier: 'VILLAGE', toTier: 'DISTRICT', actor: 'Kantor Kelurahan Sukarasa (Puskesos)',
      data: expect.objectContaining({ before: expect.objectContaining({ category: 'NOT_RECEIVED' }), after: expect.objectContaining({ category: 'ILLEGAL_LEVY' }), rerouted: true }),
    })]);
    expect(after.events.at(-1)!.message).toContain('NOT_RECEIVED → ILLEGAL_LEVY');
    const [{ confidential }] = await db.dataSource.query('SELECT confidential FROM complaints WHERE id = $1', [after.uuid]);
    expect(confidential).toBe(true);

    // The complainant is told who handles it now, as for an escalation.
    const told = await db.dataSource.query(`SELECT kind, params FROM notifications WHERE complaint_id = $1 AND kind = 'ESCALATED'`, [after.uuid]);
    expect(told).toEqual([{ kind: 'ESCALATED', params: expect.objectContaining({ tier: 'DISTRICT' }) }]);

    // The old office no longer sees or acts; the new one does, on the timeline that shows the correction.
    expect(await timeline(village, c.id)).toBeNull();
    const refused = await run(village, 'addInternalNote', { complaintId: c.id, version: 3, note: 'Masih di sini?' });
    expect(refused.userErrors[0].code).toBe('NOT_FOUND');
    const seen = await timeline(district, c.id);
    expect(seen.at(-1)).toMatchObject({ type: 'CORRECTED', fromTier: 'VILLAGE', toTier: 'DISTRICT' });
    await ok(district, 'addInternalNote', { complaintId: c.id, version: 3, note: 'Diterima dari kelurahan setelah koreksi.' });
  });

  it('a district moves it to another of its villages without an office: the district handles it; another district’s village is refused', async () => {
    const c = await verifiedWithSms();
    const moved = await ok(district, 'correctComplaint', { complaintId: c.id, version: 2, regionCode: '32.73.01.1002', programCode: 'BPNT', reason: 'Alamat KPM di kelurahan sebelah.' }, FIELDS);
    expect(moved).toMatchObject({ rerouted: true, complaint: { version: 3, currentTier: 'DISTRICT', program: { code: 'BPNT' }, region: { code: '32.73.01.1002' } } });
    const { events } = await stored(db, c.id);
    expect(events.at(-1)!.message).toContain('32.73.01.1001 → 32.73.01.1002');
    expect(events.at(-1)!.message).toContain('PKH → BPNT');
    expect(await timeline(village, c.id)).toBeNull();

    const outside = await run(district, 'correctComplaint', { complaintId: c.id, version: 3, regionCode: '35.78.01.1001', reason: 'Salah kota.' }, FIELDS);
    expect(outside.userErrors).toEqual([expect.objectContaining({ field: ['input', 'regionCode'], code: 'OUTSIDE_YOUR_TIER' })]);
    // Surabaya cannot even see it.
    expect((await run(surabaya, 'correctComplaint', { complaintId: c.id, version: 3, category: 'OTHER', reason: 'x' }, FIELDS)).userErrors[0].code).toBe('NOT_FOUND');
    // The province covers both cities: it may.
    const wide = await ok(province, 'correctComplaint', { complaintId: c.id, version: 3, regionCode: '32.73.02.1001', reason: 'Alamat benar di Coblong.' }, FIELDS);
    expect(wide.complaint.region.code).toBe('32.73.02.1001');
  });

  it('a correction that leaves the office as it is does not re-route: same tier, same due date', async () => {
    const c = await verifiedWithSms();
    const [{ due_at: dueBefore }] = await db.dataSource.query('SELECT due_at FROM complaints WHERE id = $1', [fromGlobalId(c.id)!.key]);
    const same = await ok(village, 'correctComplaint', { complaintId: c.id, version: 2, category: 'LATE_DISBURSEMENT', reason: 'Bantuan terlambat, bukan tidak diterima.' }, FIELDS);
    expect(same).toMatchObject({ rerouted: false, complaint: { version: 3, currentTier: 'VILLAGE', category: 'LATE_DISBURSEMENT' } });
    const [{ due_at: dueAfter }] = await db.dataSource.query('SELECT due_at FROM complaints WHERE id = $1', [fromGlobalId(c.id)!.key]);
    expect(dueAfter).toEqual(dueBefore);
    const [told] = await db.dataSource.query(`SELECT count(*)::int AS count FROM notifications WHERE complaint_id = $1 AND kind = 'ESCALATED'`, [fromGlobalId(c.id)!.key]);
    expect(told.count).toBe(0);
  });

  it('re-routed while waiting for the complainant: the new office’s clock stays stopped from the correction on', async () => {
    const c = await verifiedWithSms();
    await ok(village, 'requestInformation', { complaintId: c.id, version: 2, message: 'Mohon foto KKS.' });
    const moved = await ok(district, 'correctComplaint', { complaintId: c.id, version: 3, regionCode: '32.73.01.1002', reason: 'Alamat KPM di kelurahan sebelah.' }, FIELDS);
    expect(moved).toMatchObject({ rerouted: true, complaint: { status: 'PENDING_INFO', currentTier: 'DISTRICT' } });
    const { row } = await stored(db, c.id);
    expect(row.slaPausedAt).toEqual(row.slaStartedAt);
  });

  it('refusals: stale version, nothing changed, unknown village, unknown programme, a finished complaint — nothing written', async () => {
    const c = await verifiedWithSms();
    const refusedWith = async (input: Record<string, unknown>) => {
      const before = await stored(db, c.id);
      const payload = await run(village, 'correctComplaint', { complaintId: c.id, reason: 'Koreksi.', ...input }, FIELDS);
      const after = await stored(db, c.id);
      expect(after.row.version).toBe(before.row.version);
      expect(after.events).toHaveLength(before.events.length);
      return payload.userErrors;
    };
    expect(await refusedWith({ version: 1, category: 'OTHER' })).toEqual([expect.objectContaining({ code: 'STALE_VERSION', field: ['input', 'version'] })]);
    expect(await refusedWith({ version: 2, category: 'NOT_RECEIVED', regionCode: '32.73.01.1001' })).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input'] })]);
    expect(await refusedWith({ version: 2, regionCode: '32.73.01.9999' })).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'regionCode'] })]);
    expect(await refusedWith({ version: 2, programCode: 'NOPE' })).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'programCode'] })]);
    expect(await refusedWith({ version: 2, category: 'OTHER', reason: '   ' })).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'reason'] })]);

    await ok(village, 'resolveComplaint', { complaintId: c.id, version: 2, decision: 'UPHELD', publicResponse: 'Bantuan disalurkan ulang.' });
    expect(await refusedWith({ version: 3, category: 'OTHER' })).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'complaintId'] })]);
  });
});
