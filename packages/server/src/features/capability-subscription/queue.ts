import { capabilitySubscriptionWorkflow, provinceCodeOf, statusesForStep } from '@leqi/domain';
import type { Prisma } from '../../generated/prisma/client.ts';
import {
  authorityFilter,
  enterpriseSearch,
  keysetRows,
  queuePage,
  type SubmissionColumn,
  statusesOf,
  submittedWithin,
} from '../review-queue/queue-query.ts';
import { registerQueue } from '../review-queue/service.ts';
import { asSubscriptionCase } from './schema.ts';

/** A subscription application is submitted when it is created. */
const SUBMITTED: SubmissionColumn<'createdAt'> = { column: 'createdAt', nullable: false };

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
    ...submittedWithin(SUBMITTED.column, request.filter),
    ...(search ? { dcu: search } : {}),
  };
  return queuePage(
    request,
    keysetRows(request, SUBMITTED, (range, take) =>
      app.db.capabilitySubscription.findMany({
        where: { AND: [where, range.where as Prisma.CapabilitySubscriptionWhereInput] },
        orderBy: range.orderBy,
        take,
      }),
    ),
    () => app.db.capabilitySubscription.count({ where }),
    asSubscriptionCase,
  );
});
