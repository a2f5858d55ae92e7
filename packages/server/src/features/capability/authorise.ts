// 能力授权 to a use unit already bound (DESIGN §3.4): the DCU grants capabilities it subscribed, after the
// binding was confirmed (pre-authorisation at invitation is the other way in). One transaction: the DCU locked
// (an exit submitted meanwhile waits or wins), the binding locked, the rule asked, the authorisations written and
// the grant appended to the audit trail of the binding's invitation, as replaceProof is.
import { capabilityGrantRefusal, domainError, enterpriseIdOf, err, type Result } from '@leqi/domain';
import type { CapabilityAuthorisation } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { inTransaction, Refusal } from '../../platform/db/transaction.ts';
import { appendCaseEvent } from '../../platform/events/audit.ts';
import { lockActiveDcu } from '../enterprise/dcu.ts';
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
  const notFound = domainError('NOT_FOUND', { entity: '绑定关系' });
  const owned = await app.db.binding.findUnique({ where: { id: input.bindingId } });
  if (owned?.useUnitEnterpriseId === dcuId) return err(domainError('FORBIDDEN'));
  if (owned?.dcuEnterpriseId !== dcuId) return err(notFound);
  return inTransaction(app, async (tx, emit) => {
    await lockActiveDcu(tx, dcuId);
    await tx.$queryRaw`SELECT id FROM "Binding" WHERE id = ${owned.id} FOR UPDATE`;
    const binding = await tx.binding.findUniqueOrThrow({ where: { id: owned.id } });
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
