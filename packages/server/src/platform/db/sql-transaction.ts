// A transaction of raw SQL statements on the database's own driver (pg's pool, PGlite), beside Prisma's client:
// for the bulk writes of an import, where Prisma's handling of a statement with large parameters costs several
// times what PostgreSQL spends executing it (a 500-row insert: ~25 ms in PostgreSQL, ~100 ms through the client).
// Statements are Prisma.sql fragments, so the SQL is written and parameterised as everywhere else.
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { Db, Tx } from './database.ts';
import { TRANSACTION_OPTIONS } from './transaction.ts';

/**
 * What a bulk write needs of a transaction: statements and their rows. Parameters must be strings, numbers,
 * booleans, null or arrays of those (pg would send a Date in the process's time zone; send `toISOString()`).
 * bigint columns come back as strings on pg and as bigints through Prisma: read them with `BigInt(…)`.
 */
export interface Sql {
  query<T>(statement: Prisma.Sql): Promise<T[]>;
  execute(statement: Prisma.Sql): Promise<number>;
}

type SqlTransaction = <T>(work: (sql: Sql) => Promise<T>) => Promise<T>;

const drivers = new WeakMap<Db, SqlTransaction>();

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
  const driver = drivers.get(db);
  if (driver) return driver(work);
  return db.$transaction((tx) => work(sqlOf(tx)), TRANSACTION_OPTIONS);
}

/** PostgreSQL: a connection of the pool Prisma's client uses (so the pool's limit holds for both). */
export function registerPgTransactions(db: Db, pool: pg.Pool, onQuery?: () => void): void {
  drivers.set(db, async (work) => {
    const client = await pool.connect();
    const run = (statement: Prisma.Sql) => {
      onQuery?.();
      return client.query({ text: statement.text, values: statement.values as unknown[] });
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
  });
}

/** The embedded database: its own transaction, which queues behind Prisma's (PGlite runs one at a time). */
export function registerPgliteTransactions(db: Db, pglite: PGlite, onQuery?: () => void): void {
  drivers.set(db, (work) =>
    pglite.transaction(async (transaction) => {
      const run = (statement: Prisma.Sql) => {
        onQuery?.();
        return transaction.query(statement.text, statement.values as unknown[]);
      };
      const value = await work({
        query: async <T>(statement: Prisma.Sql) => (await run(statement)).rows as T[],
        execute: async (statement) => (await run(statement)).affectedRows ?? 0,
      });
      onQuery?.();
      return value;
    }),
  );
}
