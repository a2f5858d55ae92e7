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
  /** filters with the same key match the same events: a live event is judged once per key, not per subscriber */
  key?: string;
}

// The bus hands an event to every listener in one synchronous loop: what each filter key said of it is kept until
// the next event comes.
let judgedEvent: StoredCaseEvent | null = null;
const judged = new Map<string, boolean>();

function matchesLive(filter: EventFilter, event: StoredCaseEvent): boolean {
  if (filter.key === undefined) return filter.matches(event);
  if (judgedEvent !== event) {
    judgedEvent = event;
    judged.clear();
  }
  let matches = judged.get(filter.key);
  if (matches === undefined) {
    matches = filter.matches(event);
    judged.set(filter.key, matches);
  }
  return matches;
}

/**
 * Writes a subscription's events straight to its client instead of handing each through the subscription's async
 * iteration (live-fanout.ts): the stream still decides which events go out and in what order; the writer writes
 * them, in the order they were given, sharing the work with every other subscriber of the same event.
 */
export interface EventWriter {
  /** queues the event; it is written after every event queued before it */
  write(event: StoredCaseEvent): void;
  /** the client has not taken what was written, or too much is queued: the stream reads on from the database */
  readonly behind: boolean;
  /** resolves once everything queued is written and the client has taken most of it (or is gone) */
  drained(): Promise<void>;
  /** `stop` ends the stream with the error should writing fail */
  onFailure(stop: (error: unknown) => void): void;
  /** the stream has ended: nothing more is written */
  close(): void;
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
 * With a `writer` (graphql-ws sockets) the events go to the writer instead of the iteration, which then only ends;
 * the writer being `behind` takes the place of LIVE_QUEUE, and each page is read once it has `drained`.
 */
export function streamEvents(
  db: Db,
  bus: EventBus,
  filter: EventFilter,
  after: bigint | null,
  writer?: EventWriter,
): AsyncIterable<StoredCaseEvent> {
  return new Repeater<StoredCaseEvent>(async (push, stop) => {
    writer?.onFailure((error) => stop(error));
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
      if (writer) writer.write(event);
      else await push(event);
    };
    const unsubscribe = bus.subscribe((event) => {
      if (!matchesLive(filter, event)) return;
      const cursor = eventCursor(event);
      if (cursor <= last) return;
      if (writer && !catchingUp && !writer.behind) {
        last = cursor;
        writer.write(event);
        return;
      }
      if (!writer && !catchingUp && queued < LIVE_QUEUE) {
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
      writer?.close();
    });
    try {
      if (after === null && now === null) last = await deliverableEnd(db);
      for (let behind = catchingUp; ; behind = true) {
        if (behind) {
          do {
            missed = false;
            for (;;) {
              // what the writer holds goes out first, and the next page is read once the client took it
              if (writer) await writer.drained();
              if (stopped) return;
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
