// Live progress of the imports running in this process, per import record. Progress is ephemeral (the record's
// counters are the durable truth), so it travels beside the case-event bus, not on it.

export interface ImportProgress {
  importRecordId: string;
  processed: number;
  total: number;
  succeeded: number;
  failed: number;
  done: boolean;
}

type Listener = (progress: ImportProgress) => void;

export class ImportProgressChannel {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly latest = new Map<string, ImportProgress>();

  publish(progress: ImportProgress): void {
    if (progress.done) this.latest.delete(progress.importRecordId);
    else this.latest.set(progress.importRecordId, progress);
    for (const listener of this.listeners.get(progress.importRecordId) ?? []) listener(progress);
  }

  /** The last progress of a running import, fresher than the record's counters. */
  current(importRecordId: string): ImportProgress | undefined {
    return this.latest.get(importRecordId);
  }

  subscribe(importRecordId: string, listener: Listener): () => void {
    let set = this.listeners.get(importRecordId);
    if (!set) {
      set = new Set();
      this.listeners.set(importRecordId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(importRecordId);
    };
  }
}

/** Calls `publish` at most once per `intervalMs`, always letting the last (done) one through. */
export function throttled(publish: (progress: ImportProgress) => void, intervalMs: number) {
  let last = 0;
  return (progress: ImportProgress) => {
    const now = Date.now();
    if (!progress.done && now - last < intervalMs) return;
    last = now;
    publish(progress);
  };
}
