// Inserting many rows in one statement. Prisma's createMany renders one parameter per cell and its cost grows
// faster than the row count (a 250-row chunk of invitations took ~150 ms in the client alone), so bulk writes send
// each column as ONE text[] parameter that PostgreSQL expands with unnest, and a column whose value is the same in
// every row (the inviting DCU, the batch, the time …) as one scalar: the client's cost grows with the bytes it
// sends, and most of an import chunk's bytes are such repeated values.
import { randomBytes } from 'node:crypto';
import { Prisma } from '../../generated/prisma/client.ts';
import type { Sql } from './driver.ts';

/** Column name → its PostgreSQL type, as in the migrations (e.g. `{ id: 'text', createdAt: 'timestamp(3)' }`). */
type ColumnTypes = Readonly<Record<string, string>>;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TYPE = /^[a-z][a-z0-9_ ()[\],]*$/;

/** A PostgreSQL array literal of strings ('{"a","b"}'), for a text[] column. */
function arrayLiteral(values: readonly unknown[]): string {
  const items = values.map((value) =>
    value === null || value === undefined ? 'NULL' : `"${String(value).replace(/[\\"]/g, '\\$&')}"`,
  );
  return `{${items.join(',')}}`;
}

/** A cell as the text PostgreSQL casts to the column's type; Dates as ISO strings (UTC, as Prisma stores them). */
function cellText(value: unknown, type: string): string | null {
  if (value === null || value === undefined) return null;
  if (type === 'jsonb' || type === 'json') return JSON.stringify(value);
  if (type.endsWith('[]') && Array.isArray(value)) return arrayLiteral(value);
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * The rows as a row source: `SELECT <each column cast to its type> FROM unnest(<one text[] per varying column>)
 * WITH ORDINALITY AS u(…, ordinal)`, with a column the same in every row sent once. `ordinal` numbers the rows
 * in the order given, from 1.
 */
export function rowSource(columns: ColumnTypes, rows: readonly object[]): { names: string[]; select: Prisma.Sql } {
  const names = Object.keys(columns);
  for (const name of names) if (!IDENTIFIER.test(name)) throw new Error(`bad identifier ${name}`);
  for (const type of Object.values(columns)) if (!TYPE.test(type)) throw new Error(`bad column type ${type}`);
  const values: Prisma.Sql[] = [];
  const arrays: (string | null)[][] = [];
  for (const name of names) {
    const type = columns[name] as string;
    const cells = rows.map((row) => cellText((row as Record<string, unknown>)[name], type));
    const first = cells[0] ?? null;
    if (cells.every((cell) => cell === first)) {
      values.push(Prisma.sql`${first}::text::${Prisma.raw(type)}`);
    } else {
      values.push(Prisma.sql`u.${Prisma.raw(`v${arrays.length}`)}::${Prisma.raw(type)}`);
      arrays.push(cells);
    }
  }
  const from =
    arrays.length === 0
      ? Prisma.sql`generate_series(1, ${rows.length}::int) AS u(ordinal)`
      : Prisma.sql`unnest(${Prisma.join(
          arrays.map((cells) => Prisma.sql`${cells}::text[]`),
          ', ',
        )}) WITH ORDINALITY AS u(${Prisma.raw(arrays.map((_, index) => `v${index}`).join(', '))}, ordinal)`;
  return {
    names,
    select: Prisma.sql`SELECT ${Prisma.join(values, ', ')}, u.ordinal FROM ${from}`,
  };
}

function insertSql(table: string, columns: ColumnTypes, rows: readonly object[], returning: string | null) {
  if (!IDENTIFIER.test(table)) throw new Error(`bad identifier ${table}`);
  const { names, select } = rowSource(columns, rows);
  const list = Prisma.raw(names.map((name) => `"${name}"`).join(', '));
  const alias = Prisma.raw(names.map((name) => `"${name}"`).join(', '));
  return Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} (${list})
    SELECT ${list} FROM (${select}) AS r(${alias}, ordinal)
    ORDER BY ordinal ${Prisma.raw(returning ? `RETURNING ${returning}` : '')}`;
}

/** Inserts `rows` (objects keyed by column) in one statement; returns the number of rows inserted. */
export async function insertMany(
  sql: Sql,
  table: string,
  columns: ColumnTypes,
  rows: readonly object[],
): Promise<number> {
  if (rows.length === 0) return 0;
  return sql.execute(insertSql(table, columns, rows, null));
}

/** Inserts `rows` in one statement, in the order given, returning the listed columns ('*': all) of each, in that order. */
export async function insertManyReturning<T>(
  sql: Sql,
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
  return sql.query<T>(insertSql(table, columns, rows, list.join(', ')));
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
