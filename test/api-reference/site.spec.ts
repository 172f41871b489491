import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLSchema } from 'graphql';
import { allow, and, deny, or, rule } from 'graphql-shield';
import { beforeAll, describe, expect, it } from 'vitest';
import { accessOf } from '../../server/src/api-reference/access';
import { buildApiReference, readSdkSources, repositoryRoot, sdkExamples, SITE_DIRECTORY } from '../../server/src/api-reference';
import { RULES } from '../../server/src/auth/permissions';
import { buildAduanSchema } from '../../server/src/graphql/schema';
import { RULE_MAP } from '../../server/src/graphql/shield';

/**
 * The API reference site (issue 20): generated from the schema, the permission
 * layer and the SDK by `npm run docs:api`, committed in docs/api-reference/ and
 * served at /docs. Stale when it differs from what the generator makes now; every
 * root field and type has its page; every link between the files resolves.
 */
const ROOT = repositoryRoot();
const SITE = path.join(ROOT, SITE_DIRECTORY);

let schema: GraphQLSchema;
let generated: Map<string, string>;

beforeAll(async () => {
  schema = await buildAduanSchema();
  generated = buildApiReference(schema, sdkExamples(readSdkSources(ROOT)));
});

function committedFiles(dir = SITE, prefix = ''): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [k, v] of committedFiles(path.join(dir, entry.name), relative)) files.set(k, v);
    else files.set(relative, readFileSync(path.join(dir, entry.name), 'utf8'));
  }
  return files;
}

describe('docs/api-reference', () => {
  it('is what `npm run docs:api` makes from the current schema, permissions and SDK (npm run codegen runs it too)', () => {
    const committed = committedFiles();
    expect([...committed.keys()].sort(), 'docs/api-reference has other files than the generator makes: run npm run docs:api').toEqual([...generated.keys()].sort());
    const stale = [...generated].filter(([file, content]) => committed.get(file) !== content).map(([file]) => file);
    expect(stale, 'docs/api-reference is stale: run npm run docs:api and commit it').toEqual([]);
  });

  it('has a page for every query, mutation and type, each with who may call it and an SDK example', () => {
    const missing: string[] = [];
    for (const [kind, type] of [['query', schema.getQueryType()!], ['mutation', schema.getMutationType()!]] as const) {
      for (const name of Object.keys(type.getFields())) {
        const page = generated.get(`${kind}/${name}.html`);
        if (!page) { missing.push(`${kind}/${name}`); continue; }
        for (const section of ['id="access"', 'id="errors"', 'id="example"']) if (!page.includes(section)) missing.push(`${kind}/${name} ${section}`);
        if (!page.includes('class="sdk-call"')) missing.push(`${kind}/${name}: no SDK call`);
      }
    }
    for (const name of Object.keys(schema.getTypeMap()).filter((n) => !n.startsWith('__') && n !== 'Query' && n !== 'Mutation')) {
      if (!generated.has(`type/${name}.html`)) missing.push(`type/${name}`);
    }
    expect(missing).toEqual([]);
    // And the search knows every one of them.
    const index = JSON.parse(/= (.*);\n$/s.exec(generated.get('assets/search-index.js')!)![1]) as [string, string, string, string][];
    expect(index.find((e) => e[0] === 'submitComplaint')).toEqual(['submitComplaint', 'mutation', 'mutation/submitComplaint.html', expect.stringContaining('File a complaint')]);
    expect(index.filter((e) => e[1] === 'query' || e[1] === 'mutation')).toHaveLength(
      Object.keys(schema.getQueryType()!.getFields()).length + Object.keys(schema.getMutationType()!.getFields()).length);
  });

  it('every link and asset between its files resolves, anchors included, and nothing comes from elsewhere', () => {
    const broken: string[] = [];
    const ids = new Map<string, Set<string>>();
    for (const [file, content] of generated) {
      if (file.endsWith('.html')) ids.set(file, new Set([...content.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
    }
    for (const [file, content] of generated) {
      if (!file.endsWith('.html')) continue;
      for (const [, attribute, target] of content.matchAll(/\s(href|src)="([^"]*)"/g)) {
        if (/^[a-z]+:|^\/\//i.test(target)) { broken.push(`${file}: ${attribute}="${target}" leaves the site`); continue; }
        const [pathPart, anchor] = target.split('#');
        const resolved = pathPart ? path.posix.normalize(path.posix.join(path.posix.dirname(file), pathPart)) : file;
        if (!generated.has(resolved)) broken.push(`${file}: ${target}`);
        else if (anchor && !ids.get(resolved)?.has(anchor)) broken.push(`${file}: ${target} (no such anchor)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('says who may call a field as the permission layer does: submitComplaint is intake, handler and bank', () => {
    const page = generated.get('mutation/submitComplaint.html')!;
    const roles = [...page.matchAll(/<ul class="list roles">(.*?)<\/ul>/gs)].flatMap((m) => [...m[1].matchAll(/<li><code>(\w+)<\/code>/g)].map((r) => r[1]));
    expect(roles).toEqual(['intake', 'handler', 'bank']);
    expect(generated.get('query/trackComplaint.html')).toContain('<strong>Publik</strong>');
    expect(generated.get('query/trackComplaint.html')).toContain('errors.html#RATE_LIMITED');
    expect(generated.get('query/trackComplaint.html')).not.toContain('errors.html#UNAUTHENTICATED');
    // A field any client may read: no FORBIDDEN, only UNAUTHENTICATED.
    expect(generated.get('query/viewer.html')).not.toContain('errors.html#FORBIDDEN');
    expect(generated.get('query/viewer.html')).toContain('errors.html#UNAUTHENTICATED');
    // Nor for one every role may call (organisations: handlers, banks, intake clients and auditors — every client).
    expect(generated.get('query/organisations.html')).not.toContain('errors.html#FORBIDDEN');
    expect(generated.get('query/complaintStatistics.html')).toContain('errors.html#FORBIDDEN');
  });

  it('reads every rule of the permission layer (a rule it cannot read fails here, not on a page)', () => {
    const unread: string[] = [];
    for (const [type, rules] of Object.entries(RULE_MAP)) {
      const entries = rules && Object.getPrototypeOf(rules) === Object.prototype ? Object.entries(rules as Record<string, unknown>) : [['*', rules]];
      for (const [field, fieldRule] of entries) if (!accessOf(fieldRule)) unread.push(`${type}.${field}`);
    }
    expect(unread).toEqual([]);
    // And the reading itself: or/and of catalogue rules, allow, deny; an unknown rule is not read.
    expect(accessOf(or(RULES.bank, RULES.handler))).toEqual({ kind: 'any', permissions: ['bank', 'handler'] });
    expect(accessOf(and(RULES.handler, RULES.districtOffice))).toEqual({ kind: 'all', permissions: ['handler', 'districtOffice'] });
    expect(accessOf(allow)).toEqual({ kind: 'public' });
    expect(accessOf(deny)).toEqual({ kind: 'nobody' });
    expect(accessOf(rule()(() => true))).toBeUndefined();
  });
});
