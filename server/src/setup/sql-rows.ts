import { EntityManager } from 'typeorm';
import { snakeCase } from '../database/naming-strategy';

/** The PostgreSQL type of each property's column; property names become snake_case columns. */
export type ColumnTypes<Row> = { [K in keyof Row & string]: string };

/**
 * One multi-row INSERT … SELECT FROM unnest(…) per table: one array parameter
 * per column, whatever the number of rows. With `onlyMissing`, rows that would
 * break a unique key are skipped (ON CONFLICT DO NOTHING): what is already
 * there stays as it is. Answers the number of rows inserted.
 */
export async function insertRows<Row extends object>(
  manager: EntityManager, table: string, types: ColumnTypes<Row>, rows: readonly Row[], options: { onlyMissing?: boolean } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const properties = Object.keys(types) as (keyof Row & string)[];
  const columns = properties.map((p) => `"${snakeCase(p)}"`).join(', ');
  const arrays = properties.map((p, i) => `$${i + 1}::${types[p]}[]`).join(', ');
  const parameters = properties.map((p) => rows.map((row) => toParameter(row[p])));
  const conflict = options.onlyMissing ? ' ON CONFLICT DO NOTHING' : '';
  const [{ count }] = await manager.query(
    `WITH inserted AS (INSERT INTO "${table}" (${columns}) SELECT * FROM unnest(${arrays})${conflict} RETURNING 1) SELECT count(*)::int AS count FROM inserted`,
    parameters,
  );
  return count;
}

function toParameter(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value ?? null;
}
