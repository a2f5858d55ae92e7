import type { Binding } from '../../generated/prisma/client.ts';
import type { Tx } from '../../platform/db/database.ts';

/**
 * Locks the binding row for the rest of the transaction (a concurrent unbind, grant or exit waits) and reads it as
 * locked; null when there is no such binding. Whoever judges the binding judges this row, not one read before.
 */
export async function lockBinding(tx: Tx, bindingId: string): Promise<Binding | null> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Binding" WHERE id = ${bindingId} FOR UPDATE`;
  return locked.length > 0 ? tx.binding.findUnique({ where: { id: bindingId } }) : null;
}
