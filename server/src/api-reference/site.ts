import {
  GraphQLArgument, GraphQLField, GraphQLInputField, GraphQLNamedType, GraphQLObjectType, GraphQLSchema, GraphQLType,
  isEnumType, isInputObjectType, isInterfaceType, isIntrospectionType, isListType, isNonNullType, isObjectType, isScalarType, isUnionType,
  getNamedType,
} from 'graphql';
import { ERROR_CODE_DESCRIPTIONS } from '../graphql/error-codes';
import { PUBLIC_RATE_LIMITED_OPERATIONS } from '../http/limits/public-operations';
import { Access, describePermission, everyClient, fieldAccess, hasTypeWideRule, PUBLIC_DESCRIPTION } from './access';
import { descriptionHtml, escapeHtml, inline, Page, renderPage, rootOf, SEARCH_SCRIPT, STYLESHEET, summary } from './html';
import type { SdkExample } from './sdk-examples';

/**
 * The API reference site, made from the schema as the code builds it, the
 * permission layer and the SDK: one page per root field and per type, an index
 * and the error codes. A pure function of its inputs — `npm run docs:api`
 * writes what it answers to docs/api-reference/, and the staleness test
 * (test/api-reference/) compares the two.
 */
export function buildApiReference(schema: GraphQLSchema, examples: Map<string, SdkExample[]>): Map<string, string> {
  const files = new Map<string, string>();
  const pages: Page[] = [];
  const index: [name: string, kind: string, path: string, summary: string][] = [];
  const roots = rootFields(schema);
  for (const root of roots) {
    pages.push(rootFieldPage(root, examples.get(`${root.kind}.${root.field.name}`) ?? []));
    index.push([root.field.name, root.kind, root.path, summary(root.field.description, 100)]);
  }
  for (const type of namedTypes(schema)) {
    pages.push(typePage(type, schema));
    index.push([type.name, 'type', typePath(type.name), summary(type.description, 100)]);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) index.push([`${type.name}.${field.name}`, 'field', `${typePath(type.name)}#f-${field.name}`, '']);
    }
  }
  pages.push(indexPage(schema, roots), errorsPage());
  for (const page of pages) files.set(page.path, renderPage(page));
  files.set('assets/reference.css', STYLESHEET);
  files.set('assets/search.js', SEARCH_SCRIPT);
  files.set('assets/search-index.js', `window.ADUAN_REFERENCE_INDEX = ${JSON.stringify(index).replace(/</g, '\\u003c')};\n`);
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

interface RootField { kind: 'query' | 'mutation'; type: GraphQLObjectType; field: GraphQLField<unknown, unknown>; path: string }

function rootFields(schema: GraphQLSchema): RootField[] {
  const list: RootField[] = [];
  for (const [kind, type] of [['query', schema.getQueryType()], ['mutation', schema.getMutationType()]] as const) {
    if (!type) continue;
    for (const field of Object.values(type.getFields()).sort(byName)) list.push({ kind, type, field, path: `${kind}/${field.name}.html` });
  }
  return list;
}

function namedTypes(schema: GraphQLSchema): GraphQLNamedType[] {
  const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
  return Object.values(schema.getTypeMap()).filter((t) => !isIntrospectionType(t) && !roots.has(t.name)).sort(byName);
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function typePath(name: string): string {
  return `type/${name}.html`;
}

/** `[UserError!]!` with the named type linked. */
function typeRef(type: GraphQLType, from: string): string {
  if (isNonNullType(type)) return `${typeRef(type.ofType, from)}!`;
  if (isListType(type)) return `[${typeRef(type.ofType, from)}]`;
  return `<a href="${rootOf(from)}${typePath(type.name)}">${escapeHtml(type.name)}</a>`;
}

function argumentsHtml(args: readonly (GraphQLArgument | GraphQLInputField)[], from: string): string {
  if (!args.length) return '';
  return args.map((arg) => `<div class="item" id="a-${escapeHtml(arg.name)}"><p><code>${escapeHtml(arg.name)}: ${typeRef(arg.type, from)}${
    arg.defaultValue !== undefined ? ` = ${escapeHtml(JSON.stringify(arg.defaultValue))}` : ''}</code></p>${descriptionHtml(arg.description)}${deprecation(arg.deprecationReason)}</div>`).join('\n');
}

function deprecation(reason: string | null | undefined): string {
  return reason ? `<p class="deprecated">Usang / Deprecated: ${inline(reason)}</p>` : '';
}

function signature(field: GraphQLField<unknown, unknown>, from: string): string {
  const args = field.args.map((a) => `${escapeHtml(a.name)}: ${typeRef(a.type, from)}`).join(', ');
  return `<pre><code>${escapeHtml(field.name)}${args ? `(${args})` : ''}: ${typeRef(field.type, from)}</code></pre>`;
}

function accessHtml(access: Access): string {
  switch (access.kind) {
    case 'public':
      return `<p><strong>Publik</strong> <span class="en">/ Public</span>: ${inline(PUBLIC_DESCRIPTION)}</p>`;
    case 'nobody':
      return '<p>Tidak seorang pun <span class="en">/ Nobody</span>.</p>';
    case 'any':
    case 'all':
      return `<p>${access.kind === 'any' ? 'Klien dengan salah satu izin ini <span class="en">/ A client with any of these permissions</span>:'
        : 'Klien dengan semua izin ini <span class="en">/ A client with all of these permissions</span>:'}</p>
<ul class="list roles">${access.permissions.map((p) => `<li><code>${p}</code> — ${inline(describePermission(p))}</li>`).join('')}</ul>`;
  }
}

function accessBadge(access: Access): string {
  if (access.kind === 'public') return 'public';
  if (access.kind === 'nobody') return 'nobody';
  return access.permissions.join(access.kind === 'any' ? ' | ' : ' & ');
}

/** The contract's codes that a mutation's input implies (docs: idempotency, optimistic concurrency, the complainant's PIN). */
const IMPLIED_BY_INPUT: [inputField: string, codes: string[]][] = [
  ['idempotencyKey', ['IDEMPOTENCY_KEY_REUSED']],
  ['version', ['STALE_VERSION']],
  ['pin', ['PIN_INCORRECT', 'PIN_LOCKED', 'PIN_EXPIRED']],
];

function errorsHtml(root: RootField, from: string): string {
  const access = fieldAccess(root.type.name, root.field.name);
  const codes: [string, string][] = [];
  if (access.kind !== 'public') codes.push(['UNAUTHENTICATED', 'tanpa token / called without a token']);
  if (access.kind !== 'public' && !everyClient(access)) codes.push(['FORBIDDEN', 'dengan token klien tanpa izin di atas / with the token of a client without a permission above']);
  if (root.field.args.some((a) => a.name === 'first' || a.name === 'after')) codes.push(['BAD_USER_INPUT', 'ukuran halaman di luar 1–100 atau kursor asing / a page size outside 1–100, or a cursor not from this list']);
  if (PUBLIC_RATE_LIMITED_OPERATIONS.includes(root.field.name)) codes.push(['RATE_LIMITED', 'dibatasi per alamat IP / limited per IP address']);
  let html = `<h3>Galat GraphQL <span class="en">/ GraphQL errors</span> (<code>extensions.code</code>)</h3>
<ul class="list">${codes.map(([code, when]) => `<li><a href="${rootOf(from)}errors.html#${code}"><code>${code}</code></a> — ${escapeHtml(when)}</li>`).join('')}
<li>Setiap permintaan juga dapat menjawab <span class="en">/ Any request may also answer</span>: ${['RATE_LIMITED', 'QUERY_TOO_COMPLEX', 'GRAPHQL_VALIDATION_FAILED', 'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']
    .map((code) => `<a href="${rootOf(from)}errors.html#${code}"><code>${code}</code></a>`).join(', ')} (<a href="${rootOf(from)}errors.html">semua kode / all codes</a>).</li></ul>`;
  const payload = getNamedType(root.field.type);
  if (isObjectType(payload) && payload.getFields().userErrors) {
    const input = root.field.args.map((a) => getNamedType(a.type)).find(isInputObjectType);
    const inputFields = new Set([...root.field.args.map((a) => a.name), ...(input ? Object.keys(input.getFields()) : [])]);
    const implied = IMPLIED_BY_INPUT.filter(([field]) => inputFields.has(field));
    const userErrorCode = `${rootOf(from)}${typePath('UserErrorCode')}`;
    html += `
<h3><code>userErrors</code></h3>
<p>Kegagalan yang diharapkan dijawab sebagai data di <code>userErrors</code>; tidak ada yang diubah. <span class="en">Expected failures are answered as data in <code>userErrors</code> (<a href="${rootOf(from)}${typePath('UserError')}">UserError</a>); nothing was changed.</span></p>
${implied.length ? `<p>Menurut masukannya <span class="en">/ Implied by its input (the API contract)</span>:</p>
<ul class="list">${implied.map(([field, list]) => list.map((code) => `<li><a href="${userErrorCode}#v-${code}"><code>${code}</code></a> — <code>${field}</code></li>`).join('')).join('')}</ul>` : ''}
<p>Kode lain per mutasi belum dicatat di kode; kode mana pun dari <a href="${userErrorCode}">UserErrorCode</a> dapat muncul. <span class="en">Which other codes this mutation answers is not recorded per mutation in the code: any <a href="${userErrorCode}">UserErrorCode</a> may appear; switch on the code, show the message.</span></p>`;
  }
  return html;
}

function examplesHtml(root: RootField, examples: SdkExample[]): string {
  if (!examples.length) {
    return '<p>Belum ada operasi SDK yang memanggilnya. <span class="en">No SDK operation calls this field yet: send your own document to <code>POST /graphql</code>.</span></p>';
  }
  return examples.map((example) => `<h3><code>${escapeHtml(example.call)}</code></h3>
<p><span class="en">The SDK's method (<code>@aduan/sdk</code>), answering <code>${escapeHtml(root.kind)} { ${escapeHtml(root.field.name)} }</code>:</span></p>
<pre class="sdk-call"><code>import { createClient } from '@aduan/sdk';

const client = createClient({ url, clientId, clientSecret });
const ${escapeHtml(root.field.name)} = await ${escapeHtml(example.call)};</code></pre>
<p class="en">Parameters: <code>${escapeHtml(example.parameters)}</code></p>
<p><span class="en">The operation <code>${escapeHtml(example.operation)}</code> it sends (<code>${escapeHtml(example.file)}</code>):</span></p>
<pre class="sdk-document"><code>${escapeHtml(example.document)}</code></pre>`).join('\n');
}

function rootFieldPage(root: RootField, examples: SdkExample[]): Page {
  const from = root.path;
  const kindLabel = root.kind === 'query' ? 'Kueri <span class="en">/ Query</span>' : 'Mutasi <span class="en">/ Mutation</span>';
  const returned = getNamedType(root.field.type);
  const body = `<p class="kind-label">${kindLabel}</p>
<h1><code>${escapeHtml(root.field.name)}</code></h1>
${descriptionHtml(root.field.description)}${deprecation(root.field.deprecationReason)}
${signature(root.field, from)}
${root.field.args.length ? `<h2 id="arguments">Argumen <span class="en">/ Arguments</span></h2>\n${argumentsHtml(root.field.args, from)}` : ''}
<h2 id="returns">Mengembalikan <span class="en">/ Returns</span></h2>
<p><code>${typeRef(root.field.type, from)}</code> — ${inline(summary(returned.description, 300))}</p>
<h2 id="access">Siapa yang boleh memanggil <span class="en">/ Who may call it</span></h2>
${accessHtml(fieldAccess(root.type.name, root.field.name))}
<h2 id="errors">Galat <span class="en">/ Errors</span></h2>
${errorsHtml(root, from)}
<h2 id="example">Contoh SDK <span class="en">/ SDK example</span></h2>
${examplesHtml(root, examples)}`;
  return { path: root.path, title: root.field.name, body };
}

function kindOf(type: GraphQLNamedType): [id: string, en: string] {
  if (isObjectType(type)) return ['Tipe objek', 'Object type'];
  if (isInterfaceType(type)) return ['Antarmuka', 'Interface'];
  if (isUnionType(type)) return ['Union', 'Union'];
  if (isEnumType(type)) return ['Enum', 'Enum'];
  if (isInputObjectType(type)) return ['Tipe masukan', 'Input type'];
  return ['Skalar', 'Scalar'];
}

function typePage(type: GraphQLNamedType, schema: GraphQLSchema): Page {
  const from = typePath(type.name);
  const [id, en] = kindOf(type);
  const parts = [`<p class="kind-label">${id} <span class="en">/ ${en}</span></p>`, `<h1><code>${escapeHtml(type.name)}</code></h1>`, descriptionHtml(type.description)];
  if (isObjectType(type) || isInterfaceType(type)) {
    const interfaces = type.getInterfaces();
    if (interfaces.length) parts.push(`<p>Mengimplementasikan <span class="en">/ Implements</span>: ${interfaces.map((i) => typeRef(i, from)).join(', ')}</p>`);
    if (isObjectType(type) && hasTypeWideRule(type.name)) {
      const first = Object.keys(type.getFields())[0];
      parts.push(`<h2 id="access">Siapa yang boleh membaca <span class="en">/ Who may read it</span></h2>\n${accessHtml(fieldAccess(type.name, first))}`);
    }
    parts.push(`<h2 id="fields">Bidang <span class="en">/ Fields</span></h2>`);
    for (const field of Object.values(type.getFields())) {
      const args = field.args.length ? `(${field.args.map((a) => `${escapeHtml(a.name)}: ${typeRef(a.type, from)}`).join(', ')})` : '';
      const perField = isObjectType(type) && !hasTypeWideRule(type.name) ? `<p class="badge">Dibaca oleh <span class="en">/ Readable by</span>: ${escapeHtml(accessBadge(fieldAccess(type.name, field.name)))}</p>` : '';
      parts.push(`<div class="item" id="f-${escapeHtml(field.name)}"><h3><code>${escapeHtml(field.name)}${args}: ${typeRef(field.type, from)}</code></h3>${descriptionHtml(field.description)}${deprecation(field.deprecationReason)}${perField}${
        field.args.length ? `<div class="args">${argumentsHtml(field.args, from)}</div>` : ''}</div>`);
    }
    if (isInterfaceType(type)) {
      const implementations = schema.getPossibleTypes(type);
      parts.push(`<h2 id="implementations">Diimplementasikan oleh <span class="en">/ Implemented by</span></h2>\n<p>${[...implementations].sort(byName).map((t) => typeRef(t, from)).join(', ')}</p>`);
    }
  } else if (isInputObjectType(type)) {
    parts.push(`<h2 id="fields">Bidang <span class="en">/ Fields</span></h2>`);
    for (const field of Object.values(type.getFields())) {
      parts.push(`<div class="item" id="f-${escapeHtml(field.name)}"><h3><code>${escapeHtml(field.name)}: ${typeRef(field.type, from)}${
        field.defaultValue !== undefined ? ` = ${escapeHtml(JSON.stringify(field.defaultValue))}` : ''}</code></h3>${descriptionHtml(field.description)}${deprecation(field.deprecationReason)}</div>`);
    }
  } else if (isEnumType(type)) {
    parts.push(`<h2 id="values">Nilai <span class="en">/ Values</span></h2>`);
    for (const value of type.getValues()) {
      parts.push(`<div class="item" id="v-${escapeHtml(value.name)}"><h3><code>${escapeHtml(value.name)}</code></h3>${descriptionHtml(value.description)}${deprecation(value.deprecationReason)}</div>`);
    }
  } else if (isUnionType(type)) {
    parts.push(`<h2 id="members">Anggota <span class="en">/ Members</span></h2>\n<p>${type.getTypes().map((t) => typeRef(t, from)).join(', ')}</p>`);
  } else if (isScalarType(type) && type.specifiedByURL) {
    parts.push(`<p>Spesifikasi <span class="en">/ Specified by</span>: <code>${escapeHtml(type.specifiedByURL)}</code></p>`);
  }
  parts.push(usedBy(type, schema, from));
  return { path: from, title: type.name, body: parts.filter(Boolean).join('\n') };
}

/** The root fields that answer this type or take it as an argument: the way from a type back to the calls. */
function usedBy(type: GraphQLNamedType, schema: GraphQLSchema, from: string): string {
  const uses = rootFields(schema).filter((root) => getNamedType(root.field.type) === type || root.field.args.some((a) => getNamedType(a.type) === type));
  if (!uses.length) return '';
  return `<h2 id="used-by">Dipakai oleh <span class="en">/ Used by</span></h2>
<ul class="list">${uses.map((root) => `<li><a href="${rootOf(from)}${root.path}"><code>${root.kind === 'query' ? 'query' : 'mutation'} ${escapeHtml(root.field.name)}</code></a></li>`).join('')}</ul>`;
}

function indexPage(schema: GraphQLSchema, roots: RootField[]): Page {
  const path = 'index.html';
  const rootList = (kind: 'query' | 'mutation') => `<ul class="list">${roots.filter((r) => r.kind === kind).map((r) =>
    `<li><a href="${r.path}"><code>${escapeHtml(r.field.name)}</code></a> <span class="badge">[${escapeHtml(accessBadge(fieldAccess(r.type.name, r.field.name)))}]</span><br />${inline(summary(r.field.description))}</li>`).join('\n')}</ul>`;
  const types = namedTypes(schema);
  const groups: [string, string, (t: GraphQLNamedType) => boolean][] = [
    ['Tipe objek', 'Object types', isObjectType], ['Antarmuka', 'Interfaces', isInterfaceType], ['Union', 'Unions', isUnionType],
    ['Tipe masukan', 'Input types', isInputObjectType], ['Enum', 'Enums', isEnumType], ['Skalar', 'Scalars', isScalarType],
  ];
  const body = `<h1>Referensi API Aduan <span class="en">/ Aduan API reference</span></h1>
<p>Setiap kueri, mutasi, dan tipe GraphQL API Aduan: siapa yang boleh memanggilnya, galatnya, dan contoh dari SDK.<br />
<span class="en">Every query, mutation and type of Aduan's GraphQL API: who may call it, its errors, and an example from the SDK.</span></p>
<p><code>POST /graphql</code> (OAuth 2.0 client credentials). ${inline(schema.getQueryType()?.description ?? '')}</p>
<p><a href="errors.html">Kode galat <span class="en">/ Error codes</span></a> · <a href="#queries">Kueri / Queries</a> · <a href="#mutations">Mutasi / Mutations</a> · <a href="#types">Tipe / Types</a></p>
<h2 id="queries">Kueri <span class="en">/ Queries</span> (${roots.filter((r) => r.kind === 'query').length})</h2>
${rootList('query')}
<h2 id="mutations">Mutasi <span class="en">/ Mutations</span> (${roots.filter((r) => r.kind === 'mutation').length})</h2>
<p>${inline(schema.getMutationType()?.description ?? '')}</p>
${rootList('mutation')}
<h2 id="types">Tipe <span class="en">/ Types</span> (${types.length})</h2>
${groups.map(([id, en, is]) => {
    const members = types.filter(is);
    return members.length ? `<h3>${id} <span class="en">/ ${en}</span></h3>\n<p>${members.map((t) => `<a href="${typePath(t.name)}"><code>${escapeHtml(t.name)}</code></a>`).join(', ')}</p>` : '';
  }).join('\n')}`;
  return { path, title: 'Referensi API / API reference', body };
}

function errorsPage(): Page {
  const body = `<h1>Kode galat <span class="en">/ Error codes</span></h1>
<p>Galat tingkat atas GraphQL membawa <code>extensions.code</code> dan <code>extensions.requestId</code>. <span class="en">Top-level GraphQL errors carry <code>extensions.code</code> and <code>extensions.requestId</code>: authentication, permissions, limits and faults. Expected business failures of a mutation are not errors: they are its <code>userErrors</code>, with a <a href="${typePath('UserErrorCode')}">UserErrorCode</a>.</span></p>
${Object.entries(ERROR_CODE_DESCRIPTIONS).map(([code, description]) => `<div class="item" id="${code}"><h3><code>${code}</code></h3><p>${inline(description)}</p></div>`).join('\n')}`;
  return { path: 'errors.html', title: 'Kode galat / Error codes', body };
}
