// 能力订阅 as a case kind: the only place that says what a subscription case is.
import {
  type Actor,
  type AnyWorkflow,
  capabilitySubscriptionWorkflow,
  mayViewCase,
  provinceCodeOf,
  statusesForStep,
} from '@leqi/domain';
import type { CapabilitySubscription, Prisma } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { defineCaseKind } from '../cases/kind.ts';
import {
  authorityFilter,
  enterpriseSearch,
  keysetRows,
  queuePage,
  type SubmissionColumn,
  statusesOf,
  submittedWithin,
} from '../review-queue/queue-query.ts';
import type { QueuePage, QueueRequest } from '../review-queue/service.ts';
import {
  CASE_KIND,
  performerOf,
  subscriptionAudience,
  subscriptionDecisionEffects,
  visibility,
  writeSubscriptionDecision,
} from './service.ts';

export type SubscriptionCase = CapabilitySubscription & {
  kind: 'CAPABILITY_SUBSCRIPTION';
  enterpriseId: string;
  submittedAt: Date;
};
export const asSubscriptionCase = (row: CapabilitySubscription): SubscriptionCase => ({
  ...row,
  kind: CASE_KIND,
  enterpriseId: row.dcuEnterpriseId,
  submittedAt: row.createdAt,
});

/** A subscription application is submitted when it is created. */
const SUBMITTED: SubmissionColumn<'createdAt'> = { column: 'createdAt', nullable: false };

/** 能力订阅 审核: one step (REVIEW) at the DCU's competent local authority; its province may look on. */
function subscriptionQueue(app: AppServices, viewer: Viewer, request: QueueRequest): Promise<QueuePage> {
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
}

const viewerOf = (actor: Actor): Viewer => ({ userId: '', username: '', displayName: '', actor });

export const subscriptionCase = defineCaseKind<SubscriptionCase>({
  kind: CASE_KIND,
  typename: 'CapabilitySubscription',
  table: 'CapabilitySubscription',
  workflow: capabilitySubscriptionWorkflow as AnyWorkflow,
  // applying creates the case
  hiddenEvents: ['apply'],
  find: async (db, id) => {
    const row = await db.capabilitySubscription.findUnique({ where: { id } });
    return row && asSubscriptionCase(row);
  },
  performerOf: (actor, row) => performerOf(viewerOf(actor), row),
  audience: (_db, row) => subscriptionAudience(row),
  canView: (_db, actor, row) => mayViewCase(actor, subscriptionAudience(row)),
  authorityOf: (row) => row.competentAuthorityCode,
  queue: subscriptionQueue,
  storedStatuses: (db) => db.capabilitySubscription.findMany({ select: { id: true, status: true } }),
  writeDecision: writeSubscriptionDecision,
  effects: subscriptionDecisionEffects,
  eventAudience: visibility,
});
