import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database';

const db = useTestDatabase('demo');

/** The rules the database itself enforces, whatever code (or person with psql) writes to it. */
describe('database constraints', () => {
  const recipientRow = (nik: string, kk = '3273012301000001') => db.dataSource.query(
    `INSERT INTO recipients (nik, kk_number, full_name, birth_date, sex, region_code, address, dtks_status)
     VALUES ($1, $2, 'Uji', '1980-01-01', 'M', '32.73.01.1001', 'Jl. Uji', 'REGISTERED')`, [nik, kk]);

  it('accepts only 16-digit NIK and KK numbers', async () => {
    await expect(recipientRow('327301010180')).rejects.toThrow(/recipient_nik_format/);
    await expect(recipientRow('32730101018A0001')).rejects.toThrow(/recipient_nik_format/);
    await expect(recipientRow('3273010101809999', '12345')).rejects.toThrow(/recipient_kk_format/);
  });

  it('keeps NIKs unique', async () => {
    const [{ nik }] = await db.dataSource.query('SELECT nik FROM recipients LIMIT 1');
    await expect(recipientRow(nik)).rejects.toThrow(/uq_recipients_nik/);
  });

  it('refuses codes that do not reference their tables', async () => {
    await expect(db.dataSource.query(
      `INSERT INTO regions (code, name, level, parent_code, time_zone) VALUES ('32.99', 'Nowhere', 'DISTRICT', '32.98', 'WIB')`,
    )).rejects.toThrow(/region_parent_is_prefix|foreign key/);
    await expect(db.dataSource.query(
      `INSERT INTO regions (code, name, level, parent_code, time_zone) VALUES ('32.7', 'Bad', 'DISTRICT', '32', 'WIB')`,
    )).rejects.toThrow(/region_code_format|region_level_matches_code/);
  });

  it('keeps tracking codes unique and well-formed', async () => {
    const [complaint] = await db.dataSource.query('SELECT tracking_code FROM complaints LIMIT 1');
    await expect(db.dataSource.query(`UPDATE complaints SET tracking_code = 'ADU-1234' WHERE tracking_code = $1`, [complaint.tracking_code]))
      .rejects.toThrow(/complaint_tracking_code_format/);
    const [other] = await db.dataSource.query('SELECT tracking_code FROM complaints WHERE tracking_code <> $1 LIMIT 1', [complaint.tracking_code]);
    await expect(db.dataSource.query(`UPDATE complaints SET tracking_code = $1 WHERE tracking_code = $2`, [other.tracking_code, complaint.tracking_code]))
      .rejects.toThrow(/uq_complaints_tracking_code/);
  });

  it('derives province, district and sub-district codes from the village', async () => {
    const rows = await db.dataSource.query(`SELECT region_code, province_code, district_code, subdistrict_code FROM complaints LIMIT 20`);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.province_code).toBe(row.region_code.slice(0, 2));
      expect(row.district_code).toBe(row.region_code.slice(0, 5));
      expect(row.subdistrict_code).toBe(row.region_code.slice(0, 8));
    }
  });

  it('keeps the complaint timeline append-only', async () => {
    const [event] = await db.dataSource.query('SELECT id FROM complaint_events LIMIT 1');
    await expect(db.dataSource.query(`UPDATE complaint_events SET message = 'rewritten' WHERE id = $1`, [event.id])).rejects.toThrow(/append-only/);
    await expect(db.dataSource.query(`DELETE FROM complaint_events WHERE id = $1`, [event.id])).rejects.toThrow(/append-only/);
    await expect(db.dataSource.query(`TRUNCATE complaint_events CASCADE`)).rejects.toThrow(/append-only/);
  });

  it('requires a decision on resolved complaints', async () => {
    const [complaint] = await db.dataSource.query(`SELECT id FROM complaints WHERE status = 'RECEIVED' LIMIT 1`);
    await expect(db.dataSource.query(`UPDATE complaints SET status = 'RESOLVED' WHERE id = $1`, [complaint.id])).rejects.toThrow(/complaint_decision_when_resolved/);
  });

  it('serves the inbox from an index (jurisdiction + time order), not a sort of the table', async () => {
    await db.dataSource.query('ANALYZE complaints');
    const plan: { 'QUERY PLAN': string }[] = await db.dataSource.query(
      `EXPLAIN SELECT id FROM complaints WHERE district_code = '32.73' ORDER BY created_at DESC, id DESC LIMIT 20`,
    );
    const text = plan.map((p) => p['QUERY PLAN']).join('\n');
    // With little data the planner may prefer a scan; force the question: the index must be usable.
    await db.dataSource.query('SET enable_seqscan = off');
    const forced: { 'QUERY PLAN': string }[] = await db.dataSource.query(
      `EXPLAIN SELECT id FROM complaints WHERE district_code = '32.73' ORDER BY created_at DESC, id DESC LIMIT 20`,
    );
    await db.dataSource.query('RESET enable_seqscan');
    const forcedText = forced.map((p) => p['QUERY PLAN']).join('\n');
    expect(forcedText).toMatch(/idx_complaints_district_created/);
    expect(forcedText).not.toMatch(/Sort/);
    expect(text.length).toBeGreaterThan(0);
  });
});
