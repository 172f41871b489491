/**
 * node dist/bench/hostile-latency.js --baseline <another checkout, built> [--attackers 8] [--seconds 20] [--rate 10] [--rounds 2] [--scale large]
 *
 * What issue 15's hostile documents do to everyone else: the latency of a
 * trivial public query (`{ programs { code } }`, open loop at --rate a second,
 * each latency counted from when the request was due, so a stalled event loop
 * cannot hide its queue) first with nothing else running, then while
 * --attackers connections send hostile documents in a loop, each cycling
 * through the classes of findings 1 and 2 (55,000 fields, 50,000 @include,
 * 20,000 unused fragments, a 100,000-id list, and finding 1's nested
 * document, a distinct one each time). Another checkout's build (A, e.g. the
 * commit before the fixes) and this one (B), each a fresh production process
 * per round, alternating A B, B A. A measurement, not a test: nothing is
 * asserted; it prints p50/p99 per phase, how the hostile requests were
 * answered, and whether the server survived.
 */
import 'reflect-metadata';
import http from 'node:http';
import path from 'node:path';
import { ContenderProcess, startContenderProcess } from './harness/child';
import { inlineNestedComplaintDocument, manyDirectivesDocument, manyFieldsDocument, manyTokensDocument, nestedComplaintDocument, TRIVIAL_PUBLIC_QUERY, unusedFragmentsDocument } from './harness/hostile-documents';
import { runLoad } from './harness/load';
import { median } from './harness/stats';
import { benchDatabaseUrl, parseOptions } from './harness/workload-requests';

type Build = 'A' | 'B';

const once = (query: string) => {
  const body = JSON.stringify({ query });
  return () => body;
};

const CLASSES: { name: string; body: (n: number) => string }[] = [
  { name: '55,000 fields', body: once(manyFieldsDocument(55_000)) },
  { name: '50,000 @include', body: once(manyDirectivesDocument(50_000)) },
  { name: '20,000 unused fragments', body: once(unusedFragmentsDocument(20_000)) },
  { name: '100,000 ids', body: once(manyTokensDocument(100_000)) },
  { name: 'nested (finding 1, fragments)', body: (n) => JSON.stringify({ query: nestedComplaintDocument(n) }) },
  { name: 'nested (finding 1, written out)', body: (n) => JSON.stringify({ query: inlineNestedComplaintDocument(n) }) },
];

interface Phase { build: Build; round: number; phase: 'quiet' | 'attack'; p50: number; p99: number; ok: number; failed: number; firstFailure?: string; answers: Map<string, number> }

async function main() {
  const args = parseOptions(process.argv.slice(2));
  if (!args.baseline) throw new Error('--baseline <path of another checkout, built> is required');
  const attackers = Number(args.attackers ?? 8);
  const seconds = Number(args.seconds ?? 20);
  const rate = Number(args.rate ?? 10);
  const rounds = Number(args.rounds ?? 2);
  const databaseUrl = benchDatabaseUrl(args.scale ?? 'large');
  const serveScripts: Record<Build, string | undefined> = { A: path.resolve(args.baseline, 'dist/bench/serve.js'), B: undefined };
  const trivial = { method: 'POST' as const, path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: TRIVIAL_PUBLIC_QUERY }) };
  const phases: Phase[] = [];
  let distinct = 0;

  const measure = async (build: Build, round: number, phase: Phase['phase'], port: number): Promise<Phase> => {
    const answers = new Map<string, number>();
    let stop = false;
    const attack = phase === 'quiet' ? [] : Array.from({ length: attackers }, async (_, k) => {
      for (let i = k; !stop; i++) {
        const kind = CLASSES[i % CLASSES.length];
        const answer = await post(port, kind.body(++distinct));
        const key = `${kind.name}: ${answer}`;
        answers.set(key, (answers.get(key) ?? 0) + 1);
        if (answer.startsWith('no answer')) await new Promise((resolve) => setTimeout(resolve, 200));
      }
    });
    const result = await runLoad({ port, mode: { kind: 'open', rate, connections: 16 }, durationMs: (phase === 'quiet' ? seconds / 2 : seconds) * 1000, next: () => trivial });
    stop = true;
    await Promise.all(attack);
    return { build, round, phase, p50: result.p50Ms, p99: result.p99Ms, ok: result.ok, failed: result.failed, firstFailure: result.firstFailure, answers };
  };

  for (let round = 1; round <= rounds; round++) {
    for (const build of round % 2 === 1 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
      const server: ContenderProcess = await startContenderProcess('aduan', databaseUrl, 10, serveScripts[build]);
      try {
        await runLoad({ port: server.port, mode: { kind: 'closed', connections: 2 }, durationMs: 2000, next: () => trivial }); // warm-up
        for (const phase of ['quiet', 'attack'] as const) {
          const p = await measure(build, round, phase, server.port);
          phases.push(p);
          console.log(`round ${round} ${build} ${phase}: trivial query p50 ${p.p50.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms (${p.ok} ok, ${p.failed} failed${p.firstFailure ? `: ${p.firstFailure.slice(0, 120)}` : ''})`);
          for (const [answer, count] of [...p.answers].sort()) console.log(`    ${count} × ${answer}`);
        }
      } finally {
        await server.stop();
      }
    }
  }
  for (const phase of ['quiet', 'attack'] as const) {
    const of = (build: Build, key: 'p50' | 'p99') => median(phases.filter((p) => p.build === build && p.phase === phase).map((p) => p[key]));
    console.log(`== ${phase}, medians of ${rounds} rounds, ${phase === 'attack' ? `${attackers} attackers, ` : ''}trivial query at ${rate}/s: A (${args.baseline}) p50 ${of('A', 'p50').toFixed(1)} ms, p99 ${of('A', 'p99').toFixed(1)} ms → B (this build) p50 ${of('B', 'p50').toFixed(1)} ms, p99 ${of('B', 'p99').toFixed(1)} ms`);
  }
}

/** POSTs a body, answering "<status> <first error code>" or "no answer (<why>)". */
function post(port: number, body: string): Promise<string> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let code = 'data';
        try {
          code = JSON.parse(text).errors?.[0]?.extensions?.code ?? 'data';
        } catch {
          code = 'not JSON';
        }
        resolve(`${res.statusCode} ${code}`);
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(`no answer (${error.code ?? error.message})`));
    req.end(body);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
