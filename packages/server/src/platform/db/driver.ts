// The database's own driver (pg's pool, PGlite) beside Prisma's client, with one set of value rules for everything
// sent on it: Date parameters as the UTC instant a `timestamp(3)` column holds, timestamps read back as UTC (as the
// Prisma client reads them), whatever the process's time zone. Two uses:
// - prepared statements for the hottest paths (a saved draft, a queue page with its total), outside transactions:
//   measured here, the client's runtime costs ~0.3 ms of Node CPU per statement on top of the driver's ~0.1 ms, and
//   on PostgreSQL a named statement is parsed and planned once per pooled connection;
// - transactions of raw statements for the bulk writes of an import, where Prisma's handling of a statement with
//   large parameters costs several times what PostgreSQL spends executing it (a 500-row insert: ~25 ms in
//   PostgreSQL, ~100 ms through the client).
// Statements are Prisma.sql fragments, so the SQL is written and parameterised as everywhere else.
import { createHash } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { Db, Tx } from './database.ts';
import { TRANSACTION_OPTIONS } from './transaction.ts';

export interface PreparedStatement {
  /** unique per statement text: PostgreSQL keeps the plan per connection under this name */
  readonly name: string;
  readonly text: string;
}

/** Runs a prepared statement, rows typed as Prisma returns them (timestamps without time zone read as UTC). */
export type RunPrepared = <Row>(statement: PreparedStatement, values: readonly unknown[]) => Promise<Row[]>;

/**
 * What a bulk write needs of a transaction: statements and their rows. Parameters are strings, numbers, booleans,
 * Dates, null or arrays of those. bigint columns come back as strings on the driver and as bigints through Prisma:
 * read them with `BigInt(…)`.
 */
export interface Sql {
  query<T>(statement: Prisma.Sql): Promise<T[]>;
  execute(statement: Prisma.Sql): Promise<number>;
}

type SqlTransaction = <T>(work: (sql: Sql) => Promise<T>) => Promise<T>;

/** What the application runs on the driver. */
export interface Driver {
  prepared: RunPrepared;
  transaction: SqlTransaction;
}

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

const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP ? utcTimestamp : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};
const pgliteParsers = { [TIMESTAMP]: utcTimestamp };

/** PostgreSQL: statements on the pool Prisma's client uses (so the pool's limit holds for both). */
export function driverOnPool(pool: pg.Pool, onQuery?: () => void): Driver {
  return {
    prepared: async <Row>(statement: PreparedStatement, values: readonly unknown[]) => {
      onQuery?.();
      const result = await pool.query({
        name: statement.name,
        text: statement.text,
        values: values.map(parameter),
        types: pgTypes,
      });
      return result.rows as Row[];
    },
    transaction: async (work) => {
      const client = await pool.connect();
      const run = (statement: Prisma.Sql) => {
        onQuery?.();
        return client.query({ text: statement.text, values: statement.values.map(parameter), types: pgTypes });
      };
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const value = await work({
          query: async <T>(statement: Prisma.Sql) => (await run(statement)).rows as T[],
          execute: async (statement) => (await run(statement)).rowCount ?? 0,
        });
        onQuery?.();
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        // a connection whose rollback failed is not returned to the pool
        client.release(broken);
      }
    },
  };
}

/** The embedded database: its transactions queue behind Prisma's (PGlite runs one at a time). */
export function driverOnPGlite(pglite: PGlite, onQuery?: () => void): Driver {
  return {
    prepared: async <Row>(statement: PreparedStatement, values: readonly unknown[]) => {
      onQuery?.();
      const result = await pglite.query<Row>(statement.text, values.map(parameter), { parsers: pgliteParsers });
      return result.rows;
    },
    transaction: (work) =>
      pglite.transaction(async (transaction) => {
        const run = (statement: Prisma.Sql) => {
          onQuery?.();
          return transaction.query(statement.text, statement.values.map(parameter), { parsers: pgliteParsers });
        };
        const value = await work({
          query: async <T>(statement: Prisma.Sql) => (await run(statement)).rows as T[],
          execute: async (statement) => (await run(statement)).affectedRows ?? 0,
        });
        onQuery?.();
        return value;
      }),
  };
}

const transactions = new WeakMap<Db, SqlTransaction>();

/** Lets `sqlTransaction` run on the driver for this client (openDatabase does it). */
export function runTransactionsOnDriver(db: Db, driver: Driver): void {
  transactions.set(db, driver.transaction);
}

/** The statements of a Prisma transaction as `Sql` (the fallback, and for writes that are already in one). */
export function sqlOf(tx: Tx): Sql {
  return {
    query: <T>(statement: Prisma.Sql) => tx.$queryRaw<T[]>(statement),
    execute: (statement) => tx.$executeRaw(statement),
  };
}

/**
 * Runs `work` in one transaction on the database's driver: committed when it resolves, rolled back when it throws
 * (or when the process dies before COMMIT). Falls back to a Prisma transaction for a client opened elsewhere.
 */
export function sqlTransaction<T>(db: Db, work: (sql: Sql) => Promise<T>): Promise<T> {
  const driver = transactions.get(db);
  if (driver) return driver(work);
  return db.$transaction((tx) => work(sqlOf(tx)), TRANSACTION_OPTIONS);
}
