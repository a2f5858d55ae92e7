// 批量受理 / 批量确认: one bureau decision over many invitations, each in its own transaction with its own result.
import {
  BULK_DECISION_MAX_ITEMS,
  type DomainError,
  domainError,
  err,
  findTransition,
  invitationWorkflow,
  type Locale,
  messageFor,
  ok,
  type Result,
} from '@leqi/domain';
import type { Invitation } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { decideCase } from '../cases/decide.ts';
import { invitationCase } from './case.ts';
import type { InvitationDecisionEvent } from './service.ts';

interface BulkItem {
  /** the invitation's id, or null when the given global ID names something else */
  id: string | null;
  /** echoed in a failure so the caller can match it */
  ref: string;
  expectedVersion: number;
}

export interface BulkFailure {
  id: string;
  code: string;
  message: string;
}

interface BulkOutcome {
  succeeded: Invitation[];
  failed: BulkFailure[];
}

/**
 * Decides each invitation in turn, each in its own transaction: one refusal (stale version, four-eyes, claimed by
 * another officer, …) never undoes another case's decision. The whole call is refused only for who is calling, an
 * empty or too long list, or a missing reason.
 */
export async function decideInvitations(
  app: AppServices,
  viewer: Viewer,
  event: InvitationDecisionEvent,
  items: BulkItem[],
  reason: string | null,
  locale: Locale,
): Promise<Result<BulkOutcome>> {
  if (viewer.actor.role !== 'OFFICER') return err(domainError('FORBIDDEN', { event }));
  if (items.length === 0) return err(domainError('VALIDATION_FAILED', {}, [{ field: 'items', code: 'REQUIRED' }]));
  if (items.length > BULK_DECISION_MAX_ITEMS) {
    return err(domainError('LIMIT_EXCEEDED', { max: BULK_DECISION_MAX_ITEMS, actual: items.length }));
  }
  const needsReason = invitationWorkflow.transitions.some((rule) => rule.event === event && rule.needsReason);
  if (needsReason && !reason?.trim()) return err(domainError('REASON_REQUIRED'));
  const outcome: BulkOutcome = { succeeded: [], failed: [] };
  const fail = (item: BulkItem, error: DomainError) =>
    outcome.failed.push({ id: item.ref, code: error.code, message: messageFor(error, locale) });
  const seen = new Set<string>();
  for (const item of items) {
    if (!item.id) {
      fail(item, domainError('NOT_FOUND'));
      continue;
    }
    if (seen.has(item.id)) {
      fail(item, domainError('DUPLICATE'));
      continue;
    }
    seen.add(item.id);
    const result = await decideCase(app, viewer, invitationCase, event, item.id, item.expectedVersion, reason);
    if (result.ok) outcome.succeeded.push(result.value);
    else fail(item, result.error);
  }
  return ok(outcome);
}

/** The bulk mutations: name, event, whether a reason is needed, description. */
export const BULK_INVITATION_DECISIONS = [
  ['acceptInvitations', 'accept', '批量受理: accept many invitations; per-case results'],
  ['refuseInvitations', 'refuse', '批量不予受理: one reason for all; per-case results'],
  ['confirmInvitations', 'confirm', '批量确认: confirm many (four-eyes per case); per-case results'],
  ['rejectInvitationConfirmations', 'rejectConfirmation', '批量确认不通过: one reason for all; per-case results'],
] as const satisfies readonly (readonly [string, InvitationDecisionEvent, string])[];

export function bulkNeedsReason(event: InvitationDecisionEvent): boolean {
  return Boolean(
    findTransition(invitationWorkflow, 'PENDING_ACCEPTANCE', event)?.needsReason ||
      findTransition(invitationWorkflow, 'PENDING_CONFIRMATION', event)?.needsReason,
  );
}
