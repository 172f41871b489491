import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../server/src/runtime/node-flags';

const root = path.join(__dirname, '../..');
const FLAGS_MODULE = path.join(root, 'dist/server/src/runtime/node-flags.js');

/** hasHeapLimit() as a Node process started with these flags answers it. */
function hasHeapLimitWith(flags: readonly string[]): boolean {
  return JSON.parse(execFileSync(process.execPath, [...flags, '-e', `console.log(JSON.stringify(require(${JSON.stringify(FLAGS_MODULE)}).hasHeapLimit()))`], { encoding: 'utf8' }));
}

describe('the server’s V8 flags (server/src/runtime/node-flags.ts)', () => {
  it('are the ones npm start passes', () => {
    const start: string = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.start;
    expect(start).toContain(`node ${SERVER_NODE_FLAGS.join(' ')} dist/server/src/main.js`);
  });

  it('give the process a heap limit of its own, which main.ts checks for (and warns without)', () => {
    expect(hasHeapLimitWith(SERVER_NODE_FLAGS)).toBe(true);
    expect(hasHeapLimitWith([])).toBe(false); // this machine's default follows its memory (24 GiB)
  });
});
