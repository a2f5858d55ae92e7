// One kind of workbook import (导入邀请, 企业登记信息导入): its background jobs in each process and the loop that
// feeds the rows to the feature a chunk at a time, with live progress, a lease on the record, a clean stop at
// shutdown and the rows not reached kept in the failure report for a re-import.
import type { Locale } from '@leqi/domain';
import type { ImportRecord } from '../../generated/prisma/client.ts';
import type { AppServices } from '../context.ts';
import { ImportLeaseLost, importRowsOf, type RowResult } from './import-rows.ts';
import { ImportRun, openImportRecord } from './import-run.ts';
import { ImportProgressChannel, yieldToEventLoop } from './progress.ts';

/**
 * The background import jobs of one kind in one process: their progress channel, the jobs still running (so a
 * shutdown can wait for them) and the stop flag they check between chunks.
 */
class ImportJobs {
  readonly progress = new ImportProgressChannel();
  readonly running = new Map<string, Promise<void>>();
  stopping = false;

  track(recordId: string, job: Promise<void>): void {
    this.running.set(
      recordId,
      job.finally(() => this.running.delete(recordId)),
    );
  }
}

export interface ImportDefinition<Row, Result extends RowResult> {
  /** ImportRecord.kind */
  kind: string;
  /** how the log names it */
  label: string;
  /** rows per call of `processChunk`; between two the import yields to the event loop */
  chunkRows: number;
  /** the result of a row the import gave up before reaching, with the reason */
  notReached: (row: Row, message: string) => Result;
  /** why the rows not reached were not: the server stopped */
  stopped: (locale: Locale) => string;
  /** why the import stopped on an unexpected error, of how far it got */
  unexpected: (locale: Locale, processed: number, succeeded: number) => string;
}

/**
 * One chunk: writes the rows' effects and records their results (`run.commit`) and counts them (`run.add`).
 * Returns a refusal of the whole import (the rows not reached fail with it), or null to go on.
 */
export type ChunkProcessor<Row, Result extends RowResult> = (
  run: ImportRun<Result>,
  chunk: Row[],
) => Promise<string | null>;

export function defineImport<Row, Result extends RowResult>(definition: ImportDefinition<Row, Result>) {
  const jobsByApp = new WeakMap<AppServices, ImportJobs>();
  const jobsOf = (app: AppServices) => {
    let jobs = jobsByApp.get(app);
    if (!jobs) {
      jobs = new ImportJobs();
      jobsByApp.set(app, jobs);
    }
    return jobs;
  };

  async function runImport(
    app: AppServices,
    record: ImportRecord,
    rows: Row[],
    locale: Locale,
    processChunk: ChunkProcessor<Row, Result>,
  ): Promise<void> {
    const jobs = jobsOf(app);
    const run = new ImportRun<Result>(app, record, jobs.progress);
    run.start();
    let position = 0;
    /** The rows not reached fail with `message`; the record's reason is `reason` of its counters as committed. */
    const giveUp = (message: string, reason: (processed: number, succeeded: number) => string = () => message) =>
      run.finish('FAILED', {
        rest: rows.slice(position).map((row) => definition.notReached(row, message)),
        reason: (counts) => reason(counts.succeeded + counts.failed, counts.succeeded),
      });
    try {
      for (; position < rows.length; position += definition.chunkRows) {
        await yieldToEventLoop();
        if (run.lost) throw new ImportLeaseLost(record.id);
        if (jobs.stopping) {
          await giveUp(definition.stopped(locale));
          return;
        }
        const refusal = await processChunk(run, rows.slice(position, position + definition.chunkRows));
        if (refusal) {
          await giveUp(refusal);
          return;
        }
        run.publish(run.progress(false));
      }
      await run.finish('DONE');
    } catch (error) {
      if (error instanceof ImportLeaseLost) {
        app.log?.warn(`${definition.label} taken over as interrupted; stopped writing`, { importRecordId: record.id });
        return;
      }
      console.error(`${definition.label} ${record.id} failed:`, error);
      const stopped = (processed: number, succeeded: number) => definition.unexpected(locale, processed, succeeded);
      await giveUp(stopped(run.succeeded + run.failed, run.succeeded), stopped).catch(() => undefined);
    } finally {
      await run.close();
      jobs.progress.publish(run.progress(true));
    }
  }

  return {
    kind: definition.kind,
    progress: (app: AppServices): ImportProgressChannel => jobsOf(app).progress,
    /** Resolves when every import of this kind running in this process has finished (bench, tests). */
    settled: async (app: AppServices): Promise<void> => {
      await Promise.all([...jobsOf(app).running.values()]);
    },
    /** Stops the imports between chunks; their records are marked FAILED with a reason (shutdown). */
    stop: async (app: AppServices): Promise<void> => {
      const jobs = jobsOf(app);
      jobs.stopping = true;
      await Promise.all([...jobs.running.values()].map((job) => job.catch(() => undefined)));
    },
    /** The record's row results in sheet order. */
    results: (app: AppServices, record: Pick<ImportRecord, 'id'>) => importRowsOf<Result>(app.db, record.id),
    /** Creates the import record and starts processing `rows` in the background; returns the record at once. */
    async start(
      app: AppServices,
      data: { enterpriseId?: string; fileName: string; createdById: string; locale: Locale },
      rows: Row[],
      processChunk: ChunkProcessor<Row, Result>,
    ): Promise<ImportRecord> {
      const record = await openImportRecord(app, { kind: definition.kind, total: rows.length, ...data });
      jobsOf(app).track(record.id, runImport(app, record, rows, data.locale, processChunk));
      return record;
    },
  };
}
