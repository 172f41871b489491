import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allEntries, collect } from './catalogue';
import type { Entry, Words } from './define';
import { defineWords } from './define';
import { say, words } from './index';

/** Every text an entry can produce: a plain pair, each case of a byKey family, each example, or a call with placeholder parameters. */
function textsOf(entry: Entry): Words[] {
  if (typeof entry !== 'function') return [entry];
  const { cases, examples } = entry as { cases?: Record<string, Words>; examples?: unknown[] };
  if (cases) return Object.values(cases);
  if (examples) return examples.map((example) => entry(example));
  const placeholders = new Proxy({}, { get: (_target, name) => (typeof name === 'string' ? `{${name}}` : undefined) });
  return [entry(placeholders)];
}

const SOURCE = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.words.ts') ? [full] : [];
  });
}

describe('the catalogue of words', () => {
  const entries = allEntries();

  it('names every code <feature>.<what>', () => {
    const badly = entries.map(([code]) => code).filter((code) => !/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z0-9]*)+$/.test(code));
    expect(badly).toEqual([]);
  });

  it('refuses a code defined by two parts', () => {
    expect(() => collect(defineWords({ 'x.same': { id: 'a', en: 'a' } }), defineWords({ 'x.same': { id: 'b', en: 'b' } }))).toThrow(/x\.same is defined twice/);
  });

  it('has every text in both languages, none empty, none with an unfilled parameter', () => {
    const problems: string[] = [];
    for (const [code, entry] of entries) {
      for (const text of textsOf(entry)) {
        for (const locale of ['id', 'en'] as const) {
          const value = text?.[locale];
          if (typeof value !== 'string' || value.trim() === '') problems.push(`${code} has no ${locale} text`);
          else if (/undefined|\[object Object\]/.test(value)) problems.push(`${code} (${locale}): ${value}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('uses every code somewhere in the server', () => {
    const source = sourceFiles(SOURCE).filter((file) => !path.relative(SOURCE, file).startsWith(`words${path.sep}`)).map((file) => readFileSync(file, 'utf8')).join('\n');
    const unused = entries.map(([code]) => code).filter((code) => !source.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });

  it('answers a code in the language asked, Bahasa Indonesia and English', () => {
    expect(say('id', 'tier.name', { tier: 'DISTRICT' })).toBe('Dinas Sosial kabupaten/kota');
    expect(say('en', 'tier.name', { tier: 'DISTRICT' })).toBe('District/city social office');
    expect(words('request.rateLimited', { retryAfterSeconds: 1 })).toEqual({ id: 'Terlalu banyak permintaan. Coba lagi dalam 1 detik.', en: 'Too many requests. Try again in 1 second.' });
  });
});
