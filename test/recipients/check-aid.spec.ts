import { beforeAll, describe, expect, it } from 'vitest';
import { as } from '../support/auth';
import { demoMonths } from '../support/calendar';
import { useTestDatabase } from '../support/database';
import { DemoRecipient, paidHead, SUKARASA } from '../support/recipients';
import { useTestServer } from '../support/server';

/**
 * The public aid check (cek bansos): a region and a name give the matching
 * families, names masked, never a NIK, at most 10, with their programme status
 * for the period; limited per IP address.
 */
const db = useTestDatabase('demo');
const api = useTestServer(db);
const limited = useTestServer(db, { rateLimits: { clientPerMinute: 100_000, publicPerMinute: 3 } });

const CHECK = `query ($region: String!, $name: String!, $period: String) { checkAid(regionCode: $region, name: $name, period: $period) {
  period moreFamiliesMatched families { name inRegister region { code name }
    programs { program { code } enrolmentStatus stage { year stage firstPeriod lastPeriod } disbursementStatus statusLabel } } } }`;

async function check(variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const { body } = await api.gql(CHECK, variables, headers);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data.checkAid;
}

/** Families of a region with a member whose name is, or starts with the words of, `name` (what the check matches). */
async function matchingFamilies(region: string, name: string): Promise<string[]> {
  const rows = await db.dataSource.query(
    `SELECT DISTINCT kk_number FROM recipients WHERE (region_code = $1 OR region_code LIKE $1 || '.%') AND (lower(full_name) = $2 OR lower(full_name) LIKE $2 || ' %')`,
    [region, name.toLowerCase()],
  );
  return rows.map((r: { kk_number: string }) => r.kk_number);
}

let head: DemoRecipient;

beforeAll(async () => {
  // A head whose name no one else in the village bears: the answer masks names, so the family is found by its name alone.
  for (let skip = 0; ; skip += 1) {
    head = await paidHead(db, SUKARASA, 'BRI', 'BPNT', skip);
    if ((await matchingFamilies(SUKARASA, head.fullName)).length === 1) break;
  }
});

describe('checkAid', () => {
  it('finds the family by village and full name, name masked, with each programme’s stage and payment for the period', async () => {
    const [, , period] = await demoMonths(db); // the demo's latest payments (from the data)
    const answer = await check({ region: SUKARASA, name: head.fullName, period });
    expect(answer.period).toBe(period);
    const families = await matchingFamilies(SUKARASA, head.fullName);
    expect(answer.families).toHaveLength(families.length);
    const masked = head.fullName.split(' ').map((w) => `${w[0]}${'*'.repeat(w.length - 1)}`).join(' ');
    const family = answer.families.find((f: { name: string }) => f.name === masked);
    expect(family).toMatchObject({ inRegister: true, region: { code: SUKARASA, name: 'Sukarasa' } });
    const expected: { programCode: string; status: string; disbursement: string | null }[] = await db.dataSource.query(
      `SELECT e.program_code AS "programCode", e.status::text AS status,
              (SELECT d.status::text FROM disbursements d WHERE d.enrolment_id = e.id AND d.period = $2) AS disbursement
         FROM program_enrolments e JOIN recipients r ON r.id = e.recipient_id
        WHERE r.kk_number = $1 AND (e.status <> 'ENDED' OR e.ended_on >= $3::date) ORDER BY e.program_code`,
      [head.kkNumber, period, `${period}-01`],
    );
    expect(family.programs.map((p: { program: { code: string }; enrolmentStatus: string; disbursementStatus: string | null }) => ({
      programCode: p.program.code, status: p.enrolmentStatus, disbursement: p.disbursementStatus,
    }))).toEqual(expected);
    const bpnt = family.programs.find((p: { program: { code: string } }) => p.program.code === 'BPNT');
    expect(bpnt.stage).toEqual({ year: Number(period.slice(0, 4)), stage: Number(period.slice(5, 7)), firstPeriod: period, lastPeriod: period });
    expect(bpnt.statusLabel).toBe({ DISBURSED: 'Sudah disalurkan', FAILED: 'Gagal salur, sedang ditindaklanjuti bank penyalur', RESENT: 'Sudah disalurkan ulang', RETURNED_TO_TREASURY: 'Dikembalikan ke kas negara' }[bpnt.disbursementStatus as string]);
  });

  it('never answers a NIK or KK number, or a name unmasked', async () => {
    const { body } = await api.gql(CHECK, { region: '32.73', name: head.fullName.split(' ')[0] });
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/[0-9]{16}/);
    expect(text).not.toContain(head.fullName);
    for (const family of body.data.checkAid.families) expect(family.name).toMatch(/^(\S\**)( \S\**)*$/);
  });

  it('matches the first word(s) of a name, whatever the case and spacing, and caps the answer at 10 families', async () => {
    const families = await matchingFamilies('32.73', 'rudi');
    expect(families.length).toBeGreaterThan(10);
    const answer = await check({ region: '32.73', name: '  RUDI ' });
    expect(answer.families).toHaveLength(10);
    expect(answer.moreFamiliesMatched).toBe(true);
    expect(answer.families.every((f: { name: string }) => f.name.startsWith('R*** '))).toBe(true);
    const few = await check({ region: SUKARASA, name: head.fullName.toUpperCase().replace(' ', '   ') });
    expect(few.moreFamiliesMatched).toBe(false);
    expect(few.families.length).toBeGreaterThan(0);
    // Part of a word is not a name: "Rud" finds no Rudi.
    expect((await check({ region: '32.73', name: 'Rud' })).families).toEqual([]);
  });

  it('checks this month (WIB) by default, and answers in English on request', async () => {
    // This month in WIB (UTC+7), read before and after the call: the server's answer is one of them (a month may turn meanwhile).
    const wibMonth = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
    const before = wibMonth();
    const answer = await check({ region: SUKARASA, name: head.fullName }, { 'accept-language': 'en' });
    expect([before, wibMonth()]).toContain(answer.period);
    const labels = answer.families.flatMap((f: { programs: { statusLabel: string }[] }) => f.programs.map((p) => p.statusLabel));
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(['Not yet disbursed', 'The government pays the BPJS Kesehatan premium; no money is paid to the family', 'Disbursed', 'Nothing is paid in this period', 'Suspended', 'Scheduled', 'Disbursed again', 'The transfer failed; the bank is following it up', 'Returned to the state treasury', 'No longer receives it']).toContain(label);
  });

  it('reads a PBI-JK enrolment as the premium the government pays, never "belum disalurkan"', async () => {
    const [, , period] = await demoMonths(db);
    // A member enrolled in PBI-JK whose name no one else in the village bears (the answer masks names).
    const [member]: { fullName: string }[] = await db.dataSource.query(
      `SELECT r.full_name AS "fullName" FROM recipients r JOIN program_enrolments e ON e.recipient_id = r.id
        WHERE r.region_code = $1 AND e.program_code = 'PBI_JK' AND e.status = 'ACTIVE'
          AND (SELECT count(DISTINCT kk_number) FROM recipients o WHERE o.region_code = $1 AND lower(o.full_name) = lower(r.full_name)) = 1
          AND NOT EXISTS (SELECT 1 FROM recipients o WHERE o.region_code = $1 AND lower(o.full_name) LIKE lower(r.full_name) || ' %')
        ORDER BY r.nik LIMIT 1`,
      [SUKARASA],
    );
    const pbi = (answer: { families: { programs: { program: { code: string } }[] }[] }) => answer.families[0].programs.find((p) => p.program.code === 'PBI_JK');
    const id = await check({ region: SUKARASA, name: member.fullName, period });
    expect(id.families).toHaveLength(1);
    expect(pbi(id)).toMatchObject({ enrolmentStatus: 'ACTIVE', disbursementStatus: null, statusLabel: 'Iuran BPJS Kesehatan dibayar pemerintah; tidak ada dana yang disalurkan ke keluarga' });
    expect(pbi(id)).toMatchObject({ stage: { firstPeriod: period } }); // a stage covers the month: without the rule it read "Belum disalurkan"
    const en = await check({ region: SUKARASA, name: member.fullName, period }, { 'accept-language': 'en' });
    expect(pbi(en)).toMatchObject({ statusLabel: 'The government pays the BPJS Kesehatan premium; no money is paid to the family' });
  });

  it('treats LIKE wildcards in the name as letters', async () => {
    expect((await check({ region: '32.73', name: 'Ru_i' })).families).toEqual([]);
    expect((await check({ region: '32.73', name: 'Rudi%' })).families).toEqual([]);
  });

  it('refuses a province, an unknown region, a name of fewer than 3 letters and a malformed period', async () => {
    for (const variables of [
      { region: '32', name: 'Rudi' }, { region: '32.99', name: 'Rudi' }, { region: '32.73', name: 'Ru' }, { region: '32.73', name: '%%%%' },
      { region: '32.73', name: 'Rudi', period: '2026-13' }, { region: 'x', name: 'Rudi' },
    ]) {
      const { body } = await api.gql(CHECK, variables);
      expect(body.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
  });

  it('is open to API clients too', async () => {
    const { body } = await as(api, 'demo-ngo-lks')(CHECK, { region: SUKARASA, name: head.fullName });
    expect(body.errors).toBeUndefined();
    expect(body.data.checkAid.families.length).toBeGreaterThan(0);
  });

  it('is limited per IP address, aliases counted one by one', async () => {
    const one = (name: string) => limited.gql('query ($n: String!) { checkAid(regionCode: "32.73", name: $n) { period } }', { n: name });
    expect((await one('Rudi')).status).toBe(200);
    const twice = await limited.gql('{ a: checkAid(regionCode: "32.73", name: "Asep") { period } b: checkAid(regionCode: "32.73", name: "Iwan") { period } }');
    expect(twice.status).toBe(200);
    const refused = await one('Yayan');
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
