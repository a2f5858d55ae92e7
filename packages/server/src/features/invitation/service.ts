// 接入邀请: the use unit's response, the bureau's decisions, binding on 确认通过 (DESIGN §3.2).
import {
  decide,
  domainError,
  err,
  type InvitationEvent,
  type InvitationStatus,
  invitationWorkflow,
  PENDING_INVITATION_STATUSES,
  type Relationship,
  type Result,
  relationshipProofRequired,
  validateAuthorityCode,
} from '@leqi/domain';
import type { Invitation, Prisma } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { Refusal } from '../../platform/db/transaction.ts';
import { appendCaseEvent, type StoredCaseEvent } from '../../platform/events/audit.ts';
import { runTransition } from '../cases/transition.ts';
import { attachMaterials } from '../materials/service.ts';
import { CASE_KIND, liveKeyAfter, performerOf, registeredAuthorityOf, visibility } from './parties.ts';

export { inviteUseUnits, invitingDcu, proofMaterialsOf } from './invite.ts';
export type { InvitationRowInput } from './invite-batch.ts';

/**
 * Locks the invitation row for the rest of the transaction — after a shared lock on its DCU, always in
 * that order: an exit submission (which locks the DCU exclusively and then cancels the DCU's pending
 * invitations) and any invitation transition of that DCU then run one after the other, never interleaved.
 */
export async function lockInvitation(tx: Tx, id: string): Promise<Invitation | null> {
  const unlocked = await tx.invitation.findUnique({ where: { id }, select: { dcuEnterpriseId: true } });
  if (!unlocked) return null;
  await tx.$queryRaw`SELECT id FROM "Enterprise" WHERE id = ${unlocked.dcuEnterpriseId} FOR SHARE`;
  await tx.$queryRaw`SELECT id FROM "Invitation" WHERE id = ${id} FOR UPDATE`;
  return tx.invitation.findUnique({ where: { id } });
}

/**
 * Moves a locked row to `to`, guarded by the version it was read with, stamping the step's start (and whatever
 * `stamped` adds at the same instant); returns the rows written (0 = a lost race).
 */
async function writeStatus(
  tx: Tx,
  row: Invitation,
  to: InvitationStatus,
  stamped: (now: Date) => Prisma.InvitationUpdateManyMutationInput,
): Promise<number> {
  const now = new Date();
  const { count } = await tx.invitation.updateMany({
    where: { id: row.id, version: row.version },
    data: { status: to, version: { increment: 1 }, stepEnteredAt: now, ...stamped(now) },
  });
  return count;
}

interface RespondInput {
  id: string;
  expectedVersion: number;
  /** deprecated: the registered competent authority is used; naming another one is refused */
  competentAuthorityCode?: string | null;
  relationship: Relationship;
  proofMaterialIds?: string[] | null;
}

/**
 * The use unit's competent authority is the one the registry holds for it (DESIGN §4): a caller that still names one
 * must name exactly that one, or the bureau deciding its case would be of the caller's choosing.
 */
function checkNamedAuthority(named: string | null, registered: string): void {
  if (named === null || named === registered) return;
  throw new Refusal(
    domainError('VALIDATION_FAILED', {}, [
      { field: 'competentAuthorityCode', code: 'NOT_REGISTERED_AUTHORITY', params: { expected: registered } },
    ]),
  );
}

/** 响应邀请: the use unit confirms the relationship and may replace the proof; its registered authority decides. */
export async function respondToInvitation(
  app: AppServices,
  viewer: Viewer,
  input: RespondInput,
): Promise<Result<Invitation>> {
  let named: string | null = null;
  if (input.competentAuthorityCode != null) {
    const code = validateAuthorityCode(input.competentAuthorityCode, 'competentAuthorityCode');
    if (!code.ok) return err(domainError('VALIDATION_FAILED', {}, [code.error]));
    named = code.value;
  }
  let authorityCode: string | null = null;
  return runTransition<InvitationStatus, InvitationEvent, Invitation>(app, viewer, {
    workflow: invitationWorkflow,
    event: 'respond',
    expectedVersion: input.expectedVersion,
    load: (tx) => lockInvitation(tx, input.id),
    performerOf: (row) => performerOf(viewer.actor, row),
    write: async (tx, row, rule) => {
      const useUnit = await tx.enterprise.findUniqueOrThrow({ where: { id: row.useUnitEnterpriseId ?? '' } });
      checkNamedAuthority(named, useUnit.competentAuthorityCode);
      authorityCode = useUnit.competentAuthorityCode;
      if (input.proofMaterialIds) {
        const attached = await attachMaterials(tx, CASE_KIND, row.id, input.proofMaterialIds, {
          replace: true,
          enterpriseId: row.useUnitEnterpriseId ?? undefined,
        });
        if (!attached.ok) throw new Refusal(attached.error);
      }
      const proofCount = await tx.caseMaterial.count({ where: { caseKind: CASE_KIND, caseId: row.id } });
      if (proofCount === 0 && relationshipProofRequired(input.relationship, useUnit.regulatedSector)) {
        throw new Refusal(domainError('MATERIALS_MISSING', {}, [{ field: 'proofMaterialIds', code: 'REQUIRED' }]));
      }
      return writeStatus(tx, row, rule.to, (now) => ({
        useUnitAuthorityCode: authorityCode,
        relationship: input.relationship,
        respondedAt: now,
      }));
    },
    describe: (row) => visibility({ ...row, useUnitAuthorityCode: authorityCode ?? row.useUnitAuthorityCode }),
    reload: (tx, id) => tx.invitation.findUniqueOrThrow({ where: { id } }),
  });
}

/** 拒绝邀请 by the use unit; the DCU may invite again. */
export async function declineInvitation(
  app: AppServices,
  viewer: Viewer,
  id: string,
  expectedVersion: number,
  reason?: string | null,
): Promise<Result<Invitation>> {
  let registered: string | null = null;
  return runTransition<InvitationStatus, InvitationEvent, Invitation>(app, viewer, {
    workflow: invitationWorkflow,
    event: 'decline',
    expectedVersion,
    reason,
    load: async (tx) => {
      const row = await lockInvitation(tx, id);
      if (row) registered = await registeredAuthorityOf(tx, row);
      return row;
    },
    performerOf: (row) => performerOf(viewer.actor, row),
    write: (tx, row, rule) =>
      writeStatus(tx, row, rule.to, (now) => ({
        liveKey: liveKeyAfter(rule.to, row.useUnitUscc),
        lastReason: reason?.trim() || null,
        respondedAt: now,
        decidedAt: now,
      })),
    describe: (row) => visibility(row, registered),
    reload: (tx, rowId) => tx.invitation.findUniqueOrThrow({ where: { id: rowId } }),
  });
}

/** The use unit's authority's decisions on an invitation (受理 / 不予受理 / 确认通过 / 确认不通过). */
export type InvitationDecisionEvent = Extract<InvitationEvent, 'accept' | 'refuse' | 'confirm' | 'rejectConfirmation'>;

/**
 * For the exit workflow: every pending invitation of the DCU becomes 已失效 (CANCELLED) with the reason,
 * inside the caller's transaction. The caller publishes the returned events after commit.
 */
export async function cancelInFlightInvitations(
  tx: Tx,
  dcuEnterpriseId: string,
  reason: string,
): Promise<StoredCaseEvent[]> {
  const pending = await tx.invitation.findMany({
    where: { dcuEnterpriseId, status: { in: [...PENDING_INVITATION_STATUSES] } },
    orderBy: { createdAt: 'asc' },
  });
  const events: StoredCaseEvent[] = [];
  for (const row of pending) {
    const decision = decide(invitationWorkflow, 'cancel', {
      status: row.status as InvitationStatus,
      performer: 'SYSTEM',
      reason,
    });
    if (!decision.ok) continue;
    await writeStatus(tx, row, decision.value.to, (now) => ({
      liveKey: null,
      lastReason: reason.trim(),
      decidedAt: now,
    }));
    events.push(
      await appendCaseEvent(tx, {
        ...visibility(row, await registeredAuthorityOf(tx, row)),
        event: 'cancel',
        fromStatus: row.status,
        toStatus: decision.value.to,
        actorName: '系统',
        actorRole: 'SYSTEM',
        reason: reason.trim(),
      }),
    );
  }
  return events;
}

/** For unbinding (binding service): the confirmed invitation becomes 已解除 in the same transaction. */
export async function markInvitationUnbound(
  tx: Tx,
  viewer: Viewer,
  invitationId: string,
  event: 'unbindByDirectUnit' | 'unbindByUseUnit',
): Promise<StoredCaseEvent> {
  const row = await lockInvitation(tx, invitationId);
  if (!row) throw new Refusal(domainError('NOT_FOUND'));
  const decision = decide(invitationWorkflow, event, {
    status: row.status as InvitationStatus,
    performer: event === 'unbindByDirectUnit' ? 'OWNER_ENTERPRISE' : 'USE_UNIT',
  });
  if (!decision.ok) throw new Refusal(decision.error);
  await writeStatus(tx, row, decision.value.to, (now) => ({
    liveKey: liveKeyAfter(decision.value.to, row.useUnitUscc),
    decidedAt: now,
  }));
  return appendCaseEvent(tx, {
    ...visibility(row),
    event,
    fromStatus: row.status,
    toStatus: decision.value.to,
    actorUserId: viewer.userId,
    actorName: viewer.displayName,
    actorRole: viewer.actor.role,
  });
}
