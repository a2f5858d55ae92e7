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
const EACH_ON_ITS_OWN = `每个邀请单独处理、单独返回结果，一个失败不影响其他；每次最多 ${BULK_DECISION_MAX_ITEMS} 个，仅限税务人员`;
const EACH_ON_ITS_OWN_EN = `each invitation is decided on its own with its own result, one failure never undoes another; at most ${BULK_DECISION_MAX_ITEMS} per call, officers only`;
const BULK_INVITATION_DECISIONS = [
  [
    'acceptInvitations',
    'accept',
    `批量受理：受理多个待受理的邀请；${EACH_ON_ITS_OWN}\n\nAccept many invitations pending acceptance; ${EACH_ON_ITS_OWN_EN}`,
  ],
  [
    'refuseInvitations',
    'refuse',
    `批量不予受理：以同一原因不予受理多个待受理的邀请；${EACH_ON_ITS_OWN}\n\nRefuse many invitations pending acceptance with one reason; ${EACH_ON_ITS_OWN_EN}`,
  ],
  [
    'confirmInvitations',
    'confirm',
    `批量确认：确认通过多个待确认的邀请，每个邀请的确认人不能是其受理人，确认通过即建立绑定关系；${EACH_ON_ITS_OWN}\n\nConfirm many invitations pending confirmation, each by an officer other than the one who accepted it, creating their bindings; ${EACH_ON_ITS_OWN_EN}`,
  ],
  [
    'rejectInvitationConfirmations',
    'rejectConfirmation',
    `批量确认不通过：以同一原因确认不通过多个待确认的邀请，每个邀请的确认人不能是其受理人；${EACH_ON_ITS_OWN}\n\nReject the confirmation of many invitations pending confirmation with one reason, each by an officer other than the one who accepted it; ${EACH_ON_ITS_OWN_EN}`,
  ],
] as const satisfies readonly (readonly [string, InvitationDecisionEvent, string])[];

const bulkNeedsReason = (event: InvitationDecisionEvent) =>
  invitationWorkflow.transitions.some((rule) => rule.event === event && rule.needsReason);

const BulkDecisionItemInput = builder.inputType('BulkDecisionItemInput', {
  description: '批量处理中的一个邀请\n\nOne invitation of a bulk decision',
  fields: (t) => ({
    id: t.globalID({ description: '接入邀请的全局 ID\n\nGlobal ID of the invitation' }),
    expectedVersion: t.int({
      description:
        '税务人员看到的邀请版本号（Invitation.version）；邀请已被他人改动时该项失败（STALE_VERSION）\n\n' +
        'The version of the invitation the officer saw (Invitation.version); the item fails (STALE_VERSION) when it has changed since',
    }),
  }),
});
const ITEMS = `要处理的邀请（1 至 ${BULK_DECISION_MAX_ITEMS} 个）；重复的邀请列为失败\n\nThe invitations to decide (1 to ${BULK_DECISION_MAX_ITEMS}); repeated ones fail as duplicates`;
const BulkInvitationDecisionInput = builder.inputType('BulkInvitationDecisionInput', {
  description: '批量受理或批量确认的输入\n\nInput of a bulk decision that needs no reason',
  fields: (t) => ({ items: t.field({ type: [BulkDecisionItemInput], description: ITEMS }) }),
});
const BulkInvitationDecisionWithReasonInput = builder.inputType('BulkInvitationDecisionWithReasonInput', {
  description: '需要填写原因的批量处理的输入\n\nInput of a bulk decision that needs a reason',
  fields: (t) => ({
    items: t.field({ type: [BulkDecisionItemInput], description: ITEMS }),
    reason: t.string({
      description:
        '适用于全部邀请的原因（必填，最多 500 个字符）\n\nOne reason for every invitation (required, at most 500 characters)',
    }),
  }),
});

const BulkDecisionFailureRef = builder.objectRef<BulkFailure>('BulkDecisionFailure').implement({
  description: '批量处理中未被处理的一个邀请及原因\n\nAn invitation the bulk decision did not change, and why',
  fields: (t) => ({
    invitationId: t.id({
      description: '该邀请的全局 ID，与请求中给出的相同\n\nThe invitation’s global ID, as given in the request',
      resolve: (failure) => failure.id,
    }),
    code: t.field({
      type: ErrorCodeEnum,
      description: '失败原因代码\n\nWhy it failed',
      resolve: (failure) => failure.code as ErrorCode,
    }),
    message: t.exposeString('message', {
      description: '失败原因（按请求语言）\n\nWhy it failed, in the request’s language',
    }),
  }),
});

type SuccessShape = { __typename: 'BulkInvitationDecisionSuccess'; succeeded: InvitationCase[]; failed: BulkFailure[] };
const BulkInvitationDecisionSuccessRef = builder.objectRef<SuccessShape>('BulkInvitationDecisionSuccess').implement({
  description: '批量处理已完成：逐个邀请的结果\n\nThe bulk decision ran: the result of each invitation',
  isTypeOf: (value) => (value as { __typename?: string }).__typename === 'BulkInvitationDecisionSuccess',
  fields: (t) => ({
    succeeded: t.field({
      type: [InvitationRef],
      description:
        '已处理的邀请（处理后的状态），按请求中的顺序\n\nThe invitations decided (as they are now), in request order',
      resolve: (success) => success.succeeded,
    }),
    failed: t.field({
      type: [BulkDecisionFailureRef],
      description:
        '未处理的邀请及原因，按请求中的顺序；全部成功时为空列表\n\nThe invitations not decided and why, in request order; empty when all succeeded',
      resolve: (success) => success.failed,
    }),
  }),
});

const BulkInvitationDecisionPayload = builder.unionType('BulkInvitationDecisionPayload', {
  description:
    '批量处理的结果：逐个邀请的结果，或整个请求被拒绝的原因（非税务人员、列表为空或过长、缺少原因）\n\n' +
    'Result of a bulk decision: the result of each invitation, or why the whole call was refused (not an officer, an empty or too long list, a missing reason)',
  types: [BulkInvitationDecisionSuccessRef, BaseErrorRef, ValidationErrorRef],
});

for (const [name, event, description] of BULK_INVITATION_DECISIONS) {
  const withReason = bulkNeedsReason(event);
  builder.mutationField(name, (t) =>
    t.field({
      type: BulkInvitationDecisionPayload,
      description,
      args: {
        input: t.arg({
          type: withReason ? BulkInvitationDecisionWithReasonInput : BulkInvitationDecisionInput,
          description: withReason
            ? '要处理的邀请及原因\n\nThe invitations to decide and the reason'
            : '要处理的邀请\n\nThe invitations to decide',
        }),
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
