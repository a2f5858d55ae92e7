// One kind of workbook import (导入邀请, 企业登记信息导入): its background jobs in each process and the loop that
// feeds the rows to the feature a chunk at a time, with live progress, a lease on the record, a clean stop at
// shutdown and the rows not reached kept in the failure report for a re-import.
import type { Locale } from '@leqi/domain';
import type { ImportRecord } from '../../generated/prisma/client.ts';
import type { AppServices } from '../context.ts';
import { ChunkReader, type RowSource, UnreadableRows } from './chunk-reader.ts';
import { ImportLeaseLost, importRowPage, type RowPageRequest, type RowResult } from './import-rows.ts';
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
  /**
   * calls of `processChunk` at once (default 1): with 2, one chunk is checked and prepared on this thread while the
   * database writes the one before. Only for chunks that never touch the same rows (their order of commit varies).
   */
  chunksInFlight?: number;
  /** the result of a row the import gave up before reaching, with the reason */
  notReached: (row: Row, message: string) => Result;
  /** why the rows not reached were not: the server stopped */
  stopped: (locale: Locale) => string;
  /** why the import stopped on an unexpected error, of how far it got */
  unexpected: (locale: Locale, processed: number, succeeded: number) => string;
  /** why it stopped when the file could not be read past a row (damaged after its header), of how far it got */
  unreadable?: (locale: Locale, processed: number, succeeded: number) => string;
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
    source: RowSource<Row>,
    locale: Locale,
    processChunk: ChunkProcessor<Row, Result>,
  ): Promise<void> {
    const jobs = jobsOf(app);
    const run = new ImportRun<Result>(app, record, jobs.progress);
    run.start();
    const chunks = new ChunkReader(source.rows, definition.chunkRows);
    /** The rows not reached fail with `message`; the record's reason is `reason` of its counters as committed. */
    const giveUp = async (
      message: string,
      reason: (processed: number, succeeded: number) => string = () => message,
    ) => {
      const rest = await chunks.rest();
      run.total = chunks.read;
      return run.finish('FAILED', {
        rest: rest.map((row) => definition.notReached(row, message)),
        reason: (counts) => reason(counts.succeeded + counts.failed, counts.succeeded),
      });
    };
    /**
     * the chunks being processed, oldest first; the reader counts a chunk's rows as not processed until it is told
     * the chunk is (`chunks.processed`), so the rows of a chunk given up on are reported as not reached (unless
     * their results are recorded already)
     */
    const inFlight: Promise<string | null>[] = [];
    const settleAll = () => Promise.allSettled(inFlight);
    /** Waits for the oldest chunk in flight; a refusal gives up the import (true). */
    const settleOldest = async (): Promise<boolean> => {
      const refusal = await (inFlight[0] as Promise<string | null>).catch(async (error) => {
        await settleAll();
        throw error;
      });
      if (refusal) {
        await settleAll();
        await giveUp(refusal);
        return true;
      }
      inFlight.shift();
      chunks.processed();
      run.publish(run.progress(false));
      return false;
    };
    try {
      for (let chunk = await chunks.next(); chunk !== null; chunk = await chunks.next()) {
        await yieldToEventLoop();
        if (run.lost) throw new ImportLeaseLost(record.id);
        if (jobs.stopping) {
          await settleAll();
          await giveUp(definition.stopped(locale));
          return;
        }
        const done = processChunk(run, chunk);
        done.catch(() => undefined); // awaited in order below; meanwhile a failure is not unhandled
        inFlight.push(done);
        if (inFlight.length >= (definition.chunksInFlight ?? 1) && (await settleOldest())) return;
      }
      while (inFlight.length > 0) if (await settleOldest()) return;
      run.total = chunks.read;
      await run.finish('DONE');
    } catch (error) {
      await settleAll();
      if (error instanceof ImportLeaseLost) {
        app.log?.warn(`${definition.label} taken over as interrupted; stopped writing`, { importRecordId: record.id });
        return;
      }
      const unreadable = error instanceof UnreadableRows ? definition.unreadable : undefined;
      if (unreadable) app.log?.warn(`${definition.label}: ${error}`, { importRecordId: record.id });
      else console.error(`${definition.label} ${record.id} failed:`, error);
      const stopped = (processed: number, succeeded: number) =>
        (unreadable ?? definition.unexpected)(locale, processed, succeeded);
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
    /** A page of the record's row results in sheet order. */
    results: (app: AppServices, record: Pick<ImportRecord, 'id'>, request: RowPageRequest) =>
      importRowPage<Result>(app.db, record.id, request),
    /**
     * Creates the import record and starts processing the rows in the background (read as they are processed when
     * they come from a file); returns the record at once.
     */
    async start(
      app: AppServices,
      data: { enterpriseId?: string; fileName: string; createdById: string; locale: Locale },
      rows: Row[] | RowSource<Row>,
      processChunk: ChunkProcessor<Row, Result>,
    ): Promise<ImportRecord> {
      const source = Array.isArray(rows) ? { total: rows.length, rows } : rows;
      const record = await openImportRecord(app, { kind: definition.kind, total: source.total, ...data });
      jobsOf(app).track(record.id, runImport(app, record, source, data.locale, processChunk));
      return record;
    },
  };
}
