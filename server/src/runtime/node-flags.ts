import v8 from 'node:v8';

/**
 * The V8 flags the server runs with (`npm start` passes them; so does the
 * benchmark and the tests that start the built server). Measured on the inbox
 * at 64 connections (docs/benchmarks.md, "Memory"): with Node's defaults the
 * heap grows with the load — peak RSS 358–641 MB over 20 s — because V8 sizes
 * its heap against the machine's memory (24 GiB here) and collects late. An
 * explicit old-space limit makes it collect before growing; alone it also
 * shrinks the young generation, and the extra scavenges cost ~10–15 % of the
 * throughput, so the young generation is set back up: peak 237 MB at the
 * default's throughput. A deployment with more or less memory per process
 * scales the old space (about 60 % of what the container may use).
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=512', '--max-semi-space-size=32'] as const;

/** The old-space limit SERVER_NODE_FLAGS sets, in MB (the security suite checks the server's heap against it). */
export const OLD_SPACE_MB = Number(/=(\d+)/.exec(SERVER_NODE_FLAGS[0])![1]);

/**
 * Whether this process runs with a heap limit of its own (SERVER_NODE_FLAGS or
 * a deployment's): without one, V8's limit follows the machine's memory.
 * main.ts warns when it does not.
 */
export function hasHeapLimit(): boolean {
  // V8's limit is the old space plus the young generation and some slack: within 2× of the flag means a flag was given.
  return v8.getHeapStatistics().heap_size_limit / 2 ** 20 <= OLD_SPACE_MB * 2;
}
