import type { Db } from '../../platform/db/database.ts';

/** A DCU and a use unit are counterparties once an invitation (and so perhaps a binding) is between them. */
export async function areCounterparties(db: Db, a: string, b: string): Promise<boolean> {
  const between = [
    { dcuEnterpriseId: a, useUnitEnterpriseId: b },
    { dcuEnterpriseId: b, useUnitEnterpriseId: a },
  ];
  const [invitation, binding] = await Promise.all([
    db.invitation.findFirst({ where: { OR: between }, select: { id: true } }),
    db.binding.findFirst({ where: { OR: between }, select: { id: true } }),
  ]);
  return Boolean(invitation || binding);
}
