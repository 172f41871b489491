/**
 * npm run bench:shield — what the permission layer costs on the inbox: three
 * servers over the same database and data — the permission layer as served
 * (compiled: graphql/shield.ts applyPermissions), the same RULE_MAP applied by
 * graphql-shield's own middleware (as it was served before, an awaited wrapper
 * on every field), and none — requests alternating between them, medians
 * compared. A measurement, not a test: it asserts nothing.
 *
 * DATABASE_URL: a database with data (e.g. after seed:demo or seed:scale);
 * unset: a scratch embedded PostgreSQL with the demo data.
 */
import 'reflect-metadata';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../server/src/database/database';
import { seedDemo } from '../server/src/demo/seed-demo';
import { GraphQLError } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { deny, shield } from 'graphql-shield';
import type { RequestContext } from '../server/src/graphql/context';
import { buildAduanSchema, buildServedSchema } from '../server/src/graphql/schema';
import { RULE_MAP } from '../server/src/graphql/shield';
import { createServer } from '../server/src/http/app';
import { createLogger } from '../server/src/logger';

const REQUESTS = Number(process.env.REQUESTS ?? 400);
const INBOX = `{ complaints(first: 50) { totalCount edges { node { id trackingCode status statusLabel slaState createdAt
  program { name } channel { name } region { name } assignedTo { name }
  timeline(first: 3) { edges { node { type at } } } } } } }`;

async function main() {
  const scratch = process.env.DATABASE_URL ? undefined : mkdtempSync(path.join(os.tmpdir(), 'aduan-bench-'));
  if (scratch) chmodSync(scratch, 0o755);
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: scratch ?? '' });
  if (scratch) await seedDemo(database.dataSource);
  const logger = createLogger('silent');
  const variants = {
    compiled: () => buildServedSchema(),
    graphqlShield: async () => applyMiddleware(await buildAduanSchema(), shield(RULE_MAP, {
      fallbackRule: deny, allowExternalErrors: true, debug: false,
      fallbackError: async (_thrown, _parent, _args, ctx, info) => new GraphQLError(
        `${info.parentType.name}.${info.fieldName}: ${(ctx as unknown as RequestContext).principal.kind === 'public' ? 'needs a token' : 'forbidden'}`),
    })),
    none: () => buildServedSchema({ permissions: false }),
  };
  const servers = await Promise.all(Object.entries(variants).map(async ([permissions, schema]) => {
    const server = await createServer({
      schema: await schema(), dataSource: database.dataSource, logger, production: true,
      isMigrated: async () => true, rateLimits: { clientPerMinute: 1e9, publicPerMinute: 1e9 },
    });
    return { permissions, server, url: `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}` };
  }));
  const token = await fetch(`${servers[0].url}/oauth/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=demo-ministry&client_secret=demo-ministry-secret',
  }).then((r) => r.json() as Promise<{ access_token: string }>).then((b) => b.access_token);
  const once = async (url: string) => {
    const started = process.hrtime.bigint();
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: INBOX }) });
    const body = (await response.json()) as { errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  for (let i = 0; i < 50; i += 1) for (const s of servers) await once(s.url); // warm-up, not counted
  const samples = new Map<string, number[]>(servers.map((s) => [s.permissions, []]));
  for (let i = 0; i < REQUESTS; i += 1) {
    const order = i % 2 === 0 ? servers : [...servers].reverse(); // alternate who goes first
    for (const s of order) samples.get(s.permissions)!.push(await once(s.url));
  }
  const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  const p99 = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length * 0.99)]; };
  const off = median(samples.get('none')!);
  const share = (name: string) => `${(((median(samples.get(name)!) - off) / median(samples.get(name)!)) * 100).toFixed(1)} %`;
  console.log(JSON.stringify({
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model}`, node: process.version, loadAverage: os.loadavg().map((l) => +l.toFixed(2)), requests: REQUESTS, page: 50,
    ...Object.fromEntries(servers.map((s) => [s.permissions, { medianMs: +median(samples.get(s.permissions)!).toFixed(2), p99Ms: +p99(samples.get(s.permissions)!).toFixed(2) }])),
    shareOfMedian: { compiled: share('compiled'), graphqlShield: share('graphqlShield') },
  }, null, 2));
  for (const s of servers) await s.server.stop();
  await database.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}

main().catch((error) => { console.error(error); process.exit(1); });
