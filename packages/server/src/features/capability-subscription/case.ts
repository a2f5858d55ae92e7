// 能力订阅 as a case kind: the only place that says what a subscription case is.
import {
  type Actor,
  type AnyWorkflow,
  capabilitySubscriptionWorkflow,
  mayViewCase,
  provinceCodeOf,
  statusesForStep,
} from '@leqi/domain';
import { type CapabilitySubscription, Prisma } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { decisionRows, defineCaseKind } from '../cases/kind.ts';
import { queueTotal } from '../review-queue/queue-counts.ts';
import { type CaseJurisdiction, type QueueTable, queuePageRows } from '../review-queue/queue-page.ts';
import {
  authorityFilter,
  counterScope,
  enterpriseSearch,
  queuePage,
  statusesOf,
  submittedWithin,
} from '../review-queue/queue-query.ts';
import type { QueuePage, QueueRequest } from '../review-queue/service.ts';
import { CASE_KIND, performerOf, subscriptionAudience, visibility } from './service.ts';

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
const SUBMITTED = { column: 'createdAt', nullable: false } as const;

/** The DCU's competent authority decides; a province is the authorities starting with its prefix. */
const SUBSCRIPTION_JURISDICTION: CaseJurisdiction = {
  authority: 'competentAuthorityCode',
  province: 'authorityPrefix',
};

/** Its queue's table: the applying DCU is the case's enterprise and is searched by. */
const SUBSCRIPTION_TABLE: QueueTable = {
  name: 'CapabilitySubscription',
  columns: Object.values(Prisma.CapabilitySubscriptionScalarFieldEnum),
  // the daily volumes asked for: read only when a query asks for the subscription's own fields
  heavy: ['dailyVolumes'],
  enterprise: ['dcuEnterpriseId'],
  submitted: SUBMITTED,
  ...SUBSCRIPTION_JURISDICTION,
  search: 'enterprise',
};

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
  const statuses = statusesOf(statusesForStep(capabilitySubscriptionWorkflow, request.step), request.filter);
  const where: Prisma.CapabilitySubscriptionWhereInput = {
    status: { in: statuses },
    AND: [jurisdiction, authorityFilter(request.filter)],
    ...submittedWithin(SUBMITTED.column, request.filter),
    ...(search ? { dcu: search } : {}),
  };
  return queuePage(
    request,
    (take) =>
      queuePageRows<CapabilitySubscription>(
        app.db,
        SUBSCRIPTION_TABLE,
        request,
        actor,
        statuses,
        take,
        request.wholeRows ?? true,
      ),
    () =>
      queueTotal(app.db, request, { kind: CASE_KIND, statuses, scope: counterScope(actor, true) }, (take) =>
        app.db.capabilitySubscription.count({ where, take }),
      ),
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
  jurisdiction: SUBSCRIPTION_JURISDICTION,
  queue: subscriptionQueue,
  storedStatuses: (db) => db.capabilitySubscription.findMany({ select: { id: true, status: true } }),
  rows: (tx) => decisionRows(tx.capabilitySubscription, asSubscriptionCase),
  eventAudience: visibility,
});
