// GraphQL of 接入邀请: the Invitation case, its listings and its mutations (docs/contracts/use-units.graphql).
import {
  INVITATION_STATUSES,
  type InvitationStatus,
  officialInvitationStatusCode,
  type Relationship,
  relationshipCode,
} from '@leqi/domain';
import { builder } from '../../platform/builder.ts';
import type { Context } from '../../platform/context.ts';
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

export const InvitationStatusEnum = builder.enumType('InvitationStatus', {
  description:
    '接入状态: 待使用单位响应 0, 待受理 1, 不予受理 2, 待确认 3, 确认通过 4, 确认不通过 5, 已解除 6, 已拒绝 8, 已失效 10',
  values: INVITATION_STATUSES,
});
const InvitationChannelEnum = builder.enumType('InvitationChannel', {
  description: '录入 (web form), 导入 (Excel), 上传 (API)',
  values: ['WEB', 'EXCEL', 'API'] as const,
});

export const InvitationRef = caseNode(invitationCase, '接入邀请');
builder.objectFields(InvitationRef, (t) => ({
  officialStatusCode: t.int({
    description: '接入状态代码 0 1 2 3 4 5 6 8 10',
    resolve: (row) => officialInvitationStatusCode(row.status as InvitationStatus),
  }),
  directUnit: t.field({
    type: EnterpriseRef,
    description: '邀请方直连单位',
    resolve: (row, _args, context) =>
      context.app.db.enterprise.findUniqueOrThrow({ where: { id: row.dcuEnterpriseId } }),
  }),
  useUnitUscc: t.exposeString('useUnitUscc'),
  useUnitName: t.exposeString('useUnitName'),
  provinceAuthority: t.field({
    type: TaxAuthorityRef,
    description: '省级税务机关 chosen by the DCU',
    resolve: (row, _args, context) =>
      context.app.db.taxAuthority.findUniqueOrThrow({ where: { code: row.provinceAuthorityCode } }),
  }),
  useUnitAuthority: t.field({
    type: TaxAuthorityRef,
    nullable: true,
    description: '主管税务机关 of the use unit (its registered one), set when it responds',
    resolve: (row, _args, context) =>
      row.useUnitAuthorityCode
        ? context.app.db.taxAuthority.findUnique({ where: { code: row.useUnitAuthorityCode } })
        : null,
  }),
  relationship: t.field({ type: RelationshipEnum, resolve: (row) => row.relationship as Relationship }),
  relationshipCode: t.string({
    description: 'official 01 02 03 05',
    resolve: (row) => relationshipCode(row.relationship as Relationship),
  }),
  capabilityCodes: t.exposeStringList('capabilityCodes', { description: '能力预授权' }),
  channel: t.field({ type: InvitationChannelEnum, resolve: (row) => row.channel as 'WEB' }),
  proofMaterials: t.field({
    type: [MaterialRef],
    description: '关系证明材料',
    resolve: (row, _args, context) => materialsOf(context.app.db, CASE_KIND, row.id),
  }),
  respondedAt: t.expose('respondedAt', { type: 'DateTime', nullable: true }),
}));

builder.queryField('invitation', (t) =>
  t.field({
    type: InvitationRef,
    nullable: true,
    skipTypeScopes: true,
    args: { id: t.arg.globalID({ required: true }) },
    resolve: (_root, { id }, context) =>
      id.typename === 'Invitation' ? loadCase(invitationCase, id.id, context) : null,
  }),
);

const { payload: InvitationPayload, toPayload: payload } = casePayload('Invitation', InvitationRef, asInvitationCase);
const notFound = (context: Context) => toPayloadError({ code: 'NOT_FOUND' }, context.locale);

const RespondToInvitationInput = builder.inputType('RespondToInvitationInput', {
  fields: (t) => ({
    id: t.globalID(),
    expectedVersion: t.int(),
    competentAuthorityCode: t.string({
      required: false,
      description: 'if given, must be the use unit’s registered 主管税务机关 (VALIDATION_FAILED otherwise)',
      deprecationReason: 'The registered competent authority always decides; it cannot be chosen. Omit this field.',
    }),
    relationship: t.field({ type: RelationshipEnum }),
    proofMaterialIds: t.globalIDList({ required: false, description: 'replaces the proof when given' }),
  }),
});
const DeclineInvitationInput = builder.inputType('DeclineInvitationInput', {
  fields: (t) => ({ id: t.globalID(), expectedVersion: t.int(), reason: t.string({ required: false }) }),
});

builder.mutationField('respondToInvitation', (t) =>
  t.field({
    type: InvitationPayload,
    description:
      '确认邀请 (use unit): confirms the relationship, optionally with new proof; its registered competent authority decides',
    args: { input: t.arg({ type: RespondToInvitationInput }) },
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
    description: '拒绝邀请 (use unit)',
    args: { input: t.arg({ type: DeclineInvitationInput }) },
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
  accept: "受理 (the use unit's local officer)",
  refuse: '不予受理 (reason)',
  confirm: '确认通过 (another officer of the same authority): the binding becomes ACTIVE',
  rejectConfirmation: '确认不通过 (another officer, reason)',
};
defineDecisionMutations({
  kind: invitationCase,
  payload: InvitationPayload,
  toPayload: payload,
  describe: (event) => DECISION_DESCRIPTIONS[event as InvitationDecisionEvent],
});

const ReplaceRelationshipProofInput = builder.inputType('ReplaceRelationshipProofInput', {
  fields: (t) => ({ invitationId: t.globalID(), materialIds: t.globalIDList() }),
});

builder.objectField(InvitationRef, 'mayReplaceProof', (t) =>
  t.boolean({
    description: 'the viewer may replace the relationship proof now (变更关系证明材料)',
    resolve: (row, _args, context) => mayReplaceProof(context.viewer?.actor, row),
  }),
);

builder.mutationField('replaceRelationshipProof', (t) =>
  t.field({
    type: InvitationPayload,
    description: '变更关系证明材料 (either side; pending invitation or ACTIVE binding)',
    args: { input: t.arg({ type: ReplaceRelationshipProofInput }) },
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
