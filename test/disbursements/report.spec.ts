import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedBankDisbursements } from '../../server/src/demo/bank-disbursements';
import { makeNik } from '../../server/src/recipients/nik';
import { as } from '../support/auth';
import { addDays, demoMonths, firstFuture } from '../support/calendar';
import { count, demoDisbursements, footprint, item, Item, REPORT, reportInput } from '../support/disbursements';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';
import { clearReferenceCache } from '../../server/src/graphql/reference-cache';

let statements: string[] = [];
const db = useTestDatabase('demo', { onQuery: (sql) => statements.push(sql) });
const api = useTestServer(db);
const bri = as(api, 'demo-bank-bri');
const bni = as(api, 'demo-bank-bni');

/** A structurally valid NIK that is nobody in the register (Aceh: no demo family lives there). */
const UNKNOWN_NIK = makeNik({ subdistrictCode: '11.01.01', birthDate: '1980-05-17', sex: 'M', serial: 4321 });

/**
 * The months the demo paid, oldest first: the three before the month the run's
 * setup seeded it in (WIB), read from the data. Reports are about these (past)
 * months, failed on a day of them.
 */
let oldest = '';
let middle = '';
let latest = '';
beforeAll(async () => {
  [oldest, middle, latest] = await demoMonths(db);
});

describe('reportDisbursementIssues: the success path', () => {
  it('records each item as an issue of the batch, marks the disbursements FAILED, answers per item in input order', async () => {
    const rows = (await demoDisbursements(db, 'BRI', 'BPNT', middle, { status: 'DISBURSED' })).slice(0, 3);
    expect(rows).toHaveLength(3);
    const items = rows.map((r, i) => item(r.nik, `${middle}-2${i}`, { amount: r.amount, failureCode: ['ACCOUNT_DORMANT', 'NAME_MISMATCH', 'DECEASED'][i] }));
    const { body } = await bri(REPORT, { input: reportInput(middle, items) });
    expect(body.errors).toBeUndefined();
    const result = body.data.reportDisbursementIssues;
    expect(result.userErrors).toEqual([]);
    expect(result.batch).toMatchObject({ period: middle, itemCount: 3, acceptedCount: 3, rejectedCount: 0, program: { code: 'BPNT' }, bank: { bankCode: 'BRI' } });
    expect(result.results.map((r: { index: number }) => r.index)).toEqual([0, 1, 2]);
    result.results.forEach((r: any, i: number) => {
      expect(r.userErrors).toEqual([]);
      expect(r.issue).toMatchObject({
        index: i, amount: rows[i].amount, failureCode: items[i].failureCode, occurredOn: items[i].occurredOn, status: 'OPEN', period: middle,
        nik: `${rows[i].nik.slice(0, 4)}********${rows[i].nik.slice(12)}`, // the bank sees the NIK masked
      });
    });
    const stored = await db.dataSource.query(
      `SELECT i.item_index, i.nik, i.status, d.status AS d_status, d.disbursed_on FROM disbursement_issues i JOIN disbursements d ON d.id = i.disbursement_id
        WHERE i.id IN (SELECT id FROM disbursement_issues WHERE disbursement_id = ANY($1::uuid[])) ORDER BY i.item_index`,
      [rows.map((r) => r.disbursementId)],
    );
    expect(stored.map((s: any) => [s.item_index, s.nik, s.status, s.d_status, s.disbursed_on])).toEqual(rows.map((r, i) => [i, r.nik, 'OPEN', 'FAILED', null]));
  });

  it('refuses a disbursement with an open issue already (another key, or twice in one call) with ALREADY_REPORTED', async () => {
    const [row] = await demoDisbursements(db, 'BRI', 'BPNT', oldest, { status: 'DISBURSED' });
    const twice = [item(row.nik, `${oldest}-20`), item(row.nik, `${oldest}-21`)];
    const first = (await bri(REPORT, { input: reportInput(oldest, twice) })).body.data.reportDisbursementIssues;
    expect(first.batch).toMatchObject({ acceptedCount: 1, rejectedCount: 1 });
    expect(first.results[1].userErrors).toEqual([expect.objectContaining({ code: 'ALREADY_REPORTED', field: ['input', 'items', '1', 'nik'] })]);
    const again = (await bri(REPORT, { input: reportInput(oldest, [item(row.nik, `${oldest}-22`)]) })).body.data.reportDisbursementIssues;
    expect(again.results[0]).toMatchObject({ index: 0, issue: null, userErrors: [expect.objectContaining({ code: 'ALREADY_REPORTED' })] });
    expect(await count(db, 'disbursement_issues', 'disbursement_id = $1', [row.disbursementId])).toBe(1);
  });
});

describe('reportDisbursementIssues: 1000 items with bad rows mixed in', () => {
  /** The demo's latest month (the only one it paid PKH in, so BNI has PKH disbursements of it). */
  let PERIOD = '';
  let goodNiks: string[] = [];
  let items: Item[] = [];
  /** index → the refusal expected: [code, field]. */
  const bad = new Map<number, [string, string]>();
  let input: Record<string, unknown>;
  let first: any;
  let before: Record<string, number>;
  let bniRow: { nik: string; disbursementId: string; status: string };
  let septemberNik = '';
  let bigStatements = 0;

  beforeAll(async () => {
    PERIOD = latest;
    // 960 PKH families of BRI paid in that month, and one paid only in the month before.
    goodNiks = await seedBankDisbursements(db.dataSource, { bankCode: 'BRI', programCode: 'PKH', period: PERIOD, count: 960, seriesStart: 0 });
    [septemberNik] = await seedBankDisbursements(db.dataSource, { bankCode: 'BRI', programCode: 'PKH', period: middle, count: 1, seriesStart: 20_000 });
    const [bniPkh] = await demoDisbursements(db, 'BNI', 'PKH', PERIOD);
    bniRow = bniPkh;
    const [briBpntOnly] = await db.dataSource.query(
      `SELECT r.nik FROM recipients r JOIN program_enrolments e ON e.recipient_id = r.id AND e.program_code = 'BPNT'
        JOIN organisations o ON o.id = e.bank_organisation_id AND o.bank_code = 'BRI'
       WHERE NOT EXISTS (SELECT 1 FROM program_enrolments p WHERE p.recipient_id = r.id AND p.program_code = 'PKH') LIMIT 1`,
    );
    const failedOn = `${PERIOD}-15`;
    const badRows: [Item, string, string][] = [
      [item('327301', failedOn), 'INVALID_INPUT', 'nik'],
      [item('3273019913850001', failedOn), 'INVALID_INPUT', 'nik'], // day 99
      [item(UNKNOWN_NIK, failedOn), 'NOT_FOUND', 'nik'],
      [item(briBpntOnly.nik, failedOn), 'NOT_FOUND', 'nik'], // another programme
      [item(septemberNik, failedOn), 'NOT_FOUND', 'nik'], // paid in another month
      [item(bniRow.nik, failedOn), 'NOT_FOUND', 'nik'], // BNI's disbursement, reported by BRI
      [item(goodNiks[0], addDays(`${PERIOD}-01`, -1)), 'INVALID_INPUT', 'occurredOn'], // the day before the period
      [item(goodNiks[1], (await firstFuture(db)).day), 'INVALID_INPUT', 'occurredOn'], // in the future: tomorrow where it is latest (WIT)
      [item(goodNiks[2], `${PERIOD}-32`), 'INVALID_INPUT', 'occurredOn'],
      [item(goodNiks[3], failedOn, { amount: 0 }), 'INVALID_INPUT', 'amount'],
      [item(goodNiks[4], failedOn, { amount: -5 }), 'INVALID_INPUT', 'amount'],
    ];
    // Fill to 40 bad rows; then duplicates of good rows (the good row comes first, so the copy is refused).
    while (badRows.length < 38) badRows.push([item(makeNik({ subdistrictCode: '11.01.01', birthDate: '1975-01-01', sex: 'F', serial: 100 + badRows.length }), failedOn), 'NOT_FOUND', 'nik']);
    let good = 0;
    let b = 0;
    for (let index = 0; index < 1000; index += 1) {
      if (index % 25 === 7 && b < 38) {
        const [row, code, field] = badRows[b++];
        items.push(row);
        bad.set(index, [code, field]);
      } else if (index === 999 || index === 998) {
        items.push(item(goodNiks[index - 998 + 10], failedOn, { amount: 750_000 })); // copies of rows 10 and 11 below
        bad.set(index, ['ALREADY_REPORTED', 'nik']);
      } else {
        items.push(item(goodNiks[good++], failedOn, { amount: 600_000, failureCode: good % 2 ? 'ACCOUNT_CLOSED' : 'NIK_MISMATCH' }));
      }
    }
    expect(good).toBe(960);
    input = reportInput(PERIOD, items, { programCode: 'PKH' });
    before = await footprint(db);
    await bri('{ viewer { clientId } }'); // the token is fetched and the signing key made before counting
    statements = [];
    first = (await bri(REPORT, { input })).body;
    bigStatements = statements.length;
  });

  it('answers 1000 results in input order, each with its index', () => {
    expect(first.errors).toBeUndefined();
    const result = first.data.reportDisbursementIssues;
    expect(result.userErrors).toEqual([]);
    expect(result.results).toHaveLength(1000);
    expect(result.results.map((r: { index: number }) => r.index)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(result.batch).toMatchObject({ itemCount: 1000, acceptedCount: 960, rejectedCount: 40 });
  });

  it('refuses each bad row on its own, naming the field, and records every good one', () => {
    const results = first.data.reportDisbursementIssues.results;
    for (let index = 0; index < 1000; index += 1) {
      const r = results[index];
      const expected = bad.get(index);
      if (expected) {
        expect(r.issue, `item ${index}`).toBeNull();
        expect(r.userErrors, `item ${index}`).toContainEqual(expect.objectContaining({ code: expected[0], field: ['input', 'items', String(index), expected[1]] }));
      } else {
        expect(r.userErrors, `item ${index}`).toEqual([]);
        expect(r.issue.index, `item ${index}`).toBe(index);
      }
    }
  });

  it('commits every good row with its index and its own NIK, and nothing of the bad ones', async () => {
    const batchKey = Buffer.from(first.data.reportDisbursementIssues.batch.id, 'base64url').toString().split(':')[1];
    const stored: { item_index: number; nik: string; amount: string }[] = await db.dataSource.query(
      'SELECT item_index, nik, amount FROM disbursement_issues WHERE batch_id = $1 ORDER BY item_index', [batchKey],
    );
    expect(stored).toHaveLength(960);
    for (const row of stored) {
      expect(bad.has(row.item_index)).toBe(false);
      expect(row.nik).toBe(items[row.item_index].nik);
      expect(Number(row.amount)).toBe(items[row.item_index].amount);
    }
    const after = await footprint(db);
    expect(after.disbursement_batches - before.disbursement_batches).toBe(1);
    expect(after.disbursement_issues - before.disbursement_issues).toBe(960);
    expect(after.failedDisbursements - before.failedDisbursements).toBe(960);
  });

  it('tells BRI nothing about BNI’s customer: the same error, word for word, as for a NIK nobody has', () => {
    const results = first.data.reportDisbursementIssues.results;
    const at = (nik: string) => results[items.findIndex((i) => i.nik === nik)].userErrors.map((e: any) => ({ code: e.code, message: e.message }));
    expect(at(bniRow.nik)).toEqual(at(UNKNOWN_NIK));
    expect(at(septemberNik)).toEqual(at(UNKNOWN_NIK));
    expect(JSON.stringify(first)).not.toContain('BNI');
  });

  it('leaves BNI’s disbursement as it was', async () => {
    const [{ status }] = await db.dataSource.query('SELECT status FROM disbursements WHERE id = $1', [bniRow.disbursementId]);
    expect(status).toBe(bniRow.status);
    expect(await count(db, 'disbursement_issues', 'disbursement_id = $1', [bniRow.disbursementId])).toBe(0);
  });

  it('matches the whole batch in a constant number of statements (the same for 10 items as for 1000)', async () => {
    const big = bigStatements;
    const more = await seedBankDisbursements(db.dataSource, { bankCode: 'BRI', programCode: 'PKH', period: PERIOD, count: 9, seriesStart: 30_000 });
    clearReferenceCache(db.dataSource); // the 1000-item report was the process's first: it read the programme, which is kept a minute after
    statements = [];
    const small = await bri(REPORT, { input: reportInput(PERIOD, [...more.map((nik) => item(nik, `${PERIOD}-15`, { amount: 600_000 })), item(UNKNOWN_NIK, `${PERIOD}-15`)], { programCode: 'PKH' }) });
    expect(small.body.data.reportDisbursementIssues.batch.acceptedCount).toBe(9);
    console.info(`statements per report: ${big} for 1000 items, ${statements.length} for 10`);
    expect(big).toBe(statements.length);
    expect(big).toBeLessThanOrEqual(20);
  });

  it('repeats the first answer for the same key and input, creating nothing', async () => {
    const counts = await footprint(db);
    const again = (await bri(REPORT, { input })).body;
    expect(again).toEqual(first);
    expect(await footprint(db)).toEqual(counts);
  });

  it('refuses the same key with other input (IDEMPOTENCY_KEY_REUSED), creating nothing', async () => {
    const counts = await footprint(db);
    const { body } = await bri(REPORT, { input: { ...input, items: items.slice(0, 999) } });
    expect(body.data.reportDisbursementIssues).toEqual({
      batch: null, results: [], userErrors: [expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] })],
    });
    expect(await footprint(db)).toEqual(counts);
  });
});

describe('another bank on BRI’s disbursements', () => {
  it('BNI reporting BRI’s disbursements gets NOT_FOUND for each, as for unknown NIKs, and changes nothing of BRI’s', async () => {
    const rows = (await demoDisbursements(db, 'BRI', 'BPNT', latest)).slice(0, 4);
    const before = await db.dataSource.query('SELECT id, status FROM disbursements WHERE id = ANY($1::uuid[]) ORDER BY id', [rows.map((r) => r.disbursementId)]);
    const { body } = await bni(REPORT, { input: reportInput(latest, [...rows.map((r) => item(r.nik, `${latest}-15`)), item(UNKNOWN_NIK, `${latest}-15`)]) });
    const result = body.data.reportDisbursementIssues;
    expect(result.batch).toMatchObject({ acceptedCount: 0, rejectedCount: 5, bank: { bankCode: 'BNI' } });
    const messages = result.results.map((r: any) => [r.issue, r.userErrors.map((e: any) => [e.code, e.message])]);
    expect(new Set(messages.map((m: unknown) => JSON.stringify(m))).size).toBe(1); // BRI's customers look exactly like nobody
    expect(messages[0]).toEqual([null, [['NOT_FOUND', `Tidak ada penyaluran BPNT periode ${latest} oleh bank Anda untuk NIK ini.`]]]);
    expect(await db.dataSource.query('SELECT id, status FROM disbursements WHERE id = ANY($1::uuid[]) ORDER BY id', [rows.map((r) => r.disbursementId)])).toEqual(before);
    expect(await count(db, 'disbursement_issues', 'disbursement_id = ANY($1::uuid[])', [rows.map((r) => r.disbursementId)])).toBe(0);
  });

  it('answers in English on request', async () => {
    const [row] = await demoDisbursements(db, 'BRI', 'BPNT', latest);
    const { body } = await bni(REPORT, { input: reportInput(latest, [item(row.nik, `${latest}-15`)]) }, { 'accept-language': 'en' });
    expect(body.data.reportDisbursementIssues.results[0].userErrors[0].message).toBe(`No BPNT disbursement of ${latest} made by your bank matches this NIK.`);
  });
});

describe('the envelope', () => {
  /** A report of the demo's latest month (a past one, which the API accepts) about nobody: the test's override is what is wrong with it. */
  const anyReport = (overrides: Record<string, unknown> = {}) => reportInput(latest, [item(UNKNOWN_NIK, `${latest}-15`)], overrides);

  it.each([
    ['an unknown programme', async () => ({ programCode: 'NOPE' }), ['input', 'programCode']],
    ['a period that is not a month', async () => ({ period: `${latest.slice(0, 4)}-13` }), ['input', 'period']],
    // Read from the database's clock just before the request: the month after this one where it is latest (WIT).
    ['a period in the future (next month where it is latest: WIT)', async () => ({ period: (await firstFuture(db)).month }), ['input', 'period']],
    ['an idempotency key over 128 characters', async () => ({ idempotencyKey: 'k'.repeat(129) }), ['input', 'idempotencyKey']],
  ])('refuses %s as a userError, reading no item and writing nothing', async (_case, overrides, field) => {
    const before = await footprint(db);
    const { body } = await bri(REPORT, { input: anyReport(await overrides()) });
    expect(body.data.reportDisbursementIssues).toEqual({ batch: null, results: [], userErrors: [expect.objectContaining({ code: 'INVALID_INPUT', field })] });
    expect(await footprint(db)).toEqual(before);
  });

  it.each([[0], [1001]])('refuses %i items with a top-level BAD_USER_INPUT (a limit), writing nothing', async (n) => {
    const before = await footprint(db);
    const { body } = await bri(REPORT, { input: reportInput(latest, Array.from({ length: n }, () => item(UNKNOWN_NIK, `${latest}-15`))) });
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/^items memuat 1–1000 butir per panggilan/); // Bahasa Indonesia: no Accept-Language
    expect(await footprint(db)).toEqual(before);
  });

  it('refuses a failure code outside the enum at validation (a type error, before anything runs)', async () => {
    const { body } = await bri(REPORT, { input: anyReport({ items: [item(UNKNOWN_NIK, `${latest}-15`, { failureCode: 'BANK_ON_FIRE' })] }) });
    expect(body.errors[0].extensions.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
  });
});

describe('who may report', () => {
  it.each(['demo-ministry', 'demo-dinsos-3273', 'demo-village-3273011001', 'demo-portal-3273', 'demo-ngo-lks', 'demo-auditor'])(
    '%s is refused with FORBIDDEN', async (clientId) => {
      const { body } = await as(api, clientId)(REPORT, { input: reportInput(latest, [item(UNKNOWN_NIK, `${latest}-15`)]) });
      expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(body.data).toBeNull();
    },
  );

  it('the public is refused with UNAUTHENTICATED', async () => {
    const { body } = await api.gql(REPORT, { input: reportInput(latest, [item(UNKNOWN_NIK, `${latest}-15`)]) });
    expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('keys are per client: BNI may use the key BRI used', async () => {
    const key = randomUUID();
    const [briRow] = await demoDisbursements(db, 'BRI', 'BPNT', latest, { status: 'DISBURSED' });
    const [bniRow] = await demoDisbursements(db, 'BNI', 'BPNT', latest, { status: 'DISBURSED' });
    const a = (await bri(REPORT, { input: reportInput(latest, [item(briRow.nik, `${latest}-15`)], { idempotencyKey: key }) })).body.data.reportDisbursementIssues;
    const b = (await bni(REPORT, { input: reportInput(latest, [item(bniRow.nik, `${latest}-15`)], { idempotencyKey: key }) })).body.data.reportDisbursementIssues;
    expect(a.batch.acceptedCount).toBe(1);
    expect(b.batch.acceptedCount).toBe(1);
    expect(a.batch.id).not.toBe(b.batch.id);
  });
});
