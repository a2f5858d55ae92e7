import { type AnyWorkflow, statusesForStep } from '@leqi/domain';
import type { AppServices, Viewer } from '../../platform/context.ts';
import type { ReviewCaseShape } from '../cases/kind.ts';
import { queueTotal } from './queue-counts.ts';
import { type CaseJurisdiction, queuePageRows, type QueueTable as SqlTable } from './queue-page.ts';
import {
  authorityFilter,
  bureauJurisdiction,
  counterScope,
  enterpriseSearch,
  queuePage,
  statusesOf,
  submittedWithin,
} from './queue-query.ts';
import type { QueuePage, QueueRequest } from './service.ts';

/** The part of a Prisma model delegate a queue uses (a searched or date-ranged count); `where` is loosely typed. */
interface QueueTable {
  count(args: { where: object; take: number }): Promise<number>;
}

/** 提交时间: null only before submission (submitting sets it on entering the queue); a null row would page last. */
const SUBMITTED = 'submittedAt';

/** The jurisdiction of access and exit applications: the enterprise's competent authority, and its province. */
export const APPLICATION_JURISDICTION = {
  authority: 'competentAuthorityCode',
  province: { column: 'provinceCode' },
} as const satisfies CaseJurisdiction;

/** What access and exit applications name alike: the applying enterprise, its authority and province. */
const APPLICATION_COLUMNS = {
  enterprise: ['enterpriseId'],
  submitted: { column: SUBMITTED, nullable: true },
  ...APPLICATION_JURISDICTION,
  search: 'enterprise',
} as const satisfies Partial<SqlTable>;

/**
 * Access and exit applications queue alike: 待受理 / 待复核 for the enterprise's competent local authority, 待确认
 * for its province, searched on the applying enterprise.
 */
export function applicationQueue<Row>(
  kind: string,
  workflow: AnyWorkflow,
  sqlTable: Pick<SqlTable, 'name' | 'columns' | 'heavy'>,
  tableOf: (app: AppServices) => QueueTable,
  toCase: (row: Row) => ReviewCaseShape,
): (app: AppServices, viewer: Viewer, request: QueueRequest) => Promise<QueuePage> {
  return (app, viewer, request) => {
    const table = tableOf(app);
    const search = enterpriseSearch(request.search);
    const statuses = statusesOf(statusesForStep(workflow, request.step), request.filter);
    const where = {
      status: { in: statuses },
      AND: [bureauJurisdiction(viewer.actor), authorityFilter(request.filter)],
      ...submittedWithin(SUBMITTED, request.filter),
      ...(search ? { enterprise: search } : {}),
    };
    return queuePage(
      request,
      (take) =>
        queuePageRows<Row>(
          app.db,
          { ...sqlTable, ...APPLICATION_COLUMNS },
          request,
          viewer.actor,
          statuses,
          take,
          request.wholeRows ?? true,
        ),
      () =>
        queueTotal(app.db, request, { kind, statuses, scope: counterScope(viewer.actor) }, (take) =>
          table.count({ where, take }),
        ),
      toCase,
    );
  };
}
