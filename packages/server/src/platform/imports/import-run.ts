import type { Locale } from '@leqi/domain';
import type { ImportRecord } from '../../generated/prisma/client.ts';
import type { AppServices } from '../context.ts';
import { type Sql, sqlOf, sqlTransaction } from '../db/driver.ts';
import { TRANSACTION_OPTIONS } from '../db/transaction.ts';
import { type ImportCounts, ImportLeaseLost, type RowResult, recordRows, renewLease } from './import-rows.ts';
import { importOwner } from './owner.ts';
import { type ImportProgress, type ImportProgressChannel, throttled } from './progress.ts';

const PROGRESS_INTERVAL_MS = 250;

/** Creates the record of an import this process is about to run: PROCESSING, held by this process. */
export async function openImportRecord(
  app: AppServices,
  data: {
    kind: string;
    enterpriseId?: string;
    fileName: string;
    total: number;
    createdById: string;
    locale: Locale;
  },
): Promise<ImportRecord> {
  return app.db.importRecord.create({
    data: {
      ...data,
      status: 'PROCESSING',
      owner: importOwner(app),
      // the application's clock for the first few moments; `start` renews it by the database's at once
      leaseExpiresAt: new Date(Date.now() + app.config.importLeaseSeconds * 1000),
    },
  });
}

/**
 * One workbook import running in the background (导入邀请, 企业登记信息导入). Each row result is recorded, and
 * counted in the record, in the transaction that commits the row's effects (`commit`), so the record never says
 * more or less than the database holds, even after kill -9. While running it renews its lease on the record;
 * when the record is no longer its own (marked FAILED as interrupted by another instance) it stops writing.
 */
export class ImportRun<Result extends RowResult> {
  /** tallies for live progress, of results already committed */
  succeeded = 0;
  failed = 0;
  /** the record is no longer this process's: stop without writing */
  lost = false;
  /** rows in the file: the record's until the last row is read (a count given at the start is an upper bound) */
  total: number;
  readonly publish: (progress: ImportProgress) => void;
  private readonly hold: { recordId: string; owner: string; leaseSeconds: number };
  private timer: NodeJS.Timeout | null = null;
  private renewal: Promise<void> = Promise.resolve();

  constructor(
    private readonly app: AppServices,
    readonly record: ImportRecord,
    channel: ImportProgressChannel,
  ) {
    this.publish = throttled((progress) => channel.publish(progress), PROGRESS_INTERVAL_MS);
    this.hold = { recordId: record.id, owner: importOwner(app), leaseSeconds: app.config.importLeaseSeconds };
    this.total = record.total;
  }

  /** Renews the lease now and a few times per lease period until `finish` (independently of the chunks' pace). */
  start(): void {
    this.renew();
    this.timer = setInterval(() => this.renew(), (this.hold.leaseSeconds * 1000) / 3);
    this.timer.unref();
  }

  private renew(): void {
    this.renewal = this.renewal.then(async () => {
      if (this.lost) return;
      try {
        if (!(await renewLease(this.app.db, this.hold))) this.lost = true;
      } catch (error) {
        this.app.log?.warn('import lease renewal failed', { importRecordId: this.record.id, error: String(error) });
      }
    });
  }

  /** Stops renewing the lease (the import ended, or is no longer this process's); resolves after a renewal under way. */
  close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return this.renewal;
  }

  progress(done: boolean): ImportProgress {
    const { succeeded, failed, total } = this;
    return { importRecordId: this.record.id, processed: succeeded + failed, total, succeeded, failed, done };
  }

  /**
   * Inside the transaction that writes these rows' effects: records their results and counts them. Throws
   * ImportLeaseLost when the import is no longer this process's, which rolls the transaction back.
   */
  async commit(sql: Sql, results: readonly Result[]): Promise<void> {
    try {
      await recordRows(sql, this.hold, results);
    } catch (error) {
      if (error instanceof ImportLeaseLost) this.lost = true;
      throw error;
    }
  }

  /** Results whose rows write nothing (they failed their checks), in a transaction of their own. */
  async commitResultsOnly(results: readonly Result[]): Promise<void> {
    if (results.length === 0) return;
    await sqlTransaction(this.app.db, (sql) => this.commit(sql, results));
  }

  /** Counts committed results for live progress. */
  add(results: readonly RowResult[]): void {
    for (const result of results) {
      if (result.succeeded) this.succeeded += 1;
      else this.failed += 1;
    }
  }

  /**
   * Ends the import: `rest` (rows not reached) recorded, the status and the reason — which is given the counters
   * as recorded before `rest`, so it can say how far the import got. False when the record was no longer this
   * process's (nothing written).
   */
  async finish(
    status: 'DONE' | 'FAILED',
    options: { rest?: readonly Result[]; reason?: (counts: ImportCounts) => string } = {},
  ): Promise<boolean> {
    await this.close();
    if (this.lost) return false;
    try {
      const counts = await this.app.db.$transaction(async (tx) => {
        const reached = await recordRows(sqlOf(tx), this.hold, []);
        const after = await recordRows(sqlOf(tx), this.hold, options.rest ?? []);
        await tx.importRecord.update({
          where: { id: this.record.id },
          data: {
            status,
            total: this.total,
            finishedAt: new Date(),
            failureReason: options.reason ? options.reason(reached) : null,
            leaseExpiresAt: null,
          },
        });
        return after;
      }, TRANSACTION_OPTIONS);
      this.succeeded = counts.succeeded;
      this.failed = counts.failed;
    } catch (error) {
      if (!(error instanceof ImportLeaseLost)) throw error;
      this.lost = true;
      return false;
    }
    return true;
  }
}
