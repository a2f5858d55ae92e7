// Idempotent invitation calls: the same key with the same body never invites twice; a replay returns the stored
// outcome.
import { createHash } from 'node:crypto';
import { domainError, err, ok, type Result } from '@leqi/domain';
import type { Invitation } from '../../generated/prisma/client.ts';
import type { AppServices } from '../../platform/context.ts';
import type { InvitationRowInput, InviteOutcome, RowFailure } from './invite-batch.ts';
import { isUniqueViolation } from './parties.ts';

export function requestHash(rows: InvitationRowInput[], proofMaterialIds: string[]): string {
  const canonical = JSON.stringify({
    rows: rows.map((row) => [
      row.uscc,
      row.name,
      row.provinceAuthorityCode,
      row.relationship,
      row.capabilityCodes ?? [],
    ]),
    proof: [...proofMaterialIds].sort(),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

export interface StoredResponse {
  state: 'PENDING' | 'DONE';
  succeeded?: string[];
  failed?: RowFailure[];
}

/** Claims the key for this body; a replay of a finished call returns its stored outcome. */
export async function claimIdempotencyKey(
  app: AppServices,
  scope: string,
  key: string,
  hash: string,
): Promise<Result<{ replay: InviteOutcome | null; recordId: string | null }>> {
  try {
    const record = await app.db.idempotencyRecord.create({
      data: { scope, key, requestHash: hash, response: { state: 'PENDING' } },
    });
    return ok({ replay: null, recordId: record.id });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const existing = await app.db.idempotencyRecord.findUnique({ where: { scope_key: { scope, key } } });
  if (!existing) return err(domainError('DUPLICATE', { entity: 'idempotencyKey' }));
  const stored = existing.response as unknown as StoredResponse;
  if (existing.requestHash !== hash || stored.state !== 'DONE')
    return err(domainError('DUPLICATE', { entity: 'idempotencyKey' }));
  const ids = stored.succeeded ?? [];
  const invitations = await app.db.invitation.findMany({ where: { id: { in: ids } } });
  const byId = new Map(invitations.map((invitation) => [invitation.id, invitation]));
  return ok({
    replay: {
      succeeded: ids.map((id) => byId.get(id)).filter((row): row is Invitation => Boolean(row)),
      failed: stored.failed ?? [],
    },
    recordId: null,
  });
}
