import type { ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';

/** Why the server ends a connection's subscriptions (subscription-guard.ts). */
export type EndReason = 'CREDENTIALS_REVOKED' | 'RIGHTS_CHANGED';

/** graphql-ws close codes: the client gives up on 4401 and reconnects (to be judged anew) after 4403 */
const CLOSE_CODES: Record<EndReason, { code: number; reason: string }> = {
  CREDENTIALS_REVOKED: { code: 4401, reason: 'Unauthorized' },
  RIGHTS_CHANGED: { code: 4403, reason: 'Forbidden' },
};

/** a delivery waits while more than this is queued for the client and not yet handed to the network */
export const DRAINED_BELOW_BYTES = 256 * 1024;

/**
 * Where subscriptions are delivered: one graphql-ws socket (any number of subscriptions) or one SSE response
 * (one subscription). Limits are counted, the credential re-checked and deliveries paced per connection, the
 * same way for every transport.
 */
export interface SubscriberConnection {
  /** resolves once the client has taken what was sent down to DRAINED_BELOW_BYTES (or is gone) */
  drained(): Promise<void>;
  /** ends the subscriptions of the connection because of its credential */
  end(reason: EndReason): void;
  /** resolves with the reason `end` was called with */
  readonly ended: Promise<EndReason>;
  /** resolves when the connection is gone */
  readonly closed: Promise<void>;
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const DRAIN_POLL_MS = 10;

class SocketConnection implements SubscriberConnection {
  readonly ended: Promise<EndReason>;
  readonly closed: Promise<void>;
  private readonly endWith: (reason: EndReason) => void;

  constructor(private readonly socket: WebSocket) {
    const ended = deferred<EndReason>();
    this.ended = ended.promise;
    this.endWith = ended.resolve;
    const closed = deferred<void>();
    this.closed = closed.promise;
    if (socket.readyState === socket.CLOSED) closed.resolve();
    else socket.once('close', () => closed.resolve());
  }

  async drained(): Promise<void> {
    // ws has no drain event of its own; bufferedAmount counts what it and the TCP socket still hold
    while (this.socket.readyState === this.socket.OPEN && this.socket.bufferedAmount >= DRAINED_BELOW_BYTES) {
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    }
  }

  end(reason: EndReason): void {
    this.endWith(reason);
    this.socket.close(CLOSE_CODES[reason].code, CLOSE_CODES[reason].reason);
  }
}

const socketConnections = new WeakMap<WebSocket, SocketConnection>();

/** The connection of a graphql-ws socket: one per socket, shared by all its subscriptions. */
export function socketConnection(socket: WebSocket): SubscriberConnection {
  let connection = socketConnections.get(socket);
  if (!connection) {
    connection = new SocketConnection(socket);
    socketConnections.set(socket, connection);
  }
  return connection;
}

/** The connection of one subscription over HTTP (Server-Sent Events): it lasts as long as its response. */
export class ResponseConnection implements SubscriberConnection {
  readonly ended: Promise<EndReason>;
  readonly closed: Promise<void>;
  private readonly endWith: (reason: EndReason) => void;
  private readonly closeWith: () => void;

  constructor(private readonly response: ServerResponse) {
    const ended = deferred<EndReason>();
    this.ended = ended.promise;
    this.endWith = ended.resolve;
    const closed = deferred<void>();
    this.closed = closed.promise;
    this.closeWith = () => closed.resolve();
    if (response.closed) this.closeWith();
    else response.once('close', this.closeWith);
  }

  drained(): Promise<void> {
    if (!this.response.writableNeedDrain || this.response.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.response.off('drain', done);
        this.response.off('close', done);
        resolve();
      };
      this.response.once('drain', done);
      this.response.once('close', done);
    });
  }

  /** the stream reports the reason as its last event (live-subscriptions.ts) and ends */
  end(reason: EndReason): void {
    this.endWith(reason);
  }

  /** its one subscription is over (the response may still be writing the last events) */
  close(): void {
    this.closeWith();
  }
}
