// How many cases a queue holds (totalCount), without counting them: the database keeps the size of every
// (kind, status, authority, province) in "QueueCount", in the transaction of every write to a case table (the
// triggers of the migration `queue_counts`), so a queue within a jurisdiction, narrowed by status or authority, is
// the sum of a few counter rows — one indexed read, exact. Only a search or a submission date range narrows a queue
// by what the counters do not know: such a count stops at COUNT_CAP and says so (`capped`).
// Both are scalar SQL expressions: the queue page reads its total in the statement that reads its rows.
import { Prisma } from '../../generated/prisma/client.ts';
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

/** The size of a queue from its counters: the sum of the few counter rows of its kind, statuses and scope. */
export function countedQueueSize(
  kind: string,
  statuses: readonly string[],
  scope: QueueScope,
  authorityFilter: string | null,
): Prisma.Sql {
  const conditions = [Prisma.sql`"kind" = ${kind}`, Prisma.sql`"status" IN (${Prisma.join(statuses)})`];
  for (const authority of [scope.authorityCode, authorityFilter]) {
    if (authority !== null) conditions.push(Prisma.sql`"authorityCode" = ${authority}`);
  }
  if (scope.provinceCode !== null) conditions.push(Prisma.sql`"provinceCode" = ${scope.provinceCode}`);
  return Prisma.sql`(SELECT coalesce(sum("cases"), 0)::int FROM "QueueCount" WHERE ${Prisma.join(conditions, ' AND ')})`;
}

/** totalCount from what the statement counted: the counters' sum, or up to COUNT_CAP + 1 matching rows. */
export function queueTotalOf(request: Pick<QueueRequest, 'search' | 'filter'>, counted: number): QueueTotal {
  if (!needsRowCount(request)) return { totalCount: counted, capped: false };
  return { totalCount: Math.min(counted, COUNT_CAP), capped: counted > COUNT_CAP };
}
