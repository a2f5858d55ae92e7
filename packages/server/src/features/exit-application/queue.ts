import { exitApplicationWorkflow, statusesForStep } from '@leqi/domain';
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
import { asExitCase } from './schema.ts';

/** Exit applications: 待受理 / 待复核 for the competent local authority, 待确认 for the province. */
registerQueue('EXIT_APPLICATION', (app, viewer, request) => {
  const search = enterpriseSearch(request.search);
  const where: Prisma.ExitApplicationWhereInput = {
    status: { in: statusesOf(statusesForStep(exitApplicationWorkflow, request.step), request.filter) },
    AND: [bureauJurisdiction(viewer.actor), authorityFilter(request.filter)],
    ...submittedWithin('submittedAt', request.filter),
    ...(search ? { enterprise: search } : {}),
  };
  return queuePage(
    request,
    (take) =>
      app.db.exitApplication.findMany({
        where: { AND: [where, afterCursor(request.after, request.order)] },
        orderBy: queueOrder(request.order),
        take,
      }),
    () => app.db.exitApplication.count({ where }),
    asExitCase,
  );
});
