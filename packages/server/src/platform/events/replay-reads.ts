import type { Db } from '../db/database.ts';

/** replay pages read from one database at the same time, over all subscriptions of the process */
const REPLAY_READS_AT_ONCE = 2;

/**
 * Replays read the database in pages; many replays at once (a client that subscribes ten times from the
 * beginning) would queue so many reads that everyone else's queries wait behind them. They take turns here, so
 * another request's query waits for at most REPLAY_READS_AT_ONCE pages; a lane is handed on in a later turn of
 * the event loop (the embedded database answers without one, so reads handed on directly ran back to back for
 * a second while no request was read).
 */
class ReadLanes {
  private busy = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(read: () => Promise<T>): Promise<T> {
    if (this.busy >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.busy += 1;
    try {
      return await read();
    } finally {
      const next = this.waiting.shift();
      if (next) setImmediate(next);
      else this.busy -= 1;
    }
  }
}

const lanes = new WeakMap<Db, ReadLanes>();

/** Runs one replay read of `db` when a lane is free. */
export function replayRead<T>(db: Db, read: () => Promise<T>): Promise<T> {
  let lane = lanes.get(db);
  if (!lane) {
    lane = new ReadLanes(REPLAY_READS_AT_ONCE);
    lanes.set(db, lane);
  }
  return lane.run(read);
}
