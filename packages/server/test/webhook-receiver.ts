// A real HTTP receiver of webhooks on 127.0.0.1, for the webhook suites.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface Received {
  headers: IncomingMessage['headers'];
  /** the request's path */
  path: string | undefined;
  body: string;
}

export interface LocalServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  close(): Promise<void>;
}

/** An HTTP server on a free port of 127.0.0.1 that hands each request, its body read whole, to `answer`. */
export async function localServer(
  answer: (received: Received, response: ServerResponse) => void,
): Promise<LocalServer> {
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => answer({ headers: request.headers, path: request.url, body }, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Receiver {
  url: string;
  received: Received[];
  /** resolves once `count` requests arrived; fails after `timeoutMs` saying how many did */
  until(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

/** Answers each request with the next status of `script` (then 200), `answerMs` after it arrived. */
export async function receiver(script: number[] = [], answerMs = 0): Promise<Receiver> {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const server = await localServer((request, response) => {
    const answer = () => {
      received.push(request);
      response.statusCode = script.shift() ?? 200;
      response.end('ok');
      for (const wake of waiters.splice(0)) wake();
    };
    if (answerMs > 0) setTimeout(answer, answerMs);
    else answer();
  });
  const until = async (count: number, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (received.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the receiver got ${received.length} of ${count} requests`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return received;
  };
  return { url: `${server.origin}/hooks`, received, until, close: server.close };
}
