import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { clients, organisationId, run } from '../support/handling';
import { useTestServer } from '../support/server';

// Nothing here depends on a day: the server runs on the run's own clock.
const db = useTestDatabase('demo');
const api = useTestServer(db);
const { portal, village, district } = clients(api);

const READ = `query ($id: ID!) { complaint(id: $id) { id trackingCode currentTier villageBypassed
  complainant { name phone nik masked confidential } assignedTo { name tier } } }`;
const NODE = 'query ($id: ID!) { node(id: $id) { id } }';
// Its own category and its tier: a short list that would hold it (the district's shows it; below).
const INBOX = `{ complaints(first: 100, filter: { category: [WRONG_TARGET], tier: [DISTRICT] }) { totalCount edges { node { id } } } }`;

let villageOffice = '';
beforeAll(async () => {
  villageOffice = await organisationId(db, 'Kelurahan Sukarasa');
});

async function submitWhistle(overrides: Record<string, unknown> = {}) {
  const { body } = await portal(SUBMIT, {
    input: complaintInput({
      category: 'WRONG_TARGET',
      description: 'Kantor kelurahan merekomendasikan keluarga kepala RT sebagai penerima PKH padahal mampu.',
      complainant: { bypassVillage: true },
      ...overrides,
    }),
  });
  expect(body.errors).toBeUndefined();
  return body.data.submitComplaint;
}

describe('a WRONG_TARGET complaint that names the village office: bypassVillage', () => {
  it('starts at the district, confidential; the village office cannot read it, the district can; the complainant is hidden from the portal', async () => {
    const submitted = await submitWhistle();
    expect(submitted.userErrors).toEqual([]);
    // Confidential: the portal's answer already leaves the complainant out (SUBMIT reads `complainant` as `confidential`).
    expect(submitted.complaint).toMatchObject({ currentTier: 'DISTRICT', confidential: null, assignedTo: { tier: 'DISTRICT' } });
    const id = submitted.complaint.id;

    // The village office: as if it did not exist — by id, as a node, in its inbox.
    expect((await village(READ, { id })).body.data.complaint).toBeNull();
    expect((await village(NODE, { id })).body.data.node).toBeNull();
    const inbox = async (client: typeof village) => (await client(INBOX)).body.data.complaints.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await inbox(village)).not.toContain(id);
    expect(await inbox(district)).toContain(id);

    // The district handles it and sees who filed it, and that the village was bypassed.
    const atDistrict = (await district(READ, { id })).body.data.complaint;
    expect(atDistrict).toMatchObject({
      id, currentTier: 'DISTRICT', villageBypassed: true,
      complainant: { name: 'Siti Aminah', nik: '3273014507850001', masked: false, confidential: true },
    });
    // …and cannot hand it to the village office either.
    const referred = await run(district, 'referComplaint', { idempotencyKey: randomUUID(), complaintId: id, version: 1, organisationId: villageOffice, reason: 'Mohon klarifikasi.' }, 'complaint { id }');
    expect(referred.userErrors).toEqual([expect.objectContaining({ code: 'INELIGIBLE_ORGANISATION', field: ['input', 'organisationId'] })]);

    // The portal that filed it keeps following it, without the complainant.
    const atPortal = (await portal(READ, { id })).body.data.complaint;
    expect(atPortal).toMatchObject({ id, villageBypassed: true, complainant: null });

    const [row] = await db.dataSource.query('SELECT bypass_village, confidential FROM complaints WHERE tracking_code = $1', [submitted.trackingCode]);
    expect(row).toEqual({ bypass_village: true, confidential: true });
  });

  it('without it, a WRONG_TARGET complaint goes to the village office as before', async () => {
    const submitted = await submitWhistle({ complainant: {} });
    expect(submitted.complaint).toMatchObject({ currentTier: 'VILLAGE', confidential: { confidential: false } });
    expect((await village(READ, { id: submitted.complaint.id })).body.data.complaint).toMatchObject({ villageBypassed: false });
  });

  it('is for complaints about targeting: another category is refused with the field named (Indonesian, English on request), nothing written', async () => {
    const before = (await db.dataSource.query('SELECT count(*)::int AS n FROM complaints'))[0].n;
    const refused = await submitWhistle({ category: 'NOT_RECEIVED' });
    expect(refused.complaint).toBeNull();
    expect(refused.userErrors).toEqual([{ field: ['input', 'complainant', 'bypassVillage'], code: 'INVALID_INPUT', message: expect.stringMatching(/WRONG_TARGET/) }]);
    expect(refused.userErrors[0].message).toMatch(/desa/);
    const { body } = await portal(SUBMIT, { input: complaintInput({ category: 'NOT_RECEIVED', complainant: { bypassVillage: true } }) }, { 'accept-language': 'en' });
    expect(body.data.submitComplaint.userErrors[0].message).toMatch(/village office/);
    expect((await db.dataSource.query('SELECT count(*)::int AS n FROM complaints'))[0].n).toBe(before);
  });

  it('is implied for complaints about officials (they bypass the village already)', async () => {
    const submitted = await submitWhistle({ category: 'ILLEGAL_LEVY' });
    expect(submitted.userErrors).toEqual([]);
    expect(submitted.complaint).toMatchObject({ currentTier: 'DISTRICT', confidential: null });
  });
});
