/**
 * A share of each turn of the event loop for subscription deliveries. A client that reads quickly lets the socket
 * take every write at once, so delivering one result after another never returns to the event loop: with a few
 * replays of 20,000 events no other request was read for 52 s (issue 13, finding 5). Here deliveries of all
 * subscriptions together may use `sliceMs` of a turn; the rest wait for the next turn, after the event loop has
 * read the sockets again (setImmediate runs after I/O), so everyone else's requests go on at their usual pace.
 */
/** what of each event-loop turn deliveries of all subscriptions together may use */
export const DELIVERY_SLICE_MS = 8;

export class DeliveryTurns {
  private turnStarted: number | null = null;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly sliceMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Resolves when a delivery may go out in this turn of the event loop. */
  async take(): Promise<void> {
    for (;;) {
      const now = this.now();
      if (this.turnStarted === null) {
        this.turnStarted = now;
        setImmediate(() => this.nextTurn());
      }
      if (now - this.turnStarted < this.sliceMs) return;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private nextTurn() {
    this.turnStarted = null;
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}
