import { beforeAll, describe, expect, it } from 'vitest';
import { clearReferenceCache } from '../../server/src/graphql/reference-cache';
import { toGlobalId } from '../../server/src/graphql/global-id';
import { as } from '../support/auth';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

/**
 * A region a newer release of the Kemendagri register dropped (setup marks it
 * retired: setup.spec.ts) on the demo database: still resolvable where records
 * point at it, out of the region picker unless asked, and closed to new
 * complaints. The demo itself carries the register's real names.
 */
const db = useTestDatabase('demo');
const api = useTestServer(db);
const portal = as(api, 'demo-portal-3273');
/** Kota Bandung, Kec. Sukasari: a kelurahan without a demo office, retired by this file. */
const RETIRED = '32.73.01.1003';

beforeAll(async () => {
  await db.dataSource.query(`UPDATE regions SET retired_at = now() WHERE code = $1`, [RETIRED]);
  clearReferenceCache(db.dataSource);
});

describe('the demo on the real register', () => {
  it('holds the whole country, with the real names of its codes, and records its seeding', async () => {
    const [counts] = await db.dataSource.query(`SELECT count(*) FILTER (WHERE level = 'VILLAGE')::int AS villages, count(*) FILTER (WHERE level = 'SUBDISTRICT' AND parent_code = '32.73')::int AS bandung FROM regions`);
    expect(counts).toEqual({ villages: 83762, bandung: 30 });
    const { body } = await api.gql('{ a: regions(parentCode: "32.73.01") { code name } b: regions(parentCode: "35.78.01") { code name } }');
    expect(body.data.a[0]).toEqual({ code: '32.73.01.1001', name: 'Sukarasa' });
    expect(body.data.b[0]).toEqual({ code: '35.78.01.1001', name: 'Karang Pilang' });
    const runs = await db.dataSource.query(`SELECT kind, region_release FROM setup_runs`);
    expect(runs).toContainEqual({ kind: 'DEMO', region_release: expect.stringMatching(/^idn-area-data \d+\.\d+\.\d+$/) });
  });
});

describe('a retired region', () => {
  it('is left out of regions(parentCode:) unless includeRetired, where it says current: false', async () => {
    const { body } = await api.gql(`{ current: regions(parentCode: "32.73.01") { code current }
      all: regions(parentCode: "32.73.01", includeRetired: true) { code current } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.current.map((r: { code: string }) => r.code)).toEqual(['32.73.01.1001', '32.73.01.1002', '32.73.01.1004']);
    expect(body.data.all).toContainEqual({ code: RETIRED, current: false });
    expect(body.data.current.every((r: { current: boolean }) => r.current)).toBe(true);
  });

  it('still resolves by id, for the records that point at it', async () => {
    const { body } = await api.gql('query ($id: ID!) { node(id: $id) { ... on Region { code name current } } }', { id: toGlobalId('Region', RETIRED) });
    expect(body.data.node).toEqual({ code: RETIRED, name: 'Isola', current: false });
  });

  it('takes no new complaint: regionCode is refused with a reason, nothing is filed', async () => {
    const [{ before }] = await db.dataSource.query(`SELECT count(*)::int AS before FROM complaints WHERE region_code = $1`, [RETIRED]);
    const { body } = await portal(SUBMIT, { input: complaintInput({ regionCode: RETIRED }) });
    expect(body.errors).toBeUndefined();
    expect(body.data.submitComplaint.trackingCode).toBeNull();
    expect(body.data.submitComplaint.userErrors).toEqual([
      { field: ['input', 'regionCode'], code: 'INVALID_INPUT', message: expect.stringContaining('tidak berlaku') },
    ]);
    const [{ after }] = await db.dataSource.query(`SELECT count(*)::int AS after FROM complaints WHERE region_code = $1`, [RETIRED]);
    expect(after).toBe(before);
  });

  it('is no new office\'s jurisdiction (createOrganisation)', async () => {
    const ministry = as(api, 'demo-ministry');
    const { body } = await ministry(`mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } userErrors { field code message } } }`,
      { input: { name: 'Kantor Kelurahan Isola', kind: 'VILLAGE_OFFICE', jurisdictionCode: RETIRED } });
    expect(body.errors).toBeUndefined();
    expect(body.data.createOrganisation).toEqual({
      organisation: null, userErrors: [{ field: ['input', 'jurisdictionCode'], code: 'INVALID_INPUT', message: expect.stringContaining('tidak berlaku') }],
    });
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM organisations WHERE jurisdiction_region_code = $1`, [RETIRED]);
    expect(n).toBe(0);
  });

  it('is no new office\'s jurisdiction from the offices CSV either: the line and column named, nothing written', async () => {
    const ministry = as(api, 'demo-ministry');
    const csv = `code,kind,name,jurisdiction_code\nkel-isola,VILLAGE_OFFICE,Kantor Kelurahan Isola,${RETIRED}\n`;
    const { body } = await ministry(`mutation ($input: ImportOrganisationsInput!) { importOrganisations(input: $input) { committed userErrors { field code message } } }`,
      { input: { csv } });
    expect(body.errors).toBeUndefined();
    expect(body.data.importOrganisations).toEqual({
      committed: false, userErrors: [{ field: ['input', 'csv', '2', 'jurisdiction_code'], code: 'INVALID_INPUT', message: expect.stringContaining('tidak berlaku') }],
    });
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM organisations WHERE jurisdiction_region_code = $1`, [RETIRED]);
    expect(n).toBe(0);
  });
});
