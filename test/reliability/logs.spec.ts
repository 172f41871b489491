import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/src/logger';
import { as } from '../support/auth';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

/**
 * The log schema of docs/operations.md ("Logs"), held to by the real server:
 * one JSON object a line, the request line's fields, and no personal data.
 */
const lines: string[] = [];
const capture = { write: (line: string) => void lines.push(line) };
const db = useTestDatabase('demo');
const api = useTestServer(db, { logger: createLogger('info', capture) });

const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
const requestLine = (requestId: string) => records().find((r) => r.msg === 'request' && r.requestId === requestId);

/** The response is sent before the line is written ('finish'): wait until it is there. */
async function lineFor(requestId: string): Promise<Record<string, unknown>> {
  await expect.poll(() => requestLine(requestId), { message: `the request line of ${requestId} was never written`, timeout: 5_000, interval: 10 }).toBeDefined();
  return requestLine(requestId)!;
}

describe('the request line', () => {
  it('has the documented fields, with the caller’s request id, the operation and the client', async () => {
    const portal = as(api, 'demo-portal-3273');
    const response = await portal(SUBMIT, { input: complaintInput() }, { 'x-request-id': 'portal-req-0001' });
    expect(response.headers.get('x-request-id')).toBe('portal-req-0001');
    const line = await lineFor('portal-req-0001');
    expect(line).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      service: 'aduan',
      requestId: 'portal-req-0001',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operationName: 'Submit',
      operation: 'submitComplaint',
      operationType: 'mutation',
      clientId: 'demo-portal-3273',
      durationMs: expect.any(Number),
      msg: 'request',
    });
  });

  it('makes a request id when the caller sends none (or an unusable one), and leaves out what does not apply', async () => {
    const response = await api.fetch('/healthz', { headers: { 'x-request-id': 'no spaces allowed here' } });
    const requestId = response.headers.get('x-request-id')!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const line = await lineFor(requestId);
    expect(line).toMatchObject({ requestId, method: 'GET', path: '/healthz', status: 200 });
    expect(Object.keys(line)).not.toEqual(expect.arrayContaining(['operation']));
    expect(line.clientId).toBeUndefined();

    const refused = await api.gql('{ programs { nope } }', undefined, { 'x-request-id': 'invalid-query-1' });
    expect(refused.status).toBe(400);
    expect(await lineFor('invalid-query-1')).toMatchObject({ status: 400, operation: '_none', operationType: 'none' });
  });
});

describe('no personal data in the logs', () => {
  it('never the variables, a GET query string, a token, a NIK, a phone number or a tracking code', async () => {
    // Each request carries its own id, so the test knows its line was written (and what it says) before
    // it looks for what must not be there: an absent line would hide nothing.
    const tokenResponse = await api.fetch('/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-request-id': 'pii-token' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'demo-portal-3273', client_secret: 'demo-portal-3273-secret' }),
    });
    expect(tokenResponse.status).toBe(200);
    const token = (await tokenResponse.json()).access_token as string;
    const submit = await api.gql(SUBMIT, { input: complaintInput({ subjectNik: '3273010101800002', complainant: { nik: '3273014507850001', phone: '081298765432' } }) },
      { authorization: `Bearer ${token}`, 'x-request-id': 'pii-submit' });
    const submitted = submit.body.data.submitComplaint;
    expect(submitted.trackingCode).toEqual(expect.any(String));
    const tracked = await api.gql('query Track($c: String!) { trackComplaint(trackingCode: $c) { status } }', { c: submitted.trackingCode }, { 'x-request-id': 'pii-track' });
    expect(tracked.body.data.trackComplaint).not.toBeNull();
    // A GET whose query string carries a NIK (as a tracking code: it finds nothing, but it is in the URL).
    const get = await api.fetch(`/graphql?query=${encodeURIComponent('query TrackByGet($c: String!) { trackComplaint(trackingCode: $c) { status } }')}&variables=${encodeURIComponent('{"c":"3273014507850001"}')}`,
      { headers: { 'apollo-require-preflight': 'true', 'x-request-id': 'pii-get' } });
    expect(get.status).toBe(200);
    const badToken = await api.gql('{ programs { code } }', undefined, { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', 'x-request-id': 'pii-bad-token' });
    expect(badToken.status).toBe(401);

    expect(await lineFor('pii-token')).toMatchObject({ method: 'POST', path: '/oauth/token', status: 200 });
    expect(await lineFor('pii-submit')).toMatchObject({ method: 'POST', path: '/graphql', status: 200, operation: 'submitComplaint', operationType: 'mutation', clientId: 'demo-portal-3273' });
    expect(await lineFor('pii-track')).toMatchObject({ method: 'POST', path: '/graphql', status: 200, operationName: 'Track', operation: 'trackComplaint', operationType: 'query' });
    expect(await lineFor('pii-get')).toMatchObject({ method: 'GET', path: '/graphql', status: 200, operationName: 'TrackByGet', operation: 'trackComplaint', operationType: 'query' });
    expect(await lineFor('pii-bad-token')).toMatchObject({ method: 'POST', path: '/graphql', status: 401 });

    const all = lines.join('');
    expect(all).not.toMatch(/3273014507850001|3273010101800002|081298765432|6281298765432/);
    expect(all).not.toContain(submitted.trackingCode);
    expect(all).not.toMatch(/eyJhbGciOiJIUzI1NiJ9|Bearer|client_secret|-secret/);
    expect(all).not.toContain(token.split('.')[2]); // the token's signature
    expect(all).not.toMatch(/variables=|query=/); // a GET's query string is not logged
  });

  it('scrubs a NIK, KK or phone number that slips into a log object, e.g. quoted by a database error', () => {
    const captured: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void captured.push(line) });
    logger.error({ requestId: 'r1', err: { message: 'invalid input syntax for type uuid: "3273014507850001"' }, detail: ['+6281234567890', 'kk 3273010101800002'] }, 'resolver error');
    const [line] = captured.map((l) => JSON.parse(l));
    expect(line.err.message).toBe('invalid input syntax for type uuid: "[redacted]"');
    expect(line.detail).toEqual(['[redacted]', 'kk [redacted]']);
    expect(line.requestId).toBe('r1');
    logger.error({ err: new Error('duplicate key: (nik)=(3273014507850001)') }, 'unhandled error');
    const second = JSON.parse(captured[1]);
    expect(second.err).toMatchObject({ type: 'Error', message: 'duplicate key: (nik)=([redacted])' });
    expect(captured[1]).not.toContain('3273014507850001');
  });
});
