import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

/**
 * @aduan/sdk as integrators get it: the sources type-check for browsers and
 * Node; the README's quick starts are the files in sdk/examples, which
 * type-check; the package builds to ES modules with declarations, without
 * runtime dependencies or Node APIs; and the quick starts, compiled against the
 * built package's types, run in plain Node against a live server.
 */

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const sdk = path.join(root, 'sdk');
const tsc = path.join(root, 'node_modules/.bin/tsc');
const EXAMPLES = readdirSync(path.join(sdk, 'examples')).filter((f) => f.endsWith('.ts')).sort();

/** Budget for the built JavaScript (all of dist/*.js, not tree-shaken): raise it on purpose, not by accident. */
const SIZE_BUDGET = { rawBytes: 120_000, gzipBytes: 20_000 };

const db = useTestDatabase('demo');
const api = useTestServer(db);

async function typecheck(project: string): Promise<string> {
  try {
    await run(tsc, ['-p', project], { cwd: root });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

describe('type-checks', () => {
  it('the SDK with DOM types only: no Node API, so it runs in browsers', async () => {
    expect(await typecheck('sdk/tsconfig.json')).toBe('');
  });

  it('the README’s quick starts (sdk/examples)', async () => {
    expect(await typecheck('sdk/tsconfig.examples.json')).toBe('');
  });

  it('the README shows each example verbatim', () => {
    const readme = readFileSync(path.join(sdk, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    for (const file of EXAMPLES) {
      const code = readFileSync(path.join(sdk, 'examples', file), 'utf8');
      expect(blocks.includes(code), `sdk/README.md must show examples/${file} as it is`).toBe(true);
    }
  });
});

describe('the built package', () => {
  let tmp = '';
  let pkg = '';
  const files = () => walk(path.join(pkg, 'dist'));

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'aduan-sdk-'));
    pkg = path.join(tmp, 'node_modules/@aduan/sdk');
    mkdirSync(pkg, { recursive: true });
    // Not incremental: the build info would land in sdk/dist/ and tell `npm run build` that sdk/dist/ is up to date.
    await run(tsc, ['-p', 'sdk/tsconfig.build.json', '--outDir', path.join(pkg, 'dist'), '--incremental', 'false'], { cwd: root });
    cpSync(path.join(sdk, 'package.json'), path.join(pkg, 'package.json'));
    // What npm installs beside it: its dependency (types only) and that one's peer, and Node's types for the examples.
    for (const dependency of ['@graphql-typed-document-node', 'graphql', '@types']) {
      symlinkSync(path.join(root, 'node_modules', dependency), path.join(tmp, 'node_modules', dependency), 'dir');
    }
    cpSync(path.join(sdk, 'examples'), path.join(tmp, 'examples'), { recursive: true });
    writeFileSync(path.join(tmp, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    writeFileSync(path.join(tmp, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'nodenext', strict: true, types: ['node'], rootDir: 'examples', outDir: 'out' },
      include: ['examples/*.ts'],
    }));
  }, 60_000);
  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('is ES modules with declarations, as package.json’s exports say', () => {
    const manifest = JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: '@aduan/sdk', type: 'module', main: './dist/index.js', types: './dist/index.d.ts' });
    for (const target of [manifest.main, manifest.types, manifest.exports['.'].default, manifest.exports['.'].types]) {
      expect(statSync(path.join(pkg, target)).isFile(), target).toBe(true);
    }
    expect(Object.keys(manifest.dependencies)).toEqual(['@graphql-typed-document-node/core']);
  });

  it('imports nothing at run time but its own modules, and uses no Node API', () => {
    const everyImport: string[] = [];
    for (const file of files().filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(file, 'utf8');
      // `import … from 'x'`, `export … from "x"` and a bare `import 'x'`, either quote.
      const imports = [...code.matchAll(/^(?:(?:import|export)\b[^'";]*?\bfrom\s*|import\s*)['"]([^'"]+)['"]/gm)].map((m) => m[1]);
      everyImport.push(...imports);
      expect(imports.every((specifier) => specifier.startsWith('./') || specifier.startsWith('../')), `${file}: ${imports}`).toBe(true);
      expect(code, file).not.toMatch(/\b(process\.|Buffer\b|require\(|import\(|from ['"]node:)/);
    }
    // The check read the imports it judges: the entry point re-exports the SDK's own modules.
    expect(everyImport.length).toBeGreaterThan(0);
  });

  it(`stays within its size budget (${SIZE_BUDGET.rawBytes / 1000} kB of JavaScript, ${SIZE_BUDGET.gzipBytes / 1000} kB gzipped)`, () => {
    const js = Buffer.concat(files().filter((f) => f.endsWith('.js')).map((f) => readFileSync(f)));
    expect(js.length).toBeLessThanOrEqual(SIZE_BUDGET.rawBytes);
    expect(gzipSync(js, { level: 9 }).length).toBeLessThanOrEqual(SIZE_BUDGET.gzipBytes);
  });

  describe('the quick starts, compiled against the built types and run in plain Node against a live server', () => {
    beforeAll(async () => {
      await run(tsc, ['-p', tmp], { cwd: tmp });
    }, 60_000);
    const example = async (name: string) =>
      (await run(process.execPath, [path.join(tmp, 'out', `${name}.js`)], { cwd: tmp, env: { ...process.env, ADUAN_URL: `${api.url}/graphql` } })).stdout;

    it('portal: a newcomer’s first complaint, submitted and tracked', async () => {
      const out = await example('portal');
      const code = /ADU-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(out)?.[0];
      expect(code, out).toBeTruthy();
      expect(out).toContain(`${code}: Diterima`);
    });

    it('ngo: a second run answers the first run’s tracking codes (idempotency keys from case ids)', async () => {
      const first = await example('ngo');
      expect(first.match(/^LKS-2026-004\d ADU-/gm), first).toHaveLength(2);
      expect(await example('ngo')).toBe(first);
    });

    it('bank: each item of the batch answered on its own', async () => {
      const out = await example('bank');
      expect(out).toMatch(/^item 0: /m);
      expect(out).toMatch(/^item 1: /m);
    });

    it('whatsapp: the acknowledgement, then the status by code', async () => {
      const out = await example('whatsapp');
      expect(out).toMatch(/ADU-[0-9A-Z]{4}-[0-9A-Z]{4}: .+\(.+\)\./);
    });
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}
