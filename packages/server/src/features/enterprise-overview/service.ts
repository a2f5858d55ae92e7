// 企业概览: one read of "where do we stand" for the viewer's enterprise — a read model over several features'
// tables (counts only; every change still goes through its own feature's service).
import {
  type AccessValidity,
  type AnyWorkflow,
  accessApplicationWorkflow,
  accessValidity,
  capabilitySubscriptionWorkflow,
  exitApplicationWorkflow,
  invitationWorkflow,
  type ReviewStep,
  type StatusInfo,
} from '@leqi/domain';
import type { Enterprise } from '../../generated/prisma/client.ts';
import type { AppServices } from '../../platform/context.ts';
import { listApplications } from '../access-application/service.ts';
import { subscribedCapabilityCodes } from '../capability/service.ts';
import { listExitApplications } from '../exit-application/service.ts';

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

function progressOf(
  typename: CaseProgress['typename'],
  workflow: AnyWorkflow,
  row: { id: string; status: string; stepEnteredAt: Date; lastReason: string | null } | undefined,
): CaseProgress | null {
  if (!row) return null;
  const info: StatusInfo = workflow.statusInfo[row.status] ?? { zh: row.status, en: row.status, terminal: false };
  return {
    typename,
    id: row.id,
    status: row.status,
    step: info.step ?? null,
    since: row.stepEnteredAt,
    lastReason: row.lastReason,
    statusInfo: { zh: info.zh, en: info.en },
  };
}

/** Counts per status in the workflow's order, every status listed (0 where none). */
function countsOf(workflow: AnyWorkflow, groups: { status: string; _count: { _all: number } }[]): StatusCount[] {
  const counted = new Map(groups.map((g) => [g.status, g._count._all]));
  return workflow.statuses.map((status) => ({
    status,
    count: counted.get(status) ?? 0,
    label: { zh: workflow.statusInfo[status]?.zh ?? status, en: workflow.statusInfo[status]?.en ?? status },
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
    accessApplication: progressOf('AccessApplication', accessApplicationWorkflow as AnyWorkflow, access[0]),
    exitApplication: progressOf('ExitApplication', exitApplicationWorkflow as AnyWorkflow, exits[0]),
    sentInvitations: countsOf(invitationWorkflow as AnyWorkflow, sent),
    receivedInvitations: countsOf(invitationWorkflow as AnyWorkflow, received),
    activeBindingCount,
    directUnit: ownBinding?.dcu ?? null,
    subscriptions: countsOf(capabilitySubscriptionWorkflow as AnyWorkflow, subs),
    subscribedCapabilityCount: codes.length,
    authorisationsGiven: given,
    authorisationsHeld: held,
  };
}
