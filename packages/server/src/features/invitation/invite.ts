// 邀请使用单位: one pipeline for the web form, the Excel import and the API (DESIGN §3.2). Whole-call checks,
// then every row validated against facts read once per call; the valid rows become invitations a chunk per
// transaction. Each row stays all or nothing: a chunk that cannot be written whole (a use unit invited by another
// DCU a moment ago …) is rolled back and its rows are retried one transaction each, so only that row fails.
import { createHash } from 'node:crypto';
import {
  domainError,
  err,
  INVITE_API_MAX_ROWS,
  INVITE_WEB_MAX_ROWS,
  ok,
  type Result,
  validateUscc,
} from '@leqi/domain';
import type { Enterprise, Invitation } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { dcuNotActive } from '../enterprise/dcu.ts';
import {
  batchFacts,
  checkRow,
  clean,
  type InvitationRowInput,
  type InviteBatch,
  type InviteOptions,
  type InviteOutcome,
  type RowFailure,
  type RowVerdict,
  type ValidRow,
} from './invite-batch.ts';
import { createChunk } from './invite-writes.ts';
import { isUniqueViolation } from './parties.ts';

/** Rows per transaction: one lock on the DCU, one insert of invitations, proof links and audit events each. */
export const INVITE_CHUNK_ROWS = 500;
const MAX_IDEMPOTENCY_KEY = 200;

/** The inviting enterprise: an operator or an API token of an ACTIVE DCU. */
export async function invitingDcu(app: AppServices, viewer: Viewer): Promise<Result<Enterprise>> {
  const actor = viewer.actor;
  if (actor.role !== 'ENTERPRISE' && actor.role !== 'API_CLIENT') return err(domainError('FORBIDDEN'));
  const dcu = await app.db.enterprise.findUnique({ where: { id: actor.enterpriseId } });
  if (!dcu) return err(domainError('FORBIDDEN'));
  return dcu.dcuStatus === 'ACTIVE' ? ok(dcu) : err(dcuNotActive(dcu.dcuStatus));
}

function rowLimit(viewer: Viewer, channel: InviteOptions['channel']): number | null {
  if (viewer.actor.role === 'API_CLIENT') return INVITE_API_MAX_ROWS;
  // an Excel file is bounded by the import itself (it processes rows in the background)
  return channel === 'EXCEL' ? null : INVITE_WEB_MAX_ROWS;
}

/** The batch's proof: materials of the inviting enterprise. */
export async function proofMaterialsOf(
  app: AppServices,
  dcuId: string,
  ids: string[],
): Promise<Result<{ id: string; kind: string }[]>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return ok([]);
  const materials = await app.db.material.findMany({
    where: { id: { in: unique }, enterpriseId: dcuId },
    select: { id: true, kind: true },
  });
  const missing = unique.filter((id) => !materials.some((material) => material.id === id));
  if (missing.length > 0) {
    return err(
      domainError(
        'VALIDATION_FAILED',
        {},
        missing.map((id) => ({ field: `proofMaterialIds.${unique.indexOf(id)}`, code: 'NOT_FOUND' })),
      ),
    );
  }
  return ok(materials);
}

export async function inviteUseUnits(
  app: AppServices,
  viewer: Viewer,
  rows: InvitationRowInput[],
  options: InviteOptions,
): Promise<Result<InviteOutcome>> {
  const dcu = await invitingDcu(app, viewer);
  if (!dcu.ok) return dcu;
  if (rows.length === 0) return err(domainError('VALIDATION_FAILED', {}, [{ field: 'invitations', code: 'REQUIRED' }]));
  const limit = rowLimit(viewer, options.channel);
  if (limit !== null && rows.length > limit)
    return err(domainError('LIMIT_EXCEEDED', { max: limit, actual: rows.length }));
  const proof = await proofMaterialsOf(app, dcu.value.id, options.proofMaterialIds ?? []);
  if (!proof.ok) return proof;

  const key = options.idempotencyKey?.trim();
  let recordId: string | null = null;
  if (key) {
    if (key.length > MAX_IDEMPOTENCY_KEY) {
      return err(
        domainError('VALIDATION_FAILED', {}, [
          { field: 'idempotencyKey', code: 'TOO_LONG', params: { max: MAX_IDEMPOTENCY_KEY } },
        ]),
      );
    }
    const claim = await claimIdempotencyKey(app, dcu.value.id, key, requestHash(rows, options.proofMaterialIds ?? []));
    if (!claim.ok) return claim;
    if (claim.value.replay) return ok(claim.value.replay);
    recordId = claim.value.recordId;
  }
  try {
    const locale = options.locale ?? 'zh-CN';
    const outcome = await inviteRows({ app, viewer, dcu: dcu.value, options, proof: proof.value, locale }, rows);
    if (recordId) {
      const response: StoredResponse = {
        state: 'DONE',
        succeeded: outcome.succeeded.map((row) => row.id),
        failed: outcome.failed,
      };
      await app.db.idempotencyRecord.update({ where: { id: recordId }, data: { response: response as object } });
    }
    return ok(outcome);
  } catch (error) {
    // a crashed call frees its key so the client may retry
    if (recordId) await app.db.idempotencyRecord.delete({ where: { id: recordId } }).catch(() => undefined);
    throw error;
  }
}

async function inviteRows(batch: InviteBatch, rows: InvitationRowInput[]): Promise<InviteOutcome> {
  const { options } = batch;
  const usccs = [
    ...new Set(rows.map((row) => validateUscc(clean(row.uscc))).flatMap((result) => (result.ok ? [result.value] : []))),
  ];
  const facts = await batchFacts(batch.app, batch.dcu, usccs, batch.proof.length > 0);
  const seen = new Map<string, number>();
  const succeeded: Invitation[] = [];
  const failed: RowFailure[] = [];
  for (let start = 0; start < rows.length; start += INVITE_CHUNK_ROWS) {
    const verdicts = new Map<number, RowVerdict>();
    const valid: ValidRow[] = [];
    for (const [offset, input] of rows.slice(start, start + INVITE_CHUNK_ROWS).entries()) {
      const row = start + offset + 1;
      const checked = checkRow(input, row, facts, seen, batch.locale);
      if (checked.ok) valid.push(checked.value);
      else verdicts.set(row, { row, failure: checked.failure });
    }
    for (const verdict of await createChunk(batch, valid)) verdicts.set(verdict.row, verdict);
    const done = [...verdicts.values()].sort((a, b) => a.row - b.row);
    for (const verdict of done) {
      if ('invitation' in verdict) succeeded.push(verdict.invitation);
      else failed.push(verdict.failure);
    }
    await options.onChunkDone?.(done);
  }
  return { succeeded, failed };
}

// Idempotent calls: the same key with the same body never invites twice; a replay returns the stored outcome.

function requestHash(rows: InvitationRowInput[], proofMaterialIds: string[]): string {
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

interface StoredResponse {
  state: 'PENDING' | 'DONE';
  succeeded?: string[];
  failed?: RowFailure[];
}

/** Claims the key for this body; a replay of a finished call returns its stored outcome. */
async function claimIdempotencyKey(
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
