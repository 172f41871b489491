import type { Server } from 'node:http';
import type { WorkloadInput, WorkloadName } from '../workloads';

/** One HTTP request as the load generator sends it. */
export interface ContenderRequest {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface RunningContender {
  port: number;
  /** SQL statements sent to PostgreSQL so far (every round trip: BEGIN and COMMIT count). */
  statements(): number;
  stop(): Promise<void>;
}

export interface StartOptions {
  databaseUrl: string;
  /** Connections to PostgreSQL: the same for every contender. */
  poolSize: number;
  /** The server's log level: production logs a line per request (the benchmark discards them); tests pass 'silent'. */
  logLevel?: string;
}

/**
 * A server answering the benchmark's workloads over the same database. Adding
 * one is one file in bench/contenders/ and a line in contenders/index.ts.
 * `request` runs in the benchmark process, `start` in a child process of its
 * own (bench/serve.ts), so that its CPU time and memory are its own.
 */
export interface Contender {
  name: string;
  label: string;
  /** Why it cannot run here (a package missing), or null. Checked before anything starts. */
  unavailable(): Promise<string | null>;
  /** Whether it answers this workload at all (PostGraphile has no business mutations). */
  supports(workload: WorkloadName): boolean;
  start(options: StartOptions): Promise<RunningContender>;
  request(workload: WorkloadName, input: WorkloadInput, token: string | null): ContenderRequest;
  /** Its answer in Aduan's shape, for the check that every contender answers the same; Aduan's own answers are already. */
  toAduanShape?(workload: WorkloadName, answer: unknown): unknown;
}

export function graphqlRequest(query: string, variables: Record<string, unknown>, token: string | null): ContenderRequest {
  return {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  };
}

/**
 * A contender's own HTTP server (the limit's, PostGraphile's) listening on an
 * ephemeral loopback port, as a RunningContender: `release` frees what the
 * contender holds (its pools) after the server has closed.
 */
export async function listenOnLoopback(server: Server, statements: () => number, release: () => Promise<void>): Promise<RunningContender> {
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  return {
    port,
    statements,
    stop: async () => {
      await new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); });
      await release();
    },
  };
}
