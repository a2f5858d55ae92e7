import { capabilitySubscriptionWorkflow, provinceCodeOf, statusesForStep } from '@leqi/domain';
import type { Prisma } from '../../generated/prisma/client.ts';
import {
  afterCursor,
  authorityFilter,
  enterpriseSearch,
  queueOrder,
  queuePage,
  statusesOf,
  submittedWithin,
} from '../review-queue/queue-query.ts';
import { registerQueue } from '../review-queue/service.ts';
import { asSubscriptionCase } from './schema.ts';

/** 能力订阅 审核: one step (REVIEW) at the DCU's competent local authority; its province may look on. */
registerQueue('CAPABILITY_SUBSCRIPTION', (app, viewer, request) => {
  const actor = viewer.actor;
  const search = enterpriseSearch(request.search);
  const jurisdiction: Prisma.CapabilitySubscriptionWhereInput =
    actor.role !== 'OFFICER'
      ? {}
      : actor.authorityLevel === 'LOCAL'
        ? { competentAuthorityCode: actor.authorityCode }
        : { competentAuthorityCode: { startsWith: provinceCodeOf(actor.authorityCode).slice(0, 3) } };
  const where: Prisma.CapabilitySubscriptionWhereInput = {
    status: { in: statusesOf(statusesForStep(capabilitySubscriptionWorkflow, request.step), request.filter) },
    AND: [jurisdiction, authorityFilter(request.filter)],
    // a subscription application is submitted when it is created
    ...submittedWithin('createdAt', request.filter),
    ...(search ? { dcu: search } : {}),
  };
  return queuePage(
    request,
    (take) =>
      app.db.capabilitySubscription.findMany({
        where: { AND: [where, afterCursor(request.after, request.order)] },
        orderBy: queueOrder(request.order),
        take,
      }),
    () => app.db.capabilitySubscription.count({ where }),
    asSubscriptionCase,
  );
});
