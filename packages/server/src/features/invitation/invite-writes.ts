// Writing the valid rows of a batch: a chunk per transaction, or row by row when the chunk cannot be written whole.
import type { InvitationRowFailureCode } from '@leqi/domain';
import { type Invitation, Prisma } from '../../generated/prisma/client.ts';
import { insertMany, newId } from '../../platform/db/bulk.ts';
import { type Sql, sqlTransaction } from '../../platform/db/driver.ts';
import { appendNewCaseEvents, type CaseEventInput, type StoredCaseEvent } from '../../platform/events/audit.ts';
import { type InviteBatch, type RowVerdict, rowFailure, type ValidRow } from './invite-batch.ts';
import { CASE_KIND, isUniqueViolation, visibility } from './parties.ts';

class DcuNoLongerActive extends Error {}

const INVITATION_COLUMNS = {
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
const CASE_MATERIAL_COLUMNS = {
  id: 'text',
  caseKind: 'text',
  caseId: 'text',
  materialId: 'text',
  kind: 'text',
  createdAt: 'timestamp(3)',
} as const;

/** The invitations' audit events (each starts its case's chain), one object literal per event. */
function inviteEvents({ viewer, options }: InviteBatch, created: Invitation[], valid: ValidRow[]): CaseEventInput[] {
  const payload = { channel: options.channel, ...(options.batchId ? { batchId: options.batchId } : {}) };
  return created.map((invitation, index) => {
    const seen = visibility(invitation, (valid[index] as ValidRow).useUnit.competentAuthorityCode);
    return {
      caseKind: seen.caseKind,
      caseId: seen.caseId,
      event: 'invite',
      fromStatus: null,
      toStatus: 'PENDING_RESPONSE',
      actorUserId: viewer.userId,
      actorName: viewer.displayName,
      actorRole: viewer.actor.role,
      payload,
      enterpriseId: seen.enterpriseId,
      otherEnterpriseId: seen.otherEnterpriseId,
      authorityCode: seen.authorityCode,
      provinceCode: seen.provinceCode,
    };
  });
}

/** Shares the DCU row with other invitations but waits for (and sees) a concurrent exit submission. */
async function lockActiveDcu(sql: Sql, dcuId: string): Promise<void> {
  const [current] = await sql.query<{ dcuStatus: string }>(Prisma.sql`
    SELECT "dcuStatus" FROM "Enterprise" WHERE id = ${dcuId} FOR SHARE`);
  if (current?.dcuStatus !== 'ACTIVE') throw new DcuNoLongerActive();
}

/**
 * The invitation rows as the database stores them: every column the insert does not name takes its default. One
 * object literal per row (a spread of a shared part made each row several times slower to build).
 */
function invitationRows({ viewer, dcu, options }: InviteBatch, valid: ValidRow[], now: Date): Invitation[] {
  const batchId = options.batchId ?? null;
  return valid.map((row) => ({
    id: newId(),
    version: 0,
    dcuEnterpriseId: dcu.id,
    useUnitEnterpriseId: row.useUnit.id,
    useUnitUscc: row.useUnit.uscc,
    useUnitName: row.name,
    useUnitAuthorityCode: null,
    provinceAuthorityCode: row.provinceAuthorityCode,
    relationship: row.relationship,
    capabilityCodes: row.capabilityCodes,
    channel: options.channel,
    batchId,
    status: 'PENDING_RESPONSE',
    liveKey: row.useUnit.uscc,
    createdById: viewer.userId,
    stepEnteredAt: now,
    respondedAt: null,
    decidedAt: null,
    lastDeciderId: null,
    lastReason: null,
    createdAt: now,
    updatedAt: now,
  }));
}

/**
 * Creates the chunk's invitations with their proof and their audit events in one transaction; all or nothing.
 * One statement per table for the whole chunk, on the database's driver (`sqlTransaction`): the invitations are
 * built here (ids included) and inserted without reading them back, and each one's audit event starts its chain
 * (the case is new in this transaction).
 * Returns them in the order of `valid`; the events are published after commit.
 */
async function createInvitations(batch: InviteBatch, valid: ValidRow[]): Promise<Invitation[]> {
  const { app, options } = batch;
  let events: StoredCaseEvent[] = [];
  const invitations = await sqlTransaction(app.db, async (tx) => {
    await lockActiveDcu(tx, batch.dcu.id);
    const now = new Date();
    const created = invitationRows(batch, valid, now);
    await insertMany(
      tx,
      'CaseMaterial',
      CASE_MATERIAL_COLUMNS,
      created.flatMap((invitation) =>
        batch.proof.map((material) => ({
          id: newId(),
          caseKind: CASE_KIND,
          caseId: invitation.id,
          materialId: material.id,
          kind: material.kind,
          createdAt: now,
        })),
      ),
    );
    events = await appendNewCaseEvents(tx, inviteEvents(batch, created, valid));
    // the invitations last: their insert updates the queue counters that every other chunk's insert updates too,
    // and holds those rows until commit, so a concurrent chunk writes everything else before it waits
    await insertMany(tx, 'Invitation', INVITATION_COLUMNS, created);
    await options.inTransaction?.(
      tx,
      created.map((invitation, index) => ({ row: (valid[index] as ValidRow).row, invitation })),
    );
    return created;
  });
  await app.bus.publish(events);
  return invitations;
}

const failed = (batch: InviteBatch, valid: ValidRow, code: InvitationRowFailureCode): RowVerdict => ({
  row: valid.row,
  failure: rowFailure(valid.row, valid.useUnit.uscc, code, batch.locale),
});

/** One row in its own transaction: the fallback of a chunk that could not be written whole. */
async function createOne(batch: InviteBatch, valid: ValidRow): Promise<RowVerdict> {
  try {
    const [invitation] = await createInvitations(batch, [valid]);
    return { row: valid.row, invitation: invitation as Invitation };
  } catch (error) {
    if (error instanceof DcuNoLongerActive) return failed(batch, valid, 'DCU_NOT_ACTIVE');
    // the same use unit was invited a moment ago (by this DCU or another): that live invitation wins
    if (!isUniqueViolation(error)) throw error;
    const live = await batch.app.db.invitation.findUnique({
      where: { liveKey: valid.useUnit.uscc },
      select: { dcuEnterpriseId: true },
    });
    return failed(batch, valid, live && live.dcuEnterpriseId !== batch.dcu.id ? 'INVITED_ELSEWHERE' : 'DUPLICATE');
  }
}

/** The chunk in one transaction; if that fails, row by row so that one bad row fails only itself. */
export async function createChunk(batch: InviteBatch, valid: ValidRow[]): Promise<RowVerdict[]> {
  if (valid.length > 1) {
    try {
      const invitations = await createInvitations(batch, valid);
      return invitations.map((invitation, index) => ({ row: (valid[index] as ValidRow).row, invitation }));
    } catch (error) {
      if (error instanceof DcuNoLongerActive) return valid.map((row) => failed(batch, row, 'DCU_NOT_ACTIVE'));
      // anything else (a concurrent invitation of one of the use units …): each row on its own
    }
  }
  const verdicts: RowVerdict[] = [];
  for (const row of valid) verdicts.push(await createOne(batch, row));
  return verdicts;
}
