// The claim store (认领): one row per case, knowing no feature — just (caseKind, caseId) and who holds it.
import { randomUUID } from 'node:crypto';
import { type Claim, claimConflict, type DomainError } from '@leqi/domain';
import type { CaseClaim } from '../../generated/prisma/client.ts';
import type { Viewer } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/database.ts';

export type StoredClaim = CaseClaim & Claim;

export async function claimOf(db: Db | Tx, caseKind: string, caseId: string): Promise<StoredClaim | null> {
  return db.caseClaim.findUnique({ where: { caseKind_caseId: { caseKind, caseId } } });
}

/** Inside a decision's transaction: CLAIMED when another officer holds a live claim on the case. */
export async function claimConflictIn(
  tx: Tx,
  caseKind: string,
  row: { id: string; status: string },
  viewer: Viewer,
  now: Date = new Date(),
): Promise<DomainError | null> {
  return claimConflict(await claimOf(tx, caseKind, row.id), row.status, viewer.userId, now);
}

/** A decision moved the case on: its claim (if any) ends with the step it was taken in. */
export async function endClaim(tx: Tx, caseKind: string, caseId: string): Promise<void> {
  await tx.caseClaim.deleteMany({ where: { caseKind, caseId } });
}

interface ClaimTarget {
  caseKind: string;
  caseId: string;
  status: string;
}

/**
 * Takes the claim atomically: inserts it, or takes over a claim that is the viewer's own, lapsed, or from an
 * earlier step. Returns false when another officer holds a live claim — of two racing claims exactly one wins,
 * because the unique (caseKind, caseId) row is decided by one `INSERT … ON CONFLICT … WHERE`.
 */
export async function takeClaim(
  tx: Tx,
  target: ClaimTarget,
  holder: Pick<Viewer, 'userId' | 'displayName' | 'username'>,
  now: Date,
  expiresAt: Date,
  force = false,
): Promise<boolean> {
  const rows = await tx.$queryRaw<{ holderId: string }[]>`
    INSERT INTO "CaseClaim" ("id", "caseKind", "caseId", "status", "holderId", "holderName", "holderUsername", "claimedAt", "expiresAt")
    VALUES (${randomUUID()}, ${target.caseKind}, ${target.caseId}, ${target.status}, ${holder.userId},
            ${holder.displayName}, ${holder.username}, ${now}, ${expiresAt})
    ON CONFLICT ("caseKind", "caseId") DO UPDATE SET
      "status" = EXCLUDED."status",
      "holderId" = EXCLUDED."holderId",
      "holderName" = EXCLUDED."holderName",
      "holderUsername" = EXCLUDED."holderUsername",
      "claimedAt" = CASE
        WHEN "CaseClaim"."holderId" = EXCLUDED."holderId" AND "CaseClaim"."status" = EXCLUDED."status"
             AND "CaseClaim"."expiresAt" > ${now}
        THEN "CaseClaim"."claimedAt" ELSE EXCLUDED."claimedAt" END,
      "expiresAt" = EXCLUDED."expiresAt"
    WHERE ${force} OR "CaseClaim"."holderId" = EXCLUDED."holderId" OR "CaseClaim"."status" <> EXCLUDED."status"
       OR "CaseClaim"."expiresAt" <= ${now}
    RETURNING "holderId"`;
  return rows.length === 1;
}
