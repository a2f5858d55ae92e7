// Writing the valid rows of a batch: a chunk per transaction, or row by row when the chunk cannot be written whole.
import { invitationRowFailureMessage, type Locale } from '@leqi/domain';
import type { Enterprise, Invitation } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { insertMany, insertManyReturning, newId } from '../../platform/db/bulk.ts';
import type { Tx } from '../../platform/db/database.ts';
import { TRANSACTION_OPTIONS } from '../../platform/db/transaction.ts';
import { appendCaseEvents, type StoredCaseEvent } from '../../platform/events/audit.ts';
import type { InviteOptions, RowFailure, ValidRow } from './invite-batch.ts';
import { CASE_KIND, isUniqueViolation, visibility } from './parties.ts';

class DcuNoLongerActive extends Error {}

export const INVITATION_COLUMNS = {
  id: 'text',
  dcuEnterpriseId: 'text',
  useUnitEnterpriseId: 'text',
  useUnitUscc: 'text',
  useUnitName: 'text',
  provinceAuthorityCode: 'text',
  relationship: 'text',
  capabilityCodes: 'text[]',
  channel: 'text',
  batchId: 'text',
  status: 'text',
  liveKey: 'text',
  createdById: 'text',
  stepEnteredAt: 'timestamp(3)',
  createdAt: 'timestamp(3)',
  updatedAt: 'timestamp(3)',
} as const;
export const CASE_MATERIAL_COLUMNS = {
  id: 'text',
  caseKind: 'text',
  caseId: 'text',
  materialId: 'text',
  kind: 'text',
  createdAt: 'timestamp(3)',
} as const;

export function invitationData(viewer: Viewer, dcu: Enterprise, valid: ValidRow, options: InviteOptions) {
  return {
    dcuEnterpriseId: dcu.id,
    useUnitEnterpriseId: valid.useUnit.id,
    useUnitUscc: valid.useUnit.uscc,
    useUnitName: valid.name,
    provinceAuthorityCode: valid.provinceAuthorityCode,
    relationship: valid.relationship,
    capabilityCodes: valid.capabilityCodes,
    channel: options.channel,
    batchId: options.batchId ?? null,
    status: 'PENDING_RESPONSE',
    liveKey: valid.useUnit.uscc,
    createdById: viewer.userId,
  };
}

export function inviteEvent(viewer: Viewer, created: Invitation, valid: ValidRow, options: InviteOptions) {
  return {
    ...visibility(created, valid.useUnit.competentAuthorityCode),
    event: 'invite',
    fromStatus: null,
    toStatus: 'PENDING_RESPONSE',
    actorUserId: viewer.userId,
    actorName: viewer.displayName,
    actorRole: viewer.actor.role,
    payload: { channel: options.channel, ...(options.batchId ? { batchId: options.batchId } : {}) },
  };
}

/** Shares the DCU row with other invitations but waits for (and sees) a concurrent exit submission. */
export async function lockActiveDcu(tx: Tx, dcuId: string): Promise<void> {
  const [current] = await tx.$queryRaw<{ dcuStatus: string }[]>`
    SELECT "dcuStatus" FROM "Enterprise" WHERE id = ${dcuId} FOR SHARE`;
  if (current?.dcuStatus !== 'ACTIVE') throw new DcuNoLongerActive();
}

/**
 * Creates the chunk's invitations with their proof and their audit events in one transaction; all or nothing.
 * Returns them in the order of `valid`; the events are published after commit.
 */
export async function createInvitations(
  app: AppServices,
  viewer: Viewer,
  dcu: Enterprise,
  valid: ValidRow[],
  options: InviteOptions,
  proofMaterials: { id: string; kind: string }[],
): Promise<Invitation[]> {
  let events: StoredCaseEvent[] = [];
  const invitations = await app.db.$transaction(async (tx) => {
    await lockActiveDcu(tx, dcu.id);
    const now = new Date();
    const created =
      valid.length === 1
        ? [await tx.invitation.create({ data: invitationData(viewer, dcu, valid[0] as ValidRow, options) })]
        : await insertManyReturning<Invitation>(
            tx,
            'Invitation',
            INVITATION_COLUMNS,
            valid.map((row) => ({
              ...invitationData(viewer, dcu, row, options),
              id: newId(),
              stepEnteredAt: now,
              createdAt: now,
              updatedAt: now,
            })),
            ['*'],
          );
    await insertMany(
      tx,
      'CaseMaterial',
      CASE_MATERIAL_COLUMNS,
      created.flatMap((invitation) =>
        proofMaterials.map((material) => ({
          id: newId(),
          caseKind: CASE_KIND,
          caseId: invitation.id,
          materialId: material.id,
          kind: material.kind,
          createdAt: now,
        })),
      ),
    );
    events = await appendCaseEvents(
      tx,
      created.map((invitation, index) => inviteEvent(viewer, invitation, valid[index] as ValidRow, options)),
    );
    await options.inTransaction?.(
      tx,
      created.map((invitation, index) => ({ row: (valid[index] as ValidRow).row, invitation })),
    );
    return created;
  }, TRANSACTION_OPTIONS);
  app.bus.publish([...events].sort((a, b) => (a.id < b.id ? -1 : 1)));
  return invitations;
}

export type RowVerdict = { row: number; invitation: Invitation } | { row: number; failure: RowFailure };

export function rowFailure(
  row: number,
  uscc: string,
  code: 'DCU_NOT_ACTIVE' | 'DUPLICATE' | 'INVITED_ELSEWHERE',
  locale: Locale,
): RowVerdict {
  return { row, failure: { row, uscc, code, message: invitationRowFailureMessage(code, {}, locale) } };
}

/** One row in its own transaction: the fallback of a chunk that could not be written whole. */
export async function createOne(
  app: AppServices,
  viewer: Viewer,
  dcu: Enterprise,
  valid: ValidRow,
  options: InviteOptions,
  proof: { id: string; kind: string }[],
  locale: Locale,
): Promise<RowVerdict> {
  try {
    const [invitation] = await createInvitations(app, viewer, dcu, [valid], options, proof);
    return { row: valid.row, invitation: invitation as Invitation };
  } catch (error) {
    if (error instanceof DcuNoLongerActive) return rowFailure(valid.row, valid.useUnit.uscc, 'DCU_NOT_ACTIVE', locale);
    // the same use unit was invited a moment ago (by this DCU or another): that live invitation wins
    if (!isUniqueViolation(error)) throw error;
    const live = await app.db.invitation.findUnique({
      where: { liveKey: valid.useUnit.uscc },
      select: { dcuEnterpriseId: true },
    });
    const code = live && live.dcuEnterpriseId !== dcu.id ? 'INVITED_ELSEWHERE' : 'DUPLICATE';
    return rowFailure(valid.row, valid.useUnit.uscc, code, locale);
  }
}

/** The chunk in one transaction; if that fails, row by row so that one bad row fails only itself. */
export async function createChunk(
  app: AppServices,
  viewer: Viewer,
  dcu: Enterprise,
  valid: ValidRow[],
  options: InviteOptions,
  proof: { id: string; kind: string }[],
  locale: Locale,
): Promise<RowVerdict[]> {
  if (valid.length > 1) {
    try {
      const invitations = await createInvitations(app, viewer, dcu, valid, options, proof);
      return invitations.map((invitation, index) => ({ row: (valid[index] as ValidRow).row, invitation }));
    } catch (error) {
      if (error instanceof DcuNoLongerActive)
        return valid.map((row) => rowFailure(row.row, row.useUnit.uscc, 'DCU_NOT_ACTIVE', locale));
      // anything else (a concurrent invitation of one of the use units …): each row on its own
    }
  }
  const verdicts: RowVerdict[] = [];
  for (const row of valid) verdicts.push(await createOne(app, viewer, dcu, row, options, proof, locale));
  return verdicts;
}
