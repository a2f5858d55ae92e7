// Resuming subscriptions after the socket drops (DESIGN §5: "a client that reconnects with its last cursor
// receives what it missed"). graphql-ws sends the same subscribe payload object again on every reconnect, so
// keeping `variables.after` at the cursor of the last event received makes the server replay the gap.

type Sink<T> = { next(value: T): void; error(error: unknown): void; complete(): void };

interface Payload {
  query: string;
  variables?: Record<string, unknown> | null | undefined;
}

/** The `cursor` of the event in a subscription result `{ data: { <field>: { cursor } } }`, if any. */
export function cursorOf(result: unknown): string | null {
  const data = (result as { data?: Record<string, unknown> } | null)?.data;
  if (!data) return null;
  for (const value of Object.values(data)) {
    const cursor = (value as { cursor?: unknown } | null)?.cursor;
    if (typeof cursor === 'string' && cursor !== '') return cursor;
  }
  return null;
}

/**
 * A copy of `request` whose `variables.after` follows the events passed through the returned sink. Only queries
 * declaring `$after` take part (other subscriptions are passed through unchanged).
 */
export function resumable<P extends Payload, T>(
  request: P,
  sink: Sink<T>,
): { payload: P; sink: Sink<T>; resumes: boolean } {
  if (!/\$after\s*:/.test(request.query)) return { payload: request, sink, resumes: false };
  const variables: Record<string, unknown> = { ...(request.variables ?? {}) };
  const payload = { ...request, variables };
  return {
    payload,
    resumes: true,
    sink: {
      next(value) {
        const cursor = cursorOf(value);
        if (cursor) variables.after = cursor;
        sink.next(value);
      },
      error: (error) => sink.error(error),
      complete: () => sink.complete(),
    },
  };
}

/** Wait before the n-th resubscription: doubling from 1 s, at most 5 s. */
export const resubscribeDelay = (attempt: number) => Math.min(1000 * 2 ** attempt, 5000);

/**
 * Runs `subscribe` and, for a live event stream (`resumes`), subscribes again when it ends while still wanted: the
 * server never completes these streams, but graphql-ws ends a subscription whose socket was lost (observed with
 * Chromium: close 1006 completes the operation instead of retrying), so the client reconnects itself. Each new
 * subscription carries the payload's current `after`, so nothing is missed.
 */
export function keepSubscribed<T>(
  subscribe: (sink: Sink<T>) => () => void,
  sink: Sink<T>,
  resumes: boolean,
  schedule: (run: () => void, ms: number) => void = (run, ms) => void setTimeout(run, ms),
): { unsubscribe: () => void } {
  let stopped = false;
  let attempt = 0;
  let current: () => void = () => {};
  const start = () => {
    current = subscribe({
      next(value) {
        attempt = 0;
        sink.next(value);
      },
      error: (error) => sink.error(error),
      complete() {
        if (!resumes || stopped) {
          sink.complete();
          return;
        }
        schedule(() => {
          if (!stopped) start();
        }, resubscribeDelay(attempt++));
      },
    });
  };
  start();
  return {
    unsubscribe() {
      stopped = true;
      current();
    },
  };
}
