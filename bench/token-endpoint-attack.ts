/**
 * node dist/bench/token-endpoint-attack.js [--baseline <another checkout, built>] [--attackers 32] [--seconds 10] [--spread one|many] [--scale large]
 *
 * A guessing attack on POST /oauth/token (issue 15, finding 3) against the
 * benchmark's Aduan (bench/serve.ts: production mode, the benchmark database):
 * `attackers` loops send wrong secrets for a real client, from one address
 * (`--spread one`), or each request from a new one (`--spread many`, the
 * default: what per-address throttling cannot stop, so only the bound on
 * secret checks protects the rest), while a legitimate client on another
 * address asks for its token and runs a public query, one after the other.
 * Prints the attackers' answers by status and the legitimate token's and
 * query's latency (p50, p90, max), idle and then under attack, for this build
 * and, with --baseline, for another checkout's build (one after the other, on
 * the same database). Loopback addresses (127.0.0.0/8) are the callers'.
 */
import 'reflect-metadata';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startContenderProcess } from './harness/child';
import { parseOptions, benchDatabaseUrl } from './harness/workload-requests';

const CLIENT = 'demo-dinsos-3273';
const LEGITIMATE = '127.0.0.5';

function post(localAddress: string, port: number, path: string, contentType: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path, method: 'POST', localAddress, agent: false, headers: { 'content-type': contentType } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(body);
  });
}

const tokenRequest = (from: string, port: number, secret: string) =>
  post(from, port, '/oauth/token', 'application/x-www-form-urlencoded', new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT, client_secret: secret }).toString());
const publicQuery = (from: string, port: number) => post(from, port, '/graphql', 'application/json', JSON.stringify({ query: '{ programs { code } }' }));

/** The legitimate client for `ms`: a token, then a public query, again and again; their latencies. */
async function legitimate(port: number, ms: number): Promise<{ token: number[]; query: number[]; failures: string[] }> {
  const token: number[] = [];
  const query: number[] = [];
  const failures: string[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end) {
    let started = performance.now();
    const tokenStatus = await tokenRequest(LEGITIMATE, port, `${CLIENT}-secret`);
    token.push(performance.now() - started);
    if (tokenStatus !== 200) failures.push(`token ${tokenStatus}`);
    started = performance.now();
    const queryStatus = await publicQuery('127.0.0.6', port);
    query.push(performance.now() - started);
    if (queryStatus !== 200) failures.push(`query ${queryStatus}`);
  }
  return { token, query, failures };
}

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `p50 ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms (n=${sorted.length})`;
}

async function measure(label: string, serveScript: string | undefined, options: { attackers: number; seconds: number; spread: string; databaseUrl: string }) {
  const server = await startContenderProcess('aduan', options.databaseUrl, 10, serveScript);
  try {
    await legitimate(server.port, 1_000); // warm-up
    const idle = await legitimate(server.port, options.seconds * 1000);
    const statuses = new Map<number | string, number>();
    let stop = false;
    let sent = 0;
    const attackers = Array.from({ length: options.attackers }, async (_, a) => {
      while (!stop) {
        const n = sent++;
        // many: each request from its own address in 127.16.0.0/12 (never the legitimate client's)
        const from = options.spread === 'one' ? '127.0.0.2' : `127.${16 + ((n >> 16) & 15)}.${(n >> 8) & 255}.${n & 255}`;
        const status = await tokenRequest(from, server.port, `guess-${a}-${n}`).catch((error: Error) => error.message);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    });
    await new Promise((r) => setTimeout(r, 1_000)); // the attack under way
    const attacked = await legitimate(server.port, options.seconds * 1000);
    stop = true;
    await Promise.all(attackers);
    const cpu = (await server.snapshot()).cpuMs;
    console.log(`== ${label}: ${options.attackers} attackers, spread ${options.spread}, ${sent} wrong secrets sent, answered ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')} (server CPU so far ${(cpu / 1000).toFixed(1)} s)`);
    console.log(`   idle:           token ${summary(idle.token)}; public query ${summary(idle.query)}${idle.failures.length ? `; failures ${idle.failures.join(', ')}` : ''}`);
    console.log(`   under attack:   token ${summary(attacked.token)}; public query ${summary(attacked.query)}${attacked.failures.length ? `; failures ${[...new Set(attacked.failures)].map((f) => `${f}×${attacked.failures.filter((x) => x === f).length}`).join(', ')}` : ''}`);
  } finally {
    await server.stop();
  }
}

async function main() {
  const args = parseOptions(process.argv.slice(2));
  const options = {
    attackers: Number(args.attackers ?? 32),
    seconds: Number(args.seconds ?? 10),
    spread: args.spread ?? 'many',
    databaseUrl: benchDatabaseUrl(args.scale ?? 'large'),
  };
  if (args.baseline) await measure(`A (${args.baseline})`, path.resolve(args.baseline, 'dist/bench/serve.js'), options);
  await measure('B (this build)', undefined, options);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
