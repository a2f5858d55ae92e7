import { print } from 'graphql';
import { createClient as createWsClient } from 'graphql-ws';
import {
  Client,
  cacheExchange,
  type Exchange,
  fetchExchange,
  makeOperation,
  mapExchange,
  type SubscriptionForwarder,
  subscriptionExchange,
} from 'urql';
import { acceptLanguage, type Lang } from './i18n.tsx';
import { keepSubscribed, resumable } from './resume.ts';

export const TOKEN_KEY = 'leqi.token';

export type LiveState = 'connecting' | 'connected' | 'closed';

/** Connection state of the subscription socket, shown as the 实时 indicator. */
export const liveState = (() => {
  let state: LiveState = 'connecting';
  let reconnects = 0;
  let credentialChecks = 0;
  const listeners = new Set<() => void>();
  return {
    get: (): LiveState => state,
    /** how many times the server closed the socket because the session ended or its rights changed (4401/4403) */
    credentialChecks: (): number => credentialChecks,
    credentialChanged() {
      credentialChecks += 1;
      for (const l of listeners) l();
    },
    /** how many times the socket came back after dropping (subscriptions without a cursor refetch then) */
    reconnects: (): number => reconnects,
    reconnected() {
      reconnects += 1;
      for (const l of listeners) l();
    },
    set(next: LiveState) {
      if (next === state) return;
      state = next;
      for (const l of listeners) l();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
})();

export interface ClientOptions {
  /** HTTP endpoint; same origin by default. */
  url?: string;
  /** Replaces the graphql-ws transport (tests). */
  forwardSubscription?: SubscriptionForwarder;
  /** Send queries and mutations by hash (trusted documents); on in production builds (`vite build`). */
  persistedOperations?: boolean;
}

/**
 * Trusted documents: queries and mutations go by the sha256 of their canonical print, without the document (the
 * build writes the manifest the server checks them against, scripts/persisted-operations.ts); subscriptions send
 * their text over graphql-ws, which the server looks up by hash too. Every operation the client sends, refetches
 * by the cache included, is hashed here.
 */
function persistedOperationsExchange(): Exchange {
  return mapExchange({
    async onOperation(operation) {
      if (operation.kind !== 'query' && operation.kind !== 'mutation') return operation;
      // POST like every other request (a hash-only body would otherwise become a GET)
      const persisted = makeOperation(operation.kind, operation, { ...operation.context, preferGetMethod: false });
      persisted.extensions = {
        ...operation.extensions,
        persistedQuery: { version: 1, sha256Hash: await sha256Hex(print(operation.query)) },
      };
      return persisted;
    },
  });
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface AppClient {
  client: Client;
  dispose: () => void;
}

function defaultWsUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/graphql`;
}

export function createAppClient(token: string | null, lang: Lang, options: ClientOptions = {}): AppClient {
  let dispose = () => {};
  let forwardSubscription = options.forwardSubscription;
  if (!forwardSubscription) {
    let connectedBefore = false;
    const ws = createWsClient({
      url: defaultWsUrl(),
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      // exponential backoff capped at 5 s (graphql-ws' default keeps doubling): back soon after a long outage
      retryWait: (retries) =>
        new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** retries, 5000) + Math.random() * 1000)),
      on: {
        connecting: () => liveState.set('connecting'),
        connected: () => {
          // a second `connected` of this socket client is a reconnect (graphql-ws has resubscribed by then)
          if (connectedBefore) liveState.reconnected();
          connectedBefore = true;
          liveState.set('connected');
        },
        closed: (event) => {
          liveState.set('closed');
          const code = (event as { code?: number } | undefined)?.code;
          if (code === 4401 || code === 4403) liveState.credentialChanged();
        },
      },
    });
    dispose = () => void ws.dispose();
    forwardSubscription = (request) => {
      const input = { ...request, query: request.query ?? '' };
      return {
        subscribe(sink) {
          // after a reconnect the subscription is sent again with `after` = the last cursor seen (app/resume.ts)
          const resuming = resumable(input, sink);
          return keepSubscribed((next) => ws.subscribe(resuming.payload, next), resuming.sink, resuming.resumes);
        },
      };
    };
  }
  const client = new Client({
    url: options.url ?? '/graphql',
    exchanges: [
      cacheExchange,
      // the build's mode, not NODE_ENV (a build started from a test runner inherits NODE_ENV=test)
      ...((options.persistedOperations ?? import.meta.env.MODE === 'production')
        ? [persistedOperationsExchange()]
        : []),
      fetchExchange,
      subscriptionExchange({ forwardSubscription }),
    ],
    fetchOptions: () => ({
      headers: {
        'Accept-Language': acceptLanguage(lang),
        'x-leqi-csrf': '1',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
    }),
  });
  return { client, dispose };
}
