import { DCU_STATUS_LABELS, type DcuEvent, type DcuStatus, dcuStatusWorkflow, decide, domainError } from '@leqi/domain';
import type { Enterprise, Prisma } from '../../generated/prisma/client.ts';
import type { Tx } from '../../platform/db/database.ts';
import { Refusal } from '../../platform/db/transaction.ts';
import { NEXT_VERSION, writeVersioned } from '../../platform/db/versioned-write.ts';

/**
 * Locks the enterprise row for the rest of the transaction, so that its DCU status cannot change under
 * a concurrent exit submission, invitation or subscription, and returns it.
 */
export async function lockEnterprise(tx: Tx, enterpriseId: string): Promise<Enterprise> {
  // one statement that locks and reads (the model's columns are all plain: text, numbers, booleans, timestamps)
  const [enterprise] = await tx.$queryRaw<
    Enterprise[]
  >`SELECT * FROM "Enterprise" WHERE id = ${enterpriseId} FOR UPDATE`;
  if (!enterprise) throw new Error(`no enterprise ${enterpriseId}`);
  return enterprise;
}

export function dcuNotActive(dcuStatus: string) {
  const label = DCU_STATUS_LABELS[dcuStatus as DcuStatus];
  return domainError('DCU_NOT_ACTIVE', {
    dcuStatus,
    dcuStatusZh: label?.zh ?? dcuStatus,
    dcuStatusEn: label?.en ?? dcuStatus,
  });
}

/** Locks the enterprise and refuses unless it is an ACTIVE direct-connect unit (not exiting, not exited). */
export async function lockActiveDcu(tx: Tx, enterpriseId: string): Promise<Enterprise> {
  const enterprise = await lockEnterprise(tx, enterpriseId);
  if (enterprise.dcuStatus !== 'ACTIVE') throw new Refusal(dcuNotActive(enterprise.dcuStatus));
  return enterprise;
}

/**
 * 直连单位状态: moves the enterprise's DCU status by its table (a consequence the system performs inside the deciding
 * transaction), locking the row first and writing guarded by its version. `data` is what the move's effect writes
 * with it (e.g. the 乐企ID on activateDcu). Returns the enterprise as it was before.
 */
export async function moveDcuStatus(
  tx: Tx,
  enterpriseId: string,
  event: DcuEvent,
  data: Omit<Prisma.EnterpriseUpdateManyMutationInput, 'dcuStatus' | 'version'> = {},
): Promise<Enterprise> {
  const before = await lockEnterprise(tx, enterpriseId);
  const decision = decide(dcuStatusWorkflow, event, { status: before.dcuStatus as DcuStatus, performer: 'SYSTEM' });
  if (!decision.ok) throw new Refusal(decision.error);
  await writeVersioned({
    expectedVersion: before.version,
    write: ({ version }) =>
      tx.enterprise.updateMany({
        where: { id: before.id, version },
        data: { ...data, dcuStatus: decision.value.to, ...NEXT_VERSION },
      }),
    storedVersion: async () => (await tx.enterprise.findUniqueOrThrow({ where: { id: before.id } })).version,
  });
  return before;
}
