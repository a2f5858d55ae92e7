// 绑定关系: created by a confirmed invitation (unbinding: unbind.ts); who sees one, and the lists of them.
import {
  type BindingEvent,
  type BindingStatus,
  bindingWorkflow,
  decide,
  domainError,
  err,
  type Result,
  type TransitionRule,
} from '@leqi/domain';
import type { Binding, Invitation, Prisma } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { Refusal } from '../../platform/db/transaction.ts';
import { newestFirstPage, type Page } from '../../platform/paging.ts';

/**
 * 绑定: on 确认通过, inside the confirming transaction, the ACTIVE binding by the binding table's `bind` rule; the
 * caller performs the rule's effects (the pre-authorised capabilities).
 */
export async function openBinding(
  tx: Tx,
  invitation: Invitation,
): Promise<{ binding: Binding; rule: TransitionRule<BindingStatus, BindingEvent> }> {
  if (!invitation.useUnitEnterpriseId) throw new Refusal(domainError('NOT_FOUND'));
  const bound = decide(bindingWorkflow, 'bind', { status: null, performer: 'SYSTEM' });
  if (!bound.ok) throw new Refusal(bound.error);
  const binding = await tx.binding.create({
    data: {
      invitationId: invitation.id,
      dcuEnterpriseId: invitation.dcuEnterpriseId,
      useUnitEnterpriseId: invitation.useUnitEnterpriseId,
      status: bound.value.to,
      activeKey: invitation.useUnitEnterpriseId,
      boundAt: new Date(),
    },
  });
  return { binding, rule: bound.value };
}

export function canViewBinding(viewer: Viewer, binding: Pick<Binding, 'dcuEnterpriseId' | 'useUnitEnterpriseId'>) {
  const actor = viewer.actor;
  if (actor.role === 'ADMIN') return true;
  if (actor.role === 'ENTERPRISE' || actor.role === 'API_CLIENT')
    return actor.enterpriseId === binding.dcuEnterpriseId || actor.enterpriseId === binding.useUnitEnterpriseId;
  return false;
}

export async function findBinding(app: AppServices, viewer: Viewer, id: string): Promise<Binding | null> {
  const binding = await app.db.binding.findUnique({ where: { id } });
  return binding && canViewBinding(viewer, binding) ? binding : null;
}

/** The viewer's enterprise's bindings, as DCU or as use unit; newest first. */
export async function listBindings(
  app: AppServices,
  viewer: Viewer,
  request: { status?: 'ACTIVE' | 'UNBOUND' | null; first?: number | null; after?: string | null },
): Promise<Result<Page<Binding>>> {
  const actor = viewer.actor;
  if (actor.role !== 'ENTERPRISE' && actor.role !== 'API_CLIENT') return err(domainError('FORBIDDEN'));
  const where: Prisma.BindingWhereInput = {
    OR:
      actor.role === 'API_CLIENT'
        ? [{ dcuEnterpriseId: actor.enterpriseId }]
        : [{ dcuEnterpriseId: actor.enterpriseId }, { useUnitEnterpriseId: actor.enterpriseId }],
    ...(request.status ? { status: request.status } : {}),
  };
  return newestFirstPage(app.db.binding, where, request, 'boundAt');
}
