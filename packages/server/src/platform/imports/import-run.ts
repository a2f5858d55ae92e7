import type { ImportRecord, Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../db/database.ts';
import { type ImportProgress, type ImportProgressChannel, throttled } from './progress.ts';

const PROGRESS_INTERVAL_MS = 250;
const COUNTERS_INTERVAL_MS = 1000;
const RESULTS_INTERVAL_MS = 5000;

/**
 * One workbook import running in the background (导入邀请, 企业登记信息导入): tallies the row results, publishes live
 * progress (throttled) and writes the record — counters every second, the results with a heartbeat every few
 * seconds, everything when it ends.
 */
export class ImportRun<Result extends { succeeded: boolean }> {
  readonly results: Result[] = [];
  succeeded = 0;
  failed = 0;
  /** rows finished inside the chunk being processed (live progress only; `add` counts them for good) */
  inChunk = { succeeded: 0, failed: 0 };
  private lastCounters = Date.now();
  private lastResults = Date.now();
  readonly publish: (progress: ImportProgress) => void;

  constructor(
    private readonly db: Db,
    readonly record: ImportRecord,
    channel: ImportProgressChannel,
  ) {
    this.publish = throttled((progress) => channel.publish(progress), PROGRESS_INTERVAL_MS);
  }

  progress(done: boolean): ImportProgress {
    const succeeded = this.succeeded + this.inChunk.succeeded;
    const failed = this.failed + this.inChunk.failed;
    const { id, total } = this.record;
    return { importRecordId: id, processed: succeeded + failed, total, succeeded, failed, done };
  }

  add(results: readonly Result[]): void {
    for (const result of results) {
      this.results.push(result);
      if (result.succeeded) this.succeeded += 1;
      else this.failed += 1;
    }
  }

  async save(final: { status: 'DONE' | 'FAILED'; reason?: string } | null): Promise<void> {
    const now = Date.now();
    const data: Prisma.ImportRecordUpdateInput = {};
    if (final || now - this.lastCounters >= COUNTERS_INTERVAL_MS) {
      data.succeeded = this.succeeded;
      data.failed = this.failed;
      this.lastCounters = now;
    }
    if (final || now - this.lastResults >= RESULTS_INTERVAL_MS) {
      data.results = asStoredResults({
        rows: this.results,
        heartbeatAt: new Date(now).toISOString(),
        ...(final?.reason ? { failureReason: final.reason } : {}),
      });
      this.lastResults = now;
    }
    if (final) {
      data.status = final.status;
      data.finishedAt = new Date(now);
    }
    if (Object.keys(data).length > 0) await this.db.importRecord.update({ where: { id: this.record.id }, data });
  }
}

/** What an import record's `results` column holds: every row's result, the heartbeat and why a FAILED import stopped. */
export interface StoredImportResults<Result> {
  rows: Result[];
  heartbeatAt?: string;
  failureReason?: string;
}

/** The record's results, whatever an older version stored (a bare array of rows, or nothing yet). */
export function storedResultsOf<Result>(record: Pick<ImportRecord, 'results'>): StoredImportResults<Result> {
  const results = record.results as unknown;
  if (Array.isArray(results)) return { rows: results as Result[] };
  if (results && typeof results === 'object' && Array.isArray((results as StoredImportResults<Result>).rows))
    return results as StoredImportResults<Result>;
  return { rows: [] };
}

export const asStoredResults = <Result>(results: StoredImportResults<Result>) =>
  results as unknown as Prisma.InputJsonValue;
