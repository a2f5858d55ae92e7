// GraphQL of 邀请使用单位: the inviteUseUnits mutation (web form, Excel rows and API alike), its rows and row failures.

import { INVITATION_ROW_FAILURE_CODES, invitationRowFailureMessage } from '@leqi/domain';
import { builder } from '../../platform/builder.ts';
import { describedEnum } from '../../platform/described-enum.ts';
import { BaseErrorRef, toSimplePayloadError, ValidationErrorRef } from '../../platform/graphql-errors.ts';
import { ADMITS_API_TOKENS } from '../../platform/refusal-channels.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { RelationshipEnum } from '../access-application/schema.ts';
import { asInvitationCase, type InvitationCase } from './case.ts';
import type { RowFailure } from './invite-batch.ts';
import { InvitationRef } from './schema.ts';
import { inviteUseUnits } from './service.ts';

const InvitationRowInputRef = builder.inputType('InvitationRowInput', {
  description: '邀请一个使用单位：邀请信息的一行\n\nOne use unit to invite: one row of the invitation list',
  fields: (t) => ({
    uscc: t.string({
      description:
        '使用单位的统一社会信用代码（18 位），该单位须已在系统登记\n\nUnified social credit code (USCC, 18 characters) of the use unit, which must be registered',
    }),
    name: t.string({
      description:
        '使用单位名称，须与登记的名称一致（忽略空白及全角半角差异）\n\nName of the use unit; must match the registered name (ignoring white space and full-width forms)',
    }),
    provinceAuthorityCode: t.string({
      description:
        '11 位省级税务机关代码，须为使用单位所属省份的税务局\n\nThe 11-digit code of the provincial tax authority; must be that of the use unit’s province',
    }),
    relationship: t.field({
      type: RelationshipEnum,
      description: '直连单位与使用单位的单位关系\n\nRelationship between the DCU and the use unit',
    }),
    capabilityCodes: t.stringList({
      required: false,
      description:
        '能力预授权：本单位已订阅的能力的编码，确认通过后即授权给使用单位；省略或空列表表示不预授权\n\n' +
        'Pre-authorised capabilities: codes of capabilities the DCU has subscribed to, authorised to the use unit once confirmed; omitted or empty for none',
    }),
  }),
});
const InviteUseUnitsInput = builder.inputType('InviteUseUnitsInput', {
  description: '邀请使用单位的输入\n\nInput of inviteUseUnits',
  fields: (t) => ({
    invitations: t.field({
      type: [InvitationRowInputRef],
      description:
        '要邀请的使用单位，每行一个（至少 1 行；登录用户最多 50 行，API 令牌最多 250 行）\n\n' +
        'The use units to invite, one per row (at least 1; at most 50 signed in, 250 with an API token)',
    }),
    proofMaterialIds: t.globalIDList({
      required: false,
      description:
        '本直连单位上传的关联关系证明材料的全局 ID，适用于本批全部行；除同一监管部门且属指定行业的使用单位外必须提供\n\n' +
        'Global IDs of relationship proof materials uploaded by the DCU, for every row of the batch; required unless the relationship is the same regulatory department in a designated sector',
    }),
    idempotencyKey: t.string({
      required: false,
      description:
        '幂等键（最多 200 个字符）：同一键、同一内容的请求不会重复邀请，重发时返回首次的结果；同一键用于不同内容时返回 DUPLICATE\n\n' +
        'Idempotency key (at most 200 characters): the same key with the same body never invites twice and returns the first outcome again; the same key with another body is refused as DUPLICATE',
    }),
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
  description: '邀请失败记录：未能邀请的一行及原因\n\nA row that could not be invited, and why',
  fields: (t) => ({
    row: t.exposeInt('row', {
      description: '行号，从 1 开始，按 invitations 中的顺序\n\nRow number, from 1, in the order of invitations',
    }),
    uscc: t.exposeString('uscc', {
      nullable: true,
      description:
        '该行的统一社会信用代码（格式不正确时为所填内容的前 40 个字符）；未填写时为空\n\nUSCC of the row (the first 40 characters as given when invalid); null when empty',
    }),
    code: t.field({
      type: InvitationRowFailureCodeEnum,
      description: '失败原因代码\n\nWhy the row failed',
      resolve: (failure) => failure.code,
    }),
    message: t.exposeString('message', {
      description: '失败原因（按请求语言）\n\nWhy the row failed, in the request’s language',
    }),
  }),
});

const InviteUseUnitsSuccessRef = builder
  .objectRef<{ __typename: 'InviteUseUnitsSuccess'; succeeded: InvitationCase[]; failed: RowFailure[] }>(
    'InviteUseUnitsSuccess',
  )
  .implement({
    description:
      '邀请已处理：校验通过的行已发出邀请，未通过的行列为失败记录\n\nThe invitations were processed: valid rows were invited, failed rows are listed',
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'InviteUseUnitsSuccess',
    fields: (t) => ({
      succeeded: t.field({
        type: [InvitationRef],
        description:
          '已发出的邀请（待使用单位响应），按行的顺序\n\nThe invitations sent (awaiting the use unit’s response), in row order',
        resolve: (success) => success.succeeded,
      }),
      failed: t.field({
        type: [InvitationRowFailureRef],
        description:
          '未能邀请的行，按行号排序；全部成功时为空列表\n\nThe rows not invited, by row number; empty when all succeeded',
        resolve: (success) => success.failed,
      }),
    }),
  });

const InviteUseUnitsPayload = builder.unionType('InviteUseUnitsPayload', {
  description:
    '邀请使用单位的结果：成功（含逐行结果），或整个请求被拒绝的原因\n\nResult of inviteUseUnits: the per-row outcome, or why the whole call was refused',
  types: [InviteUseUnitsSuccessRef, BaseErrorRef, ValidationErrorRef],
});

builder.mutationField('inviteUseUnits', (t) =>
  t.field({
    type: InviteUseUnitsPayload,
    description:
      '邀请使用单位：状态正常的直连单位的企业用户（最多 50 行）或 API 令牌（最多 250 行）邀请使用单位；每行单独校验，通过的行即发出邀请，未通过的行列为失败记录\n\n' +
      'Invite use units: an operator (at most 50 rows) or an API token (at most 250 rows) of an ACTIVE direct-connect unit (DCU) invites use units; each row is checked on its own, valid rows are invited and failed rows are reported',
    extensions: { [ADMITS_API_TOKENS]: true },
    args: {
      input: t.arg({
        type: InviteUseUnitsInput,
        description: '要邀请的使用单位及证明材料\n\nThe use units to invite and the proof',
      }),
    },
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
