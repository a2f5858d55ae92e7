// A graphql-ws subscriber for tests: collects what it receives, can wait for a count, and closes.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface TestSubscription {
  events: any[];
  errors: any[];
  connected: Promise<void>;
  waitFor(count: number, timeoutMs?: number): Promise<any[]>;
  close(): Promise<void>;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function subscribeTo(
  serverUrl: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): TestSubscription {
  const client = createClient({
    url: `${serverUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
  });
  const events: any[] = [];
  const errors: any[] = [];
  const connected = new Promise<void>((resolve) => client.on('connected', () => resolve()));
  const dispose = client.subscribe(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        if (value.data) events.push(Object.values(value.data)[0]);
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return {
    events,
    errors,
    connected,
    waitFor: async (count, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count && errors.length === 0 && Date.now() < deadline) await sleep(20);
      return events;
    },
    close: async () => {
      dispose();
      await client.dispose();
    },
  };
}
