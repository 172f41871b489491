import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../../server/src/graphql/global-id';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

const db = useTestDatabase('demo');
const api = useTestServer(db);

describe('public reference data over HTTP', () => {
  it('lists the programmes of the contract', async () => {
    const { status, body } = await api.gql('{ programs { id code name benefitForm stagesPerYear active } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const codes = body.data.programs.map((p: { code: string }) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['PKH', 'BPNT', 'BST', 'BLT_DD', 'PBI_JK']));
    expect([...codes].sort()).toEqual(codes);
    expect(body.data.programs.find((p: { code: string }) => p.code === 'PKH').name).toBe('Program Keluarga Harapan');
  });

  it('lists the channels of the contract with their real contact facts', async () => {
    const { body } = await api.gql('{ channels { code name kind contact serviceHours operatorName } }');
    expect(body.errors).toBeUndefined();
    const byCode = new Map(body.data.channels.map((c: { code: string }) => [c.code, c]));
    for (const code of ['WEB_PORTAL', 'WHATSAPP', 'CALL_CENTER', 'EMAIL', 'SMS', 'SOCIAL_MEDIA', 'MOBILE_APP', 'WALK_IN', 'SLRT', 'PUSKESOS', 'BANK_REPORT']) {
      expect(byCode.has(code), code).toBe(true);
    }
    const callCentre = byCode.get('CALL_CENTER') as { contact: string; serviceHours: string };
    expect(callCentre.contact).toContain('1500299');
    expect(callCentre.serviceHours).toMatch(/08\.00.17\.00 WIB/);
    const contacts = body.data.channels.map((c: { contact: string | null }) => c.contact ?? '').join(' ');
    for (const number of ['021-314 4321', '1500046', '1500017', '14000', '1500286']) expect(contacts).toContain(number);
  });

  it('lists the 38 provinces without a parent, each with its time zone', async () => {
    const { body } = await api.gql('{ regions { code name level timeZone parent { code } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data.regions).toHaveLength(38);
    const byCode = new Map(body.data.regions.map((r: { code: string }) => [r.code, r]));
    expect(byCode.get('32')).toMatchObject({ name: 'Jawa Barat', level: 'PROVINCE', timeZone: 'WIB', parent: null });
    expect(byCode.get('73')).toMatchObject({ timeZone: 'WITA' });
    expect(byCode.get('91')).toMatchObject({ timeZone: 'WIT' });
  });

  it('walks down from a province to the villages the contract names', async () => {
    const district = await api.gql('query ($p: String) { regions(parentCode: $p) { code name level kind } }', { p: '32' });
    expect(district.body.data.regions).toEqual(expect.arrayContaining([expect.objectContaining({ code: '32.73', name: 'Kota Bandung', level: 'DISTRICT', kind: 'KOTA' })]));
    const villages = await api.gql('query ($p: String) { regions(parentCode: $p) { code level parent { code parent { code } } } }', { p: '32.73.01' });
    expect(villages.body.data.regions).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: '32.73.01.1001', level: 'VILLAGE', parent: { code: '32.73.01', parent: { code: '32.73' } } }),
    ]));
    const surabaya = await api.gql('{ regions(parentCode: "35.78.01") { code } }');
    expect(surabaya.body.data.regions.map((r: { code: string }) => r.code)).toContain('35.78.01.1001');
  });

  it('answers an unknown parent with an empty list, and a malformed one with BAD_USER_INPUT', async () => {
    expect((await api.gql('{ regions(parentCode: "99.99") { code } }')).body.data.regions).toEqual([]);
    const bad = await api.gql('{ regions(parentCode: "32.7") { code } }');
    expect(bad.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.body.errors?.[0].message).toMatch(/parentCode/);
  });
});

describe('node and nodes', () => {
  it('fetches a region, a programme and a channel by global id', async () => {
    const ids = [toGlobalId('Region', '32.73.01.1001'), toGlobalId('Program', 'PKH'), toGlobalId('Channel', 'WHATSAPP')];
    const { body } = await api.gql(
      'query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Region { code } ... on Program { code } ... on Channel { code } } }',
      { ids },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.nodes).toEqual([
      { __typename: 'Region', id: ids[0], code: '32.73.01.1001' },
      { __typename: 'Program', id: ids[1], code: 'PKH' },
      { __typename: 'Channel', id: ids[2], code: 'WHATSAPP' },
    ]);
  });

  it('round-trips: the id a list returns fetches the same object', async () => {
    const list = await api.gql('{ programs { id code } }');
    const first = list.body.data.programs[0];
    const { body } = await api.gql('query ($id: ID!) { node(id: $id) { id ... on Program { code } } }', { id: first.id });
    expect(body.data.node).toEqual(first);
  });

  it('answers null for garbage, unknown types, missing objects and what the public may not see', async () => {
    const ids = ['not-an-id', '', toGlobalId('Nope', 'x'), toGlobalId('Region', '99.99'), toGlobalId('Organisation', '00000000-0000-4000-8000-000000000000'), toGlobalId('Organisation', "'; DROP TABLE regions; --")];
    const { body } = await api.gql('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(body.errors).toBeUndefined();
    expect(body.data.nodes).toEqual(ids.map(() => null));
  });

  it('refuses more than 100 ids with BAD_USER_INPUT', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => toGlobalId('Program', `P${i}`));
    const { body } = await api.gql('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('health', () => {
  it('answers /healthz and /readyz', async () => {
    const health = await api.fetch('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await api.fetch('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: true, migrations: true } });
  });

  it('echoes a request id, and makes one when none is given', async () => {
    const given = await api.fetch('/healthz', { headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const made = await api.fetch('/healthz');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers malformed JSON with 400 and a coded error, not a stack', async () => {
    const response = await api.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js:\d+/);
  });
});
