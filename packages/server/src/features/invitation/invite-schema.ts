// GraphQL of 邀请使用单位: the inviteUseUnits mutation (web form, Excel rows and API alike), its rows and row failures.

import { INVITATION_ROW_FAILURE_CODES, invitationRowFailureMessage } from '@leqi/domain';
import { builder } from '../../platform/builder.ts';
import { describedEnum } from '../../platform/described-enum.ts';
import { BaseErrorRef, toSimplePayloadError, ValidationErrorRef } from '../../platform/graphql-errors.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { RelationshipEnum } from '../access-application/schema.ts';
import { asInvitationCase, type InvitationCase } from './case.ts';
import type { RowFailure } from './invite-batch.ts';
import { InvitationRef } from './schema.ts';
import { inviteUseUnits } from './service.ts';

const InvitationRowInputRef = builder.inputType('InvitationRowInput', {
  fields: (t) => ({
    uscc: t.string({ description: '统一社会信用代码' }),
    name: t.string({ description: '单位名称' }),
    provinceAuthorityCode: t.string({ description: '11 位省级税务机关代码' }),
    relationship: t.field({ type: RelationshipEnum }),
    capabilityCodes: t.stringList({ required: false, description: '能力预授权 (能力编码)' }),
  }),
});
const InviteUseUnitsInput = builder.inputType('InviteUseUnitsInput', {
  fields: (t) => ({
    invitations: t.field({ type: [InvitationRowInputRef] }),
    proofMaterialIds: t.globalIDList({ required: false, description: '关系证明材料 for the whole batch' }),
    idempotencyKey: t.string({ required: false, description: 'the same key with the same body never invites twice' }),
  }),
});

export const InvitationRowFailureCodeEnum = describedEnum('InvitationRowFailureCode', {
  description: { zh: '邀请失败原因', en: 'Why one row of an invitation batch failed' },
  values: INVITATION_ROW_FAILURE_CODES,
  label: (code) => ({
    zh: invitationRowFailureMessage(code, {}, 'zh-CN'),
    en: invitationRowFailureMessage(code, {}, 'en'),
  }),
});

const InvitationRowFailureRef = builder.objectRef<RowFailure>('InvitationRowFailure').implement({
  description: '邀请失败记录: row is 1-based',
  fields: (t) => ({
    row: t.exposeInt('row'),
    uscc: t.exposeString('uscc', { nullable: true }),
    code: t.field({ type: InvitationRowFailureCodeEnum, resolve: (failure) => failure.code }),
    message: t.exposeString('message'),
  }),
});

const InviteUseUnitsSuccessRef = builder
  .objectRef<{ __typename: 'InviteUseUnitsSuccess'; succeeded: InvitationCase[]; failed: RowFailure[] }>(
    'InviteUseUnitsSuccess',
  )
  .implement({
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'InviteUseUnitsSuccess',
    fields: (t) => ({
      succeeded: t.field({ type: [InvitationRef], resolve: (success) => success.succeeded }),
      failed: t.field({ type: [InvitationRowFailureRef], resolve: (success) => success.failed }),
    }),
  });

const InviteUseUnitsPayload = builder.unionType('InviteUseUnitsPayload', {
  types: [InviteUseUnitsSuccessRef, BaseErrorRef, ValidationErrorRef],
});

builder.mutationField('inviteUseUnits', (t) =>
  t.field({
    type: InviteUseUnitsPayload,
    description:
      '邀请使用单位: at most 50 rows signed in, 250 by API token; valid rows go through, failed rows are reported',
    skipTypeScopes: true,
    args: { input: t.arg({ type: InviteUseUnitsInput }) },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      const viewer = context.viewer;
      const result = await inviteUseUnits(context.app, viewer, input.invitations, {
        channel: viewer.actor.role === 'API_CLIENT' ? 'API' : 'WEB',
        proofMaterialIds: input.proofMaterialIds?.map((id) => id.id) ?? [],
        idempotencyKey: input.idempotencyKey ?? null,
        locale: context.locale,
      });
      if (!result.ok) return toSimplePayloadError(result.error, context.locale);
      return {
        __typename: 'InviteUseUnitsSuccess' as const,
        succeeded: result.value.succeeded.map(asInvitationCase),
        failed: result.value.failed,
      };
    }),
  }),
);
