import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The SDK's API reference: `npm run sdk:docs` (TypeDoc over sdk/src/index.ts, see sdk/typedoc.json), here
 * written to a temporary folder. It documents every export, each client method with its doc comment, the
 * changelog, and searches offline.
 */

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
let out = '';
let log = '';

beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'aduan-sdk-api-'));
  const { stdout, stderr } = await run('npm', ['run', 'sdk:docs', '--silent', '--', '--out', out], { cwd: root });
  log = stdout + stderr;
}, 120_000);
afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

const page = (file: string) => readFileSync(path.join(out, file), 'utf8');
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ').replace(/\s+/g, ' ');

describe('npm run sdk:docs', () => {
  it('writes the reference, with no error', () => {
    expect(log).not.toMatch(/\[error\]/);
    expect(existsSync(path.join(out, 'index.html')), log).toBe(true);
  });

  it('documents each operation of the client with its doc comment: what it does and who may call it', () => {
    const operations = text(page('interfaces/index.Operations.html'));
    const generated = readFileSync(path.join(root, 'sdk/src/generated/operations.ts'), 'utf8');
    // The doc comment the generator wrote above submitComplaint in the Operations interface: its first line.
    const at = generated.indexOf('  submitComplaint(input');
    const doc = generated.slice(generated.lastIndexOf('/**', at), at).split('\n')[1]?.replace(/^\s*\*\s*/, '') ?? '';
    expect(doc, 'sdk/src/generated/operations.ts documents submitComplaint').toMatch(/who|clients|handlers/i);
    expect(operations).toContain('submitComplaint');
    expect(operations).toContain(text(doc).trim());
  });

  it('has the client, the error class, the changelog, and a search index', () => {
    expect(text(page('functions/index.createClient.html'))).toContain('createClient');
    expect(text(page('classes/index.AduanError.html'))).toContain('requestId');
    expect(text(page('documents/CHANGELOG.html'))).toContain('Breaking');
    expect(existsSync(path.join(out, 'assets/search.js'))).toBe(true);
  });
});
