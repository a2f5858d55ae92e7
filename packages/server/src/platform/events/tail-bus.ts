import type { Db } from '../db/database.ts';
import type { Logger } from '../observability/log.ts';
import type { StoredCaseEvent } from './audit.ts';
import type { EventBus, EventListener } from './bus.ts';

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
 * order or not at all (the next one catches up) can neither reorder nor lose events. Appends are serialised by
 * an advisory lock until commit (audit.ts), so cursors become visible in increasing order.
 */
export class TailEventBus implements EventBus {
  private readonly listeners = new Set<EventListener>();
  private readonly internal = new Set<EventListener>();
  private delivered: bigint | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly notifier: CommitNotifier = localNotifier,
    private readonly options: TailBusOptions = {},
  ) {}

  /** Starts from the latest committed event: listeners replay older ones from the DB themselves (stream.ts). */
  async start(): Promise<this> {
    const latest = await this.db.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
    this.delivered = latest?.id ?? 0n;
    await this.notifier.start(() => this.wake());
    return this;
  }

  publish(events: StoredCaseEvent[]): void {
    if (events.length === 0) return;
    this.options.onPublish?.(events.length);
    let cursor = 0n;
    for (const event of events) if (event.id > cursor) cursor = event.id;
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

  get listenerCount(): number {
    return this.listeners.size - this.internal.size;
  }

  ready(): Promise<void> {
    return this.notifier.ready();
  }

  /** Resolves when every event committed before the call has been handed to the listeners. */
  async settled(): Promise<void> {
    this.wake();
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
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
    for (;;) {
      const page = (await this.db.auditEvent.findMany({
        where: { id: { gt: this.delivered ?? 0n } },
        orderBy: { id: 'asc' },
        take: pageSize,
      })) as unknown as StoredCaseEvent[];
      for (const event of page) {
        this.delivered = event.id;
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
}
