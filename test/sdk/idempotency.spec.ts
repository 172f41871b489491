import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient, SubmitComplaintDocument } from '../../sdk/src/index';
import { connectionReset, data, ENDPOINT, mockFetch } from './mock-fetch';

/** Idempotency keys: made for every creating mutation that has none, and the same on every retry. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const submitted = { submitComplaint: { trackingCode: 'ADU-7K3M-9Q2X', acknowledgement: 'Diterima.', complaint: null, possibleDuplicates: [], userErrors: [] } };
const input = () => ({
  channel: 'WEB_PORTAL', programCode: 'PKH', category: 'NOT_RECEIVED' as const, description: 'Bantuan PKH tidak masuk.', regionCode: '32.73.01.1001',
  complainant: { name: 'Siti Aminah', phone: '0812-3456-7890' },
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('idempotency keys', () => {
  it('a creating mutation without a key gets a random UUID; the caller’s input is left as it was', async () => {
    const mock = mockFetch({ graphql: () => data(submitted) });
    const mine = input();
    await createClient({ url: ENDPOINT, fetch: mock.fetch }).submitComplaint(mine);
    expect(mock.calls[0].body.variables.input.idempotencyKey).toMatch(UUID);
    expect(mine).not.toHaveProperty('idempotencyKey');
  });

  it('the same key on every retry of one call (502, a broken connection, 503), a new one for the next call', async () => {
    const replies = [new Response('', { status: 502 }), connectionReset(), new Response('', { status: 503 })];
    const mock = mockFetch({ graphql: (_c, i) => replies[i] ?? data(submitted) });
    const aduan = createClient({ url: ENDPOINT, fetch: mock.fetch });
    const first = aduan.submitComplaint(input());
    await vi.runAllTimersAsync();
    expect(await first).toEqual(submitted.submitComplaint);
    await aduan.submitComplaint(input());
    const keys = mock.calls.map((c) => c.body.variables.input.idempotencyKey);
    expect(keys).toHaveLength(5);
    expect(new Set(keys.slice(0, 4)).size).toBe(1); // a mutation with a key is safe to send again, even after a 502
    expect(keys[4]).not.toBe(keys[0]);
  });

  it('a key the caller gives is sent as given, on every attempt', async () => {
    const mock = mockFetch({ graphql: (_c, i) => (i === 0 ? new Response('', { status: 504 }) : data(submitted)) });
    const outcome = createClient({ url: ENDPOINT, fetch: mock.fetch }).submitComplaint({ ...input(), idempotencyKey: 'lks-case-2026-0042' });
    await vi.runAllTimersAsync();
    await outcome;
    expect(mock.calls.map((c) => c.body.variables.input.idempotencyKey)).toEqual(['lks-case-2026-0042', 'lks-case-2026-0042']);
  });

  it('works through request() with any document whose variable has a creating input type', async () => {
    const mock = mockFetch({ graphql: () => data(submitted) });
    const aduan = createClient({ url: ENDPOINT, fetch: mock.fetch });
    await aduan.request(SubmitComplaintDocument, { input: input() });
    await aduan.request('mutation Mine($c: SubmitComplaintInput!) { submitComplaint(input: $c) { trackingCode } }', { c: input() });
    expect(mock.calls.map((c) => Object.values(c.body.variables as Record<string, { idempotencyKey: string }>)[0].idempotencyKey)).toEqual([expect.stringMatching(UUID), expect.stringMatching(UUID)]);
  });

  it('inputs without an idempotencyKey field get none', async () => {
    const mock = mockFetch({ graphql: () => data({ verifyComplaint: { complaint: null, userErrors: [] } }) });
    await createClient({ url: ENDPOINT, fetch: mock.fetch }).verifyComplaint({ complaintId: 'Q29tcGxhaW50OjE', version: 1 });
    expect(mock.calls[0].body.variables).toEqual({ input: { complaintId: 'Q29tcGxhaW50OjE', version: 1 } });
  });
});
