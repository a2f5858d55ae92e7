// How many cases a queue holds (totalCount), without counting them: the database keeps the size of every
// (kind, status, authority, province) in "QueueCount", in the transaction of every write to a case table (the
// triggers of the migration `queue_counts`), so a queue within a jurisdiction, narrowed by status or authority, is
// the sum of a few counter rows — one indexed read, exact. Only a search or a submission date range narrows a queue
// by what the counters do not know: such a count stops at COUNT_CAP and says so (`capped`).
import { Prisma } from '../../generated/prisma/client.ts';
import { type RunPrepared, runSql } from '../../platform/db/prepared.ts';
import type { QueueRequest } from './service.ts';

/** A filtered (searched or date-ranged) count reads at most this many rows, then reports `capped`. */
export const COUNT_CAP = 1000;

/** The jurisdiction a queue is read in, as the counters name it; null = no condition on that column. */
export interface QueueScope {
  authorityCode: string | null;
  provinceCode: string | null;
}

export interface QueueTotal {
  totalCount: number;
  /** true when more cases match than `totalCount` says (counted up to COUNT_CAP) */
  capped: boolean;
}

/** Whether the request narrows its queue by what only the case rows know (a search, a submission date range). */
export function needsRowCount(request: Pick<QueueRequest, 'search' | 'filter'>): boolean {
  return Boolean(request.search || request.filter.submittedFrom || request.filter.submittedTo);
}

/** The size of a queue from its counters: one indexed read of the few rows of its kind, statuses and scope. */
export async function countedQueueSize(
  run: RunPrepared,
  kind: string,
  statuses: readonly string[],
  scope: QueueScope,
  authorityFilter: string | null,
): Promise<number> {
  if (statuses.length === 0) return 0;
  const conditions = [Prisma.sql`"kind" = ${kind}`, Prisma.sql`"status" IN (${Prisma.join(statuses)})`];
  for (const authority of [scope.authorityCode, authorityFilter]) {
    if (authority !== null) conditions.push(Prisma.sql`"authorityCode" = ${authority}`);
  }
  if (scope.provinceCode !== null) conditions.push(Prisma.sql`"provinceCode" = ${scope.provinceCode}`);
  const [sum] = await runSql<{ n: number }>(
    run,
    Prisma.sql`SELECT coalesce(sum("cases"), 0)::int AS n FROM "QueueCount" WHERE ${Prisma.join(conditions, ' AND ')}`,
  );
  return sum?.n ?? 0;
}

/**
 * totalCount of a queue page: from the counters when the request narrows by status and authority only (exact),
 * else by reading at most COUNT_CAP + 1 of the matching rows with `countRows` (exact below the cap).
 */
export async function queueTotal(
  run: RunPrepared,
  request: Pick<QueueRequest, 'search' | 'filter'>,
  counted: { kind: string; statuses: readonly string[]; scope: QueueScope },
  countRows: (take: number) => Promise<number>,
): Promise<QueueTotal> {
  if (!needsRowCount(request)) {
    const totalCount = await countedQueueSize(
      run,
      counted.kind,
      counted.statuses,
      counted.scope,
      request.filter.authorityCode,
    );
    return { totalCount, capped: false };
  }
  const rows = await countRows(COUNT_CAP + 1);
  return { totalCount: Math.min(rows, COUNT_CAP), capped: rows > COUNT_CAP };
}
