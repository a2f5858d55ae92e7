// 能力授权 to a use unit already bound (DESIGN §3.4): the DCU grants capabilities it subscribed, after the
// binding was confirmed (pre-authorisation at invitation is the other way in). One transaction: the DCU locked
// (an exit submitted meanwhile waits or wins), the binding locked and judged as locked (whose it is, its status),
// the rule asked, the authorisations written and the grant appended to the audit trail of the binding's invitation,
// as replaceProof is.
import { capabilityGrantRefusal, domainError, enterpriseIdOf, err, type Result } from '@leqi/domain';
import type { CapabilityAuthorisation } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { inTransaction, Refusal } from '../../platform/db/transaction.ts';
import { appendCaseEvent } from '../../platform/events/audit.ts';
import { lockBinding } from '../binding/lock.ts';
import { dcuNotActive, lockEnterprise } from '../enterprise/dcu.ts';
import { registeredAuthorityOf, visibility } from '../invitation/parties.ts';
import { DEFAULT_AUTHORISATION_END, subscribedCapabilityCodes } from './service.ts';

export const AUTHORISE_EVENT = 'authoriseCapabilities';

export interface CapabilityGrantInput {
  bindingId: string;
  capabilityCodes: string[];
  validFrom?: Date | null;
  validTo?: Date | null;
}

/**
 * 授权能力 by the DCU's operator or API token. The use unit of the binding is FORBIDDEN (it cannot grant itself
 * anything); a binding of somebody else is NOT_FOUND, as if it did not exist.
 */
export async function authoriseCapabilities(
  app: AppServices,
  viewer: Viewer,
  input: CapabilityGrantInput,
): Promise<Result<CapabilityAuthorisation[]>> {
  const dcuId = enterpriseIdOf(viewer.actor);
  if (!dcuId) return err(domainError('FORBIDDEN'));
  return inTransaction(app, async (tx, emit) => {
    // the DCU before the binding, the order exits and confirmations lock them in
    const dcu = await lockEnterprise(tx, dcuId);
    const binding = await lockBinding(tx, input.bindingId);
    if (binding?.useUnitEnterpriseId === dcuId) throw new Refusal(domainError('FORBIDDEN'));
    if (!binding || binding.dcuEnterpriseId !== dcuId)
      throw new Refusal(domainError('NOT_FOUND', { entity: '绑定关系' }));
    if (dcu.dcuStatus !== 'ACTIVE') throw new Refusal(dcuNotActive(dcu.dcuStatus));
    const active = await tx.capabilityAuthorisation.findMany({
      where: { bindingId: binding.id, status: 'ACTIVE' },
      select: { capabilityCode: true },
    });
    const now = new Date();
    const requested = [...new Set(input.capabilityCodes)];
    const validFrom = input.validFrom ?? now;
    const validTo = input.validTo ?? DEFAULT_AUTHORISATION_END;
    const refusal = capabilityGrantRefusal({
      dcuStatus: 'ACTIVE',
      bindingStatus: binding.status,
      subscribed: await subscribedCapabilityCodes(tx, dcuId),
      active: active.map((row) => row.capabilityCode),
      requested,
      validFrom,
      validTo,
      now,
    });
    if (refusal) throw new Refusal(refusal);
    const written = await tx.capabilityAuthorisation.createManyAndReturn({
      data: requested.map((capabilityCode) => ({
        dcuEnterpriseId: dcuId,
        holderEnterpriseId: binding.useUnitEnterpriseId,
        capabilityCode,
        bindingId: binding.id,
        validFrom,
        validTo,
        status: 'ACTIVE',
      })),
    });
    const invitation = await tx.invitation.findUniqueOrThrow({ where: { id: binding.invitationId } });
    emit(
      await appendCaseEvent(tx, {
        ...visibility(invitation, await registeredAuthorityOf(tx, invitation)),
        event: AUTHORISE_EVENT,
        fromStatus: invitation.status,
        toStatus: invitation.status,
        actorUserId: viewer.userId,
        actorName: viewer.displayName,
        actorRole: viewer.actor.role,
        payload: {
          bindingId: binding.id,
          capabilityCodes: requested,
          validFrom: validFrom.toISOString(),
          validTo: validTo.toISOString(),
        },
      }),
    );
    return written.sort((a, b) => (a.capabilityCode < b.capabilityCode ? -1 : 1));
  });
}
