import { describe, expect, it } from 'vitest';
import { MAX_PREPARED_PER_CONNECTION, statementName } from '../../server/src/database/prepared-statements';
import { useTestDatabase } from '../support/database';

const db = useTestDatabase('demo');

/** Runs `work` on one pooled connection and answers what PostgreSQL has prepared on it meanwhile. */
async function onOneConnection(work: (query: (sql: string, params?: unknown[]) => Promise<unknown[]>) => Promise<void>): Promise<{ name: string; statement: string }[]> {
  const runner = db.dataSource.createQueryRunner();
  const held = async (): Promise<{ name: string; statement: string }[]> => runner.query('SELECT name, statement FROM pg_prepared_statements ORDER BY name');
  try {
    const before = new Set((await held()).map((p) => p.name));
    await work((sql, params) => runner.query(sql, params));
    return (await held()).filter((p) => !before.has(p.name));
  } finally {
    await runner.release();
  }
}

describe('prepared statements (database/prepared-statements.ts)', () => {
  it('prepares a parameterised statement once per connection, named by its text, and answers as before', async () => {
    const sql = 'SELECT code, name FROM programs WHERE code = $1';
    let answers: unknown[] = [];
    const prepared = await onOneConnection(async (query) => {
      answers = [await query(sql, ['PKH']), await query(sql, ['BPNT']), await query(sql, ['NOPE'])];
    });
    expect(prepared).toEqual([{ name: statementName(sql), statement: sql }]);
    expect(answers).toEqual([[{ code: 'PKH', name: expect.any(String) }], [{ code: 'BPNT', name: expect.any(String) }], []]);
  });

  it('leaves statements without parameters, `SELECT *` and `t.*`, and DDL unprepared', async () => {
    const prepared = await onOneConnection(async (query) => {
      await query('SELECT count(*)::int AS n FROM programs');
      await query('SELECT * FROM programs WHERE code = $1', ['PKH']);
      await query('SELECT p.* FROM programs p WHERE p.code = $1', ['PKH']);
      await query('SELECT count(*)::int AS n FROM programs WHERE code <> $1', ['PKH']); // count(*) is no star column: prepared
    });
    expect(prepared.map((p) => p.statement)).toEqual(['SELECT count(*)::int AS n FROM programs WHERE code <> $1']);
  });

  it('a migration adding a column does not break a running connection’s statements', async () => {
    await onOneConnection(async (query) => {
      await query('CREATE TABLE prepared_probe (id int PRIMARY KEY, label text)');
      await query('INSERT INTO prepared_probe VALUES ($1, $2)', [1, 'one']);
      const named = 'SELECT id, label FROM prepared_probe WHERE id = $1';
      expect(await query(named, [1])).toEqual([{ id: 1, label: 'one' }]);
      expect(await query('SELECT * FROM prepared_probe WHERE id = $1', [1])).toEqual([{ id: 1, label: 'one' }]);
      await query('ALTER TABLE prepared_probe ADD COLUMN added int');
      // PostgreSQL plans the named statement again; the star one was never prepared, so its result may change.
      expect(await query(named, [1])).toEqual([{ id: 1, label: 'one' }]);
      expect(await query('SELECT * FROM prepared_probe WHERE id = $1', [1])).toEqual([{ id: 1, label: 'one', added: null }]);
      await query('DROP TABLE prepared_probe');
    });
  });

  it(`keeps at most ${MAX_PREPARED_PER_CONNECTION} statements on a connection; past them, new ones run unprepared`, async () => {
    const distinct = MAX_PREPARED_PER_CONNECTION + 20;
    const answers: unknown[] = [];
    const runner = db.dataSource.createQueryRunner();
    try {
      for (let i = 0; i < distinct; i++) answers.push(await runner.query(`SELECT $1::int + ${i} AS n`, [1]));
      expect(await runner.query('SELECT count(*)::int AS n FROM pg_prepared_statements')).toEqual([{ n: MAX_PREPARED_PER_CONNECTION }]);
    } finally {
      await runner.release();
    }
    expect(answers).toEqual(Array.from({ length: distinct }, (_, i) => [{ n: 1 + i }]));
  });

  it('is off with preparedStatements: false', async () => {
    const { createDataSource } = await import('../../server/src/database/data-source');
    const plain = createDataSource(db.url, { preparedStatements: false, poolSize: 1 });
    await plain.initialize();
    try {
      await plain.query('SELECT code FROM programs WHERE code = $1', ['PKH']);
      expect(await plain.query('SELECT count(*)::int AS n FROM pg_prepared_statements')).toEqual([{ n: 0 }]);
    } finally {
      await plain.destroy();
    }
  });
});
