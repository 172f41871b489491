import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/src/logger';
import { tokenFor } from '../support/auth';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { lockTable, STATE_WAIT_MS, usePgActivity } from '../support/pg-activity';
import { useTestServer } from '../support/server';

/**
 * A caller who gives up on a mutation mid-flight (docs/adr/0017): its
 * transaction is cancelled while it waits, so nothing it wrote remains; the
 * caller's retry with the same idempotency key files the complaint once; the
 * request log and the metrics name the outcome (499, "client closed request")
 * and count no error for it.
 *
 * Mid-flight, made deterministic: a complaint about a family (subjectNik) is
 * written in a transaction that then links the family's disbursement issues
 * (disbursements/disbursement-links.ts); the test holds a lock on
 * disbursement_issues, so the transaction waits there with the complaint
 * already inserted.
 */
const lines: string[] = [];
const db = useTestDatabase('demo');
const api = useTestServer(db, { logger: createLogger('info', { write: (line: string) => void lines.push(line) }) });
const activity = usePgActivity(db);

const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

let token: string;
let subjectNik: string;
beforeAll(async () => {
  token = await tokenFor(api, 'demo-portal-3273');
  [{ nik: subjectNik }] = await db.dataSource.query(`SELECT nik FROM recipients WHERE region_code = '32.73.01.1001' ORDER BY nik LIMIT 1`);
});

const submit = (input: Record<string, unknown>, headers: Record<string, string> = {}, signal?: AbortSignal) =>
  api.fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query: SUBMIT, variables: { input } }),
    signal,
  });

async function metric(line: RegExp): Promise<string | undefined> {
  const text = await (await api.fetch('/metrics')).text();
  return text.split('\n').find((l) => line.test(l));
}

describe('a caller who gives up on a mutation mid-flight', () => {
  it('leaves nothing half-written; the retry with the same key files one complaint; the log and metrics say 499', async () => {
    const description = `Abandoned mid-flight ${randomUUID()}`;
    const input = complaintInput({ description, subjectNik, occurredOn: '2026-10-15' });
    const complaints = async () => (await db.dataSource.query('SELECT count(*)::int AS n FROM complaints WHERE description = $1', [description]))[0].n;
    const keyRecords = async () => (await db.dataSource.query('SELECT count(*)::int AS n FROM idempotency_records WHERE key = $1', [input.idempotencyKey]))[0].n;

    const lock = await lockTable(db, 'disbursement_issues');
    try {
      const abandoned = new AbortController();
      const gaveUp = submit(input, { 'x-request-id': 'abandoned-submit-1' }, abandoned.signal).catch((error: Error) => error.name);
      const [pid] = await activity.untilLockWaiters(1);
      expect(await activity.backend(pid)).toMatchObject({ state: 'active', wrote: true }); // the complaint is inserted, uncommitted

      abandoned.abort();
      expect(await gaveUp).toBe('AbortError');
      // Cancelled while the lock is still held, its transaction rolled back: the connection is idle, out of any transaction.
      await expect.poll(() => activity.backend(pid), { timeout: STATE_WAIT_MS, interval: 20 }).toMatchObject({ state: 'idle', wrote: false });
    } finally {
      await lock.release();
    }
    // Had the transaction gone on once the lock was released, the complaint and the key's claim would be here.
    expect(await complaints()).toBe(0);
    expect(await keyRecords()).toBe(0);

    const retried = await (await submit(input)).json();
    expect(retried.errors).toBeUndefined();
    expect(retried.data.submitComplaint).toMatchObject({ trackingCode: expect.any(String), userErrors: [] });
    const again = await (await submit(input)).json();
    expect(again.data.submitComplaint.trackingCode).toBe(retried.data.submitComplaint.trackingCode);
    expect(await complaints()).toBe(1);
    expect(await keyRecords()).toBe(1);

    const about = records().filter((r) => r.requestId === 'abandoned-submit-1');
    expect(about).toEqual([expect.objectContaining({
      level: 'info', msg: 'request', status: 499, path: '/graphql',
      operation: 'submitComplaint', operationType: 'mutation', operationName: 'Submit', clientId: 'demo-portal-3273',
    })]); // one line, and no 'resolver error' or access-log failure beside it
    expect(records().filter((r) => r.level === 'error' || r.level === 'warn')).toEqual([]);
    expect(await metric(/^aduan_graphql_requests_total\{.*operation="submitComplaint".*status="499"/)).toEqual(expect.stringMatching(/ 1$/));
    expect(await metric(/^aduan_http_requests_total\{route="\/graphql",method="POST",status="499"\}/)).toEqual(expect.stringMatching(/ 1$/));
    expect(await metric(/^aduan_errors_total\{/)).toBeUndefined();
  });
});
