import type { Actor } from '@leqi/domain';
import type { ReviewCaseShape } from './review-case.ts';
import type { QueueCursor, QueuePage, QueueRequest } from './service.ts';

/** Oldest first in the step; the cursor is (stepEnteredAt, id) so pages stay stable and index-backed. */
export const QUEUE_ORDER = [{ stepEnteredAt: 'asc' as const }, { id: 'asc' as const }];

export function afterCursor(after: QueueCursor | null) {
  return after
    ? {
        OR: [
          { stepEnteredAt: { gt: after.stepEnteredAt } },
          { stepEnteredAt: after.stepEnteredAt, id: { gt: after.id } },
        ],
      }
    : {};
}

/** Cases of one enterprise decided by its competent local authority (local officers) or its province (provincial). */
export function bureauJurisdiction(actor: Actor) {
  if (actor.role !== 'OFFICER') return {};
  return actor.authorityLevel === 'LOCAL'
    ? { competentAuthorityCode: actor.authorityCode }
    : { provinceCode: actor.authorityCode };
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
