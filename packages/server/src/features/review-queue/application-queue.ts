import { type AnyWorkflow, statusesForStep } from '@leqi/domain';
import type { AppServices, Viewer } from '../../platform/context.ts';
import type { ReviewCaseShape } from '../cases/kind.ts';
import {
  authorityFilter,
  bureauJurisdiction,
  enterpriseSearch,
  keysetRows,
  queuePage,
  type SubmissionColumn,
  statusesOf,
  submittedWithin,
} from './queue-query.ts';
import type { QueuePage, QueueRequest } from './service.ts';

/** The part of a Prisma model delegate a queue uses; `where` is built here, so it is loosely typed. */
interface QueueTable<Row> {
  findMany(args: { where: object; orderBy: object[]; take: number }): Promise<Row[]>;
  count(args: { where: object }): Promise<number>;
}

/** 提交时间: null only before submission (submitting sets it on entering the queue); a null row would page last. */
const SUBMITTED: SubmissionColumn<'submittedAt'> = { column: 'submittedAt', nullable: true };

/**
 * Access and exit applications queue alike: 待受理 / 待复核 for the enterprise's competent local authority, 待确认
 * for its province, searched on the applying enterprise.
 */
export function applicationQueue<Row>(
  workflow: AnyWorkflow,
  tableOf: (app: AppServices) => QueueTable<Row>,
  toCase: (row: Row) => ReviewCaseShape,
): (app: AppServices, viewer: Viewer, request: QueueRequest) => Promise<QueuePage> {
  return (app, viewer, request) => {
    const table = tableOf(app);
    const search = enterpriseSearch(request.search);
    const where = {
      status: { in: statusesOf(statusesForStep(workflow, request.step), request.filter) },
      AND: [bureauJurisdiction(viewer.actor), authorityFilter(request.filter)],
      ...submittedWithin(SUBMITTED.column, request.filter),
      ...(search ? { enterprise: search } : {}),
    };
    return queuePage(
      request,
      keysetRows(request, SUBMITTED, (range, take) =>
        table.findMany({ where: { AND: [where, range.where] }, orderBy: range.orderBy, take }),
      ),
      () => table.count({ where }),
      toCase,
    );
  };
}
