// GraphQL of 接入邀请: the Invitation case, its listings and its mutations (docs/contracts/use-units.graphql).
import {
  INVITATION_CHANNEL_LABELS,
  INVITATION_CHANNELS,
  INVITATION_STATUSES,
  type InvitationChannel,
  type InvitationStatus,
  invitationWorkflow,
  officialInvitationStatusCode,
  type Relationship,
  relationshipCode,
} from '@leqi/domain';
import { builder } from '../../platform/builder.ts';
import type { Context } from '../../platform/context.ts';
import { describedEnum } from '../../platform/described-enum.ts';
import { toPayloadError } from '../../platform/graphql-errors.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { RelationshipEnum } from '../access-application/schema.ts';
import { casePayload, defineDecisionMutations } from '../cases/decision-mutations.ts';
import { caseNode, loadCase } from '../cases/review-case.ts';
import { EnterpriseRef, TaxAuthorityRef } from '../enterprise/schema.ts';
import { MaterialRef } from '../materials/schema.ts';
import { materialsOf } from '../materials/service.ts';
import { asInvitationCase, invitationCase } from './case.ts';
import { CASE_KIND, mayReplaceProof } from './parties.ts';
import { replaceRelationshipProof } from './relationship-proof.ts';
import { declineInvitation, type InvitationDecisionEvent, respondToInvitation } from './service.ts';

export const InvitationStatusEnum = describedEnum('InvitationStatus', {
  description: {
    zh: '接入邀请的接入状态：直连单位邀请后待使用单位响应；使用单位确认邀请后由其主管税务机关受理、确认；确认通过即建立绑定关系，解除绑定后为已解除；直连单位提交退出申请时处理中的邀请自动失效',
    en: "Access status of an invitation: once the direct-connect unit (DCU) invites, it awaits the use unit's response; once the use unit confirms, the use unit's competent tax authority accepts and confirms it; confirmation creates the binding and unbinding ends it; pending invitations are cancelled when the DCU submits an exit application",
  },
  values: INVITATION_STATUSES,
  label: (status) => {
    const info = invitationWorkflow.statusInfo[status];
    return {
      zh: `${info.zh}（接入状态代码 ${info.officialCode}）`,
      en: `${info.en} (official access status code ${info.officialCode})`,
    };
  },
});
const InvitationChannelEnum = describedEnum('InvitationChannel', {
  description: {
    zh: '邀请的方式：录入、导入或上传',
    en: 'How an invitation was made: web form, Excel import or API upload',
  },
  values: INVITATION_CHANNELS,
  label: (channel) => INVITATION_CHANNEL_LABELS[channel],
});

export const InvitationRef = caseNode(
  invitationCase,
  '接入邀请：直连单位邀请使用单位使用其乐企能力；使用单位确认邀请后，由使用单位的主管税务机关受理、确认，确认通过后建立绑定关系。' +
    '邀请方直连单位、被邀请使用单位及使用单位的主管税务机关（及其省级税务机关）可以查看\n\n' +
    'An invitation: a direct-connect unit (DCU) invites a use unit to use its Leqi capabilities; once the use unit ' +
    "confirms, the use unit's competent tax authority accepts and confirms it, and confirmation creates the binding. " +
    "Visible to the inviting DCU, the invited use unit and the use unit's competent tax authority (and its provincial one)",
);
builder.objectFields(InvitationRef, (t) => ({
  officialStatusCode: t.int({
    description:
      '接入状态代码：0 待使用单位响应、1 待受理、2 不予受理、3 待确认、4 确认通过、5 确认不通过、6 已解除、8 已拒绝、10 已失效\n\n' +
      'Official access status code: 0 awaiting use unit response, 1 pending acceptance, 2 not accepted, ' +
      '3 pending confirmation, 4 confirmed, 5 confirmation rejected, 6 unbound, 8 declined, 10 cancelled',
    resolve: (row) => officialInvitationStatusCode(row.status as InvitationStatus),
  }),
  directUnit: t.field({
    type: EnterpriseRef,
    description: '发出邀请的直连单位\n\nThe direct-connect unit (DCU) that sent the invitation',
    resolve: (row, _args, context) =>
      context.app.db.enterprise.findUniqueOrThrow({ where: { id: row.dcuEnterpriseId } }),
  }),
  useUnitUscc: t.exposeString('useUnitUscc', {
    description:
      '被邀请使用单位的统一社会信用代码（18 位）\n\nUnified social credit code (USCC, 18 characters) of the invited use unit',
  }),
  useUnitName: t.exposeString('useUnitName', {
    description: '被邀请使用单位的名称（税务登记的名称）\n\nName of the invited use unit, as registered',
  }),
  provinceAuthority: t.field({
    type: TaxAuthorityRef,
    description:
      "直连单位邀请时选择的省级税务机关，即使用单位所属省份的税务局\n\nProvincial tax authority the DCU chose when inviting: that of the use unit's province",
    resolve: (row, _args, context) =>
      context.app.db.taxAuthority.findUniqueOrThrow({ where: { code: row.provinceAuthorityCode } }),
  }),
  useUnitAuthority: t.field({
    type: TaxAuthorityRef,
    nullable: true,
    description:
      '使用单位登记的主管税务机关，负责受理和确认邀请；使用单位确认邀请时记入，未确认（含已拒绝、已失效）时为空\n\n' +
      "The use unit's registered competent tax authority, which accepts and confirms the invitation; recorded when the use unit confirms, null until then (also when declined or cancelled before that)",
    resolve: (row, _args, context) =>
      row.useUnitAuthorityCode
        ? context.app.db.taxAuthority.findUnique({ where: { code: row.useUnitAuthorityCode } })
        : null,
  }),
  relationship: t.field({
    type: RelationshipEnum,
    description:
      '直连单位与使用单位的单位关系：邀请时由直连单位填写，使用单位确认邀请时可以更正\n\n' +
      'Relationship between the DCU and the use unit: given by the DCU when inviting, may be corrected by the use unit when it confirms',
    resolve: (row) => row.relationship as Relationship,
  }),
  relationshipCode: t.string({
    description:
      '单位关系的官方代码：01 总分公司关系、02 母子公司关系、03 其他控制关系、05 同一监管部门\n\n' +
      'Official code of the relationship: 01 headquarters and branch, 02 parent and subsidiary, 03 other control relationship, 05 same regulatory department',
    resolve: (row) => relationshipCode(row.relationship as Relationship),
  }),
  capabilityCodes: t.exposeStringList('capabilityCodes', {
    description:
      '能力预授权：直连单位邀请时预授权的能力编码，确认通过、建立绑定关系时即授权给使用单位；未预授权时为空列表\n\n' +
      'Pre-authorised capabilities: codes of the capabilities the DCU pre-authorised when inviting, authorised to the use unit when confirmation creates the binding; empty when none',
  }),
  channel: t.field({
    type: InvitationChannelEnum,
    description: '邀请的方式：录入、导入或上传\n\nHow the invitation was made: web form, Excel import or API upload',
    resolve: (row) => row.channel as InvitationChannel,
  }),
  proofMaterials: t.field({
    type: [MaterialRef],
    description:
      '关联关系证明材料：直连单位邀请时提供，使用单位确认邀请时可以替换，之后双方均可变更；没有材料时为空列表\n\n' +
      'Relationship proof materials: given by the DCU with the invitation, replaceable by the use unit when it confirms and later by either side (replaceRelationshipProof); empty when none',
    resolve: (row, _args, context) => materialsOf(context.app.db, CASE_KIND, row.id),
  }),
  respondedAt: t.expose('respondedAt', {
    type: 'DateTime',
    nullable: true,
    description:
      '使用单位响应邀请（确认或拒绝）的时间；尚未响应时为空\n\nWhen the use unit responded (confirmed or declined); null until it responds',
  }),
}));

builder.queryField('invitation', (t) =>
  t.field({
    type: InvitationRef,
    nullable: true,
    description:
      '按 ID 查询一个接入邀请；未登录、ID 不存在或不是邀请、当前用户无权查看时返回空\n\n' +
      'One invitation by its global ID; null when not signed in, when the ID names no invitation, or when the viewer may not see it',
    skipTypeScopes: true,
    args: {
      id: t.arg.globalID({
        required: true,
        description: '接入邀请的全局 ID\n\nGlobal ID of the invitation',
      }),
    },
    resolve: (_root, { id }, context) =>
      id.typename === 'Invitation' ? loadCase(invitationCase, id.id, context) : null,
  }),
);

const { payload: InvitationPayload, toPayload: payload } = casePayload('Invitation', InvitationRef, asInvitationCase);
const notFound = (context: Context) => toPayloadError({ code: 'NOT_FOUND' }, context.locale);

const INVITATION_ID = '接入邀请的全局 ID\n\nGlobal ID of the invitation';
const EXPECTED_VERSION =
  '用户看到的邀请版本号（Invitation.version）；邀请已被他人改动时返回 StaleVersionError\n\n' +
  'The version of the invitation the user saw (Invitation.version); a StaleVersionError when it has changed since';

const RespondToInvitationInput = builder.inputType('RespondToInvitationInput', {
  description: '确认邀请的输入\n\nInput of respondToInvitation',
  fields: (t) => ({
    id: t.globalID({ description: INVITATION_ID }),
    expectedVersion: t.int({ description: EXPECTED_VERSION }),
    competentAuthorityCode: t.string({
      required: false,
      description:
        '已弃用：主管税务机关代码（11 位）。如填写，必须是使用单位登记的主管税务机关，否则返回 VALIDATION_FAILED；请省略\n\n' +
        "Deprecated: competent tax authority code (11 digits). If given, it must be the use unit's registered competent tax authority (VALIDATION_FAILED otherwise); omit it",
      deprecationReason: 'The registered competent authority always decides; it cannot be chosen. Omit this field.',
    }),
    relationship: t.field({
      type: RelationshipEnum,
      description:
        '使用单位确认的单位关系，可与邀请时填写的不同\n\nThe relationship the use unit confirms; it may differ from the one in the invitation',
    }),
    proofMaterialIds: t.globalIDList({
      required: false,
      description:
        '本使用单位上传的关联关系证明材料的全局 ID：填写时替换邀请上的全部材料，省略时保留原材料。除同一监管部门且属指定行业的使用单位外，邀请必须有证明材料，否则返回 MATERIALS_MISSING\n\n' +
        "Global IDs of relationship proof materials uploaded by the use unit: when given they replace all of the invitation's proof, when omitted the proof is kept. " +
        'Proof is required unless the relationship is the same regulatory department in a designated sector (MATERIALS_MISSING otherwise)',
    }),
  }),
});
const DeclineInvitationInput = builder.inputType('DeclineInvitationInput', {
  description: '拒绝邀请的输入\n\nInput of declineInvitation',
  fields: (t) => ({
    id: t.globalID({ description: INVITATION_ID }),
    expectedVersion: t.int({ description: EXPECTED_VERSION }),
    reason: t.string({
      required: false,
      description:
        '拒绝原因（选填，最多 500 个字符），直连单位可以看到\n\nWhy the use unit declines (optional, at most 500 characters); the DCU sees it',
    }),
  }),
});

builder.mutationField('respondToInvitation', (t) =>
  t.field({
    type: InvitationPayload,
    description:
      '确认邀请：被邀请使用单位的企业用户（非 API 令牌）确认单位关系，可同时替换关联关系证明材料；之后由使用单位登记的主管税务机关受理、确认。仅限待使用单位响应的邀请\n\n' +
      "Confirm an invitation: an operator (not an API token) of the invited use unit confirms the relationship, optionally replacing the relationship proof; the use unit's registered competent tax authority then accepts and confirms it. Only while the invitation awaits the use unit's response",
    args: {
      input: t.arg({ type: RespondToInvitationInput, description: '确认邀请的内容\n\nWhat to confirm' }),
    },
    resolve: signedIn(unauthenticated.inPayload, async (_root, { input }, context) => {
      if (input.id.typename !== 'Invitation') return notFound(context);
      const result = await respondToInvitation(context.app, context.viewer, {
        id: input.id.id,
        expectedVersion: input.expectedVersion,
        competentAuthorityCode: input.competentAuthorityCode ?? null,
        relationship: input.relationship,
        proofMaterialIds: input.proofMaterialIds?.map((id) => id.id) ?? null,
      });
      return payload(result, context);
    }),
  }),
);

builder.mutationField('declineInvitation', (t) =>
  t.field({
    type: InvitationPayload,
    description:
      '拒绝邀请：被邀请使用单位的企业用户（非 API 令牌）拒绝，可填写原因；拒绝后直连单位可以再次邀请。仅限待使用单位响应的邀请\n\n' +
      "Decline an invitation: an operator (not an API token) of the invited use unit declines it, optionally with a reason; the DCU may then invite again. Only while the invitation awaits the use unit's response",
    args: {
      input: t.arg({ type: DeclineInvitationInput, description: '要拒绝的邀请\n\nThe invitation to decline' }),
    },
    resolve: signedIn(unauthenticated.inPayload, async (_root, { input }, context) => {
      if (input.id.typename !== 'Invitation') return notFound(context);
      return payload(
        await declineInvitation(context.app, context.viewer, input.id.id, input.expectedVersion, input.reason),
        context,
      );
    }),
  }),
);

const DECISION_DESCRIPTIONS: Record<InvitationDecisionEvent, string> = {
  accept:
    '受理：使用单位主管税务机关的税务人员受理待受理的邀请，邀请进入待确认\n\n' +
    "Accept: an officer of the use unit's competent tax authority accepts an invitation pending acceptance; it becomes pending confirmation",
  refuse:
    '不予受理：使用单位主管税务机关的税务人员不予受理待受理的邀请，须填写原因（最多 500 个字符）\n\n' +
    "Refuse: an officer of the use unit's competent tax authority refuses an invitation pending acceptance; a reason is required (at most 500 characters)",
  confirm:
    '确认通过：同一主管税务机关的另一名税务人员（不能是受理人）确认待确认的邀请；绑定关系随即生效，预授权的能力同时授权给使用单位\n\n' +
    'Confirm: another officer of the same competent tax authority (not the one who accepted) confirms an invitation pending confirmation; the binding becomes ACTIVE and the pre-authorised capabilities are authorised to the use unit',
  rejectConfirmation:
    '确认不通过：同一主管税务机关的另一名税务人员（不能是受理人）确认不通过待确认的邀请，须填写原因（最多 500 个字符）\n\n' +
    'Reject confirmation: another officer of the same competent tax authority (not the one who accepted) rejects an invitation pending confirmation; a reason is required (at most 500 characters)',
};
defineDecisionMutations({
  kind: invitationCase,
  payload: InvitationPayload,
  toPayload: payload,
  describe: (event) => DECISION_DESCRIPTIONS[event as InvitationDecisionEvent],
});

const ReplaceRelationshipProofInput = builder.inputType('ReplaceRelationshipProofInput', {
  description: '变更关联关系证明材料的输入\n\nInput of replaceRelationshipProof',
  fields: (t) => ({
    invitationId: t.globalID({ description: INVITATION_ID }),
    materialIds: t.globalIDList({
      description:
        '新的关联关系证明材料的全局 ID（至少一个）：本单位上传的材料，或邀请上已有的材料；替换邀请上的全部材料\n\n' +
        "Global IDs of the new relationship proof (at least one): materials of the caller's enterprise or materials already attached to the invitation; they replace all of its proof",
    }),
  }),
});

builder.objectField(InvitationRef, 'mayReplaceProof', (t) =>
  t.boolean({
    description:
      '当前用户现在能否变更关联关系证明材料：邀请方或被邀请方的企业用户（非 API 令牌），且邀请处理中或已确认通过\n\n' +
      'Whether the viewer may replace the relationship proof now: an operator (not an API token) of either enterprise, while the invitation is pending or confirmed (bound)',
    resolve: (row, _args, context) => mayReplaceProof(context.viewer?.actor, row),
  }),
);

builder.mutationField('replaceRelationshipProof', (t) =>
  t.field({
    type: InvitationPayload,
    description:
      '变更关联关系证明材料：邀请方直连单位或被邀请使用单位的企业用户（非 API 令牌）替换邀请上的证明材料；邀请处理中（待使用单位响应、待受理、待确认）或已确认通过（已绑定）时可用，变更记入审计记录\n\n' +
      'Replace the relationship proof of an invitation: an operator (not an API token) of the inviting DCU or of the use unit; while the invitation is pending (awaiting response, acceptance or confirmation) or confirmed (bound); the change is audited',
    args: {
      input: t.arg({
        type: ReplaceRelationshipProofInput,
        description: '邀请及新的证明材料\n\nThe invitation and its new proof',
      }),
    },
    resolve: signedIn(unauthenticated.inPayload, async (_root, { input }, context) => {
      if (input.invitationId.typename !== 'Invitation') return notFound(context);
      return payload(
        await replaceRelationshipProof(
          context.app,
          context.viewer,
          input.invitationId.id,
          input.materialIds.map((id) => id.id),
        ),
        context,
      );
    }),
  }),
);
