// Inserting many rows in one statement. Prisma's createMany renders one parameter per cell and its cost grows
// faster than the row count (a 250-row chunk of invitations took ~150 ms in the client alone), so bulk writes
// send the rows as ONE jsonb parameter and let PostgreSQL expand it with jsonb_to_recordset.
import { randomBytes } from 'node:crypto';
import { Prisma } from '../../generated/prisma/client.ts';
import type { Tx } from './database.ts';

/** Column name → its PostgreSQL type, as in the migrations (e.g. `{ id: 'text', createdAt: 'timestamp(3)' }`). */
type ColumnTypes = Readonly<Record<string, string>>;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TYPE = /^[a-z][a-z0-9_ ()[\],]*$/;

function insertSql(table: string, columns: ColumnTypes, rows: readonly object[], returning: string | null) {
  const names = Object.keys(columns);
  for (const name of [table, ...names]) if (!IDENTIFIER.test(name)) throw new Error(`bad identifier ${name}`);
  for (const type of Object.values(columns)) if (!TYPE.test(type)) throw new Error(`bad column type ${type}`);
  const list = names.map((name) => `"${name}"`).join(', ');
  const definition = names.map((name) => `"${name}" ${columns[name]}`).join(', ');
  // Dates become ISO strings (UTC, as Prisma stores them); `ordinal` keeps the sequence order of the rows given
  const json = JSON.stringify(rows.map((row, ordinal) => ({ ...row, ordinal })));
  return Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} (${Prisma.raw(list)})
    SELECT ${Prisma.raw(list)} FROM jsonb_to_recordset(${json}::jsonb) AS r(${Prisma.raw(definition)}, ordinal int)
    ORDER BY ordinal ${Prisma.raw(returning ? `RETURNING ${returning}` : '')}`;
}

/** Inserts `rows` (objects keyed by column) in one statement; returns the number of rows inserted. */
export async function insertMany(
  tx: Tx,
  table: string,
  columns: ColumnTypes,
  rows: readonly object[],
): Promise<number> {
  if (rows.length === 0) return 0;
  return tx.$executeRaw(insertSql(table, columns, rows, null));
}

/** Inserts `rows` in one statement, in the order given, returning the listed columns ('*': all) of each, in that order. */
export async function insertManyReturning<T>(
  tx: Tx,
  table: string,
  columns: ColumnTypes,
  rows: readonly object[],
  returning: readonly string[],
): Promise<T[]> {
  if (rows.length === 0) return [];
  const list = returning.map((name) => {
    if (name !== '*' && !IDENTIFIER.test(name)) throw new Error(`bad identifier ${name}`);
    return name === '*' ? name : `"${name}"`;
  });
  return tx.$queryRaw<T[]>(insertSql(table, columns, rows, list.join(', ')));
}

let lastMs = 0;
let counter = 0;
/** random per process, so that two processes creating ids in the same millisecond do not collide */
const fingerprint = randomBytes(3).toString('hex');
let pool = Buffer.alloc(0);
let poolOffset = 0;

function randomHex(bytes: number): string {
  if (poolOffset + bytes > pool.length) {
    pool = randomBytes(4096);
    poolOffset = 0;
  }
  poolOffset += bytes;
  return pool.toString('hex', poolOffset - bytes, poolOffset);
}

/**
 * A new row id in the style of Prisma's `cuid()` ('c', time, counter, fingerprint, randomness): ids made one
 * after the other in this process sort in the order they were made, so rows created in one statement keep their
 * order where lists break ties of `createdAt` by id.
 */
export function newId(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  }
  counter += 1;
  const time = lastMs.toString(36).padStart(9, '0');
  const sequence = counter.toString(36).padStart(5, '0');
  return `c${time}${sequence}${fingerprint}${randomHex(3)}`;
}
