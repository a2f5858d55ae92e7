// 批量受理 / 批量确认 …: one bureau decision over many invitations, each in its own transaction with its own result
// (at most BULK_DECISION_MAX_ITEMS), and its GraphQL mutations.
import {
  BULK_DECISION_MAX_ITEMS,
  type DomainError,
  domainError,
  type ErrorCode,
  err,
  invitationWorkflow,
  type Locale,
  messageFor,
  ok,
  type Result,
} from '@leqi/domain';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Invitation } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import {
  BaseErrorRef,
  ErrorCodeEnum,
  toSimplePayloadError,
  ValidationErrorRef,
} from '../../platform/graphql-errors.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { decideCase } from '../cases/decide.ts';
import { asInvitationCase, type InvitationCase, invitationCase } from './case.ts';
import { InvitationRef } from './schema.ts';
import type { InvitationDecisionEvent } from './service.ts';

interface BulkItem {
  /** the invitation's id, or null when the given global ID names something else */
  id: string | null;
  /** echoed in a failure so the caller can match it */
  ref: string;
  expectedVersion: number;
}

interface BulkFailure {
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
async function decideInvitations(
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
  if (bulkNeedsReason(event) && !reason?.trim()) return err(domainError('REASON_REQUIRED'));
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
const BULK_INVITATION_DECISIONS = [
  ['acceptInvitations', 'accept', '批量受理: accept many invitations; per-case results'],
  ['refuseInvitations', 'refuse', '批量不予受理: one reason for all; per-case results'],
  ['confirmInvitations', 'confirm', '批量确认: confirm many (four-eyes per case); per-case results'],
  ['rejectInvitationConfirmations', 'rejectConfirmation', '批量确认不通过: one reason for all; per-case results'],
] as const satisfies readonly (readonly [string, InvitationDecisionEvent, string])[];

const bulkNeedsReason = (event: InvitationDecisionEvent) =>
  invitationWorkflow.transitions.some((rule) => rule.event === event && rule.needsReason);

const BulkDecisionItemInput = builder.inputType('BulkDecisionItemInput', {
  fields: (t) => ({ id: t.globalID(), expectedVersion: t.int() }),
});
const BulkInvitationDecisionInput = builder.inputType('BulkInvitationDecisionInput', {
  fields: (t) => ({ items: t.field({ type: [BulkDecisionItemInput] }) }),
});
const BulkInvitationDecisionWithReasonInput = builder.inputType('BulkInvitationDecisionWithReasonInput', {
  fields: (t) => ({
    items: t.field({ type: [BulkDecisionItemInput] }),
    reason: t.string({ description: 'one reason for every case' }),
  }),
});

const BulkDecisionFailureRef = builder.objectRef<BulkFailure>('BulkDecisionFailure').implement({
  description: 'A case the bulk decision did not change, with why',
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.field({ type: ErrorCodeEnum, resolve: (failure) => failure.code as ErrorCode }),
    message: t.exposeString('message'),
  }),
});

type SuccessShape = { __typename: 'BulkInvitationDecisionSuccess'; succeeded: InvitationCase[]; failed: BulkFailure[] };
const BulkInvitationDecisionSuccessRef = builder.objectRef<SuccessShape>('BulkInvitationDecisionSuccess').implement({
  isTypeOf: (value) => (value as { __typename?: string }).__typename === 'BulkInvitationDecisionSuccess',
  fields: (t) => ({
    succeeded: t.field({ type: [InvitationRef], resolve: (success) => success.succeeded }),
    failed: t.field({ type: [BulkDecisionFailureRef], resolve: (success) => success.failed }),
  }),
});

const BulkInvitationDecisionPayload = builder.unionType('BulkInvitationDecisionPayload', {
  types: [BulkInvitationDecisionSuccessRef, BaseErrorRef, ValidationErrorRef],
});

for (const [name, event, description] of BULK_INVITATION_DECISIONS) {
  const withReason = bulkNeedsReason(event);
  builder.mutationField(name, (t) =>
    t.field({
      type: BulkInvitationDecisionPayload,
      description,
      args: {
        input: t.arg({ type: withReason ? BulkInvitationDecisionWithReasonInput : BulkInvitationDecisionInput }),
      },
      resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
        const items = input.items.map((item) => ({
          id: item.id.typename === 'Invitation' ? item.id.id : null,
          ref: encodeGlobalID(item.id.typename, item.id.id),
          expectedVersion: item.expectedVersion,
        }));
        const reason = 'reason' in input ? (input.reason as string) : null;
        const result = await decideInvitations(context.app, context.viewer, event, items, reason, context.locale);
        if (!result.ok) return toSimplePayloadError(result.error, context.locale);
        return {
          __typename: 'BulkInvitationDecisionSuccess' as const,
          succeeded: result.value.succeeded.map(asInvitationCase),
          failed: result.value.failed,
        };
      }),
    }),
  );
}
