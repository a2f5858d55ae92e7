import { Repeater } from 'graphql-yoga';
import type { Db } from '../db/database.ts';
import type { StoredCaseEvent } from './audit.ts';
import type { EventBus } from './bus.ts';
import { afterCursor, deliverableEnd, eventCursor, STREAM_ORDER, streamHorizon } from './cursor.ts';
import { replayRead } from './replay-reads.ts';

export interface EventFilter {
  /** Prisma `where` restricting the replayed events to what the viewer may see */
  where: Record<string, unknown>;
  /** the same restriction for live events */
  matches(event: StoredCaseEvent): boolean;
}

/** events read per query of a replay; the next page is read once these were taken by the client */
export const BACKLOG_PAGE = 200;

/** live events handed on but not yet taken by the client; beyond this the stream reads them from the database */
const LIVE_QUEUE = 100;

/**
 * Events after `after` first (so a reconnecting client misses nothing), then live ones. Without `after` ("from now
 * on") the stream starts at the bus's position and reads nothing from the database until it falls behind: a
 * thousand officers opening their queue cost no query.
 * The events come from the database (in pages, each read once the client took the previous one) until the stream
 * has caught up; then live from the bus. A live event that arrives while catching up, or while the client still
 * has LIVE_QUEUE events to take, is not kept: the stream falls back to reading the database from its last cursor,
 * where every committed event is. So a slow client costs a cursor, not memory, and still misses nothing.
 */
export function streamEvents(
  db: Db,
  bus: EventBus,
  filter: EventFilter,
  after: bigint | null,
): AsyncIterable<StoredCaseEvent> {
  return new Repeater<StoredCaseEvent>(async (push, stop) => {
    // the bus's position and the subscription below are taken in one synchronous step: nothing falls between them
    const now = after === null ? bus.position() : null;
    let last = after ?? now ?? 0n;
    // live from the start: the database is read only once the stream falls behind
    let catchingUp = now === null;
    // a live event was left to the database while catching up
    let missed = false;
    let queued = 0;
    let fellBehind: (() => void) | null = null;
    // once stopped, push() resolves at once: without this the replay would run through every page unread
    let stopped = false;
    const deliver = async (event: StoredCaseEvent) => {
      const cursor = eventCursor(event);
      if (cursor <= last) return;
      last = cursor;
      await push(event);
    };
    const unsubscribe = bus.subscribe((event) => {
      if (!filter.matches(event) || eventCursor(event) <= last) return;
      if (!catchingUp && queued < LIVE_QUEUE) {
        queued += 1;
        deliver(event)
          .catch((error: unknown) => stop(error))
          .finally(() => {
            queued -= 1;
          });
        return;
      }
      missed = true;
      catchingUp = true;
      fellBehind?.();
    });
    stop.then(() => {
      stopped = true;
      unsubscribe();
    });
    try {
      if (after === null && now === null) last = await deliverableEnd(db);
      for (let behind = catchingUp; ; behind = true) {
        if (behind) {
          do {
            missed = false;
            for (;;) {
              const from = last;
              const backlog = (await replayRead(db, async () => {
                // events at or above the horizon are delivered by the bus once their transactions are all finished
                const horizon = await streamHorizon(db);
                return db.auditEvent.findMany({
                  where: { AND: [filter.where, afterCursor(from), { xid: { lt: horizon } }] },
                  orderBy: [...STREAM_ORDER],
                  take: BACKLOG_PAGE,
                });
              })) as unknown as StoredCaseEvent[];
              for (const event of backlog) {
                if (stopped) return;
                await deliver(event);
              }
              if (backlog.length < BACKLOG_PAGE) break;
            }
          } while (missed && !stopped);
          catchingUp = false;
        }
        const fallsBehind = new Promise<boolean>((resolve) => {
          fellBehind = () => resolve(true);
        });
        const behindAgain = await Promise.race([fallsBehind, stop.then(() => false)]);
        fellBehind = null;
        if (!behindAgain) break;
      }
    } catch (error) {
      stop(error);
    }
    await stop;
  });
}
