// The rows of an import record (ImportRow) and its counters, written together and only by the import's owner.
import { ok, type Result } from '@leqi/domain';
import { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../db/database.ts';
import type { Sql } from '../db/driver.ts';
import { type Page, pageArguments } from '../paging.ts';

/** What every row result of an import has; the feature adds its own fields (code, message, cells …). */
export interface RowResult {
  row: number;
  succeeded: boolean;
  /** CREATED, UPDATED or UNCHANGED where the import tells them apart */
  outcome?: string;
}

export interface ImportCounts {
  total: number;
  succeeded: number;
  failed: number;
  created: number;
  updated: number;
}

/** The import is no longer this process's to write (it was marked FAILED as interrupted, or it ended). */
export class ImportLeaseLost extends Error {
  constructor(readonly recordId: string) {
    super(`import ${recordId} is no longer held by this process`);
  }
}

/**
 * The lease's end as the database's clock sees it (instances may disagree about the time; the database does not),
 * counted from the moment of the write: `now()` is the transaction's start, and a chunk that waited long for a lock
 * would leave a lease already run out when it commits (another instance then fails the import as interrupted).
 */
const leaseEnd = (seconds: number) =>
  Prisma.sql`(clock_timestamp() AT TIME ZONE 'UTC') + ${seconds}::int * interval '1 second'`;

/**
 * Records `results` and adds them to the record's counters, in the caller's transaction, and renews the lease —
 * only while the record is PROCESSING under `owner`; otherwise throws ImportLeaseLost so the transaction (and the
 * rows' effects in it) rolls back. A row already recorded keeps its first result and is not counted twice, so
 * the counters always equal the recorded rows. Returns the counters after the write.
 */
export async function recordRows(
  sql: Sql,
  hold: { recordId: string; owner: string; leaseSeconds: number },
  results: readonly RowResult[],
): Promise<ImportCounts> {
  const json = JSON.stringify(
    results.map((result) => ({
      row: result.row,
      succeeded: result.succeeded,
      outcome: result.outcome ?? null,
      result,
    })),
  );
  const [counts] = await sql.query<ImportCounts>(Prisma.sql`
    WITH inserted AS (
      INSERT INTO "ImportRow" ("importRecordId", "row", "succeeded", "outcome", "result")
      SELECT ${hold.recordId}::text, r."row", r."succeeded", r."outcome", r."result"
      FROM jsonb_to_recordset(${json}::jsonb) AS r("row" int, "succeeded" boolean, "outcome" text, "result" jsonb)
      ON CONFLICT ("importRecordId", "row") DO NOTHING
      RETURNING "succeeded", "outcome"
    )
    UPDATE "ImportRecord" SET
      "succeeded" = "succeeded" + (SELECT count(*) FROM inserted WHERE "succeeded"),
      "failed" = "failed" + (SELECT count(*) FROM inserted WHERE NOT "succeeded"),
      "created" = "created" + (SELECT count(*) FROM inserted WHERE "outcome" = 'CREATED'),
      "updated" = "updated" + (SELECT count(*) FROM inserted WHERE "outcome" = 'UPDATED'),
      "leaseExpiresAt" = ${leaseEnd(hold.leaseSeconds)}
    WHERE "id" = ${hold.recordId} AND "status" = 'PROCESSING' AND "owner" = ${hold.owner}
    RETURNING "total", "succeeded", "failed", "created", "updated"`);
  if (!counts) throw new ImportLeaseLost(hold.recordId);
  return counts;
}

/** Extends the lease while the record is PROCESSING under `owner`; false when it is not (any more). */
export async function renewLease(
  db: Db,
  hold: { recordId: string; owner: string; leaseSeconds: number },
): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE "ImportRecord" SET "leaseExpiresAt" = ${leaseEnd(hold.leaseSeconds)}
    WHERE "id" = ${hold.recordId} AND "status" = 'PROCESSING' AND "owner" = ${hold.owner}`;
  return count > 0;
}

/** A row result's cursor: its row number. */
export function encodeRowCursor(result: RowResult): string {
  return Buffer.from(`row:${result.row}`).toString('base64url');
}

function rowCursor(cursor: string): number | null {
  const match = /^row:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? Number(match[1]) : null;
}

export interface RowPageRequest {
  first?: number | null;
  after?: string | null;
  failedOnly?: boolean | null;
}

/** One page of the record's row results in sheet order (keyset on the row number), with their total. */
export async function importRowPage<R extends RowResult>(
  db: Db,
  recordId: string,
  request: RowPageRequest,
): Promise<Result<Page<R>>> {
  const args = pageArguments(request.first, request.after, rowCursor);
  if (!args.ok) return args;
  const after = args.value.cursor ?? 0;
  const where = { importRecordId: recordId, ...(request.failedOnly ? { succeeded: false } : {}) };
  const [rows, totalCount] = await Promise.all([
    db.importRow.findMany({
      where: { ...where, row: { gt: after } },
      orderBy: { row: 'asc' },
      take: args.value.size + 1,
      select: { result: true },
    }),
    db.importRow.count({ where }),
  ]);
  const page = rows.slice(0, args.value.size).map((row) => row.result as unknown as R);
  return ok({ rows: page, hasNextPage: rows.length > args.value.size, totalCount });
}

/** Rows of the failure report read per page. */
const FAILED_PAGE_ROWS = 1000;

/** The record's failed row results in sheet order, a page at a time (keyset on the row number). */
export async function* failedRowPages<Result extends RowResult>(db: Db, recordId: string): AsyncGenerator<Result[]> {
  let after = 0;
  for (;;) {
    const rows = await db.importRow.findMany({
      where: { importRecordId: recordId, succeeded: false, row: { gt: after } },
      orderBy: { row: 'asc' },
      take: FAILED_PAGE_ROWS,
      select: { row: true, result: true },
    });
    if (rows.length === 0) return;
    yield rows.map((row) => row.result as unknown as Result);
    after = (rows.at(-1) as { row: number }).row;
    if (rows.length < FAILED_PAGE_ROWS) return;
  }
}
