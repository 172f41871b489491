import { beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../server/src/graphql/global-id';
import { as } from '../support/auth';
import { demoMonths } from '../support/calendar';
import { useTestDatabase } from '../support/database';
import { clients, expectRefused, submitted } from '../support/handling';
import {
  accessLog, dbNow, demoRecipients, DemoRecipient, familyComplaintCount, KARANGPILANG, paidHead, RECIPIENT, RECIPIENT_FIELDS, SUKARASA,
} from '../support/recipients';
import { useTestServer } from '../support/server';

/**
 * The register for handlers: a recipient by NIK, a family by KK with its
 * members, enrolments per programme, disbursements per period and stage, and
 * the complaints about the family — whole for handlers in jurisdiction and
 * auditors (every full NIK and KK read logged), masked for a bank, refused to
 * intake clients and the public. Programmes as data, publicly.
 */
const db = useTestDatabase('demo');
const api = useTestServer(db);

const FAMILY = `query ($kk: String!, $period: String, $stage: Int, $programCode: String) { family(kkNumber: $kk) {
  kkNumber region { code } head { nik fullName isFamilyHead }
  members { nik fullName isFamilyHead birthDate masked }
  enrolments { status program { code } recipient { nik } }
  disbursements(period: $period, stage: $stage, programCode: $programCode) { period stage amount status program { code } bank { bankCode } }
  complaints(first: 10) { totalCount edges { node { trackingCode category } } }
} }`;

let head: DemoRecipient;
let surabaya: DemoRecipient;
/** The months the demo paid, oldest first (from the data: the three before the run's setup, WIB); BPNT's stage is the month. */
let months: [string, string, string];
const stageOf = (period: string) => Number(period.slice(5, 7));

beforeAll(async () => {
  months = await demoMonths(db);
  head = await paidHead(db, SUKARASA, 'BRI', 'BPNT');
  surabaya = await paidHead(db, KARANGPILANG, 'BRI', 'BPNT');
});

describe('recipient(nik)', () => {
  it('shows a district office a recipient of its villages whole: data, programmes, payments per period and stage; and logs the NIK and KK read', async () => {
    const since = await dbNow(db);
    const { body } = await as(api, 'demo-dinsos-3273')(RECIPIENT, { nik: head.nik });
    expect(body.errors).toBeUndefined();
    const recipient = body.data.recipient;
    expect(recipient).toMatchObject({
      id: toGlobalId('Recipient', head.id), nik: head.nik, kkNumber: head.kkNumber, fullName: head.fullName, isFamilyHead: true, masked: false,
      dtksStatus: 'REGISTERED', region: { code: SUKARASA },
    });
    expect(recipient.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(recipient.address.length).toBeGreaterThan(5);
    const bpnt = recipient.enrolments.find((e: { program: { code: string } }) => e.program.code === 'BPNT');
    expect(bpnt).toMatchObject({ status: 'ACTIVE', bank: { bankCode: 'BRI' } });
    expect(bpnt.disbursements.map((d: { period: string; stage: number }) => [d.period, d.stage])).toEqual([...months].reverse().map((p) => [p, stageOf(p)]));
    expect(bpnt.disbursements[0]).toMatchObject({ amount: 200_000, bank: { bankCode: 'BRI' } });

    const logged = await accessLog(db, 'demo-dinsos-3273', since);
    expect(logged).toEqual([
      { subjectType: 'Recipient', subjectId: head.id, field: 'kkNumber' },
      { subjectType: 'Recipient', subjectId: head.id, field: 'nik' },
    ]);
  });

  it('answers the payments of one period and stage', async () => {
    const [, middle] = months;
    const { body } = await as(api, 'demo-dinsos-3273')(
      'query ($nik: String!, $period: String) { recipient(nik: $nik) { enrolments { program { code } disbursements(period: $period) { period stage } } } }', { nik: head.nik, period: middle });
    const bpnt = body.data.recipient.enrolments.find((e: { program: { code: string } }) => e.program.code === 'BPNT');
    expect(bpnt.disbursements).toEqual([{ period: middle, stage: stageOf(middle) }]);
  });

  it('is visible to the village office, the province and the ministry of the region — and null (not FORBIDDEN) to another district’s office', async () => {
    for (const clientId of ['demo-village-3273011001', 'demo-province-32', 'demo-ministry']) {
      const { body } = await as(api, clientId)('query ($nik: String!) { recipient(nik: $nik) { nik masked } }', { nik: head.nik });
      expect(body.data.recipient, clientId).toEqual({ nik: head.nik, masked: false });
    }
    const other = await as(api, 'demo-dinsos-3578')('query ($nik: String!) { recipient(nik: $nik) { nik } node(id: $id) { id } }'
      .replace('($nik: String!)', '($nik: String!, $id: ID!)'), { nik: head.nik, id: toGlobalId('Recipient', head.id) });
    expect(other.body.errors).toBeUndefined();
    expect(other.body.data).toEqual({ recipient: null, node: null });
    const village = await as(api, 'demo-village-3273011001')('query ($nik: String!) { recipient(nik: $nik) { nik } }', { nik: surabaya.nik });
    expect(village.body.data.recipient).toBeNull();
  });

  it('shows the auditor everything whole, and logs it', async () => {
    const since = await dbNow(db);
    const { body } = await as(api, 'demo-auditor')('query ($nik: String!) { recipient(nik: $nik) { nik kkNumber masked } }', { nik: surabaya.nik });
    expect(body.data.recipient).toEqual({ nik: surabaya.nik, kkNumber: surabaya.kkNumber, masked: false });
    expect((await accessLog(db, 'demo-auditor', since)).map((l) => l.field)).toEqual(['kkNumber', 'nik']);
  });

  it('shows the paying bank its recipient masked — NIK, KK and name — with birth date and address withheld, only its own programmes, and logs nothing', async () => {
    const since = await dbNow(db);
    const { body } = await as(api, 'demo-bank-bri')(RECIPIENT, { nik: head.nik });
    expect(body.errors).toBeUndefined();
    const recipient = body.data.recipient;
    expect(recipient.nik).toBe(`${head.nik.slice(0, 4)}********${head.nik.slice(12)}`);
    expect(recipient.kkNumber).toBe(`${head.kkNumber.slice(0, 4)}********${head.kkNumber.slice(12)}`);
    expect(recipient.fullName).not.toBe(head.fullName);
    expect(recipient.fullName).toMatch(/^(\S\**)( \S\**)*$/);
    expect(recipient).toMatchObject({ masked: true, birthDate: null, address: null });
    // Exactly the enrolments BRI pays; the head has others (paid by no bank or another), so there was something to leave out.
    const enrolled: { programCode: string; bankCode: string | null }[] = await db.dataSource.query(
      `SELECT e.program_code AS "programCode", o.bank_code AS "bankCode" FROM program_enrolments e LEFT JOIN organisations o ON o.id = e.bank_organisation_id
        WHERE e.recipient_id = $1 ORDER BY e.program_code`, [head.id]);
    const paidByBri = enrolled.filter((e) => e.bankCode === 'BRI').map((e) => e.programCode);
    expect(paidByBri).toContain('BPNT');
    expect(enrolled.length).toBeGreaterThan(paidByBri.length);
    expect(recipient.enrolments.map((e: { program: { code: string } }) => e.program.code)).toEqual(paidByBri);
    expect(recipient.enrolments.map((e: { bank: { bankCode: string } | null }) => e.bank?.bankCode)).toEqual(paidByBri.map(() => 'BRI'));
    expect(JSON.stringify(body)).not.toContain(head.nik);
    expect(await accessLog(db, 'demo-bank-bri', since)).toEqual([]);
  });

  it('is null for a bank that does not pay the recipient; its provenance is refused to banks', async () => {
    const { body } = await as(api, 'demo-bank-bni')('query ($nik: String!) { recipient(nik: $nik) { nik } }', { nik: head.nik });
    expect(body.data.recipient).toBeNull();
    const provenance = await as(api, 'demo-bank-bri')('query ($nik: String!) { recipient(nik: $nik) { provenance { seq } } }', { nik: head.nik });
    expect(provenance.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses intake clients (FORBIDDEN) and the public (UNAUTHENTICATED)', async () => {
    await expectRefused(api, 'query ($nik: String!) { recipient(nik: $nik) { id } }', { nik: head.nik }, ['demo-portal-3273', 'demo-ngo-lks']);
    await expectRefused(api, 'query ($kk: String!) { family(kkNumber: $kk) { kkNumber } }', { kk: head.kkNumber }, ['demo-portal-3273', 'demo-ngo-csr']);
  });

  it('answers BAD_USER_INPUT for what cannot be a NIK, without repeating it; null for an unknown one', async () => {
    const { body } = await as(api, 'demo-dinsos-3273')('query { recipient(nik: "32730115058x0001") { id } }');
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).not.toContain('32730115058x0001');
    const unknown = await as(api, 'demo-dinsos-3273')('query { recipient(nik: "3273011505850999") { id } }');
    expect(unknown.body.data.recipient).toBeNull();
  });
});

describe('family(kkNumber)', () => {
  it('shows a district office the family: head first, every member, the programmes, payments by period and stage', async () => {
    const members = await demoRecipients(db, 'r.kk_number = $1', [head.kkNumber]);
    const { body } = await as(api, 'demo-dinsos-3273')(FAMILY, { kk: head.kkNumber });
    expect(body.errors).toBeUndefined();
    const family = body.data.family;
    expect(family.kkNumber).toBe(head.kkNumber);
    expect(family.region.code).toBe(SUKARASA);
    expect(family.head).toMatchObject({ nik: head.nik, isFamilyHead: true });
    expect(family.members[0].nik).toBe(head.nik);
    expect(family.members.map((m: { nik: string }) => m.nik).sort()).toEqual(members.map((m) => m.nik).sort());
    expect(family.enrolments.map((e: { program: { code: string } }) => e.program.code)).toContain('BPNT');
    expect(family.enrolments.every((e: { recipient: { nik: string } }) => e.recipient.nik === head.nik)).toBe(true);
    expect(family.disbursements.filter((d: { program: { code: string } }) => d.program.code === 'BPNT').map((d: { period: string }) => d.period))
      .toEqual([...months].reverse());
    const [, middle] = months;
    const stage = await as(api, 'demo-dinsos-3273')(FAMILY, { kk: head.kkNumber, programCode: 'BPNT', stage: stageOf(middle) });
    expect(stage.body.data.family.disbursements).toEqual([{ period: middle, stage: stageOf(middle), amount: 200_000, status: expect.any(String), program: { code: 'BPNT' }, bank: { bankCode: 'BRI' } }]);
  });

  it('logs the KK read for every member shown', async () => {
    const since = await dbNow(db);
    const { body } = await as(api, 'demo-dinsos-3273')('query ($kk: String!) { family(kkNumber: $kk) { kkNumber members { id } } }', { kk: head.kkNumber });
    const memberIds = body.data.family.members.map((m: { id: string }) => m.id);
    expect(memberIds.length).toBeGreaterThanOrEqual(2); // paidHead's family has two or more
    const logged = await accessLog(db, 'demo-dinsos-3273', since);
    expect(logged.filter((l) => l.field === 'kkNumber')).toHaveLength(memberIds.length);
    expect(logged.every((l) => l.subjectType === 'Recipient')).toBe(true);
  });

  it('lists the complaints about the family, within each caller’s complaint scope', async () => {
    const member = (await demoRecipients(db, 'r.kk_number = $1 AND NOT r.is_family_head', [head.kkNumber]))[0];
    const before = (await as(api, 'demo-dinsos-3273')(FAMILY, { kk: head.kkNumber })).body.data.family.complaints.totalCount;
    expect(before).toBe(await familyComplaintCount(db, head.kkNumber, `c.district_code = '32.73'`));
    const complaint = await submitted(api, { subjectNik: member.nik, category: 'LATE_DISBURSEMENT', programCode: 'BPNT' });
    const { body } = await as(api, 'demo-dinsos-3273')(FAMILY, { kk: head.kkNumber });
    expect(body.data.family.complaints.totalCount).toBe(before + 1);
    expect(body.data.family.complaints.edges[0].node.trackingCode).toBe(complaint.trackingCode);
    // The bank sees the family (its head, masked) and only the complaints referred to it.
    const bank = await as(api, 'demo-bank-bri')(FAMILY, { kk: head.kkNumber });
    expect(bank.body.errors).toBeUndefined();
    expect(bank.body.data.family.members).toHaveLength(1);
    expect(bank.body.data.family.members[0]).toMatchObject({ masked: true, birthDate: null, isFamilyHead: true });
    expect(bank.body.data.family.kkNumber).toMatch(/^\d{4}\*{8}\d{4}$/);
    expect(bank.body.data.family.complaints.totalCount).toBe(await familyComplaintCount(db, head.kkNumber,
      `EXISTS (SELECT 1 FROM referrals f JOIN organisations o ON o.id = f.to_organisation_id WHERE f.complaint_id = c.id AND o.bank_code = 'BRI')`));
    expect(bank.body.data.family.complaints.edges.map((e: { node: { trackingCode: string } }) => e.node.trackingCode)).not.toContain(complaint.trackingCode);
  });

  it('is null outside the caller’s reach, and for an unknown KK', async () => {
    const { body } = await as(api, 'demo-dinsos-3578')('query ($kk: String!) { family(kkNumber: $kk) { kkNumber } }', { kk: head.kkNumber });
    expect(body.data.family).toBeNull();
    const unknown = await as(api, 'demo-dinsos-3273')('query { family(kkNumber: "3273010101990999") { kkNumber } }');
    expect(unknown.body.data.family).toBeNull();
  });

  it('pages the family’s complaints with a keyset cursor', async () => {
    const kk = (await paidHead(db, SUKARASA, 'BRI', 'BPNT', 1)).kkNumber;
    const member = (await demoRecipients(db, 'r.kk_number = $1', [kk]))[0];
    for (const category of ['LATE_DISBURSEMENT', 'AMOUNT_OR_QUALITY', 'DATA_ERROR']) await submitted(api, { subjectNik: member.nik, category, programCode: 'BPNT' });
    const total = await familyComplaintCount(db, kk, `c.district_code = '32.73'`);
    const query = 'query ($kk: String!, $after: String) { family(kkNumber: $kk) { complaints(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { trackingCode } } } } }';
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const complaints: any = (await as(api, 'demo-dinsos-3273')(query, { kk, after })).body.data.family.complaints;
      expect(complaints.totalCount).toBe(total);
      seen.push(...complaints.edges.map((e: { node: { trackingCode: string } }) => e.node.trackingCode));
      if (!complaints.pageInfo.hasNextPage) break;
      after = complaints.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });
});

describe('node(id) for register objects', () => {
  it('fetches recipients, enrolments and disbursements within the caller’s reach only', async () => {
    const { body } = await as(api, 'demo-dinsos-3273')(`query ($nik: String!) { recipient(nik: $nik) { ${RECIPIENT_FIELDS} } }`, { nik: head.nik });
    const recipient = body.data.recipient;
    const enrolment = recipient.enrolments[0];
    const ids = [recipient.id, enrolment.id, enrolment.disbursements[0].id];
    const query = 'query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }';
    const own = await as(api, 'demo-dinsos-3273')(query, { ids });
    expect(own.body.data.nodes.map((n: { __typename: string } | null) => n?.__typename)).toEqual(['Recipient', 'Enrolment', 'Disbursement']);
    for (const [clientId, expected] of [['demo-dinsos-3578', [null, null, null]], ['demo-ngo-lks', [null, null, null]]] as const) {
      const other = await as(api, clientId)(query, { ids });
      expect(other.body.data.nodes, clientId).toEqual(expected);
    }
    const publicNodes = await api.gql(query, { ids });
    expect(publicNodes.body.data.nodes).toEqual([null, null, null]);
  });
});

describe('programmes as data', () => {
  it('publishes each programme’s stages per year, the stage covering a month, and its benefit amounts', async () => {
    // The year and month of the demo's latest payments: the demo's calendars cover them whenever it was seeded.
    const [, , latest] = months;
    const year = latest.slice(0, 4);
    const quarter = Math.ceil(stageOf(latest) / 3);
    const { body } = await clients(api).public(`query ($year: Int!, $period: String!, $on: String!) { programs { code name managingUnit stagesPerYear
      stages(year: $year) { year stage firstPeriod lastPeriod }
      latest: currentStage(period: $period) { stage firstPeriod lastPeriod }
      benefitAmounts(on: $on) { component description amountPerStage unit validFrom validTo } } }`, { year: Number(year), period: latest, on: `${latest}-01` });
    expect(body.errors).toBeUndefined();
    const pkh = body.data.programs.find((p: { code: string }) => p.code === 'PKH');
    expect(pkh.managingUnit).toContain('Kementerian Sosial');
    expect(pkh.stages).toEqual([
      { year: Number(year), stage: 1, firstPeriod: `${year}-01`, lastPeriod: `${year}-03` },
      { year: Number(year), stage: 2, firstPeriod: `${year}-04`, lastPeriod: `${year}-06` },
      { year: Number(year), stage: 3, firstPeriod: `${year}-07`, lastPeriod: `${year}-09` },
      { year: Number(year), stage: 4, firstPeriod: `${year}-10`, lastPeriod: `${year}-12` },
    ]);
    expect(pkh.latest).toEqual({ stage: quarter, firstPeriod: pkh.stages[quarter - 1].firstPeriod, lastPeriod: pkh.stages[quarter - 1].lastPeriod });
    expect(pkh.benefitAmounts.find((a: { component: string }) => a.component === 'EARLY_CHILDHOOD')).toMatchObject({ amountPerStage: 750_000, unit: 'ELIGIBLE_MEMBER' });
    const bpnt = body.data.programs.find((p: { code: string }) => p.code === 'BPNT');
    expect(bpnt.stages).toHaveLength(12);
    expect(bpnt.benefitAmounts).toEqual([expect.objectContaining({ component: 'PER_FAMILY', amountPerStage: 200_000, unit: 'FAMILY' })]);
    const bst = body.data.programs.find((p: { code: string }) => p.code === 'BST');
    expect(bst).toMatchObject({ stages: [], latest: null, benefitAmounts: [] });
  });

  it('keeps past amounts: BST paid 600 000 a month until June 2020, then 300 000', async () => {
    const { body } = await clients(api).public('{ programs { code stages(year: 2020) { stage } benefitAmounts { amountPerStage validFrom validTo } } }');
    const bst = body.data.programs.find((p: { code: string }) => p.code === 'BST');
    expect(bst.stages.map((s: { stage: number }) => s.stage)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(bst.benefitAmounts).toEqual([
      { amountPerStage: 600_000, validFrom: '2020-04-01', validTo: '2020-06-30' },
      { amountPerStage: 300_000, validFrom: '2020-07-01', validTo: '2021-12-31' },
    ]);
  });

  it('refuses a malformed period or date', async () => {
    const { body } = await clients(api).public('{ programs { currentStage(period: "2026-13") { stage } } }');
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
