// A GraphQL-over-SSE subscriber for tests (the "distinct connections" mode graphql-yoga serves on /graphql):
// records every `event:`/`data:` pair it receives and when the stream ends.

export interface SseMessage {
  event: string;
  data: any;
}

export interface SseSubscription {
  status: Promise<number>;
  messages: SseMessage[];
  /** the `data` of every `next` event that carries data */
  events(): any[];
  /** the errors of every `next` event */
  errors(): any[];
  /** resolves when the server ended the stream */
  ended: Promise<void>;
  isEnded(): boolean;
  waitFor(predicate: (messages: SseMessage[]) => boolean, timeoutMs?: number): Promise<boolean>;
  close(): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function parse(block: string): SseMessage | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    if (line.startsWith('event:')) event = line.slice(6).trim();
    if (line.startsWith('data:')) data.push(line.slice(5).trim());
  }
  if (data.length === 0 && event === 'message') return null;
  const text = data.join('\n');
  return { event, data: text ? JSON.parse(text) : null };
}

/** Subscribes over SSE, by POST (JSON body) or GET (query string), with `accept: text/event-stream`. */
export function subscribeSse(
  serverUrl: string,
  token: string | null,
  query: string,
  options: { method?: 'GET' | 'POST'; variables?: Record<string, unknown>; headers?: Record<string, string> } = {},
): SseSubscription {
  const abort = new AbortController();
  const messages: SseMessage[] = [];
  const method = options.method ?? 'POST';
  const url = new URL(`${serverUrl}/graphql`);
  if (method === 'GET') {
    url.searchParams.set('query', query);
    if (options.variables) url.searchParams.set('variables', JSON.stringify(options.variables));
  }
  let ended = false;
  const response = fetch(url, {
    method,
    signal: abort.signal,
    headers: {
      accept: 'text/event-stream',
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...options.headers,
    },
    ...(method === 'POST' ? { body: JSON.stringify({ query, variables: options.variables ?? {} }) } : {}),
  });
  const read = (async () => {
    const body = (await response).body;
    if (!body) return;
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffered += decoder.decode(chunk, { stream: true });
        let end = buffered.indexOf('\n\n');
        while (end >= 0) {
          const message = parse(buffered.slice(0, end));
          if (message) messages.push(message);
          buffered = buffered.slice(end + 2);
          end = buffered.indexOf('\n\n');
        }
      }
    } catch {
      // aborted by close()
    }
  })().finally(() => {
    ended = true;
  });
  return {
    status: response.then((r) => r.status),
    messages,
    events: () => messages.filter((m) => m.event === 'next' && m.data?.data).map((m) => Object.values(m.data.data)[0]),
    errors: () => messages.filter((m) => m.event === 'next').flatMap((m) => m.data?.errors ?? []),
    ended: read,
    isEnded: () => ended,
    waitFor: async (predicate, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(messages) && Date.now() < deadline) await sleep(20);
      return predicate(messages);
    },
    close: () => abort.abort(),
  };
}
