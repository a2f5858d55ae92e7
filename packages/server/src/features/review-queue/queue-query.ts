import type { Actor } from '@leqi/domain';
import type { ReviewCaseShape } from './review-case.ts';
import type { QueueCursor, QueueFilter, QueueOrder, QueuePage, QueueRequest } from './service.ts';

/** Oldest first in the step by default; the cursor is (stepEnteredAt, id) so pages stay stable and index-backed. */
export const QUEUE_ORDER = [{ stepEnteredAt: 'asc' as const }, { id: 'asc' as const }];
const NEWEST_ORDER = [{ stepEnteredAt: 'desc' as const }, { id: 'desc' as const }];

/** Both orders walk the (status, authority, stepEnteredAt, id) indexes, forwards or backwards. */
export function queueOrder(order: QueueOrder) {
  return order === 'NEWEST_IN_STEP' ? NEWEST_ORDER : QUEUE_ORDER;
}

export function afterCursor(after: QueueCursor | null, order: QueueOrder = 'OLDEST_IN_STEP') {
  if (!after) return {};
  const beyond = order === 'NEWEST_IN_STEP' ? 'lt' : 'gt';
  // the plain bound (≥ / ≤) lets PostgreSQL start the index scan at the cursor instead of filtering from the top
  return {
    stepEnteredAt: { [order === 'NEWEST_IN_STEP' ? 'lte' : 'gte']: after.stepEnteredAt },
    OR: [
      { stepEnteredAt: { [beyond]: after.stepEnteredAt } },
      { stepEnteredAt: after.stepEnteredAt, id: { [beyond]: after.id } },
    ],
  };
}

/** The step's statuses, narrowed to those the filter asks for (a status outside the step matches nothing). */
export function statusesOf(stepStatuses: readonly string[], filter: QueueFilter): string[] {
  return filter.statuses ? stepStatuses.filter((status) => filter.statuses?.includes(status)) : [...stepStatuses];
}

/** The submission date range as a condition on the kind's own submission column (none when not asked). */
export function submittedWithin<Column extends string>(
  column: Column,
  filter: QueueFilter,
): Partial<Record<Column, { gte?: Date; lte?: Date }>> {
  if (!filter.submittedFrom && !filter.submittedTo) return {};
  const range = {
    ...(filter.submittedFrom ? { gte: filter.submittedFrom } : {}),
    ...(filter.submittedTo ? { lte: filter.submittedTo } : {}),
  };
  return { [column]: range } as Partial<Record<Column, { gte?: Date; lte?: Date }>>;
}

/** Cases of one enterprise decided by its competent local authority (local officers) or its province (provincial). */
export function bureauJurisdiction(actor: Actor) {
  if (actor.role !== 'OFFICER') return {};
  return actor.authorityLevel === 'LOCAL'
    ? { competentAuthorityCode: actor.authorityCode }
    : { provinceCode: actor.authorityCode };
}

/** A filter on the competent authority, within the jurisdiction (e.g. a provincial officer picks one district). */
export function authorityFilter(filter: QueueFilter) {
  return filter.authorityCode ? { competentAuthorityCode: filter.authorityCode } : {};
}

/** Search by USCC prefix or name fragment on the related enterprise. */
export function enterpriseSearch(term: string | null) {
  return term ? { OR: [{ uscc: { startsWith: term.toUpperCase() } }, { name: { contains: term } }] } : null;
}

/** Runs the page and the count together; fetches one row more than asked to know whether a next page exists. */
export async function queuePage<Row>(
  request: QueueRequest,
  fetch: (take: number) => Promise<Row[]>,
  count: () => Promise<number>,
  toCase: (row: Row) => ReviewCaseShape,
): Promise<QueuePage> {
  const [rows, totalCount] = await Promise.all([fetch(request.first + 1), count()]);
  return { rows: rows.slice(0, request.first).map(toCase), hasNextPage: rows.length > request.first, totalCount };
}
