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

/**
 * Removes the case's claim in one `DELETE … RETURNING` and hands back what was removed (null: there was none).
 * A caller that then refuses rolls its transaction back, and the claim with it.
 */
export async function removeClaim(tx: Tx, caseKind: string, caseId: string): Promise<StoredClaim | null> {
  const [removed] = await tx.$queryRaw<StoredClaim[]>`
    DELETE FROM "CaseClaim" WHERE "caseKind" = ${caseKind} AND "caseId" = ${caseId} RETURNING *`;
  return removed ?? null;
}

/**
 * Inside a decision's transaction, after its versioned write: the claim ends with the step it was taken in, and the
 * removed claim says whether the decision was the viewer's to take — CLAIMED when another officer held it live
 * (the refusal rolls back the write and the removal). After the write, so the case row is locked before the claim
 * row, in the order a claim takes them (case under a share lock, then its claim): the two never deadlock.
 */
export async function endClaimOf(
  tx: Tx,
  caseKind: string,
  row: { id: string; status: string },
  viewer: Viewer,
  now: Date = new Date(),
): Promise<DomainError | null> {
  return claimConflict(await removeClaim(tx, caseKind, row.id), row.status, viewer.userId, now);
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
