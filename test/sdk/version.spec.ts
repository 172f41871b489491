import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The SDK's version follows the schema's breaking-change record.
 *
 * schema/breaking-changes.md lists the breaking changes acknowledged since the last release ("Acknowledged
 * (unreleased)") and, under "Released", a heading per SDK release (`### @aduan/sdk X.Y.Z`) with the changes it
 * shipped. sdk/package.json's version is what `npm run sdk:pack` packs, so it may never be a released version
 * carrying a change that release did not have: a breaking change acknowledged → the version is a new major.
 * sdk/CHANGELOG.md has a heading per version (`## X.Y.Z — unreleased` or `— YYYY-MM-DD`), with a "Breaking"
 * part exactly when that version breaks something.
 */

const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

type Version = [number, number, number];

function parse(version: string): Version | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The `- ` lines of a markdown part. */
const items = (text: string) => text.split('\n').filter((line) => line.startsWith('- '));

/** The record: breaking changes not yet released, and each release with the breaking changes it shipped, oldest first. */
function readRecord(markdown: string) {
  const sections = markdown.split(/^## /m);
  const pending = items(sections.find((s) => s.startsWith('Acknowledged (unreleased)')) ?? '');
  const releasedSection = sections.find((s) => s.startsWith('Released')) ?? '';
  const releases = releasedSection
    .split(/^### /m)
    .slice(1)
    .map((part) => ({ version: /^@aduan\/sdk (\S+)/.exec(part)?.[1] ?? part.split('\n')[0], breaking: items(part) }));
  return { pending, releases: releases.sort((a, b) => compare(parse(a.version) ?? [0, 0, 0], parse(b.version) ?? [0, 0, 0])) };
}

/** The changelog's versions: released (a date) or not, and whether they have a "Breaking" part. */
function readChangelog(markdown: string) {
  return markdown
    .split(/^## /m)
    .slice(1)
    .map((part) => {
      const [, version, when] = /^(\S+) — (unreleased|\d{4}-\d{2}-\d{2})\s*$/m.exec(part.split('\n')[0]) ?? [];
      return { heading: part.split('\n')[0], version, released: when !== undefined && when !== 'unreleased', breaking: /^### Breaking\s*$/m.test(part) };
    });
}

/** Everything wrong with `version` given the record and the changelog; empty when they agree. */
function versionProblems(version: string, recordMarkdown: string, changelogMarkdown: string): string[] {
  const problems: string[] = [];
  const current = parse(version);
  if (!current) return [`sdk/package.json's version ${version} is not MAJOR.MINOR.PATCH`];
  const { pending, releases } = readRecord(recordMarkdown);
  const changelog = readChangelog(changelogMarkdown);

  for (const release of releases) if (!parse(release.version)) problems.push(`schema/breaking-changes.md: "### ${release.version}" is not "### @aduan/sdk X.Y.Z"`);
  // A release that shipped a breaking change was a new major.
  releases.forEach((release, i) => {
    const before = releases[i - 1];
    if (before && release.breaking.length > 0 && parse(release.version)![0] <= parse(before.version)![0]) {
      problems.push(`@aduan/sdk ${release.version} shipped breaking changes but is not a new major after ${before.version}`);
    }
  });

  const latest = releases.at(-1);
  const latestVersion = latest ? parse(latest.version) : undefined;
  if (latest && latestVersion) {
    const order = compare(current, latestVersion);
    if (order < 0) problems.push(`sdk/package.json's version ${version} is older than the last release, ${latest.version}`);
    if (pending.length > 0 && current[0] <= latestVersion[0]) {
      problems.push(
        `schema/breaking-changes.md acknowledges ${pending.length} breaking change(s) since @aduan/sdk ${latest.version}: ` +
          `the next release is a new major, so sdk/package.json's version must be ${latestVersion[0] + 1}.0.0 (it is ${version})`,
      );
    }
  }

  const entry = changelog.find((e) => e.version === version);
  const isReleased = releases.some((r) => r.version === version);
  if (!entry) {
    problems.push(`sdk/CHANGELOG.md has no "## ${version} — unreleased" (or dated) heading`);
  } else {
    if (changelog[0] !== entry) problems.push(`sdk/CHANGELOG.md: ${version} must be the first heading, not "${changelog[0].heading}"`);
    if (isReleased && !entry.released) problems.push(`sdk/CHANGELOG.md: ${version} is released (schema/breaking-changes.md): date its heading`);
    if (!isReleased && entry.released) problems.push(`sdk/CHANGELOG.md dates ${version}, but schema/breaking-changes.md has no "### @aduan/sdk ${version}" under Released`);
    const breaks = isReleased ? releases.find((r) => r.version === version)!.breaking.length > 0 : pending.length > 0;
    if (breaks && !entry.breaking) problems.push(`sdk/CHANGELOG.md: ${version} breaks the schema (schema/breaking-changes.md) but has no "### Breaking" part`);
    if (!breaks && entry.breaking) problems.push(`sdk/CHANGELOG.md: ${version} has a "### Breaking" part, but schema/breaking-changes.md records no breaking change for it`);
  }
  for (const release of releases) {
    if (!changelog.some((e) => e.version === release.version && e.released)) problems.push(`sdk/CHANGELOG.md has no dated heading for the released ${release.version}`);
  }
  return problems;
}

describe('the SDK’s version', () => {
  it('follows schema/breaking-changes.md, and sdk/CHANGELOG.md tells it', () => {
    const version = JSON.parse(read('sdk/package.json')).version;
    expect(versionProblems(version, read('schema/breaking-changes.md'), read('sdk/CHANGELOG.md'))).toEqual([]);
  });

  it('is the one the lockfile and every example in the repository ask for (npm would fetch another from the registry)', () => {
    const version = JSON.parse(read('sdk/package.json')).version;
    expect(JSON.parse(read('package-lock.json')).packages.sdk.version).toBe(version);
    const examples = readdirSync(path.join(root, 'examples')).filter((name) => existsSync(path.join(root, 'examples', name, 'package.json')));
    expect(examples.length).toBeGreaterThan(0);
    for (const name of examples) {
      const range: string | undefined = JSON.parse(read(`examples/${name}/package.json`)).dependencies?.['@aduan/sdk'];
      if (range === undefined) continue;
      const wanted = parse(range.replace(/^\^/, ''));
      expect(range.startsWith('^') && wanted !== undefined && wanted[0] === parse(version)![0] && compare(wanted, parse(version)!) <= 0, `examples/${name}: @aduan/sdk ${range}`).toBe(true);
    }
  });

  describe('the check itself', () => {
    const record = (pending: string[], releases: Record<string, string[]>) =>
      `# Breaking\n\n## Acknowledged (unreleased)\n\n${pending.map((l) => `- ${l}\n`).join('')}\n## Released\n\n` +
      Object.entries(releases).map(([v, lines]) => `### @aduan/sdk ${v}\n\nText.\n${lines.map((l) => `- ${l}\n`).join('')}\n`).join('');
    const changelog = (entries: [string, string, boolean][]) =>
      `# Changelog\n\n${entries.map(([v, when, breaking]) => `## ${v} — ${when}\n\n${breaking ? '### Breaking\n\n- x\n\n' : ''}### Added\n\n- y\n\n`).join('')}`;
    const BREAK = 'FIELD_REMOVED: Query.complaint was removed. — renamed';

    it('a breaking change acknowledged since 1.2.0 needs 2.0.0: a minor or patch bump, or no bump, is refused', () => {
      const rec = record([BREAK], { '1.0.0': [], '1.2.0': [] });
      for (const version of ['1.2.0', '1.2.1', '1.3.0']) {
        const problems = versionProblems(version, rec, changelog([[version, 'unreleased', true], ['1.2.0', '2026-01-02', false], ['1.0.0', '2026-01-01', false]]));
        expect(problems.join('\n')).toContain('must be 2.0.0');
      }
      expect(versionProblems('2.0.0', rec, changelog([['2.0.0', 'unreleased', true], ['1.2.0', '2026-01-02', false], ['1.0.0', '2026-01-01', false]]))).toEqual([]);
    });

    it('without a breaking change, a minor bump passes; going backwards does not', () => {
      const rec = record([], { '1.2.0': [] });
      expect(versionProblems('1.3.0', rec, changelog([['1.3.0', 'unreleased', false], ['1.2.0', '2026-01-02', false]]))).toEqual([]);
      expect(versionProblems('1.1.0', rec, changelog([['1.1.0', 'unreleased', false], ['1.2.0', '2026-01-02', false]])).join('\n')).toContain('older than the last release');
    });

    it('once released: the heading dated, the lines under the release, and a release that broke without a new major is found', () => {
      const released = record([], { '1.2.0': [], '2.0.0': [BREAK] });
      expect(versionProblems('2.0.0', released, changelog([['2.0.0', '2026-02-01', true], ['1.2.0', '2026-01-02', false]]))).toEqual([]);
      expect(versionProblems('2.0.0', released, changelog([['2.0.0', 'unreleased', true], ['1.2.0', '2026-01-02', false]])).join('\n')).toContain('date its heading');
      expect(versionProblems('1.3.0', record([], { '1.2.0': [], '1.3.0': [BREAK] }), changelog([['1.3.0', '2026-02-01', true], ['1.2.0', '2026-01-02', false]])).join('\n')).toContain(
        'not a new major',
      );
    });

    it('the changelog must have the version, first, with a Breaking part exactly when it breaks', () => {
      const rec = record([BREAK], { '1.2.0': [] });
      expect(versionProblems('2.0.0', rec, changelog([['1.2.0', '2026-01-02', false]])).join('\n')).toContain('has no "## 2.0.0');
      expect(versionProblems('2.0.0', rec, changelog([['2.0.0', 'unreleased', false], ['1.2.0', '2026-01-02', false]])).join('\n')).toContain('no "### Breaking" part');
      expect(versionProblems('1.3.0', record([], { '1.2.0': [] }), changelog([['1.3.0', 'unreleased', true], ['1.2.0', '2026-01-02', false]])).join('\n')).toContain('records no breaking change');
      expect(versionProblems('2.0.0', rec, changelog([['1.2.0', '2026-01-02', false], ['2.0.0', 'unreleased', true]])).join('\n')).toContain('must be the first heading');
    });
  });
});
