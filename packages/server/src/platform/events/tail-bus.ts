import type { Db } from '../db/database.ts';
import { preparedStatement, type RunPrepared } from '../db/driver.ts';
import type { Logger } from '../observability/log.ts';
import type { StoredCaseEvent } from './audit.ts';
import type { EventBus, EventListener } from './bus.ts';
import { deliverableEnd, eventCursor, ID_RANGE } from './cursor.ts';

/** Carries "something was committed up to cursor N" between instances; the events themselves stay in the DB. */
export interface CommitNotifier {
  /** tells the other instances (this instance wakes itself) */
  notify(cursor: bigint): void;
  /** `wake` is called on another instance's notification and after a reconnect (messages may have been lost) */
  start(wake: () => void): Promise<void>;
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** One instance alone: nothing to tell anyone. */
export const localNotifier: CommitNotifier = {
  notify: () => undefined,
  start: async () => undefined,
  ready: async () => undefined,
  close: async () => undefined,
};

/**
 * The events after a cursor in stream order, with the horizon of the same snapshot (cursor.ts): one prepared
 * statement, on every commit of every instance, so it is what stands between a commit and its delivery.
 */
const TAIL_PAGE = preparedStatement(`
  SELECT h.horizon, e.*
  FROM (SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon) h
  LEFT JOIN LATERAL (
    SELECT * FROM "AuditEvent" WHERE ("xid", "id") > ($1::bigint, $2::bigint) ORDER BY "xid", "id" LIMIT $3::int
  ) e ON true`);

type TailRow = Omit<StoredCaseEvent, 'id' | 'xid'> & {
  horizon: string;
  id: string | bigint | null;
  xid: string | bigint;
};

/** The page after `cursor` and the horizon below which its events may be delivered. */
async function tailPage(prepared: RunPrepared, cursor: bigint, size: number) {
  const rows = await prepared<TailRow>(TAIL_PAGE, [String(cursor / ID_RANGE), String(cursor % ID_RANGE), size]);
  const horizon = BigInt((rows[0] as TailRow).horizon);
  const page: StoredCaseEvent[] = [];
  for (const { horizon: _, id, xid, ...row } of rows) {
    if (id !== null) page.push({ ...row, id: BigInt(id), xid: BigInt(xid) });
  }
  return { horizon, page };
}

/** first pause before the tail looks again at events held back by an older running transaction, and the longest */
const HELD_BACK_RETRY_MS = 5;
const HELD_BACK_RETRY_MAX_MS = 200;

interface TailBusOptions {
  /** events read per query while catching up */
  pageSize?: number;
  /** counts publishes and deliveries (metrics) */
  onPublish?(count: number): void;
  log?: Logger;
}

/**
 * The event bus of the app. A publish (after commit) or a notification from another instance only wakes the
 * tail: it then reads every event after the last one it delivered, in cursor order, from the database and hands
 * them to the listeners. The database is the source of truth, so notifications that arrive late, twice, out of
 * order or not at all (the next one catches up) can neither reorder nor lose events. It delivers in cursor order
 * and only events below the stream's horizon (cursor.ts); an event committed above it waits for the older
 * transactions to finish, and since one of them may end without publishing (a rollback), the tail then looks
 * again after a short pause.
 */
export class TailEventBus implements EventBus {
  private readonly listeners = new Set<EventListener>();
  private readonly internal = new Set<EventListener>();
  private delivered: bigint | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  /** committed events wait above the horizon */
  private heldBack = false;
  private retry: NodeJS.Timeout | null = null;
  private retryDelay = HELD_BACK_RETRY_MS;

  constructor(
    private readonly database: { db: Db; prepared: RunPrepared },
    private readonly notifier: CommitNotifier = localNotifier,
    private readonly options: TailBusOptions = {},
  ) {}

  /** Starts from the latest committed event: listeners replay older ones from the DB themselves (stream.ts). */
  async start(): Promise<this> {
    this.delivered = await deliverableEnd(this.database.db);
    await this.notifier.start(() => this.wake());
    return this;
  }

  publish(events: StoredCaseEvent[]): void {
    if (events.length === 0) return;
    this.options.onPublish?.(events.length);
    let cursor = 0n;
    for (const event of events) if (eventCursor(event) > cursor) cursor = eventCursor(event);
    this.notifier.notify(cursor);
    this.wake();
  }

  subscribe(listener: EventListener, options: { internal?: boolean } = {}): () => void {
    this.listeners.add(listener);
    if (options.internal) this.internal.add(listener);
    return () => {
      this.listeners.delete(listener);
      this.internal.delete(listener);
    };
  }

  position(): bigint | null {
    return this.delivered;
  }

  get listenerCount(): number {
    return this.listeners.size - this.internal.size;
  }

  ready(): Promise<void> {
    return this.notifier.ready();
  }

  /** Resolves when every event committed before the call has been handed to the listeners. */
  async settled(): Promise<void> {
    for (;;) {
      this.wake();
      while (this.running) await this.running;
      if (!this.heldBack || this.closed) return;
      await new Promise((resolve) => setTimeout(resolve, HELD_BACK_RETRY_MS));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    while (this.running) await this.running;
    this.listeners.clear();
    await this.notifier.close();
  }

  private wake(): void {
    if (this.closed || this.delivered === null) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.catchUp()
      .catch((error: unknown) => this.options.log?.error('event tail: reading new events failed', { error }))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async catchUp(): Promise<void> {
    const pageSize = this.options.pageSize ?? 500;
    this.heldBack = false;
    for (;;) {
      const { horizon, page } = await tailPage(this.database.prepared, this.delivered ?? 0n, pageSize);
      for (const event of page) {
        if (event.xid >= horizon) {
          this.holdBack();
          return;
        }
        this.delivered = eventCursor(event);
        this.retryDelay = HELD_BACK_RETRY_MS;
        for (const listener of this.listeners) {
          try {
            listener(event);
          } catch (error) {
            this.options.log?.error('event listener failed', { error });
          }
        }
      }
      if (page.length < pageSize || this.closed) return;
    }
  }

  /** Looks again later, backing off while the same older transaction keeps running. */
  private holdBack(): void {
    this.heldBack = true;
    if (this.retry || this.closed) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.wake();
    }, this.retryDelay);
    this.retry.unref();
    this.retryDelay = Math.min(this.retryDelay * 2, HELD_BACK_RETRY_MAX_MS);
  }
}
