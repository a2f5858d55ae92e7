import type { StoredCaseEvent } from './audit.ts';

export type EventListener = (event: StoredCaseEvent) => void;

/** Fan-out of committed events to live subscribers. Events are published only after their transaction commits. */
export interface EventBus {
  publish(events: StoredCaseEvent[]): void;
  subscribe(listener: EventListener): () => void;
}

export class InProcessEventBus implements EventBus {
  private readonly listeners = new Set<EventListener>();

  publish(events: StoredCaseEvent[]): void {
    for (const event of events) {
      for (const listener of this.listeners) listener(event);
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
