// GraphQL of the bulk invitation decisions (批量受理 / 批量确认 …): per-case results, limit BULK_DECISION_MAX_ITEMS.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../platform/builder.ts';
import { BaseErrorRef, toSimplePayloadError, ValidationErrorRef } from '../../platform/graphql-errors.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { BULK_INVITATION_DECISIONS, type BulkFailure, bulkNeedsReason, decideInvitations } from './bulk-decisions.ts';
import { asInvitationCase, type InvitationCase } from './case.ts';
import { InvitationRef } from './schema.ts';

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
  fields: (t) => ({ id: t.exposeID('id'), code: t.exposeString('code'), message: t.exposeString('message') }),
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
