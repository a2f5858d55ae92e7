import { type Actor, provinceCodeOf } from '@leqi/domain';
import type { ReviewCaseShape } from '../cases/kind.ts';
import type { QueueScope, QueueTotal } from './queue-counts.ts';
import type { QueueFilter, QueuePage, QueueRequest } from './service.ts';

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

/**
 * The officer's jurisdiction as the queue counters name it: their authority (local), their province (provincial; as
 * `provinceCodeOf` for the kinds matching a province by the authority code's first three digits), or all (admin).
 */
export function counterScope(actor: Actor, byAuthorityPrefix = false): QueueScope {
  if (actor.role !== 'OFFICER') return { authorityCode: null, provinceCode: null };
  if (actor.authorityLevel === 'LOCAL') return { authorityCode: actor.authorityCode, provinceCode: null };
  return {
    authorityCode: null,
    provinceCode: byAuthorityPrefix ? provinceCodeOf(actor.authorityCode) : actor.authorityCode,
  };
}

/** A filter on the competent authority, within the jurisdiction (e.g. a provincial officer picks one district). */
export function authorityFilter(filter: QueueFilter) {
  return filter.authorityCode ? { competentAuthorityCode: filter.authorityCode } : {};
}

/** Search by USCC prefix or name fragment on the related enterprise. */
export function enterpriseSearch(term: string | null) {
  return term ? { OR: [{ uscc: { startsWith: term.toUpperCase() } }, { name: { contains: term } }] } : null;
}

/**
 * Runs the page and its total (queue-counts.ts) together; fetches one row more than asked to know whether a next
 * page exists.
 */
export async function queuePage<Row>(
  request: QueueRequest,
  fetch: (take: number) => Promise<Row[]>,
  total: () => Promise<QueueTotal>,
  toCase: (row: Row) => ReviewCaseShape,
): Promise<QueuePage> {
  const [rows, { totalCount, capped }] = await Promise.all([fetch(request.first + 1), total()]);
  return {
    rows: rows.slice(0, request.first).map(toCase),
    hasNextPage: rows.length > request.first,
    totalCount,
    totalCountCapped: capped,
  };
}
