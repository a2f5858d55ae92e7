// 能力 catalogue, what a DCU may pre-authorise, and 能力授权 to its use units (DESIGN §3.4).
import { AUTHORISATION_DEFAULT_END } from '@leqi/domain';
import type { CapabilityAuthorisation } from '../../generated/prisma/client.ts';
import type { Db, Tx } from '../../platform/db/database.ts';

/** Authorisations run until this date unless the DCU sets another (能力授权 default: today → 2099-01-01). */
export const DEFAULT_AUTHORISATION_END = AUTHORISATION_DEFAULT_END;

export async function listCapabilities(db: Db) {
  return db.capability.findMany({ where: { enabled: true }, orderBy: { code: 'asc' } });
}

/** Codes of the capabilities the DCU subscribed (APPROVED subscriptions) plus the public ones (100010). */
export async function subscribedCapabilityCodes(db: Db | Tx, dcuEnterpriseId: string): Promise<string[]> {
  const [subscriptions, publicOnes] = await Promise.all([
    db.capabilitySubscription.findMany({
      where: { dcuEnterpriseId, status: 'APPROVED' },
      select: { capabilityCodes: true },
    }),
    db.capability.findMany({ where: { isPublic: true, enabled: true }, select: { code: true } }),
  ]);
  const codes = new Set([...publicOnes.map((c) => c.code), ...subscriptions.flatMap((s) => s.capabilityCodes)]);
  return [...codes].sort();
}

/** On 确认通过: the pre-authorised capabilities become authorisations of the use unit, tied to the binding. */
export async function authorisePreauthorised(
  tx: Tx,
  binding: { id: string; dcuEnterpriseId: string; useUnitEnterpriseId: string },
  capabilityCodes: string[],
  now: Date,
): Promise<void> {
  if (capabilityCodes.length === 0) return;
  await tx.capabilityAuthorisation.createMany({
    data: [...new Set(capabilityCodes)].map((capabilityCode) => ({
      dcuEnterpriseId: binding.dcuEnterpriseId,
      holderEnterpriseId: binding.useUnitEnterpriseId,
      capabilityCode,
      bindingId: binding.id,
      validFrom: now,
      validTo: DEFAULT_AUTHORISATION_END,
      status: 'ACTIVE',
    })),
  });
}

/** On unbinding: every authorisation the binding carried is revoked at once. */
export async function revokeBindingAuthorisations(tx: Tx, bindingId: string, now: Date): Promise<number> {
  const { count } = await tx.capabilityAuthorisation.updateMany({
    where: { bindingId, status: 'ACTIVE' },
    data: { status: 'REVOKED', revokedAt: now },
  });
  return count;
}

export async function authorisationsOfBinding(db: Db, bindingId: string): Promise<CapabilityAuthorisation[]> {
  return db.capabilityAuthorisation.findMany({ where: { bindingId }, orderBy: [{ capabilityCode: 'asc' }] });
}
