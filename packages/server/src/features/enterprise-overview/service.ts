// 企业概览: one read of "where do we stand" for the viewer's enterprise — a read model over several features'
// tables (counts only; every change still goes through its own feature's service).
import { type AccessValidity, accessValidity, type ReviewStep, type StatusInfo } from '@leqi/domain';
import type { Enterprise } from '../../generated/prisma/client.ts';
import type { AppServices } from '../../platform/context.ts';
import { accessApplicationCase } from '../access-application/case.ts';
import { listApplications } from '../access-application/service.ts';
import { subscribedCapabilityCodes } from '../capability/service.ts';
import { subscriptionCase } from '../capability-subscription/case.ts';
import type { CaseKind } from '../cases/kind.ts';
import { exitApplicationCase } from '../exit-application/case.ts';
import { listExitApplications } from '../exit-application/service.ts';
import { invitationCase } from '../invitation/case.ts';

export interface CaseProgress {
  typename: 'AccessApplication' | 'ExitApplication';
  id: string;
  status: string;
  step: ReviewStep | null;
  /** when the case entered its current status */
  since: Date;
  lastReason: string | null;
  statusInfo: { zh: string; en: string };
}

export interface StatusCount {
  status: string;
  count: number;
  label: { zh: string; en: string };
}

export interface EnterpriseOverview {
  enterprise: Enterprise;
  accessValidity: AccessValidity | null;
  accessApplication: CaseProgress | null;
  exitApplication: CaseProgress | null;
  sentInvitations: StatusCount[];
  receivedInvitations: StatusCount[];
  activeBindingCount: number;
  directUnit: Enterprise | null;
  subscriptions: StatusCount[];
  subscribedCapabilityCount: number;
  authorisationsGiven: number;
  authorisationsHeld: number;
}

/** A case's progress, read from its kind's declaration: its GraphQL type and its table's status. */
function progressOf(
  kind: typeof accessApplicationCase | typeof exitApplicationCase,
  row: { id: string; status: string; stepEnteredAt: Date; lastReason: string | null } | undefined,
): CaseProgress | null {
  if (!row) return null;
  const info: StatusInfo = kind.workflow.statusInfo[row.status] ?? { zh: row.status, en: row.status, terminal: false };
  return {
    typename: kind.typename as CaseProgress['typename'],
    id: row.id,
    status: row.status,
    step: info.step ?? null,
    since: row.stepEnteredAt,
    lastReason: row.lastReason,
    statusInfo: { zh: info.zh, en: info.en },
  };
}

/** Counts per status in the order of the kind's table, every status listed (0 where none). */
function countsOf(kind: CaseKind, groups: { status: string; _count: { _all: number } }[]): StatusCount[] {
  const counted = new Map(groups.map((g) => [g.status, g._count._all]));
  return kind.workflow.statuses.map((status) => ({
    status,
    count: counted.get(status) ?? 0,
    label: { zh: kind.statusLabel(status, 'zh-CN'), en: kind.statusLabel(status, 'en') },
  }));
}

/** The validity is shown while the enterprise is (still) a DCU: ACTIVE or EXITING. */
function validityOf(enterprise: Enterprise, now: Date): AccessValidity | null {
  if (!enterprise.dcuExpiresAt || (enterprise.dcuStatus !== 'ACTIVE' && enterprise.dcuStatus !== 'EXITING')) {
    return null;
  }
  return accessValidity(enterprise.dcuExpiresAt, now);
}

export async function enterpriseOverview(
  app: AppServices,
  enterpriseId: string,
  now: Date = new Date(),
): Promise<EnterpriseOverview> {
  const { db } = app;
  const enterprise = await db.enterprise.findUniqueOrThrow({ where: { id: enterpriseId } });
  const [access, exits, sent, received, activeBindingCount, ownBinding, subs, codes, given, held] = await Promise.all([
    listApplications(app, enterpriseId),
    listExitApplications(app, enterpriseId),
    db.invitation.groupBy({ by: ['status'], where: { dcuEnterpriseId: enterpriseId }, _count: { _all: true } }),
    db.invitation.groupBy({ by: ['status'], where: { useUnitEnterpriseId: enterpriseId }, _count: { _all: true } }),
    db.binding.count({ where: { dcuEnterpriseId: enterpriseId, status: 'ACTIVE' } }),
    db.binding.findFirst({ where: { useUnitEnterpriseId: enterpriseId, status: 'ACTIVE' }, include: { dcu: true } }),
    db.capabilitySubscription.groupBy({
      by: ['status'],
      where: { dcuEnterpriseId: enterpriseId },
      _count: { _all: true },
    }),
    enterprise.dcuStatus === 'ACTIVE' || enterprise.dcuStatus === 'EXITING'
      ? subscribedCapabilityCodes(db, enterpriseId)
      : Promise.resolve([]),
    db.capabilityAuthorisation.count({
      where: { dcuEnterpriseId: enterpriseId, status: 'ACTIVE', NOT: { holderEnterpriseId: enterpriseId } },
    }),
    db.capabilityAuthorisation.count({ where: { holderEnterpriseId: enterpriseId, status: 'ACTIVE' } }),
  ]);
  return {
    enterprise,
    accessValidity: validityOf(enterprise, now),
    accessApplication: progressOf(accessApplicationCase, access[0]),
    exitApplication: progressOf(exitApplicationCase, exits[0]),
    sentInvitations: countsOf(invitationCase, sent),
    receivedInvitations: countsOf(invitationCase, received),
    activeBindingCount,
    directUnit: ownBinding?.dcu ?? null,
    subscriptions: countsOf(subscriptionCase, subs),
    subscribedCapabilityCount: codes.length,
    authorisationsGiven: given,
    authorisationsHeld: held,
  };
}
