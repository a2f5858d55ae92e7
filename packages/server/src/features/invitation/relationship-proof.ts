// 变更关系证明材料: replacing the relationship proof of a pending invitation or an ACTIVE binding.

import {
  domainError,
  err,
  type InvitationStatus,
  invitationWorkflow,
  proofReplaceableIn,
  type Result,
} from '@leqi/domain';
import type { Invitation } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { inTransaction, Refusal } from '../../platform/db/transaction.ts';
import { appendCaseEvent } from '../../platform/events/audit.ts';
import { attachMaterials } from '../materials/service.ts';
import { CASE_KIND, canView, performerOf, registeredAuthorityOf, visibility } from './parties.ts';
import { lockInvitation } from './service.ts';

/** 变更关系证明材料: either side, while the invitation is pending or its binding is ACTIVE; audited. */
export async function replaceRelationshipProof(
  app: AppServices,
  viewer: Viewer,
  invitationId: string,
  materialIds: string[],
): Promise<Result<Invitation>> {
  const actor = viewer.actor;
  if (actor.role !== 'ENTERPRISE') return err(domainError('FORBIDDEN'));
  const ids = [...new Set(materialIds)];
  if (ids.length === 0) return err(domainError('VALIDATION_FAILED', {}, [{ field: 'materialIds', code: 'REQUIRED' }]));
  return inTransaction(app, async (tx, emit) => {
    const row = await lockInvitation(tx, invitationId);
    if (!row || !canView(actor, row)) throw new Refusal(domainError('NOT_FOUND'));
    const side = performerOf(actor, row);
    if (side !== 'OWNER_ENTERPRISE' && side !== 'USE_UNIT') throw new Refusal(domainError('FORBIDDEN'));
    const status = row.status as InvitationStatus;
    if (!proofReplaceableIn(status)) {
      const info = invitationWorkflow.statusInfo[status];
      throw new Refusal(
        domainError('INVALID_TRANSITION', { status, statusZh: info.zh, statusEn: info.en, event: 'replaceProof' }),
      );
    }
    // the new set may keep materials already attached (the other side's) and add the caller's own
    const attachedNow = await tx.caseMaterial.findMany({ where: { caseKind: CASE_KIND, caseId: row.id } });
    const own = await tx.material.findMany({ where: { id: { in: ids }, enterpriseId: actor.enterpriseId } });
    const unknown = ids.filter(
      (id) => !own.some((material) => material.id === id) && !attachedNow.some((a) => a.materialId === id),
    );
    if (unknown.length > 0) {
      throw new Refusal(
        domainError(
          'VALIDATION_FAILED',
          {},
          unknown.map((id) => ({ field: `materialIds.${ids.indexOf(id)}`, code: 'NOT_FOUND' })),
        ),
      );
    }
    const attached = await attachMaterials(tx, CASE_KIND, row.id, ids, { replace: true });
    if (!attached.ok) throw new Refusal(attached.error);
    await tx.invitation.update({ where: { id: row.id }, data: { version: { increment: 1 } } });
    emit(
      await appendCaseEvent(tx, {
        ...visibility(row, await registeredAuthorityOf(tx, row)),
        event: 'replaceProof',
        fromStatus: row.status,
        toStatus: row.status,
        actorUserId: viewer.userId,
        actorName: viewer.displayName,
        actorRole: actor.role,
        payload: { materialIds: ids },
      }),
    );
    return tx.invitation.findUniqueOrThrow({ where: { id: row.id } });
  });
}
