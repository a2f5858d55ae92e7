import { DCU_STATUS_LABELS, type DcuStatus, domainError } from '@leqi/domain';
import type { Enterprise } from '../../generated/prisma/client.ts';
import type { Tx } from '../../platform/db/database.ts';
import { Refusal } from '../../platform/db/transaction.ts';

/**
 * Locks the enterprise row for the rest of the transaction, so that its DCU status cannot change under
 * a concurrent exit submission, invitation or subscription, and returns it.
 */
export async function lockEnterprise(tx: Tx, enterpriseId: string): Promise<Enterprise> {
  await tx.$queryRaw`SELECT id FROM "Enterprise" WHERE id = ${enterpriseId} FOR UPDATE`;
  return tx.enterprise.findUniqueOrThrow({ where: { id: enterpriseId } });
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
