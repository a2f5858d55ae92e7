// The event stream's order and cursors. Appends run concurrently (no global lock), so ids do not become visible
// in increasing order: a transaction may take id 10, another id 11 and commit first. The stream is therefore
// ordered by (xid, id), xid being the writing transaction's id, and an event is delivered only once its xid is
// below the xmin of the reader's snapshot: every transaction below that is finished for every snapshot, and every
// transaction still running or yet to start has an xid at or above it, so nothing can later appear behind a
// delivered cursor. (The transactional-outbox readers of PostgreSQL do the same with xid8 and pg_snapshot_xmin.)
import type { Db } from '../db/database.ts';

/** ids stay below this (bigint), so `xid * ID_RANGE + id` orders cursors as (xid, id) */
export const ID_RANGE = 10n ** 19n;
const MAX_CURSOR = (2n ** 63n - 1n) * ID_RANGE + ID_RANGE - 1n;

/**
 * The public cursor of an event, a decimal number increasing along the stream. Events written before the stream
 * had xids carry xid 0, so their cursor is their id: cursors handed out before keep their meaning.
 */
export function eventCursor(event: { xid: bigint; id: bigint }): bigint {
  return event.xid * ID_RANGE + event.id;
}

const INT8_MAX = 2n ** 63n - 1n;

/** A cursor no event can have: its id part beyond what the bigint column holds (a query would fail on it). */
function impossible(value: bigint): boolean {
  return value > MAX_CURSOR || value % ID_RANGE > INT8_MAX;
}

/** `null` means "from now on"; a malformed cursor is treated as the beginning. */
export function parseCursor(cursor: string | null | undefined): bigint | null {
  const parsed = parseClientCursor(cursor);
  return parsed === 'invalid' ? 0n : parsed;
}

/** Prisma `where` of the events after `cursor` in stream order. */
export function afterCursor(cursor: bigint): Record<string, unknown> {
  const xid = cursor / ID_RANGE;
  const id = cursor % ID_RANGE;
  return { xid: { gte: xid }, OR: [{ xid: { gt: xid } }, { id: { gt: id } }] };
}

/** Prisma `where` of the events before `cursor` in stream order (`inclusive`: and the event at it). */
export function beforeCursor(cursor: bigint, inclusive = false): Record<string, unknown> {
  const xid = cursor / ID_RANGE;
  const id = cursor % ID_RANGE;
  return { xid: { lte: xid }, OR: [{ xid: { lt: xid } }, { id: inclusive ? { lte: id } : { lt: id } }] };
}

/** A cursor as a client sends it: `null` when absent, 'invalid' when malformed. */
export function parseClientCursor(cursor: string | null | undefined): bigint | null | 'invalid' {
  if (cursor == null || cursor === '') return null;
  if (!/^\d{1,39}$/.test(cursor)) return 'invalid';
  const value = BigInt(cursor);
  return impossible(value) ? 'invalid' : value;
}

/** Prisma `orderBy` of the stream. */
export const STREAM_ORDER = [{ xid: 'asc' }, { id: 'asc' }] as const;

/**
 * The xid below which every transaction is finished: events with a smaller xid that are not visible now never
 * will be. Read before the events (a later statement's snapshot sees at least everything finished below it).
 */
export async function streamHorizon(db: Db): Promise<bigint> {
  const [row] = await db.$queryRaw<{ xmin: string }[]>`
    SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`;
  return BigInt((row as { xmin: string }).xmin);
}

/** The cursor of the last event that may be delivered now (0 when there is none): "from now on" starts here. */
export async function deliverableEnd(db: Db): Promise<bigint> {
  const horizon = await streamHorizon(db);
  const latest = await db.auditEvent.findFirst({
    where: { xid: { lt: horizon } },
    orderBy: [{ xid: 'desc' }, { id: 'desc' }],
    select: { xid: true, id: true },
  });
  return latest ? eventCursor(latest) : 0n;
}
