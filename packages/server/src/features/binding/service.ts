// 绑定关系: created by a confirmed invitation; unbound at once by either side, revoking the authorisations.
import {
  type BindingEvent,
  type BindingStatus,
  bindingWorkflow,
  decide,
  domainError,
  err,
  INVITE_API_MAX_ROWS,
  normalizeUscc,
  ok,
  type Result,
} from '@leqi/domain';
import type { Binding, Invitation, Prisma } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction, Refusal } from '../../platform/db/transaction.ts';
import { NEXT_VERSION, writeVersioned } from '../../platform/db/versioned-write.ts';
import { authorisePreauthorised, revokeBindingAuthorisations } from '../capability/service.ts';
import { markInvitationUnbound, type Page, pageArguments } from '../invitation/service.ts';

/** At most this many bindings per unbind call (web or API), as for invitations. */
export const UNBIND_MAX_ITEMS = INVITE_API_MAX_ROWS;

/** On 确认通过, inside the confirming transaction: the ACTIVE binding and the pre-authorised capabilities. */
export async function createBindingOnConfirmation(tx: Tx, invitation: Invitation): Promise<Binding> {
  if (!invitation.useUnitEnterpriseId) throw new Refusal(domainError('NOT_FOUND'));
  const bound = decide(bindingWorkflow, 'bind', { status: null, performer: 'SYSTEM' });
  if (!bound.ok) throw new Refusal(bound.error);
  const now = new Date();
  const binding = await tx.binding.create({
    data: {
      invitationId: invitation.id,
      dcuEnterpriseId: invitation.dcuEnterpriseId,
      useUnitEnterpriseId: invitation.useUnitEnterpriseId,
      status: bound.value.to,
      activeKey: invitation.useUnitEnterpriseId,
      boundAt: now,
    },
  });
  await authorisePreauthorised(tx, binding, invitation.capabilityCodes, now);
  return binding;
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

/** One unbinding, all or nothing: binding UNBOUND, invitation 已解除, authorisations revoked. */
async function unbindOne(
  app: AppServices,
  viewer: Viewer,
  find: (tx: Tx) => Promise<Binding | null>,
  event: Exclude<BindingEvent, 'bind'>,
): Promise<Result<Binding>> {
  return inTransaction(app, async (tx, emit) => {
    const found = await find(tx);
    if (!found) throw new Refusal(domainError('NOT_FOUND', { entity: '绑定关系' }));
    await tx.$queryRaw`SELECT id FROM "Binding" WHERE id = ${found.id} FOR UPDATE`;
    const binding = await tx.binding.findUniqueOrThrow({ where: { id: found.id } });
    const performer = event === 'unbindByUseUnit' ? 'USE_UNIT' : 'OWNER_ENTERPRISE';
    const decision = decide(bindingWorkflow, event, { status: binding.status as BindingStatus, performer });
    if (!decision.ok) throw new Refusal(decision.error);
    const now = new Date();
    await writeVersioned({
      expectedVersion: binding.version,
      write: ({ version }) =>
        tx.binding.updateMany({
          where: { id: binding.id, version },
          data: {
            status: decision.value.to,
            activeKey: null,
            unboundAt: now,
            unboundById: viewer.userId,
            ...NEXT_VERSION,
          },
        }),
      storedVersion: async () => (await tx.binding.findUniqueOrThrow({ where: { id: binding.id } })).version,
    });
    await revokeBindingAuthorisations(tx, binding.id, now);
    emit(await markInvitationUnbound(tx, viewer, binding.invitationId, event));
    return tx.binding.findUniqueOrThrow({ where: { id: binding.id } });
  });
}

export interface UnbindFailure {
  bindingId: string | null;
  uscc: string | null;
  code: string;
  message: string | null;
  error: ReturnType<typeof domainError>;
}

/** 解除使用单位 (batch) by the DCU's operator or API token: each item is its own transaction. */
export async function unbindUseUnits(
  app: AppServices,
  viewer: Viewer,
  input: { bindingIds?: string[] | null; usccs?: string[] | null },
): Promise<Result<{ unbound: Binding[]; failed: UnbindFailure[] }>> {
  const actor = viewer.actor;
  if (actor.role !== 'ENTERPRISE' && actor.role !== 'API_CLIENT') return err(domainError('FORBIDDEN'));
  const dcuId = actor.enterpriseId;
  const items = [
    ...(input.bindingIds ?? []).map((id) => ({ bindingId: id, uscc: null as string | null })),
    ...(input.usccs ?? []).map((uscc) => ({ bindingId: null as string | null, uscc: normalizeUscc(uscc) })),
  ];
  if (items.length === 0) return err(domainError('VALIDATION_FAILED', {}, [{ field: 'bindingIds', code: 'REQUIRED' }]));
  if (items.length > UNBIND_MAX_ITEMS)
    return err(domainError('LIMIT_EXCEEDED', { max: UNBIND_MAX_ITEMS, actual: items.length }));
  const unbound: Binding[] = [];
  const failed: UnbindFailure[] = [];
  for (const item of items) {
    const result = await unbindOne(
      app,
      viewer,
      (tx) =>
        item.bindingId
          ? tx.binding.findFirst({ where: { id: item.bindingId, dcuEnterpriseId: dcuId } })
          : tx.binding.findFirst({
              where: { dcuEnterpriseId: dcuId, status: 'ACTIVE', useUnit: { uscc: item.uscc ?? '' } },
            }),
      'unbindByDirectUnit',
    );
    if (result.ok) unbound.push(result.value);
    else failed.push({ ...item, code: result.error.code, message: null, error: result.error });
  }
  return ok({ unbound, failed });
}

/** 解除与直连单位绑定关系 by the use unit's operator. */
export async function unbindDirectUnit(app: AppServices, viewer: Viewer, bindingId: string): Promise<Result<Binding>> {
  const actor = viewer.actor;
  if (actor.role !== 'ENTERPRISE') return err(domainError('FORBIDDEN'));
  const binding = await app.db.binding.findUnique({ where: { id: bindingId } });
  if (!binding || !canViewBinding(viewer, binding)) return err(domainError('NOT_FOUND', { entity: '绑定关系' }));
  if (binding.useUnitEnterpriseId !== actor.enterpriseId) return err(domainError('FORBIDDEN'));
  return unbindOne(app, viewer, (tx) => tx.binding.findUnique({ where: { id: bindingId } }), 'unbindByUseUnit');
}

/** The viewer's enterprise's bindings, as DCU or as use unit; newest first. */
export async function listBindings(
  app: AppServices,
  viewer: Viewer,
  request: { status?: 'ACTIVE' | 'UNBOUND' | null; first?: number | null; after?: string | null },
): Promise<Result<Page<Binding>>> {
  const actor = viewer.actor;
  if (actor.role !== 'ENTERPRISE' && actor.role !== 'API_CLIENT') return err(domainError('FORBIDDEN'));
  const args = pageArguments(request.first, request.after);
  if (!args.ok) return args;
  const { size, cursor } = args.value;
  const where: Prisma.BindingWhereInput = {
    OR:
      actor.role === 'API_CLIENT'
        ? [{ dcuEnterpriseId: actor.enterpriseId }]
        : [{ dcuEnterpriseId: actor.enterpriseId }, { useUnitEnterpriseId: actor.enterpriseId }],
    ...(request.status ? { status: request.status } : {}),
  };
  const [rows, totalCount] = await Promise.all([
    app.db.binding.findMany({
      where: cursor
        ? {
            AND: [
              where,
              { OR: [{ boundAt: { lt: cursor.createdAt } }, { boundAt: cursor.createdAt, id: { lt: cursor.id } }] },
            ],
          }
        : where,
      orderBy: [{ boundAt: 'desc' }, { id: 'desc' }],
      take: size + 1,
    }),
    app.db.binding.count({ where }),
  ]);
  return ok({ rows: rows.slice(0, size), hasNextPage: rows.length > size, totalCount });
}
