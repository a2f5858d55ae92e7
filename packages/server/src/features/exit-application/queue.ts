import { exitApplicationWorkflow, statusesForStep } from '@leqi/domain';
import type { Prisma } from '../../generated/prisma/client.ts';
import {
  authorityFilter,
  bureauJurisdiction,
  enterpriseSearch,
  keysetRows,
  queuePage,
  type SubmissionColumn,
  statusesOf,
  submittedWithin,
} from '../review-queue/queue-query.ts';
import { registerQueue } from '../review-queue/service.ts';
import { asExitCase } from './schema.ts';

/** 提交时间: set when the exit is submitted, which creates it; nullable in the table, so null rows page last. */
const SUBMITTED: SubmissionColumn<'submittedAt'> = { column: 'submittedAt', nullable: true };

/** Exit applications: 待受理 / 待复核 for the competent local authority, 待确认 for the province. */
registerQueue('EXIT_APPLICATION', (app, viewer, request) => {
  const search = enterpriseSearch(request.search);
  const where: Prisma.ExitApplicationWhereInput = {
    status: { in: statusesOf(statusesForStep(exitApplicationWorkflow, request.step), request.filter) },
    AND: [bureauJurisdiction(viewer.actor), authorityFilter(request.filter)],
    ...submittedWithin(SUBMITTED.column, request.filter),
    ...(search ? { enterprise: search } : {}),
  };
  return queuePage(
    request,
    keysetRows(request, SUBMITTED, (range, take) =>
      app.db.exitApplication.findMany({
        where: { AND: [where, range.where as Prisma.ExitApplicationWhereInput] },
        orderBy: range.orderBy,
        take,
      }),
    ),
    () => app.db.exitApplication.count({ where }),
    asExitCase,
  );
});
