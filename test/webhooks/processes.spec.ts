import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../sdk/src/index';
import { BuiltServer, spawnBuiltServer, tokenFrom, waitForListening } from '../support/built-server';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { deliveriesTo, WebhookReceiver } from './receiver';

/**
 * Two server processes (`node dist/server/src/main.js`, as `npm start` runs
 * it) on one database, each with its job runner: changes made through either
 * are delivered once each — graphile-worker locks each job to one worker, and
 * the delivery's lease and compare-and-set record do the rest.
 */
const db = useTestDatabase('demo');
const receiver = new WebhookReceiver(() => Date.now());
const servers: BuiltServer[] = [];
const urls: string[] = [];
const EVENTS = 20;

beforeAll(async () => {
  await receiver.start();
  for (let i = 0; i < 2; i += 1) servers.push(spawnBuiltServer({ DATABASE_URL: db.url, PORT: '0', SEED_DEMO: 'false', LOG_LEVEL: 'debug' }));
  for (const server of servers) urls.push(`http://127.0.0.1:${(await waitForListening(server)).port}`);
}, 120_000);

afterAll(async () => {
  for (const server of servers) {
    if (server.process.exitCode === null) {
      server.process.kill('SIGTERM');
      await server.exited;
    }
  }
  await receiver.stop();
});

async function gql(baseUrl: string, token: string, query: string, variables: Record<string, unknown>) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

describe('several server processes on one database', () => {
  it(`deliver each of ${EVENTS} events exactly once, whichever process the change went through`, async () => {
    const [a, b] = urls;
    const district = await tokenFrom(a, 'demo-dinsos-3273');
    const portal = [await tokenFrom(a, 'demo-portal-3273'), await tokenFrom(b, 'demo-portal-3273')];
    const village = [await tokenFrom(a, 'demo-village-3273011001'), await tokenFrom(b, 'demo-village-3273011001')];
    const created = (await gql(a, district, `mutation ($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { signingSecret userErrors { code } } }`,
      { input: { idempotencyKey: randomUUID(), url: receiver.url('/processes'), eventTypes: ['COMPLAINT_STATUS_CHANGED'] } })).createWebhookSubscription;
    expect(created.userErrors).toEqual([]);

    const started = performance.now();
    const mine = new Set<string>();
    await Promise.all(Array.from({ length: EVENTS }, async (_, i) => {
      const through = i % 2; // half through each process
      const submitted = (await gql(urls[through], portal[through], SUBMIT, { input: complaintInput() })).submitComplaint;
      mine.add(submitted.complaint.id);
      await gql(urls[1 - through], village[1 - through], `mutation ($input: VerifyComplaintInput!) { verifyComplaint(input: $input) { userErrors { code } } }`,
        { input: { complaintId: submitted.complaint.id, version: submitted.complaint.version } });
    }));
    // Only this test's complaints: the SLA sweep (each minute, in either process) may change the demo data's
    // overdue complaints in the district while the test runs, and those changes are delivered too.
    const isOurs = (body: string) => [...mine].some((id) => body.includes(id));
    const ours = () => receiver.at('/processes').filter((r) => isOurs(r.body));
    await receiver.waitFor('/processes', EVENTS, 30_000, isOurs);
    const elapsed = performance.now() - started;
    // Would either process send one again? Only a job could, and a job leaves the queue once its attempt
    // is recorded: wait until every delivery is recorded and none has a job left (due, later or running),
    // instead of sleeping past both runners' poll interval.
    const deliveries = async () => (await deliveriesTo(db, receiver.url('/processes'))).filter((d) => isOurs(d.body));
    await expect.poll(async () => {
      const rows = await deliveries();
      return { recorded: rows.length, delivered: rows.filter((r) => r.status === 'DELIVERED').length, jobs: rows.reduce((n, r) => n + r.jobs, 0) };
    }, { timeout: 15_000, interval: 50 }).toEqual({ recorded: EVENTS, delivered: EVENTS, jobs: 0 });

    const arrived = ours();
    const perId = new Map<string, number>();
    for (const received of arrived) perId.set(received.id, (perId.get(received.id) ?? 0) + 1);
    expect([...perId].filter(([, n]) => n !== 1), 'received more than once').toEqual([]);
    expect(arrived).toHaveLength(EVENTS);
    expect(perId.size).toBe(EVENTS);
    for (const received of arrived) expect((await verifyWebhook({ secret: created.signingSecret, body: received.body, headers: received.headers as Record<string, string> })).id).toBe(received.id);
    const rows = await deliveries();
    expect(rows).toHaveLength(EVENTS);
    expect(rows.filter((r) => r.status !== 'DELIVERED' || r.attempts !== 1)).toEqual([]);

    // Which process ran the attempts: graphile-worker's debug line for each completed job.
    const completed = servers.map((s) => s.stdout().split('\n').filter((l) => l.includes('webhook_deliver') && /Completed task/.test(l)).length);
    console.info(`two server processes: ${EVENTS} events, ${perId.size} distinct delivery ids, each received once; `
      + `webhook attempts completed per process: ${completed.join(' + ')}; ${elapsed.toFixed(0)} ms until the ${EVENTS}th delivery`);
  }, 120_000);
});
