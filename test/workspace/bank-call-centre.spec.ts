import { describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../server/src/graphql/global-id';
import { as } from '../support/auth';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

/** A bank's call centre files the complaint a caller makes, on its own BANK_CALL_CENTER_* channel only. */
const db = useTestDatabase('demo');
const api = useTestServer(db);

const READ = `query ($id: ID!) { complaint(id: $id) { trackingCode channel { code } submittedBy { name bankCode } complainant { name nik phone masked } } }`;

describe('submitComplaint by a bank', () => {
  it('BRI files on BANK_CALL_CENTER_BRI, reads it back with the complainant masked; BNI does not see it', async () => {
    const bri = as(api, 'demo-bank-bri');
    const { body } = await bri(SUBMIT, { input: complaintInput({ channel: 'BANK_CALL_CENTER_BRI' }) });
    expect(body.errors).toBeUndefined();
    const payload = body.data.submitComplaint;
    expect(payload.userErrors).toEqual([]);
    expect(payload.complaint).toMatchObject({ status: 'RECEIVED', currentTier: 'VILLAGE' });

    const [row] = await db.dataSource.query(
      `SELECT c.channel_code AS channel, o.bank_code AS "bankCode" FROM complaints c JOIN organisations o ON o.id = c.submitted_by_organisation_id WHERE c.id = $1`,
      [fromGlobalId(payload.complaint.id)!.key],
    );
    expect(row).toEqual({ channel: 'BANK_CALL_CENTER_BRI', bankCode: 'BRI' });

    const read = (await bri(READ, { id: payload.complaint.id })).body.data.complaint;
    expect(read).toMatchObject({ trackingCode: payload.trackingCode, channel: { code: 'BANK_CALL_CENTER_BRI' }, submittedBy: { bankCode: 'BRI' } });
    expect(read.complainant.masked).toBe(true);
    expect(read.complainant.nik).not.toBe('3273014507850001');
    expect(read.complainant.nik).toMatch(/\*/);

    expect((await as(api, 'demo-bank-bni')(READ, { id: payload.complaint.id })).body.data.complaint).toBeNull();
  });

  it.each([['BANK_CALL_CENTER_BNI'], ['WEB_PORTAL'], ['CALL_CENTER']])('BRI on %s: refused naming input.channel, nothing written', async (channel) => {
    const [{ count: before }] = await db.dataSource.query('SELECT count(*)::int AS count FROM complaints');
    const { body } = await as(api, 'demo-bank-bri')(SUBMIT, { input: complaintInput({ channel }) }, { 'Accept-Language': 'en' });
    expect(body.errors).toBeUndefined();
    expect(body.data.submitComplaint.complaint).toBeNull();
    expect(body.data.submitComplaint.userErrors).toEqual([
      { field: ['input', 'channel'], code: 'INVALID_INPUT', message: expect.stringContaining('own call-centre channel') },
    ]);
    const [{ count: after }] = await db.dataSource.query('SELECT count(*)::int AS count FROM complaints');
    expect(after).toBe(before);
  });

  it('a portal still files on WEB_PORTAL: the rule is for banks', async () => {
    const { body } = await as(api, 'demo-portal-3273')(SUBMIT, { input: complaintInput() });
    expect(body.data.submitComplaint.userErrors).toEqual([]);
  });
});
