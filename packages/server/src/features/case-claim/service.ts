// 认领 / 释放 / 改派: claims on review cases; each change is audited and published so every open queue updates.
import {
  type Actor,
  claimExpiry,
  domainError,
  isClaimLive,
  isClaimSupervisor,
  mayClaim,
  provinceCodeOf,
  type Result,
  type ReviewKind,
} from '@leqi/domain';
import type { AppServices, Viewer } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction, Refusal } from '../../platform/db/transaction.ts';
import { expectVersion } from '../../platform/db/versioned-write.ts';
import { appendCaseEvent, type StoredCaseEvent } from '../../platform/events/audit.ts';
import { viewerOfUserId } from '../auth/service.ts';
import { claimOf, type StoredClaim, takeClaim } from '../cases/claims.ts';
import { CASE_KINDS, caseKindOf } from '../cases/index.ts';
import type { CaseKind, ReviewCaseShape } from '../cases/kind.ts';

export interface ClaimOutcome {
  row: ReviewCaseShape;
  /** the live claim after the change; null after a release */
  claim: StoredClaim | null;
}

type ClaimEvent = 'claim' | 'releaseClaim' | 'reassignClaim' | 'claimExpired';

/** Loads the case and holds a share lock on it until commit, so no decision interleaves with the claim. */
async function loadShared(tx: Tx, kind: CaseKind, id: string): Promise<ReviewCaseShape | null> {
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "${kind.table}" WHERE id = $1 FOR SHARE`, id);
  return rows.length === 1 ? kind.find(tx, id) : null;
}

/** The claim rules' view of a case for one kind. */
export function decidable(kind: CaseKind, row: ReviewCaseShape, actor: Actor) {
  return {
    workflow: kind.workflow,
    status: row.status,
    lastDeciderId: row.lastDeciderId,
    performer: kind.performerOf(actor, row),
    hiddenEvents: kind.hiddenEvents,
  };
}

async function loadCase(tx: Tx, kind: CaseKind, id: string): Promise<ReviewCaseShape> {
  const row = await loadShared(tx, kind, id);
  if (!row) throw new Refusal(domainError('NOT_FOUND'));
  return row;
}

/** Who changes a claim: an officer (a viewer), or the system when a claim lapses. */
type ClaimActor = { userId: string | null; displayName: string; actor: { role: string } };

/**
 * A claim event: the status stays, so queue subscriptions of that step (and the case's event stream) receive it.
 * Only the bureau sees it live — it names no enterprise.
 */
function claimEvent(
  tx: Tx,
  kind: CaseKind,
  row: ReviewCaseShape,
  who: ClaimActor,
  event: ClaimEvent,
  payload: Record<string, unknown>,
): Promise<StoredCaseEvent> {
  const authorityCode = kind.authorityOf(row);
  return appendCaseEvent(tx, {
    caseKind: kind.kind,
    caseId: row.id,
    event,
    fromStatus: row.status,
    toStatus: row.status,
    actorUserId: who.userId,
    actorName: who.displayName,
    actorRole: who.actor.role,
    payload,
    authorityCode,
    provinceCode: authorityCode ? provinceCodeOf(authorityCode) : null,
  });
}

function claimedBy(claim: StoredClaim | null): Refusal {
  return new Refusal(
    domainError('CLAIMED', claim ? { holder: claim.holderName, holderUsername: claim.holderUsername } : {}),
  );
}

/** 认领: an officer who may decide the case now takes it; their own live claim is renewed (idle time restarts). */
export function claimCase(
  app: AppServices,
  viewer: Viewer,
  kind: CaseKind,
  id: string,
  expectedVersion: number,
): Promise<Result<ClaimOutcome>> {
  return inTransaction(app, async (tx, emit) => {
    const row = await loadCase(tx, kind, id);
    const allowed = mayClaim(viewer.actor, decidable(kind, row, viewer.actor));
    if (!allowed.ok) throw new Refusal(allowed.error);
    expectVersion(row, expectedVersion);
    const now = new Date();
    const before = await claimOf(tx, kind.kind, id);
    const target = { caseKind: kind.kind, caseId: id, status: row.status };
    const won = await takeClaim(tx, target, viewer, now, claimExpiry(now, app.config.claimIdleMinutes));
    if (!won) throw claimedBy(await claimOf(tx, kind.kind, id));
    const renewed = isClaimLive(before, row.status, now) && before.holderId === viewer.userId;
    if (!renewed) emit(await claimEvent(tx, kind, row, viewer, 'claim', { holder: viewer.displayName }));
    return { row, claim: await claimOf(tx, kind.kind, id) };
  });
}

/** 释放: the holder gives the case back, or a supervisor takes it away from them. */
export function releaseCaseClaim(
  app: AppServices,
  viewer: Viewer,
  kind: CaseKind,
  id: string,
): Promise<Result<ClaimOutcome>> {
  return inTransaction(app, async (tx, emit) => {
    const row = await loadCase(tx, kind, id);
    const role = viewer.actor.role;
    if (role !== 'OFFICER' && role !== 'ADMIN') throw new Refusal(domainError('FORBIDDEN', { event: 'releaseClaim' }));
    const claim = await claimOf(tx, kind.kind, id);
    const own = claim?.holderId === viewer.userId;
    const supervisor = isClaimSupervisor(viewer.actor, kind.authorityOf(row));
    const performer = kind.performerOf(viewer.actor, row);
    if (!own && !supervisor && typeof performer !== 'string') throw new Refusal(performer);
    if (!claim || !isClaimLive(claim, row.status, new Date())) throw new Refusal(domainError('NOT_CLAIMED'));
    if (!own && !supervisor) throw new Refusal(domainError('FORBIDDEN', { event: 'releaseClaim' }));
    await tx.caseClaim.delete({ where: { id: claim.id } });
    emit(
      await claimEvent(tx, kind, row, viewer, 'releaseClaim', {
        holder: claim.holderName,
        bySupervisor: !own,
      }),
    );
    return { row, claim: null };
  });
}

/**
 * 改派: a supervisor hands the case to another officer who could claim it themselves — in particular never to
 * the officer who made the previous decision when the next one needs another pair of eyes.
 */
export async function reassignCaseClaim(
  app: AppServices,
  viewer: Viewer,
  kind: CaseKind,
  id: string,
  officerUsername: string,
): Promise<Result<ClaimOutcome>> {
  const user = await app.db.user.findUnique({ where: { username: officerUsername.trim() }, select: { id: true } });
  const assignee = user ? await viewerOfUserId(app, user.id) : null;
  return inTransaction(app, async (tx, emit) => {
    const row = await loadCase(tx, kind, id);
    if (!isClaimSupervisor(viewer.actor, kind.authorityOf(row))) {
      const performer = kind.performerOf(viewer.actor, row);
      throw new Refusal(
        typeof performer === 'string' ? domainError('FORBIDDEN', { event: 'reassignClaim' }) : performer,
      );
    }
    if (!assignee) {
      throw new Refusal(domainError('VALIDATION_FAILED', {}, [{ field: 'officerUsername', code: 'INVALID_FORMAT' }]));
    }
    const allowed = mayClaim(assignee.actor, decidable(kind, row, assignee.actor));
    if (!allowed.ok) throw new Refusal(allowed.error);
    const now = new Date();
    const before = await claimOf(tx, kind.kind, id);
    const target = { caseKind: kind.kind, caseId: id, status: row.status };
    await takeClaim(tx, target, assignee, now, claimExpiry(now, app.config.claimIdleMinutes), true);
    emit(
      await claimEvent(tx, kind, row, viewer, 'reassignClaim', {
        from: isClaimLive(before, row.status, now) ? before.holderName : null,
        holder: assignee.displayName,
      }),
    );
    return { row, claim: await claimOf(tx, kind.kind, id) };
  });
}

/** The live claim of a case for display, or null. */
export async function liveClaim(
  app: AppServices,
  kindName: ReviewKind,
  row: { id: string; status: string },
): Promise<StoredClaim | null> {
  const claim = await claimOf(app.db, kindName, row.id);
  return isClaimLive(claim, row.status, new Date()) ? claim : null;
}

const SYSTEM: ClaimActor = { userId: null, displayName: '系统', actor: { role: 'SYSTEM' } };

/**
 * Ends lapsed claims of cases still in the step they were taken in, one transaction each, with a `claimExpired`
 * event, so every open queue shows the case free again without waiting for its next refresh. Returns how many.
 */
export async function expireClaims(
  app: AppServices,
  now: Date = new Date(),
  kinds: readonly CaseKind[] = CASE_KINDS,
): Promise<number> {
  const lapsed = await app.db.caseClaim.findMany({ where: { expiresAt: { lte: now } }, take: 200 });
  let expired = 0;
  for (const claim of lapsed) {
    const kind = caseKindOf(claim.caseKind, kinds);
    if (!kind) continue;
    const result = await inTransaction(app, async (tx, emit) => {
      const row = await loadShared(tx, kind, claim.caseId);
      const { count } = await tx.caseClaim.deleteMany({ where: { id: claim.id, expiresAt: { lte: now } } });
      if (count !== 1 || !row || row.status !== claim.status) return false;
      emit(await claimEvent(tx, kind, row, SYSTEM, 'claimExpired', { holder: claim.holderName }));
      return true;
    });
    if (result.ok && result.value) expired += 1;
  }
  return expired;
}

/** Sweeps lapsed claims every `intervalMs`; returns the stop function. */
export function startClaimExpiry(app: AppServices, intervalMs = 30_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    expireClaims(app)
      .catch((error: unknown) => console.error('claim expiry sweep failed', error))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
