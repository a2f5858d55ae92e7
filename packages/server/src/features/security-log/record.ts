// Writes a SECURITY event into the audit hash chain: one chain per user name, so a flood of one account's sign-ins
// waits only on its own chain's lock.
import { type SecurityEvent, type SecurityOutcome, securityLogUsername } from '@leqi/domain';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { appendCaseEvent, type CaseEventInput } from '../../platform/events/audit.ts';

export interface SecurityRecord {
  event: SecurityEvent;
  /** the account the event is about, as it was typed for a sign-in */
  username: string;
  outcome: SecurityOutcome;
  /** the client's address, when known */
  address: string | null;
  /** who acted, when signed in (an unknown user's failed sign-in has nobody) */
  actor?: { userId: string; displayName: string; role: string } | null;
  /** why it failed, in the log's words (SIGN_IN_FAILURE_REASONS), or what was locked */
  reason?: string | null;
  /** what it acted on, e.g. an API token's name */
  object?: string | null;
}

/** The SECURITY event of `record`, for a transaction that appends it with the change it records. */
export function securityEventInput(record: SecurityRecord): CaseEventInput {
  const username = securityLogUsername(record.username);
  return {
    caseKind: 'SECURITY',
    caseId: username || '(empty)',
    event: record.event,
    actorUserId: record.actor?.userId ?? null,
    actorName: record.actor?.displayName ?? null,
    actorRole: record.actor?.role ?? null,
    reason: record.reason ?? null,
    payload: {
      username,
      outcome: record.outcome,
      address: record.address,
      ...(record.object ? { object: record.object } : {}),
    },
  };
}

/** The signed-in caller as a security event's actor. */
export function securityActor(viewer: Viewer): SecurityRecord['actor'] {
  return { userId: viewer.userId, displayName: viewer.displayName, role: viewer.actor.role };
}

/** Records an event that has no other write to go with (a sign-in, a sign-out, an export). */
export async function recordSecurityEvent(app: AppServices, record: SecurityRecord): Promise<void> {
  const written = await inTransaction(app, async (tx, emit) => {
    emit(await appendCaseEvent(tx, securityEventInput(record)));
  });
  if (!written.ok) throw new Error(`security event not recorded: ${written.error.code}`);
}
