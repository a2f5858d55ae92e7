import {
  type AnyWorkflow,
  canExit,
  DCU_EVENT_OF_EXIT,
  domainError,
  err,
  exitApplicationWorkflow,
  missingMaterials,
  ok,
  provinceCodeOf,
  type Result,
  requiredExitMaterials,
  type TransitionRule,
} from '@leqi/domain';
import type { ExitApplication } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction, Refusal } from '../../platform/db/transaction.ts';
import { appendCaseEvent, type StoredCaseEvent } from '../../platform/events/audit.ts';
import {
  cancelInFlightSubscriptions,
  revokeSubscriptionsAndAuthorisations,
} from '../capability-subscription/service.ts';
import { bureauCasePerformer, canViewBureauCase, decisionUpdate } from '../cases/bureau-case.ts';
import { dcuNotActive, lockEnterprise, moveDcuStatus } from '../enterprise/dcu.ts';
import { cancelInFlightInvitations } from '../invitation/service.ts';
import { attachMaterials, materialKindsOf } from '../materials/service.ts';

export const CASE_KIND = 'EXIT_APPLICATION';
const CASCADE_REASON = '直连单位已提交退出申请，在途申请自动置为不成功';
const EXIT_CONFIRMED_REASON = '直连单位退出申请确认通过，已订阅能力及能力授权自动取消';

export const performerOf = bureauCasePerformer;
export const canView = canViewBureauCase;

export function visibility(row: ExitApplication) {
  return {
    caseKind: CASE_KIND,
    caseId: row.id,
    enterpriseId: row.enterpriseId,
    authorityCode: row.competentAuthorityCode,
    provinceCode: row.provinceCode,
  };
}

export interface ExitPrecheck {
  canExit: boolean;
  activeBindingCount: number;
  identityAllowed: boolean;
  dcuStatus: string;
}

async function activeBindingCount(db: Tx | AppServices['db'], enterpriseId: string): Promise<number> {
  return db.binding.count({ where: { dcuEnterpriseId: enterpriseId, status: 'ACTIVE' } });
}

/** 智能校验: only an ACTIVE DCU with no bound use units may apply to exit, and only its 法定代表人 or 财务负责人. */
export async function exitPrecheck(app: AppServices, viewer: Viewer): Promise<Result<ExitPrecheck>> {
  const actor = viewer.actor;
  if (actor.role !== 'ENTERPRISE') return err(domainError('FORBIDDEN'));
  const enterprise = await app.db.enterprise.findUniqueOrThrow({ where: { id: actor.enterpriseId } });
  const count = await activeBindingCount(app.db, enterprise.id);
  const identityAllowed = canExit(actor.identityType);
  return ok({
    canExit: identityAllowed && enterprise.dcuStatus === 'ACTIVE' && count === 0,
    activeBindingCount: count,
    identityAllowed,
    dcuStatus: enterprise.dcuStatus,
  });
}

/**
 * 提交退出申请. In one transaction: the DCU becomes EXITING, and every in-flight invitation and
 * subscription application is set unsuccessful (已失效) with the reason.
 */
export async function submitExit(
  app: AppServices,
  viewer: Viewer,
  materialIds: string[],
): Promise<Result<ExitApplication>> {
  const actor = viewer.actor;
  if (actor.role !== 'ENTERPRISE') return err(domainError('FORBIDDEN'));
  if (!canExit(actor.identityType)) return err(domainError('IDENTITY_NOT_ALLOWED'));
  return inTransaction(app, async (tx, emit) => {
    const enterprise = await lockEnterprise(tx, actor.enterpriseId);
    if (enterprise.dcuStatus !== 'ACTIVE') throw new Refusal(dcuNotActive(enterprise.dcuStatus));
    const bound = await activeBindingCount(tx, enterprise.id);
    if (bound > 0) throw new Refusal(domainError('EXIT_BLOCKED', { activeBindingCount: bound }));
    const row = await tx.exitApplication.create({
      data: {
        enterpriseId: enterprise.id,
        status: 'PENDING_ACCEPTANCE',
        competentAuthorityCode: enterprise.competentAuthorityCode,
        provinceCode: provinceCodeOf(enterprise.competentAuthorityCode),
        submittedAt: new Date(),
        createdById: viewer.userId,
      },
    });
    const attached = await attachMaterials(tx, CASE_KIND, row.id, materialIds, {
      replace: true,
      enterpriseId: enterprise.id,
    });
    if (!attached.ok) throw new Refusal(attached.error);
    const missing = missingMaterials(requiredExitMaterials(), await materialKindsOf(tx, CASE_KIND, row.id));
    if (missing.length > 0) {
      throw new Refusal(
        domainError(
          'MATERIALS_MISSING',
          { kinds: missing.join(',') },
          missing.map((kind) => ({ field: `materials.${kind}`, code: 'REQUIRED' })),
        ),
      );
    }
    await moveDcuStatus(tx, enterprise.id, 'exitSubmitted');
    emit(
      await appendCaseEvent(tx, {
        ...visibility(row),
        event: 'submit',
        fromStatus: null,
        toStatus: 'PENDING_ACCEPTANCE',
        actorUserId: viewer.userId,
        actorName: viewer.displayName,
        actorRole: actor.role,
      }),
    );
    for (const event of await cancelInFlightInvitations(tx, enterprise.id, CASCADE_REASON)) emit(event);
    for (const event of await cancelInFlightSubscriptions(tx, enterprise.id, CASCADE_REASON)) emit(event);
    return row;
  });
}

/** A bureau decision's columns, guarded by version. */
export async function writeExitDecision(
  tx: Tx,
  row: ExitApplication,
  rule: TransitionRule<string, string>,
  decider: Viewer,
  reason: string | null | undefined,
): Promise<number> {
  const { count } = await tx.exitApplication.updateMany({
    where: { id: row.id, version: row.version },
    data: decisionUpdate(exitApplicationWorkflow as AnyWorkflow, rule, decider.userId, reason),
  });
  return count;
}

/** 确认通过 ends the DCU (its subscriptions and authorisations with it); any rejection makes it ACTIVE again. */
export async function exitDecisionEffects(
  tx: Tx,
  row: ExitApplication,
  rule: TransitionRule<string, string>,
): Promise<StoredCaseEvent[]> {
  const dcuEvent = DCU_EVENT_OF_EXIT[rule.event as keyof typeof DCU_EVENT_OF_EXIT];
  if (dcuEvent === 'exitConfirmed') {
    // 确认通过后不再显示直连单位信息: the 乐企ID and validity end with the DCU (a new confirmation issues new ones)
    await moveDcuStatus(tx, row.enterpriseId, dcuEvent, { leqiId: null, dcuExpiresAt: null });
    return revokeSubscriptionsAndAuthorisations(tx, row.enterpriseId, EXIT_CONFIRMED_REASON);
  }
  // 退出申请失败，仍保留直连资格
  if (dcuEvent) await moveDcuStatus(tx, row.enterpriseId, dcuEvent);
  return [];
}

export async function listExitApplications(app: AppServices, enterpriseId: string) {
  return app.db.exitApplication.findMany({ where: { enterpriseId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
}

export async function findExitApplication(app: AppServices, viewer: Viewer, id: string) {
  const row = await app.db.exitApplication.findUnique({ where: { id } });
  return row && canView(viewer.actor, row) ? row : null;
}
