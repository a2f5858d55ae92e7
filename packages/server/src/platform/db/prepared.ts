// Prepared statements for the hottest paths (a saved draft, a queue page and its count), sent to the driver directly
// rather than through the Prisma client: measured here, the client's runtime costs ~0.3 ms of Node CPU per statement on top
// of the driver's ~0.1 ms, and on PostgreSQL a named statement is parsed and planned once per pooled connection.
// Outside any transaction only: the Prisma client's interactive transactions hold their own connection.
import { createHash } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Prisma } from '../../generated/prisma/client.ts';

export interface PreparedStatement {
  /** unique per statement text: PostgreSQL keeps the plan per connection under this name */
  readonly name: string;
  readonly text: string;
}

/** Runs a prepared statement, rows typed as Prisma returns them (timestamps without time zone read as UTC). */
export type RunPrepared = <Row>(statement: PreparedStatement, values: readonly unknown[]) => Promise<Row[]>;

const TIMESTAMP = 1114;

const digits = (text: string, from: number, to: number): number => {
  let value = 0;
  for (let index = from; index < to; index += 1) value = value * 10 + text.charCodeAt(index) - 48;
  return value;
};
const PLAIN_TIMESTAMP = /^[1-9]\d{3}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?$/;

/**
 * `timestamp(3)` columns hold UTC (as the Prisma client writes them), whatever the process's time zone. PostgreSQL
 * writes them `YYYY-MM-DD HH:MM:SS[.ffffff]`, read here digit by digit (a queue page reads dozens, and building an
 * ISO string for Date to parse again cost 2% of it); anything else (infinity, years before 1000 or after 9999, BC)
 * goes to Date's parser.
 */
export function utcTimestamp(text: string): Date {
  if (!PLAIN_TIMESTAMP.test(text)) return new Date(`${text.replace(' ', 'T')}Z`);
  const fraction = text.length > 20 ? digits(`${text.slice(20, 23)}00`, 0, 3) : 0;
  return new Date(
    Date.UTC(
      digits(text, 0, 4),
      digits(text, 5, 7) - 1,
      digits(text, 8, 10),
      digits(text, 11, 13),
      digits(text, 14, 16),
      digits(text, 17, 19),
      fraction,
    ),
  );
}

/** Statements named so far, by text: a query built from parts has few shapes, and hashing each request's costs. */
const named = new Map<string, PreparedStatement>();
const NAMED_LIMIT = 1000;

/** A statement named after its text (a query built from parts gets one name per shape). */
export function preparedStatement(text: string): PreparedStatement {
  const known = named.get(text);
  if (known) return known;
  const statement = { name: `p${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`, text };
  if (named.size >= NAMED_LIMIT) named.clear();
  named.set(text, statement);
  return statement;
}

/** A statement built with `Prisma.sql`, prepared. */
export function runSql<Row>(run: RunPrepared, sql: Prisma.Sql): Promise<Row[]> {
  return run<Row>(preparedStatement(sql.text), sql.values);
}

/** A Date as a `timestamp(3)` column holds it: UTC, without an offset (the drivers would send local time). */
function parameter(value: unknown): unknown {
  return value instanceof Date ? value.toISOString().slice(0, -1) : value;
}

export function preparedOnPool(pool: pg.Pool, onQuery?: () => void): RunPrepared {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === TIMESTAMP ? utcTimestamp : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
  };
  return async <Row>(statement: PreparedStatement, values: readonly unknown[]) => {
    onQuery?.();
    const result = await pool.query({
      name: statement.name,
      text: statement.text,
      values: values.map(parameter),
      types,
    });
    return result.rows as Row[];
  };
}

export function preparedOnPGlite(pglite: PGlite, onQuery?: () => void): RunPrepared {
  const parsers = { [TIMESTAMP]: utcTimestamp };
  return async <Row>(statement: PreparedStatement, values: readonly unknown[]) => {
    onQuery?.();
    const result = await pglite.query<Row>(statement.text, values.map(parameter), { parsers });
    return result.rows;
  };
}
