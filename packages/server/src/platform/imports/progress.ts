// Live progress of the workbook imports running in this process, per import record (导入邀请, 企业登记信息导入).
// Progress is ephemeral (the record's counters are the durable truth), so it travels beside the case-event bus,
// not on it.
import { Repeater } from 'graphql-yoga';
import type { ImportRecord } from '../../generated/prisma/client.ts';

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

type RecordCounters = Pick<ImportRecord, 'id' | 'status' | 'total' | 'succeeded' | 'failed'>;

/** The current progress of a record: live while running, from the record otherwise. */
export function progressOf(channel: ImportProgressChannel, record: RecordCounters): ImportProgress {
  const live = channel.current(record.id);
  if (live && record.status === 'PROCESSING') return live;
  return {
    importRecordId: record.id,
    processed: record.succeeded + record.failed,
    total: record.total,
    succeeded: record.succeeded,
    failed: record.failed,
    done: record.status !== 'PROCESSING',
  };
}

/**
 * A subscription's stream of one import's progress: the current state first, then live; ends when done.
 * `reread` fetches the record again after listening starts, so the final event cannot slip between the two.
 */
export function progressStream(
  channel: ImportProgressChannel,
  recordId: string,
  reread: () => Promise<RecordCounters | null>,
): Repeater<ImportProgress> {
  return new Repeater<ImportProgress>(async (push, stop) => {
    const unsubscribe = channel.subscribe(recordId, (progress) => {
      void push(progress);
      if (progress.done) stop();
    });
    stop.then(unsubscribe);
    const fresh = await reread();
    if (!fresh) {
      stop();
      return;
    }
    const current = progressOf(channel, fresh);
    await push(current);
    if (current.done) stop();
    await stop;
  });
}

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
