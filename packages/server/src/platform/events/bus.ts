import type { StoredCaseEvent } from './audit.ts';

export type EventListener = (event: StoredCaseEvent) => void;

/**
 * Fan-out of committed events to live subscribers. Events are published only after their transaction commits;
 * listeners receive every committed event exactly once, in cursor order.
 */
export interface EventBus {
  /**
   * Hands committed events on. A returned promise is what the writer awaits before it answers: the credential
   * revocations the events announce, confirmed by every instance (account-events.ts); delivery to the listeners
   * may still be pending then.
   */
  publish(events: StoredCaseEvent[]): void | Promise<void>;
  /** `internal`: the server's own observers (not a client's subscription), left out of `listenerCount` */
  subscribe(listener: EventListener, options?: { internal?: boolean }): () => void;
  /**
   * The cursor of the last event handed to the listeners: a listener subscribed in the same synchronous step
   * receives exactly the events after it. `null` when the bus cannot tell.
   */
  position(): bigint | null;
  /** number of live listeners that are clients' subscriptions on this instance */
  readonly listenerCount: number;
  /** resolves when the bus can deliver; rejects when its transport (Redis) is down */
  ready(): Promise<void>;
  /** resolves when every event published before the call has reached the listeners (delivery may be async) */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** Direct fan-out inside one process, in publish order (tests of single components; the app uses a tail). */
export class InProcessEventBus implements EventBus {
  private readonly listeners = new Set<EventListener>();

  publish(events: StoredCaseEvent[]): void {
    for (const event of events) {
      for (const listener of this.listeners) listener(event);
    }
  }

  private readonly internal = new Set<EventListener>();

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

  /** hands on whatever it is given: it knows no cursor of the stream */
  position(): bigint | null {
    return null;
  }

  async ready(): Promise<void> {}

  /** publish delivers synchronously: nothing is ever pending */
  async settled(): Promise<void> {}

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
