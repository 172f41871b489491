import { describe, expect, it } from 'vitest';
import { compilableComplaintDocument, nestedComplaintDocument } from '../../bench/harness/hostile-documents';
import { COMPILATION } from '../../server/src/graphql/compiled-execution';
import { OLD_SPACE_MB } from '../../server/src/runtime/node-flags';
import { useProductionServer } from './production-server';

/**
 * Issue 15, finding 1: memory exhausted through the compiled-operation cache.
 * Each distinct document below passes every limit (cost 4,191, depth 9, ~200
 * fields and ~600 tokens as written) and answers `{"data":{"node":null}}`; the
 * server used to compile each one (≈1 s of CPU) and keep it (≈4 MB of heap).
 * Sent one after another by a tokenless caller, they ended the process
 * (`FATAL ERROR: Reached heap limit … JavaScript heap out of memory`) after
 * OOM_SEQUENCE documents: the 81st request of this test found no server (98th
 * in a run by hand, ~2 minutes in).
 * The server must now answer the sequence and three times as many again,
 * stay ready, and keep its heap under the old-space limit it runs with.
 */
const OOM_SEQUENCE = 80;
const DOCUMENTS = OOM_SEQUENCE * 4;
const METRICS_TOKEN = 'security-suite-metrics-token-0f1e2d3c4b5a69788796';
const HEAP_LIMIT_BYTES = OLD_SPACE_MB * 2 ** 20;
/** Demo clients taking turns, so that no client's rate budget (600 a minute) is what stops the sequence. */
const CLIENTS = ['demo-dinsos-3273', 'demo-dinsos-3578', 'demo-province-32', 'demo-ministry'];

const server = useProductionServer({ METRICS_TOKEN });

async function gauge(name: string): Promise<number> {
  const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const match = new RegExp(`^${name} (\\d+(?:\\.\\d+)?(?:e\\+\\d+)?)$`, 'm').exec(await response.text());
  if (!match) throw new Error(`no ${name} in /metrics`);
  return Number(match[1]);
}

const heapUsedBytes = () => gauge('nodejs_heap_size_used_bytes');

/** Sends each document (`times` times in a row), failing with how the server went when it stops answering; answers the largest heap seen. */
async function sendAll(documents: number, times: number, headersFor: (i: number) => Record<string, string>): Promise<number> {
  let largestHeap = await heapUsedBytes();
  for (let i = 1; i <= documents; i++) {
    for (let time = 0; time < times; time++) {
      const answer = await server.post({ query: nestedComplaintDocument(i) }, headersFor(i)).catch(async (error: Error) => {
        await Promise.race([server.process.exited, new Promise((resolve) => setTimeout(resolve, 5_000))]); // for its last words
        throw new Error(`request ${i} (of ${documents}) got no answer (${(error.cause as Error)?.message ?? error.message}); ${server.process.gone()}`);
      });
      expect(answer.status, answer.text).toBe(200);
      expect(answer.body.data).toEqual({ node: null });
    }
    if (i % 10 === 0) largestHeap = Math.max(largestHeap, await heapUsedBytes());
  }
  return Math.max(largestHeap, await heapUsedBytes());
}

describe('the compiled-operation cache cannot exhaust memory', () => {
  it(`a tokenless caller's ${DOCUMENTS} distinct nested documents (4× the sequence that ended the process) leave it up and ready, its heap under ${OLD_SPACE_MB} MB`, async () => {
    const largestHeap = await sendAll(DOCUMENTS, 1, () => ({}));
    expect(server.process.gone()).toBe('');
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(largestHeap).toBeLessThan(HEAP_LIMIT_BYTES);
  }, 600_000);

  it(`authenticated clients sending each of ${DOCUMENTS} such documents twice (a repeated operation is one worth compiling) leave it up and ready, its heap under ${OLD_SPACE_MB} MB`, async () => {
    const tokens = await Promise.all(CLIENTS.map((client) => server.token(client)));
    const largestHeap = await sendAll(DOCUMENTS, 2, (i) => ({ authorization: `Bearer ${tokens[i % tokens.length]}` }));
    expect(server.process.gone()).toBe('');
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(largestHeap).toBeLessThan(HEAP_LIMIT_BYTES);
  }, 600_000);

  it('operations clients repeat are compiled within the cache budget, the least recently used dropped past it', async () => {
    const token = await server.token(CLIENTS[0]);
    const headers = { authorization: `Bearer ${token}` };
    // Each ~1.4 MB by the estimate (231 fields): twice as many as the budget holds.
    const perOperation = COMPILATION.bytesPerOperation + 231 * COMPILATION.bytesPerField;
    const operations = Math.ceil((2 * COMPILATION.budgetBytes) / perOperation);
    for (let i = 1; i <= operations; i++) {
      for (let run = 0; run < COMPILATION.afterRuns; run++) {
        const answer = await server.post({ query: compilableComplaintDocument(i) }, headers);
        expect(answer.body, answer.text.slice(0, 200)).toEqual({ data: { node: null }, extensions: expect.anything() });
      }
    }
    const kept = await gauge('aduan_compiled_operations');
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(operations);
    expect(await gauge('aduan_compiled_operations_estimated_bytes')).toBeLessThanOrEqual(COMPILATION.budgetBytes);
    expect(await heapUsedBytes()).toBeLessThan(HEAP_LIMIT_BYTES);
  }, 600_000);
});
