import fc from 'fast-check';
import {
  getNamedType, getNullableType, GraphQLField, GraphQLInputType, GraphQLNamedType, GraphQLOutputType, GraphQLSchema,
  isEnumType, isInputObjectType, isLeafType, isListType, isNonNullType, isObjectType, isScalarType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAduanSchema } from '../../server/src/graphql/schema';
import { toGlobalId } from '../../server/src/graphql/global-id';
import { UserErrorCode } from '../../server/src/graphql/user-error';
import { as } from '../support/auth';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

/**
 * Property-based fuzzing of every mutation of the schema (walked, so a new
 * mutation is fuzzed without touching this file) and of raw request bodies.
 * Whatever arrives: never a 500, never a crash, never an internal error; the
 * answer is a payload whose userErrors carry codes of UserErrorCode, or
 * top-level errors whose `extensions.code` is one the API documents.
 *
 * Seeded, so a failure reproduces: FUZZ_SEED=<seed printed> FUZZ_RUNS=<n>.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261116);
const RAW_RUNS = Number(process.env.FUZZ_RAW_RUNS ?? 100);
/**
 * Dates are drawn around now (the server's clock is this process's), so "past" and "future" both stay in range
 * whatever the year; a seed draws the same distances from now, which is what a date rule depends on.
 */
const NOW = Date.now();
const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;

const db = useTestDatabase('demo');
const api = useTestServer(db);

/**
 * The contract's codes, and the extra ones docs/operations.md ("Error codes")
 * documents: the HTTP layer's and Apollo Server's own. INTERNAL_SERVER_ERROR
 * and SERVICE_UNAVAILABLE are bugs here (the database is up), never answers.
 */
const DOCUMENTED_CODES = new Set([
  'UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_COMPLEX', 'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PAYLOAD_TOO_LARGE', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED',
  'TOO_MANY_TOKENS', 'TOO_MANY_FIELDS', 'TOO_MANY_DIRECTIVES', 'TOO_MANY_FRAGMENTS',
]);
const USER_ERROR_CODES = new Set<string>(Object.values(UserErrorCode));

/** Who to call each mutation as: the first whose call the permission layer lets through to the business code. */
const CALLERS = ['demo-dinsos-3273', 'demo-village-3273011001', 'demo-ministry', 'demo-portal-3273', 'demo-bank-bri', 'public'] as const;
type Caller = typeof CALLERS[number];

const schema: GraphQLSchema = await buildAduanSchema();
const mutations = Object.values(schema.getMutationType()!.getFields());
/** About 1 800 mutation cases in all (well under a minute on two cores), however many mutations the schema grows to. */
const RUNS_PER_MUTATION = Number(process.env.FUZZ_RUNS ?? Math.max(20, Math.floor(1800 / mutations.length)));

const tally = { mutationCases: 0, reachedResolver: 0, userErrors: 0, refusedBeforeResolver: 0, rawCases: 0, succeeded: 0, userErrorCodes: new Map<string, number>() };

// ---------------------------------------------------------------------------
// Values

/**
 * Strings the business code recognises, so fuzzed inputs get past the first check often enough to reach the later ones.
 * The dates and months are past ones, which the API takes whatever the year (occurredOn, a report's period, an
 * action's dueOn have no lower bound); '2026-13' and '2026-02-30' are never valid.
 */
const plausibleStrings: string[] = [
  'PKH', 'BPNT', 'BST', 'BLT_DD', 'WEB_PORTAL', 'WHATSAPP', 'BANK_REPORT', '32', '32.73', '32.73.01', '32.73.01.1001', '35.78.01.1001', '99.99.99.9999',
  '3273014507850001', '3273010101800002', '0000000000000000', '0812-3456-7890', '+6281234567890', '2026-10', '2026-13', '2026-10-01', '2026-02-30',
  '2026-11-16', 'ADU-0000-0000', 'BRI', 'BNI', 'Siti Aminah', 'Sarijadi', '2026-11-20T03:00:00+07:00', 'UPHELD', 'M', 'F',
];
/** Filled in beforeAll: real ids of many types, so ids name existing objects (of the right type or not). */
const realIds: string[] = [];

const OMIT = Symbol('omit');

const hostileString = fc.oneof(
  { arbitrary: fc.constantFrom('', ' ', '\t\n', '\u0000', 'a\u0000b', '\u202e\u0635', '💥'.repeat(40), "'; DROP TABLE complaints; --", '%_\\', '<script>x</script>', 'null', '-1', '1e309'), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 2 },
  { arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 8 }), weight: 1 },
  { arbitrary: fc.constantFrom(129, 2001, 4001, 5000, 70_000).map((n) => 'é'.repeat(n)), weight: 1 },
);

const idValue = fc.oneof(
  { arbitrary: fc.nat().map((i) => realIds[i % realIds.length]), weight: 5 },
  { arbitrary: fc.uuid().map((u) => toGlobalId('Complaint', u)), weight: 1 },
  { arbitrary: fc.constantFrom(toGlobalId('Complaint', 'not-a-uuid'), toGlobalId('Nope', '1'), 'Q29tcGxhaW50Og', '!!!', '', 'x'.repeat(300)), weight: 1 },
  { arbitrary: hostileString, weight: 1 },
);

/** Well-formed values of a scalar or enum: what a careful client sends (used to find the caller the permission layer lets through). */
function wellFormedScalar(type: GraphQLNamedType): fc.Arbitrary<unknown> {
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
  switch (type.name) {
    case 'Int': return fc.integer({ min: 1, max: 3 });
    case 'Float': return fc.double({ min: 0, max: 100, noNaN: true });
    case 'Boolean': return fc.boolean();
    case 'ID': return fc.nat().map((i) => realIds[i % realIds.length]);
    case 'DateTime': return fc.date({ min: new Date(NOW - YEAR_MS), max: new Date(NOW + YEAR_MS), noInvalidDate: true }).map((d) => d.toISOString()); // a year back to a year ahead
    default: return fc.constantFrom(...plausibleStrings);
  }
}

function wellFormedValue(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return wellFormedValue(type.ofType, depth);
  if (isListType(type)) return fc.array(wellFormedValue(type.ofType, depth + 1), { minLength: 1, maxLength: 2 });
  if (isInputObjectType(type)) {
    if (depth > 4) return fc.constant(null);
    const fields = Object.values(type.getFields());
    return fc.record(Object.fromEntries(fields.map((f) => [f.name, wellFormedValue(f.type, depth + 1)])));
  }
  return wellFormedScalar(getNamedType(type));
}

/**
 * Hostile values of a scalar or enum. `breakShape`: also values of the wrong
 * type or out of range, which GraphQL refuses before any resolver runs; without
 * it the values are well-typed, so the request reaches the business code.
 */
function scalarValue(type: GraphQLNamedType, breakShape: boolean): fc.Arbitrary<unknown> {
  const withBroken = (typed: fc.Arbitrary<unknown>, broken: fc.Arbitrary<unknown>) =>
    breakShape ? fc.oneof({ arbitrary: typed, weight: 3 }, { arbitrary: broken, weight: 1 }) : typed;
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.name);
    return withBroken(fc.constantFrom(...values), fc.constantFrom('NOT_A_VALUE', values[0].toLowerCase(), 'null'));
  }
  switch (type.name) {
    case 'Int':
      return withBroken(
        fc.oneof({ arbitrary: fc.integer({ min: -1, max: 5 }), weight: 3 }, { arbitrary: fc.integer(), weight: 1 }),
        fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1.5, '1'),
      );
    case 'Float':
      return withBroken(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 1e308)), fc.constantFrom('1', true));
    case 'Boolean':
      return withBroken(fc.boolean(), fc.constantFrom('true', 0));
    case 'ID':
      return withBroken(idValue, fc.constantFrom(1.5, true));
    case 'DateTime':
      return withBroken(
        fc.oneof(
          { arbitrary: fc.date({ min: new Date(NOW - 40 * YEAR_MS), max: new Date(NOW + 15 * YEAR_MS), noInvalidDate: true }).map((d) => d.toISOString()), weight: 4 },
          { arbitrary: fc.constantFrom('0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-11-16T02:00:00+14:00', '1970-01-01T00:00:00.000Z'), weight: 1 },
        ),
        fc.constantFrom('+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-11-16T02:00:00', 'yesterday', ''),
      );
    default: // String and any other scalar
      return withBroken(
        fc.oneof({ arbitrary: fc.constantFrom(...plausibleStrings), weight: 4 }, { arbitrary: fc.uuid(), weight: 1 }, { arbitrary: hostileString, weight: 4 }),
        fc.oneof(fc.integer(), fc.constant({ a: 1 })),
      );
  }
}

/** Values for an input type: of the right shape with hostile contents; with `breakShape`, now and then null, missing, unknown fields or the wrong shape. */
function inputValue(type: GraphQLInputType, breakShape: boolean, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    const value = presentValue(type.ofType, breakShape, depth);
    return breakShape ? fc.oneof({ arbitrary: value, weight: 12 }, { arbitrary: fc.constant(null), weight: 1 }, { arbitrary: fc.constant(OMIT), weight: 1 }) : value;
  }
  return fc.oneof({ arbitrary: presentValue(type, breakShape, depth), weight: 6 }, { arbitrary: fc.constant(null), weight: 1 }, { arbitrary: fc.constant(OMIT), weight: 3 });
}

/** A value that is there (not null, not missing) for a nullable list, input object, scalar or enum type. */
function presentValue(type: GraphQLInputType, breakShape: boolean, depth: number): fc.Arbitrary<unknown> {
  if (isListType(type)) {
    const item = inputValue(type.ofType, breakShape, depth + 1).map((v) => (v === OMIT ? null : v));
    return fc.oneof(
      { arbitrary: fc.array(item, { maxLength: 3 }), weight: 8 },
      { arbitrary: fc.tuple(item, fc.constantFrom(21, 31, 101, 1001)).map(([v, n]) => Array.from({ length: n }, () => v)), weight: 1 },
      { arbitrary: item, weight: 1 }, // a lone item where a list is expected (GraphQL coerces it)
    );
  }
  if (isInputObjectType(type)) {
    if (depth > 4) return fc.constant({});
    const fields = Object.values(type.getFields());
    const model = Object.fromEntries(fields.map((f) => [f.name, inputValue(f.type, breakShape, depth + 1)]));
    const object = fc.tuple(fc.record(model), breakShape ? fc.oneof({ arbitrary: fc.constant(false), weight: 8 }, { arbitrary: fc.constant(true), weight: 1 }) : fc.constant(false))
      .map(([record, extra]) => {
        const value = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== OMIT));
        return extra ? { ...value, notAField: 1 } : value;
      });
    return breakShape ? fc.oneof({ arbitrary: object, weight: 8 }, { arbitrary: fc.constantFrom('{}', 42, []), weight: 1 }) : object;
  }
  return scalarValue(getNamedType(type), breakShape);
}

/** A GraphQL literal of `value` at a position of `type`: enums unquoted when they look like names (so a bad one is a raw, unknown enum value). */
function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return 'null';
  const nullable = getNullableType(type) as GraphQLInputType;
  if (Array.isArray(value)) {
    const item = isListType(nullable) ? nullable.ofType : nullable;
    return `[${value.map((v) => literal(v, item)).join(', ')}]`;
  }
  if (isListType(nullable)) return literal(value, nullable.ofType);
  if (typeof value === 'object') {
    const fields = isInputObjectType(nullable) ? nullable.getFields() : {};
    return `{ ${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${literal(v, (fields[k]?.type ?? nullable) as GraphQLInputType)}`).join(', ')} }`;
  }
  if (isEnumType(nullable) && typeof value === 'string' && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
  return JSON.stringify(value);
}

// ---------------------------------------------------------------------------
// Operations

/** Leaf fields of the payload and of the objects in it (two levels), skipping fields that need arguments. */
function selection(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (isLeafType(named) || !isObjectType(named)) return '';
  const parts: string[] = ['__typename'];
  for (const field of Object.values(named.getFields()) as GraphQLField<unknown, unknown>[]) {
    if (field.args.some((a) => isNonNullType(a.type))) continue;
    if (isLeafType(getNamedType(field.type))) parts.push(field.name);
    else if (field.name === 'userErrors') parts.push('userErrors { field code message }');
    else if (depth < 1 && isObjectType(getNamedType(field.type)) && !getNamedType(field.type).name.endsWith('Connection')) parts.push(`${field.name} ${selection(field.type, depth + 1)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

interface Case { variables: Record<string, unknown>; inline: boolean }

function operationFor(field: GraphQLField<unknown, unknown>, c: Case): { query: string; variables?: Record<string, unknown> } {
  const select = selection(field.type);
  if (c.inline) {
    const args = field.args.filter((a) => a.name in c.variables).map((a) => `${a.name}: ${literal(c.variables[a.name], a.type)}`);
    return { query: `mutation { ${field.name}${args.length ? `(${args.join(', ')})` : ''} ${select} }` };
  }
  const definitions = field.args.map((a) => `$${a.name}: ${a.type.toString()}`);
  const args = field.args.map((a) => `${a.name}: $${a.name}`);
  return {
    query: `mutation Fuzz${definitions.length ? `(${definitions.join(', ')})` : ''} { ${field.name}${args.length ? `(${args.join(', ')})` : ''} ${select} }`,
    variables: c.variables,
  };
}

/**
 * Half the cases are well-typed with hostile contents, a quarter plausible
 * throughout (so later checks and the writes behind them run too), a quarter
 * break the shape somewhere. One in five is sent as literals in the document
 * instead of variables.
 */
function caseFor(field: GraphQLField<unknown, unknown>): fc.Arbitrary<Case> {
  const args = (breakShape: boolean) => fc.record(Object.fromEntries(field.args.map((a) => [a.name, inputValue(a.type, breakShape)])));
  const plausible = fc.record(Object.fromEntries(field.args.map((a) => [a.name, wellFormedValue(a.type)])));
  const values = fc.oneof({ arbitrary: args(false), weight: 2 }, { arbitrary: plausible, weight: 1 }, { arbitrary: args(true), weight: 1 });
  return fc.tuple(values, fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }))
    .map(([record, inline]) => ({ variables: Object.fromEntries(Object.entries(record).filter(([, v]) => v !== OMIT)), inline }));
}

type Send = (query: string, variables?: Record<string, unknown>) => Promise<{ status: number; body: any }>;
const senders = new Map<Caller, Send>();
const send = (caller: Caller): Send => senders.get(caller)!;

/** Checks one answer; returns how far the request got. */
function checkAnswer(field: string, status: number, body: any, payloadHasUserErrors: boolean): 'resolver' | 'userErrors' | 'refused' {
  expect(status, JSON.stringify(body).slice(0, 500)).toBeLessThan(500);
  expect(body, 'a JSON body').toBeTypeOf('object');
  const errors: any[] = body.errors ?? [];
  for (const error of errors) {
    expect(error.extensions?.code, JSON.stringify(error).slice(0, 500)).toBeTypeOf('string');
    expect(DOCUMENTED_CODES.has(error.extensions.code), `undocumented or internal error: ${JSON.stringify(error).slice(0, 500)}`).toBe(true);
  }
  const payload = body.data?.[field];
  if (payload == null) {
    expect(errors.length, `neither ${field} nor errors: ${JSON.stringify(body).slice(0, 300)}`).toBeGreaterThan(0);
    return 'refused';
  }
  if (!payloadHasUserErrors) return 'resolver';
  expect(Array.isArray(payload.userErrors), `${field}.userErrors`).toBe(true);
  for (const userError of payload.userErrors) {
    expect(USER_ERROR_CODES.has(userError.code), `unknown userError code ${userError.code}`).toBe(true);
    expect(userError.message).toBeTypeOf('string');
    expect(userError.message.length).toBeGreaterThan(0);
    if (userError.field !== null) expect(userError.field.every((f: unknown) => typeof f === 'string')).toBe(true);
  }
  for (const userError of payload.userErrors) tally.userErrorCodes.set(userError.code, (tally.userErrorCodes.get(userError.code) ?? 0) + 1);
  return payload.userErrors.length > 0 ? 'userErrors' : 'resolver';
}

beforeAll(async () => {
  for (const caller of CALLERS) senders.set(caller, caller === 'public' ? (q, v) => api.gql(q, v) : as(api, caller));
  const rows: { type: string; id: string }[] = await db.dataSource.query(`
    (SELECT 'Complaint' AS type, id::text FROM complaints WHERE region_code LIKE '32.73.%' ORDER BY created_at LIMIT 12)
    UNION ALL (SELECT 'Complaint', id::text FROM complaints WHERE region_code LIKE '35.78.%' LIMIT 2)
    UNION ALL (SELECT 'Organisation', id::text FROM organisations)
    UNION ALL (SELECT 'Referral', id::text FROM referrals LIMIT 4)
    UNION ALL (SELECT 'RecipientChangeProposal', id::text FROM recipient_change_proposals LIMIT 2)`);
  realIds.push(...rows.map((r) => toGlobalId(r.type, r.id)));
  const [{ code }] = await db.dataSource.query(`SELECT tracking_code AS code FROM complaints WHERE region_code LIKE '32.73.%' LIMIT 1`);
  plausibleStrings.push(code);
});

afterAll(() => {
  console.log(`fuzz (seed ${SEED}): ${tally.mutationCases} mutation cases over ${mutations.length} mutations ` +
    `(${tally.reachedResolver} reached the resolver, ${tally.userErrors} of them answered with userErrors; ${tally.refusedBeforeResolver} refused before it), ` +
    `${tally.rawCases} raw HTTP cases; ${tally.mutationCases + tally.rawCases} in all. ` +
    `${tally.succeeded} mutations went through; userErrors by code: ${JSON.stringify(Object.fromEntries(tally.userErrorCodes))}`);
});

describe('every mutation, fuzzed', () => {
  it('the schema has mutations to fuzz', () => {
    expect(mutations.length).toBeGreaterThanOrEqual(28);
  });

  it('draws well-formed DateTimes on both sides of now (a rule like "scheduledAt in the future" is passed and refused)', () => {
    const drawn = fc.sample(wellFormedScalar(schema.getType('DateTime')!), { seed: SEED, numRuns: 50 }).map((d) => Date.parse(d as string));
    expect(drawn.some((t) => t > Date.now())).toBe(true);
    expect(drawn.some((t) => t < Date.now())).toBe(true);
  });

  for (const field of mutations) {
    it(`${field.name}: never a 500, always userErrors or a documented code`, async () => {
      const payloadType = getNamedType(field.type);
      const payloadHasUserErrors = isObjectType(payloadType) && 'userErrors' in payloadType.getFields();
      const cases = caseFor(field);

      // The caller the permission layer lets through: the first whose well-formed call is not refused as FORBIDDEN/UNAUTHENTICATED.
      const probe = fc.sample(fc.record(Object.fromEntries(field.args.map((a) => [a.name, wellFormedValue(a.type)]))), { seed: SEED, numRuns: 1 })[0];
      let caller: Caller | undefined;
      for (const candidate of CALLERS) {
        const { query, variables } = operationFor(field, { variables: probe, inline: false });
        const { body } = await send(candidate)(query, variables);
        const atField = (body.errors ?? []).filter((e: any) => e.path?.[0] === field.name).map((e: any) => e.extensions?.code);
        const refused = atField.includes('FORBIDDEN') || atField.includes('UNAUTHENTICATED');
        expect(body.data?.[field.name] != null || atField.length > 0, `the well-formed probe of ${field.name} did not reach execution: ${JSON.stringify(body).slice(0, 400)}`).toBe(true);
        if (!refused) { caller = candidate; break; }
      }
      expect(caller, `no demo client reaches ${field.name}: add one to CALLERS`).toBeDefined();

      await fc.assert(fc.asyncProperty(cases, async (c) => {
        const { query, variables } = operationFor(field, c);
        const { status, body } = await send(caller!)(query, variables);
        tally.mutationCases += 1;
        const outcome = checkAnswer(field.name, status, body, payloadHasUserErrors);
        if (outcome === 'refused') { tally.refusedBeforeResolver += 1; if (process.env.FUZZ_DEBUG) console.log('REFUSED', field.name, JSON.stringify(body.errors?.[0]).slice(0, 300)); }
        else tally.reachedResolver += 1;
        if (outcome === 'userErrors') tally.userErrors += 1;
        if (outcome === 'resolver') tally.succeeded += 1;
      }), { seed: SEED, numRuns: RUNS_PER_MUTATION });
    });
  }
});

describe('what fuzzing found, pinned', () => {
  it('text with a NUL character is BAD_USER_INPUT naming where, in variables or literals, and nothing is written', async () => {
    const portal = send('demo-portal-3273');
    const [{ n: before }] = await db.dataSource.query('SELECT count(*)::int AS n FROM complaints');
    const viaVariables = await portal('mutation ($input: SubmitComplaintInput!) { submitComplaint(input: $input) { userErrors { code } } }', {
      input: { idempotencyKey: 'nul-1', channel: 'WEB_PORTAL', programCode: 'PKH', category: 'NOT_RECEIVED', description: 'Bantuan\u0000 tidak diterima.', regionCode: '32.73.01.1001', complainant: { name: 'Siti', phone: '081234567890' } },
    });
    expect(viaVariables.status).toBe(400);
    expect(viaVariables.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: '$input.description' });
    const viaLiteral = await send('demo-ministry')('mutation { rotateClientSecret(clientId: "a\\u0000b") { userErrors { code } } }');
    expect(viaLiteral.status).toBe(400);
    expect(viaLiteral.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const [{ n: after }] = await db.dataSource.query('SELECT count(*)::int AS n FROM complaints');
    expect(after).toBe(before);
  });

  it('a bank code that is taken or too long is a userError, not an internal error', async () => {
    const ministry = send('demo-ministry');
    const create = (bankCode: string) => ministry('mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } userErrors { field code } } }', { input: { name: 'Bank Fuzz', kind: 'BANK', bankCode } });
    expect((await create('BRI')).body.data.createOrganisation.userErrors).toEqual([{ field: ['input', 'bankCode'], code: 'INVALID_INPUT' }]);
    expect((await create('B'.repeat(21))).body.data.createOrganisation.userErrors).toEqual([{ field: ['input', 'bankCode'], code: 'INVALID_INPUT' }]);
    expect((await create('BFZ')).body.data.createOrganisation.organisation).not.toBeNull();
  });

  it('more than 50 bad list items are BAD_USER_INPUT throughout (graphql-js gives up with an error of its own)', async () => {
    const { status, body } = await send('demo-dinsos-3273')(`mutation ($ids: [ID!]!) { scheduleCaseConference(input: { idempotencyKey: "k", complaintIds: $ids, participantIds: [], agenda: "a", location: "l", scheduledAt: "${new Date(NOW + 30 * DAY_MS).toISOString()}" }) { userErrors { code } } }`, { ids: Array(60).fill(null) });
    expect(status).toBe(400);
    expect(new Set(body.errors.map((e: any) => e.extensions.code))).toEqual(new Set(['BAD_USER_INPUT']));
  });

  it('a refused variable is not quoted back with a NIK or phone number in it', async () => {
    const { body } = await send('demo-dinsos-3273')('mutation ($input: EscalateComplaintInput!) { escalateComplaint(input: $input) { userErrors { code } } }', { input: { complaintId: 'x', version: '3273014507850001', reason: '081234567890' } });
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(body)).not.toMatch(/3273014507850001|081234567890/);
  });

  it('a client id or secret with a NUL is invalid_client, not a 500', async () => {
    for (const body of ['grant_type=client_credentials&client_id=a%00b&client_secret=x', 'grant_type=client_credentials&client_id=demo-ministry&client_secret=a%00b']) {
      const response = await api.fetch('/oauth/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      expect(response.status).toBe(400);
      expect((await response.json()).error).toBe('invalid_client');
    }
    const basic = await api.fetch('/oauth/token', { method: 'POST', headers: { authorization: `Basic ${Buffer.from('demo-ministry:a\u0000b').toString('base64')}` }, body: new URLSearchParams({ grant_type: 'client_credentials' }) });
    expect(basic.status).toBe(400);
  });
});

// ---------------------------------------------------------------------------
// Raw bodies

const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'application/graphql-response+json', 'application/json; charset=latin1',
  'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml',
  'application/graphql', '', '*/*', 'application/json, text/plain',
];

const deepJson = fc.integer({ min: 10, max: 200_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`);
const deepQuery = fc.integer({ min: 10, max: 20_000 }).map((n) => JSON.stringify({ query: `{${' programs {'.repeat(n)} code ${'}'.repeat(n)}}` }));
const wideQuery = fc.integer({ min: 100, max: 30_000 }).map((n) => JSON.stringify({ query: `{ ${'__typename '.repeat(n)}}` }));
const randomGraphQLBody = fc.record({
  query: fc.oneof(fc.string(), fc.constantFrom('{ programs { code } }', 'mutation { __typename }', 'subscription { x }', '{', '}', 'query ($a: Int = "x") { programs { code } }'), fc.jsonValue()),
  variables: fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue())),
  operationName: fc.oneof(fc.string(), fc.jsonValue()),
  extensions: fc.jsonValue(),
}, { requiredKeys: [] }).map((b) => JSON.stringify(b));

const rawBody = fc.oneof(
  { arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)), weight: 3 },
  { arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)), weight: 3 },
  { arbitrary: randomGraphQLBody, weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 2 },
  { arbitrary: deepJson, weight: 1 },
  { arbitrary: deepQuery, weight: 1 },
  { arbitrary: wideQuery, weight: 1 },
);

const oauthBody = fc.oneof(
  { arbitrary: fc.dictionary(fc.constantFrom('grant_type', 'client_id', 'client_secret', 'scope', 'x'), fc.oneof(fc.string(), hostileString, fc.constantFrom('client_credentials', 'demo-ministry', 'password'))).map((d) => new URLSearchParams(d).toString()), weight: 4 },
  { arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)), weight: 3 },
  { arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)), weight: 2 },
  { arbitrary: deepJson, weight: 1 },
  { arbitrary: fc.constant(`client_secret=${'x'.repeat(20_000)}&grant_type=client_credentials&client_id=demo-ministry`), weight: 1 },
);

const authorizationHeader = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 6 },
  { arbitrary: fc.oneof(fc.string({ maxLength: 60 }), hostileString.map((s) => `demo-ministry:${s}`), hostileString.map((s) => `${s}:x`)).map((s) => `Basic ${Buffer.from(s).toString('base64')}`), weight: 2 },
  { arbitrary: fc.constantFrom('Basic', 'Basic !!!', 'Bearer', 'Bearer a.b.c', 'Basic OmZvbw==', `Basic ${Buffer.from('%E0%A4%A:x').toString('base64')}`), weight: 1 },
);

async function rawRequest(path: string, method: string, body: string | Buffer | undefined, headers: Record<string, string>): Promise<{ status: number; json: any; contentType: string }> {
  const response = await api.fetch(path, { method, body: method === 'GET' ? undefined : body, headers });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, contentType: response.headers.get('content-type') ?? '' };
}

describe('raw request bodies', () => {
  it('POST /graphql: random bytes, JSON, content types and nesting are a JSON error with a documented code, never a 500', async () => {
    await fc.assert(fc.asyncProperty(rawBody, fc.constantFrom(...CONTENT_TYPES), fc.boolean(), async (body, contentType, preflight) => {
      const headers: Record<string, string> = {};
      if (contentType) headers['content-type'] = contentType;
      if (preflight) headers['apollo-require-preflight'] = 'true';
      const { status, json, contentType: answered } = await rawRequest('/graphql', 'POST', body, headers);
      tally.rawCases += 1;
      expect(status, JSON.stringify(json)?.slice(0, 300)).toBeLessThan(500);
      expect(answered).toMatch(/json/);
      expect(json, 'a JSON body').toBeTypeOf('object');
      if (json.errors) for (const error of json.errors) expect(DOCUMENTED_CODES.has(error.extensions?.code), JSON.stringify(error).slice(0, 300)).toBe(true);
      else expect(json.data, JSON.stringify(json).slice(0, 300)).toBeDefined(); // a random body that is a valid query
    }), { seed: SEED, numRuns: RAW_RUNS * 2 });
  });

  it('GET /graphql: random query strings are a JSON error with a documented code, never a 500', async () => {
    const params = fc.dictionary(fc.constantFrom('query', 'variables', 'operationName', 'extensions', 'x'), fc.oneof(fc.string({ maxLength: 80 }), fc.jsonValue().map((v) => JSON.stringify(v))));
    await fc.assert(fc.asyncProperty(params, fc.boolean(), async (query, preflight) => {
      const { status, json } = await rawRequest(`/graphql?${new URLSearchParams(query)}`, 'GET', undefined, preflight ? { 'apollo-require-preflight': 'true' } : {});
      tally.rawCases += 1;
      expect(status).toBeLessThan(500);
      expect(json, 'a JSON body').toBeTypeOf('object');
      if (json.errors) for (const error of json.errors) expect(DOCUMENTED_CODES.has(error.extensions?.code), JSON.stringify(error).slice(0, 300)).toBe(true);
    }), { seed: SEED, numRuns: RAW_RUNS });
  });

  it('POST /oauth/token: random forms, JSON, bytes and credentials are an error with a code (RFC 6749 or ours), never a 500', async () => {
    await fc.assert(fc.asyncProperty(oauthBody, fc.constantFrom(...CONTENT_TYPES), authorizationHeader, async (body, contentType, authorization) => {
      const headers: Record<string, string> = {};
      if (contentType) headers['content-type'] = contentType;
      if (authorization) headers.authorization = authorization;
      const { status, json } = await rawRequest('/oauth/token', 'POST', body, headers);
      tally.rawCases += 1;
      expect(status, JSON.stringify(json)?.slice(0, 300)).toBeLessThan(500);
      expect(json, 'a JSON body').toBeTypeOf('object');
      const code = json.error ?? json.errors?.[0]?.extensions?.code;
      expect(['invalid_request', 'invalid_client', 'unsupported_grant_type', 'BAD_REQUEST', 'PAYLOAD_TOO_LARGE'], JSON.stringify(json).slice(0, 300)).toContain(code);
    }), { seed: SEED, numRuns: RAW_RUNS });
  });

  it('the server is still up and answering after all of it', async () => {
    expect((await api.fetch('/healthz')).status).toBe(200);
    const { body } = await api.gql('{ programs { code } }');
    expect(body.data.programs.length).toBeGreaterThan(0);
  });
});
