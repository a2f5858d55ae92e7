import { exitApplicationWorkflow, statusesForStep } from '@leqi/domain';
import type { Prisma } from '../../generated/prisma/client.ts';
import {
  afterCursor,
  bureauJurisdiction,
  enterpriseSearch,
  QUEUE_ORDER,
  queuePage,
} from '../review-queue/queue-query.ts';
import { registerQueue } from '../review-queue/service.ts';
import { asExitCase } from './schema.ts';

/** Exit applications: 待受理 / 待复核 for the competent local authority, 待确认 for the province. */
registerQueue('EXIT_APPLICATION', (app, viewer, request) => {
  const search = enterpriseSearch(request.search);
  const where: Prisma.ExitApplicationWhereInput = {
    status: { in: statusesForStep(exitApplicationWorkflow, request.step) },
    ...bureauJurisdiction(viewer.actor),
    ...(search ? { enterprise: search } : {}),
  };
  return queuePage(
    request,
    (take) =>
      app.db.exitApplication.findMany({
        where: { AND: [where, afterCursor(request.after)] },
        orderBy: QUEUE_ORDER,
        take,
      }),
    () => app.db.exitApplication.count({ where }),
    asExitCase,
  );
});
