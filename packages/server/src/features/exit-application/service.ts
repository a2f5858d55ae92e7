import {
  canExit,
  decide,
  domainError,
  err,
  exitApplicationWorkflow,
  ok,
  provinceCodeOf,
  type Result,
  requiredExitMaterials,
} from '@leqi/domain';
import type { ExitApplication } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction, Refusal } from '../../platform/db/transaction.ts';
import { appendCaseEvent } from '../../platform/events/audit.ts';
import { bureauCaseVisibility } from '../cases/bureau-case.ts';
import { runDecisionEffects } from '../cases/decision-effects.ts';
import { dcuNotActive, lockEnterprise } from '../enterprise/dcu.ts';
import { attachMaterials, requireMaterials } from '../materials/service.ts';

export const CASE_KIND = 'EXIT_APPLICATION';

export const visibility = (row: ExitApplication) => bureauCaseVisibility(CASE_KIND, row);

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
    const submitted = decide(exitApplicationWorkflow, 'submit', { status: null, performer: 'OWNER_ENTERPRISE' });
    if (!submitted.ok) throw new Refusal(submitted.error);
    const rule = submitted.value;
    const row = await tx.exitApplication.create({
      data: {
        enterpriseId: enterprise.id,
        status: rule.to,
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
    await requireMaterials(tx, CASE_KIND, row.id, requiredExitMaterials());
    emit(
      await appendCaseEvent(tx, {
        ...visibility(row),
        event: 'submit',
        fromStatus: null,
        toStatus: rule.to,
        actorUserId: viewer.userId,
        actorName: viewer.displayName,
        actorRole: actor.role,
      }),
    );
    // the DCU is exiting; its invitations and subscriptions in flight are cancelled (the table's startExit, cancelInFlight)
    for (const event of await runDecisionEffects(tx, row, rule, viewer)) emit(event);
    return row;
  });
}

export async function listExitApplications(app: AppServices, enterpriseId: string) {
  return app.db.exitApplication.findMany({ where: { enterpriseId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
}
