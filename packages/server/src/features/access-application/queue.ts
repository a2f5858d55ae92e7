import { accessApplicationWorkflow, statusesForStep } from '@leqi/domain';
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
import { asCase } from './schema.ts';

/** 提交时间: null only for drafts (submit sets it on entering the queue); a null row would page after all others. */
const SUBMITTED: SubmissionColumn<'submittedAt'> = { column: 'submittedAt', nullable: true };

/** 待受理 / 待复核 for the competent local authority, 待确认 for the province. */
registerQueue('ACCESS_APPLICATION', (app, viewer, request) => {
  const search = enterpriseSearch(request.search);
  const where: Prisma.AccessApplicationWhereInput = {
    status: { in: statusesOf(statusesForStep(accessApplicationWorkflow, request.step), request.filter) },
    AND: [bureauJurisdiction(viewer.actor), authorityFilter(request.filter)],
    ...submittedWithin(SUBMITTED.column, request.filter),
    ...(search ? { enterprise: search } : {}),
  };
  return queuePage(
    request,
    keysetRows(request, SUBMITTED, (range, take) =>
      app.db.accessApplication.findMany({
        where: { AND: [where, range.where as Prisma.AccessApplicationWhereInput] },
        orderBy: range.orderBy,
        take,
      }),
    ),
    () => app.db.accessApplication.count({ where }),
    asCase,
  );
});
