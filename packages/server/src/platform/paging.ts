// Keyset pages: page size, an opaque cursor holding the sort keys of the last row read, and the newest-first pages
// of the status queries (邀请、绑定、导入记录) on (createdAt, id).
import {
  domainError,
  err,
  ok,
  type Result,
  STATUS_QUERY_MAX_PAGE_SIZE,
  STATUS_QUERY_MIN_PAGE_SIZE,
} from '@leqi/domain';

export interface Page<T> {
  rows: T[];
  hasNextPage: boolean;
  totalCount: number;
}

/** A keyset cursor's values: the sort keys of the row it points at, in the page's order. */
export type KeysetValue = string | number | Date;
type KeysetKind = 'text' | 'integer' | 'time';
type ValueOf<K extends KeysetKind> = K extends 'time' ? Date : K extends 'integer' ? number : string;
export type KeysetValues<Kinds extends readonly KeysetKind[]> = { [I in keyof Kinds]: ValueOf<Kinds[I]> };

/** Encodes a row's sort keys as an opaque cursor (a JSON tuple, base64url; times as ISO strings). */
export function encodeKeyset(values: readonly KeysetValue[]): string {
  const plain = values.map((value) => (value instanceof Date ? value.toISOString() : value));
  return Buffer.from(JSON.stringify(plain)).toString('base64url');
}

/** Reads a cursor of `kinds` (the page's sort keys), or null when it is not one: a bad cursor is the caller's error. */
export function keysetDecoder<const Kinds extends readonly KeysetKind[]>(kinds: Kinds) {
  return (cursor: string): KeysetValues<Kinds> | null => {
    let parts: unknown;
    try {
      parts = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    } catch {
      return null;
    }
    if (!Array.isArray(parts) || parts.length !== kinds.length) return null;
    const values: KeysetValue[] = [];
    for (const [index, kind] of kinds.entries()) {
      const part: unknown = parts[index];
      if (kind === 'integer') {
        if (!Number.isSafeInteger(part)) return null;
        values.push(part as number);
      } else if (typeof part !== 'string' || part === '') {
        return null;
      } else if (kind === 'time') {
        const time = new Date(part);
        if (Number.isNaN(time.getTime())) return null;
        values.push(time);
      } else values.push(part);
    }
    return values as KeysetValues<Kinds>;
  };
}

/** Newest first: the cursor is `createdAt|id` (the format of every released newest-first connection). */
export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

function newestFirstCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  return id && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
}

/**
 * Page size 1–100 (CXSYDWJRZT) and the cursor read by `decode` (newest first by default), or the issue with them.
 */
export function pageArguments<Cursor = { createdAt: Date; id: string }>(
  first: number | null | undefined,
  after: string | null | undefined,
  decode: (cursor: string) => Cursor | null = newestFirstCursor as (cursor: string) => Cursor | null,
): Result<{ size: number; cursor: Cursor | null }> {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < STATUS_QUERY_MIN_PAGE_SIZE || size > STATUS_QUERY_MAX_PAGE_SIZE) {
    return err(
      domainError('VALIDATION_FAILED', {}, [
        {
          field: 'first',
          code: 'OUT_OF_RANGE',
          params: { min: STATUS_QUERY_MIN_PAGE_SIZE, max: STATUS_QUERY_MAX_PAGE_SIZE },
        },
      ]),
    );
  }
  const cursor = after ? decode(after) : null;
  if (after && cursor === null) {
    return err(domainError('VALIDATION_FAILED', {}, [{ field: 'after', code: 'INVALID_FORMAT' }]));
  }
  return ok({ size, cursor });
}

/** What a newest-first page reads of a Prisma model. */
interface NewestFirstTable<Row, Where> {
  findMany(args: { where: Where; orderBy: Record<string, 'desc'>[]; take: number }): PromiseLike<Row[]>;
  count(args: { where: Where }): PromiseLike<number>;
}

/** One newest-first page of the rows `where` selects, keyset-paged on (`column`, id), with their total. */
export async function newestFirstPage<Row, Where extends object>(
  table: NewestFirstTable<Row, Where>,
  where: Where,
  request: { first?: number | null; after?: string | null },
  column = 'createdAt',
): Promise<Result<Page<Row>>> {
  const args = pageArguments(request.first, request.after);
  if (!args.ok) return args;
  const { size, cursor } = args.value;
  const after = cursor && {
    OR: [{ [column]: { lt: cursor.createdAt } }, { [column]: cursor.createdAt, id: { lt: cursor.id } }],
  };
  const [rows, totalCount] = await Promise.all([
    table.findMany({
      where: after ? ({ AND: [where, after] } as Where) : where,
      orderBy: [{ [column]: 'desc' }, { id: 'desc' }],
      take: size + 1,
    }),
    table.count({ where }),
  ]);
  return ok({ rows: rows.slice(0, size), hasNextPage: rows.length > size, totalCount });
}

/**
 * A page as a counted Relay connection (countedConnection): edges with their cursors, pageInfo and totalCount. A
 * cursor is encoded when it is read (a query asking for no cursor encodes none), once per row.
 */
export function connectionOf<Row>(page: Page<Row>, after: string | null | undefined, cursorOf: (row: Row) => string) {
  const { rows } = page;
  const cursors = new Map<Row, string>();
  const cursor = (row: Row) => {
    let encoded = cursors.get(row);
    if (encoded === undefined) {
      encoded = cursorOf(row);
      cursors.set(row, encoded);
    }
    return encoded;
  };
  const first = rows[0];
  const last = rows.at(-1);
  return {
    totalCount: page.totalCount,
    edges: rows.map((node) => ({
      node,
      get cursor() {
        return cursor(node);
      },
    })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: Boolean(after),
      get startCursor() {
        return first === undefined ? null : cursor(first);
      },
      get endCursor() {
        return last === undefined ? null : cursor(last);
      },
    },
  };
}
