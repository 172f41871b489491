import { DataSource } from 'typeorm';

export interface SchemaStatement { query: string; parameters?: unknown[] }

/**
 * The SQL that would bring the database in line with the entities. Empty when
 * the migrations and the entities agree; anything else is a missing migration.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<{ up: SchemaStatement[]; down: SchemaStatement[] }> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  const toStatement = (q: { query: string; parameters?: unknown[] }): SchemaStatement =>
    q.parameters?.length ? { query: q.query, parameters: q.parameters } : { query: q.query };
  return {
    up: dedupeEnumTypes(sql.upQueries.map(toStatement), 'CREATE TYPE', 'first'),
    // down runs in reverse: keep each type's drop where it runs last (after every table using it is gone).
    down: dedupeEnumTypes(sql.downQueries.map(toStatement), 'DROP TYPE', 'first'),
  };
}

/**
 * TypeORM emits CREATE TYPE for a shared enum (enumName) once per table that
 * uses it; PostgreSQL accepts it only once. Keeps one occurrence of each.
 */
function dedupeEnumTypes(statements: SchemaStatement[], verb: string, keep: 'first'): SchemaStatement[] {
  const seen = new Set<string>();
  return statements.filter((s) => {
    if (!s.query.startsWith(verb)) return true;
    const name = s.query.slice(verb.length).trim().split(/\s/)[0];
    if (seen.has(name)) return false;
    seen.add(name);
    return keep === 'first';
  });
}
