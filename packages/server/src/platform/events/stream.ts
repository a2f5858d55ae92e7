import { Repeater } from 'graphql-yoga';
import type { Db } from '../db/database.ts';
import type { StoredCaseEvent } from './audit.ts';
import type { EventBus } from './bus.ts';

export interface EventFilter {
  /** Prisma `where` restricting the replayed events to what the viewer may see */
  where: Record<string, unknown>;
  /** the same restriction for live events */
  matches(event: StoredCaseEvent): boolean;
}

/** `null` means "from now on"; a malformed cursor is treated as the beginning. */
export function parseCursor(cursor: string | null | undefined): bigint | null {
  if (cursor == null || cursor === '') return null;
  return /^\d{1,19}$/.test(cursor) ? BigInt(cursor) : 0n;
}

const BACKLOG_PAGE = 500;

/**
 * Events after `after` first (so a reconnecting client misses nothing), then live ones.
 * Live events arriving while the backlog is read are held back and deduplicated by cursor.
 */
export function streamEvents(
  db: Db,
  bus: EventBus,
  filter: EventFilter,
  after: bigint | null,
): AsyncIterable<StoredCaseEvent> {
  return new Repeater<StoredCaseEvent>(async (push, stop) => {
    const heldBack: StoredCaseEvent[] = [];
    let replaying = true;
    let last = after ?? 0n;
    const deliver = async (event: StoredCaseEvent) => {
      if (event.id <= last) return;
      last = event.id;
      await push(event);
    };
    const unsubscribe = bus.subscribe((event) => {
      if (!filter.matches(event)) return;
      if (replaying) heldBack.push(event);
      else void deliver(event);
    });
    stop.then(unsubscribe);
    try {
      if (after === null) {
        const latest = await db.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
        last = latest?.id ?? 0n;
      }
      for (;;) {
        const backlog = (await db.auditEvent.findMany({
          where: { AND: [filter.where, { id: { gt: last } }] },
          orderBy: { id: 'asc' },
          take: BACKLOG_PAGE,
        })) as unknown as StoredCaseEvent[];
        for (const event of backlog) await deliver(event);
        if (backlog.length < BACKLOG_PAGE) break;
      }
      heldBack.sort((a, b) => (a.id < b.id ? -1 : 1));
      for (const event of heldBack) await deliver(event);
      replaying = false;
    } catch (error) {
      stop(error);
    }
    await stop;
  });
}
