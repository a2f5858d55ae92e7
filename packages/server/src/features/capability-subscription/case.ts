// 能力订阅 as a case kind: the only place that says what a subscription case is.
import { type AnyWorkflow, capabilitySubscriptionWorkflow, mayViewCase } from '@leqi/domain';
import { type CapabilitySubscription, Prisma } from '../../generated/prisma/client.ts';
import { decisionRows, defineCaseKind } from '../cases/kind.ts';
import { caseQueue } from '../review-queue/case-queue.ts';
import type { QueueTable } from '../review-queue/queue-page.ts';
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

/**
 * Its queue's table: the applying DCU is the case's enterprise and is searched by; it is submitted when created; the
 * DCU's competent authority decides and a province is the authorities starting with its prefix.
 */
const SUBSCRIPTION_TABLE: QueueTable = {
  name: 'CapabilitySubscription',
  columns: Object.values(Prisma.CapabilitySubscriptionScalarFieldEnum),
  // the daily volumes asked for: read only when a query asks for the subscription's own fields
  heavy: ['dailyVolumes'],
  enterprise: ['dcuEnterpriseId'],
  submitted: { column: 'createdAt', nullable: false },
  authority: 'competentAuthorityCode',
  province: 'authorityPrefix',
  search: 'enterprise',
};

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
  performerOf,
  audience: (_db, row) => subscriptionAudience(row),
  canView: (_db, actor, row) => mayViewCase(actor, subscriptionAudience(row)),
  authorityOf: (row) => row.competentAuthorityCode,
  jurisdiction: SUBSCRIPTION_TABLE,
  queue: caseQueue(CASE_KIND, capabilitySubscriptionWorkflow as AnyWorkflow, SUBSCRIPTION_TABLE, asSubscriptionCase),
  storedStatuses: (db) => db.capabilitySubscription.findMany({ select: { id: true, status: true } }),
  rows: (tx) => decisionRows(tx.capabilitySubscription, asSubscriptionCase),
  eventAudience: visibility,
});
