import { accessApplicationWorkflow, statusesForStep } from '@leqi/domain';
import type { Prisma } from '../../generated/prisma/client.ts';
import {
  afterCursor,
  authorityFilter,
  bureauJurisdiction,
  enterpriseSearch,
  queueOrder,
  queuePage,
  statusesOf,
  submittedWithin,
} from '../review-queue/queue-query.ts';
import { registerQueue } from '../review-queue/service.ts';
import { asCase } from './schema.ts';

/** 待受理 / 待复核 for the competent local authority, 待确认 for the province. */
registerQueue('ACCESS_APPLICATION', (app, viewer, request) => {
  const search = enterpriseSearch(request.search);
  const where: Prisma.AccessApplicationWhereInput = {
    status: { in: statusesOf(statusesForStep(accessApplicationWorkflow, request.step), request.filter) },
    AND: [bureauJurisdiction(viewer.actor), authorityFilter(request.filter)],
    ...submittedWithin('submittedAt', request.filter),
    ...(search ? { enterprise: search } : {}),
  };
  return queuePage(
    request,
    (take) =>
      app.db.accessApplication.findMany({
        where: { AND: [where, afterCursor(request.after, request.order)] },
        orderBy: queueOrder(request.order),
        take,
      }),
    () => app.db.accessApplication.count({ where }),
    asCase,
  );
});
