import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADUAN, ADUAN_NO_DATALOADER, ADUAN_NO_PERMISSIONS } from '../../bench/contenders';
import type { Contender, RunningContender } from '../../bench/contenders/contender';
import { limitContender } from '../../bench/contenders/limit';
import { postgraphileContender } from '../../bench/contenders/postgraphile';
import { COMPARED_WORKLOADS, compareAnswers } from '../../bench/harness/compare';
import { SCALES } from '../../bench/harness/database';
import { demoToken, Fixtures, freshBankReports, inputFor, loadFixtures } from '../../bench/harness/fixtures';
import { runLoad } from '../../bench/harness/load';
import { installBenchPackages } from '../../bench/harness/packages';
import { writeReport } from '../../bench/harness/report';
import type { Cell } from '../../bench/run';
import { WorkloadName, WORKLOADS } from '../../bench/workloads';
import { seedScale } from '../../server/src/demo/seed-scale';
import { useTestDatabase } from '../support/database';

/**
 * The benchmark's smoke run (npm run bench measures; this checks its shape, not
 * timings): at the small scale, every contender answers every workload it
 * serves exactly as Aduan does, the workloads ask about real data, Aduan's
 * inbox stays within its SQL statement bound, and the load generator and the
 * report work end to end.
 */
const INBOX_STATEMENT_BOUND = 8;

describe('npm run bench: smoke run at the small scale', () => {
  const db = useTestDatabase('demo');
  const running = new Map<string, { contender: Contender; instance: RunningContender }>();
  let fixtures: Fixtures;
  let postgraphileMissing: string | null;

  beforeAll(async () => {
    installBenchPackages(); // PostGraphile, as npm run bench installs it on first use (bench/packages)
    await seedScale(db.dataSource, { recipients: SCALES.small.recipients, complaints: SCALES.small.complaints });
    fixtures = await loadFixtures(db.dataSource);
    postgraphileMissing = await postgraphileContender.unavailable();
    const contenders = [ADUAN, limitContender, ...(postgraphileMissing ? [] : [postgraphileContender]), ADUAN_NO_PERMISSIONS, ADUAN_NO_DATALOADER];
    // Started side by side (each builds its schema in a process of its own), kept in this order: Aduan first, the one the others are compared with.
    const started = await Promise.allSettled(contenders.map((contender) => contender.start({ databaseUrl: db.url, poolSize: 4, logLevel: 'silent' })));
    started.forEach((result, i) => { if (result.status === 'fulfilled') running.set(contenders[i].name, { contender: contenders[i], instance: result.value }); });
    const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  }, 300_000); // the first run installs bench/packages

  afterAll(async () => {
    await Promise.all([...running.values()].map(({ instance }) => instance.stop()));
  });

  const ask = async (name: string, workload: WorkloadName, input: unknown) => {
    const { contender, instance } = running.get(name)!;
    const request = contender.request(workload, input as never, await demoToken(db.dataSource, WORKLOADS[workload].clientId));
    const response = await fetch(`http://127.0.0.1:${instance.port}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
    expect(response.status).toBe(200);
    return response.json() as Promise<{ data: any; errors?: unknown }>;
  };

  it('runs PostGraphile 5 on this Node (installed in bench/packages on first use; it declares Node 22, the contender adds what 20 lacks)', () => {
    expect(postgraphileMissing).toBeNull();
    expect(running.has('postgraphile')).toBe(true);
  });

  it('every contender answers every workload it serves as Aduan does', async () => {
    const answering = [...running.values()].map(({ contender, instance }) => ({ contender, port: instance.port }));
    const { compared, differences } = await compareAnswers(db.dataSource, fixtures, answering, 2);
    expect(differences).toEqual([]);
    // Every other contender against Aduan, on every workload it serves, twice.
    expect(compared).toBe(2 * COMPARED_WORKLOADS.reduce((n, w) => n + answering.filter((a) => a.contender.supports(w)).length - 1, 0));
  }, 120_000);

  it('asks about real data: full pages, found complaints, families and recipients, accepted reports', async () => {
    const inbox = await ask('aduan', 'inbox', inputFor('inbox', fixtures, 0));
    expect(inbox.errors).toBeUndefined();
    expect(inbox.data.complaints.edges).toHaveLength(50);
    expect(inbox.data.complaints.totalCount).toBeGreaterThan(5000);
    expect(inbox.data.complaints.edges[0].node.timeline.edges.length).toBeGreaterThan(0);
    const deep = await ask('aduan', 'inboxDeep', inputFor('inboxDeep', fixtures, 0));
    expect(deep.data.complaints.edges).toHaveLength(50);
    const detail = await ask('aduan', 'detail', inputFor('detail', fixtures, 3));
    expect(detail.data.complaint.trackingCode).toMatch(/^ADU-/);
    expect(detail.data.recipient.family.complaints.totalCount).toBeGreaterThan(0);
    expect(detail.data.recipient.family.enrolments.length).toBeGreaterThan(0);
    const track = await ask('aduan', 'track', inputFor('track', fixtures, 5));
    expect(track.data.trackComplaint.status).toBeTruthy();
    const recipient = await ask('aduan', 'recipient', inputFor('recipient', fixtures, 7));
    expect(recipient.data.recipient.fullName).toBeTruthy();
    const submitted = await ask('aduan', 'submit', inputFor('submit', fixtures, 9));
    expect(submitted.data.submitComplaint.userErrors).toEqual([]);
    expect(submitted.data.submitComplaint.trackingCode).toMatch(/^ADU-/);
    const [report] = await freshBankReports(db.dataSource, 1);
    const reported = await ask('aduan', 'bankReport', report);
    expect(reported.data.reportDisbursementIssues.batch).toMatchObject({ itemCount: 1000, acceptedCount: 1000, rejectedCount: 0 });
  }, 60_000);

  it(`keeps Aduan's inbox within ${INBOX_STATEMENT_BOUND} SQL statements per request; without DataLoader it would take hundreds`, async () => {
    const statementsFor = async (name: string) => {
      await ask(name, 'inbox', inputFor('inbox', fixtures, 0)); // tokens and keys cached, as under load
      const before = running.get(name)!.instance.statements();
      await ask(name, 'inbox', inputFor('inbox', fixtures, 0));
      return running.get(name)!.instance.statements() - before;
    };
    const aduan = await statementsFor('aduan');
    expect(aduan).toBeGreaterThan(0);
    expect(aduan).toBeLessThanOrEqual(INBOX_STATEMENT_BOUND);
    expect(await statementsFor('aduan-no-dataloader')).toBeGreaterThan(100);
    expect(await statementsFor('limit')).toBe(1);
  }, 60_000);

  it('drives load closed and open loop, and writes the report with every target', async () => {
    const limit = running.get('limit')!;
    const token = await demoToken(db.dataSource, WORKLOADS.recipient.clientId);
    const next = (i: number) => limit.contender.request('recipient', inputFor('recipient', fixtures, i), token);
    const closed = await runLoad({ port: limit.instance.port, mode: { kind: 'closed', connections: 4 }, durationMs: 500, next });
    expect(closed.failed).toBe(0);
    expect(closed.ok).toBeGreaterThan(10);
    expect(closed.p99Ms).toBeGreaterThanOrEqual(closed.p50Ms);
    // 40 requests due at 80/s over half a second: all sent whatever the answers do.
    const open = await runLoad({ port: limit.instance.port, mode: { kind: 'open', rate: 80, connections: 8 }, durationMs: 500, next });
    expect(open.ok + open.failed).toBe(40);
    expect(open.failed).toBe(0);

    const cell = (workload: WorkloadName, level: string, contender: string, p50Ms: number, requestsPerSecond = 100): Cell => ({
      workload, level, contender, rep: 1, load: { ...closed, requestsPerSecond, p50Ms, p99Ms: p50Ms * 2 },
      serverCpuMsPerRequest: 1, postgresCpuMsPerRequest: 1, loadGeneratorCpuMsPerRequest: 0.1, statementsPerRequest: 1, peakRssMb: 100,
      ...(workload === 'submit' ? { committedPerSecond: 500 } : {}),
    });
    const cells = [
      cell('inbox', 'c1', 'aduan', 10, 40), cell('inbox', 'c1', 'limit', 9, 100), cell('inbox', 'c1', 'aduan-no-permissions', 8, 50),
      cell('inbox', 'open', 'aduan', 20), cell('inboxDeep', 'c1', 'aduan', 10.5), cell('submit', 'c16', 'aduan', 5),
      cell('bankReport', 'sequential', 'aduan', 300), cell('recipient', 'c1', 'aduan', 2), cell('recipient', 'open', 'aduan', 3),
    ];
    const root = mkdtempSync(path.join(os.tmpdir(), 'aduan-bench-report-'));
    try {
      const written = writeReport({
        scale: SCALES.small, options: { reps: 1, seconds: 1, warmup: 1 }, cells, openRates: { inbox: 100 }, missing: new Map(),
        comparison: { compared: 1, differences: [] }, fixtures: { deepPage: fixtures.deepPage }, root,
        environment: {
          machine: 'test', memoryGiB: 1, node: process.version, postgres: '15', settings: {}, commit: 'test', startedAt: '', finishedAt: '',
          loadAverageBefore: [0, 0, 0], loadAverageAfter: [0, 0, 0], command: 'npm run bench -- --scale small',
        },
      });
      expect(written).toEqual(['docs/benchmarks.md', 'docs/benchmarks/small.json', 'docs/benchmarks/small-latency.svg']);
      const markdown = readFileSync(path.join(root, 'docs/benchmarks.md'), 'utf8');
      expect(markdown).toContain('<!-- results:small:begin -->');
      expect(markdown).toMatch(/Inbox throughput ≥ 50 % of the limit’s .* \| \*\*no\*\* \|/);
      expect(markdown).toMatch(/Inbox page \d+ within 10 % of page 1 .* \| yes \|/);
      expect(markdown).toMatch(/submitComplaint ≥ 1,000 committed complaints\/s .* \| \*\*no\*\* \|/);
      expect(markdown).toMatch(/Permission layer ≤ 15 % .* 10 ms on, 8 ms off = 20 % \| \*\*no\*\* \|/);
      const json = JSON.parse(readFileSync(path.join(root, 'docs/benchmarks/small.json'), 'utf8'));
      expect(json.targets).toHaveLength(9);
      expect(markdown).toMatch(/Recipient by NIK at 10,000 recipients: p99 ≤ 10 ms .* 4 ms \(p50 2 ms\); at half the limit’s rate .* \| yes \|/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 30_000);
});
