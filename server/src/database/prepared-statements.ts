import { createHash } from 'node:crypto';
import { QueryConfig } from 'pg';
import { CancellableClient } from './request-cancellation';

/**
 * How many statements one connection keeps prepared. Aduan sends a few dozen
 * distinct parameterised statements (a list's text varies with its filters);
 * past this many on one connection, further new ones run unprepared, so a
 * backend's memory for plans stays bounded whatever the clients ask.
 */
export const MAX_PREPARED_PER_CONNECTION = 200;

/** Reads, writes and CTEs: what a request runs. DDL, SET and transaction control are never prepared. */
const PREPARABLE = /^\s*(?:SELECT|WITH|INSERT|UPDATE|DELETE)\b/i;
/**
 * `SELECT *` or `t.*`: a prepared statement's result columns are fixed when it
 * is parsed, and a migration adding a column would make PostgreSQL refuse it
 * ("cached plan must not change result type") until the connection closes.
 * Such statements run unprepared. (`count(*)` is not one of them.)
 */
const STAR_COLUMNS = /(?:\bSELECT\s+|,\s*|\.)\*/i;

/**
 * The pg client Aduan's pools use (data-source.ts): every parameterised
 * statement is sent as a named prepared statement, named by its text's hash,
 * so that PostgreSQL parses (and, once it settles on a generic plan, plans)
 * it once per connection instead of on every execution. Measured on the inbox
 * and submissions in docs/benchmarks.md; the decision: docs/adr/0016.
 *
 * Statements without parameters (BEGIN, COMMIT, migrations' DDL) go as
 * before, in the simple protocol. What a request's caller gives up on is
 * cancelled by the client this one extends (request-cancellation.ts).
 */
export class PreparingClient extends CancellableClient {
  private readonly prepared = new Set<string>();

  // pg's query() has many overloads (text, config, callbacks, streams); only (text, values[]) is rewritten.
  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && this.mayPrepare(text)) {
      const config: QueryConfig = { name: statementName(text), text };
      if (this.prepared.has(config.name!) || this.prepared.size < MAX_PREPARED_PER_CONNECTION) {
        this.prepared.add(config.name!);
        args[0] = config;
      }
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }

  private mayPrepare(text: string): boolean {
    return PREPARABLE.test(text) && !STAR_COLUMNS.test(text);
  }
}

const names = new Map<string, string>();
const MAX_NAMES = 2_000;

/** `a_` and 24 hex digits of the text's SHA-1: the same text always has the same name, two texts never share one. */
export function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `a_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (names.size >= MAX_NAMES) names.clear();
    names.set(text, name);
  }
  return name;
}
