import type { Server } from 'node:http';

/** Counts requests whose response is not yet done, so a stop can wait for them. */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  track(response: { once(event: 'close', listener: () => void): unknown }): void {
    this.count += 1;
    response.once('close', () => {
      this.count -= 1;
      if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    });
  }

  get size(): number {
    return this.count;
  }

  /** true when every in-flight request finished within `timeoutMs` */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}

/**
 * Stops accepting connections, lets the requests in flight finish (at most `timeoutMs`), closing keep-alive
 * connections as they fall idle, then cuts whatever is left. Returns whether everything finished in time.
 */
export async function closeGracefully(server: Server, inFlight: InFlight, timeoutMs: number): Promise<boolean> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
  const finished = await inFlight.drained(timeoutMs);
  clearInterval(idleSweep);
  server.closeAllConnections();
  await closed;
  return finished;
}
