import { describe, expect, it } from 'vitest';
import { cursorOf, keepSubscribed, resumable } from './resume.ts';

const QUERY = 'subscription Q($after: String) { queueChanges(after: $after) { cursor } }';
const sinkOf = (received: unknown[]) => ({
  next: (v: unknown) => received.push(v),
  error: () => {},
  complete: () => {},
});

describe('resumable subscriptions', () => {
  it('keeps `after` at the cursor of the last event, in the payload object graphql-ws resends on reconnect', () => {
    const received: unknown[] = [];
    const { payload, sink } = resumable({ query: QUERY, variables: { kind: 'INVITATION' } }, sinkOf(received));
    expect(payload.variables).toEqual({ kind: 'INVITATION' });
    sink.next({ data: { queueChanges: { cursor: '41' } } });
    sink.next({ data: { queueChanges: { cursor: '42' } } });
    expect(JSON.parse(JSON.stringify(payload)).variables).toEqual({ kind: 'INVITATION', after: '42' });
    expect(received).toHaveLength(2);
  });

  it('leaves subscriptions without an `$after` variable alone', () => {
    const request = { query: 'subscription { importProgress(importRecordId: "x") { done } }' };
    const { payload, sink } = resumable(request, sinkOf([]));
    sink.next({ data: { importProgress: { cursor: '9' } } });
    expect(payload).toBe(request);
    expect(payload).not.toHaveProperty('variables');
  });

  it('finds the cursor of any root field and ignores results without one', () => {
    expect(cursorOf({ data: { caseEvents: { cursor: '7' } } })).toBe('7');
    expect(cursorOf({ data: { caseEvents: null } })).toBeNull();
    expect(cursorOf({ errors: [] })).toBeNull();
  });
});

describe('keepSubscribed', () => {
  type Sink = { next(v: unknown): void; error(e: unknown): void; complete(): void };
  function fakeTransport() {
    const sinks: Sink[] = [];
    let unsubscribed = 0;
    return {
      sinks,
      unsubscribed: () => unsubscribed,
      subscribe: (sink: Sink) => {
        sinks.push(sink);
        return () => {
          unsubscribed++;
        };
      },
    };
  }

  it('subscribes again, with a growing wait, when a live stream ends without being unsubscribed', () => {
    const transport = fakeTransport();
    const delays: number[] = [];
    const scheduled: (() => void)[] = [];
    const received: unknown[] = [];
    let completed = false;
    keepSubscribed(
      transport.subscribe,
      { next: (v) => received.push(v), error: () => {}, complete: () => (completed = true) },
      true,
      (run, ms) => {
        delays.push(ms);
        scheduled.push(run);
      },
    );
    transport.sinks[0]?.complete();
    scheduled.shift()?.();
    transport.sinks[1]?.complete();
    scheduled.shift()?.();
    expect(transport.sinks).toHaveLength(3);
    expect(delays).toEqual([1000, 2000]);
    transport.sinks[2]?.next('event');
    transport.sinks[2]?.complete();
    expect(delays.at(-1)).toBe(1000);
    expect(received).toEqual(['event']);
    expect(completed).toBe(false);
  });

  it('passes the end through for streams that finish (import progress) and stops once unsubscribed', () => {
    const finite = fakeTransport();
    let completed = false;
    keepSubscribed(finite.subscribe, { next: () => {}, error: () => {}, complete: () => (completed = true) }, false);
    finite.sinks[0]?.complete();
    expect(completed).toBe(true);

    const live = fakeTransport();
    const scheduled: (() => void)[] = [];
    const handle = keepSubscribed(
      live.subscribe,
      { next: () => {}, error: () => {}, complete: () => {} },
      true,
      (run) => scheduled.push(run),
    );
    live.sinks[0]?.complete();
    handle.unsubscribe();
    scheduled.shift()?.();
    expect(live.sinks).toHaveLength(1);
    expect(live.unsubscribed()).toBe(1);
  });
});
