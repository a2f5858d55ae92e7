// 解除绑定: either side ends a binding at once (已解除): the binding by its table, the authorisations revoked, the
// invitation marked unbound — each unbinding one transaction.
import {
  type BindingEvent,
  type BindingStatus,
  bindingWorkflow,
  type DomainError,
  decide,
  domainError,
  err,
  INVITE_API_MAX_ROWS,
  normalizeUscc,
  ok,
  type Result,
} from '@leqi/domain';
import type { Binding } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction, Refusal } from '../../platform/db/transaction.ts';
import { NEXT_VERSION, writeVersioned } from '../../platform/db/versioned-write.ts';
import { runDecisionEffects } from '../cases/decision-effects.ts';
import { lockBinding } from './lock.ts';
import { canViewBinding } from './service.ts';

/** At most this many bindings per unbind call (web or API), as for invitations. */
const UNBIND_MAX_ITEMS = INVITE_API_MAX_ROWS;

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
    const binding = await lockBinding(tx, found.id);
    if (!binding) throw new Refusal(domainError('NOT_FOUND', { entity: '绑定关系' }));
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
    // the authorisations revoked and the invitation 已解除, as the binding table names them
    for (const consequence of await runDecisionEffects(tx, binding, decision.value, viewer)) emit(consequence);
    return tx.binding.findUniqueOrThrow({ where: { id: binding.id } });
  });
}

/** An item not unbound: the binding or the use unit's USCC as given, and why. */
export interface UnbindFailure {
  bindingId: string | null;
  uscc: string | null;
  error: DomainError;
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
    else failed.push({ ...item, error: result.error });
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
