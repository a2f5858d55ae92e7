// GraphQL of 接入邀请: the Invitation case, its listings and its mutations (docs/contracts/use-units.graphql).
import {
  INVITATION_STATUSES,
  type InvitationStatus,
  invitationWorkflow,
  messageFor,
  officialInvitationStatusCode,
  type Relationship,
  relationshipCode,
} from '@leqi/domain';
import { GraphQLError } from 'graphql';
import type { Invitation } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import type { Context } from '../../platform/context.ts';
import { countedConnection } from '../../platform/counted-connection.ts';
import {
  BaseErrorRef,
  StaleVersionErrorRef,
  toPayloadError,
  toSimplePayloadError,
  ValidationErrorRef,
} from '../../platform/graphql-errors.ts';
import { encodeCursor, type Page } from '../../platform/paging.ts';
import { CaseDecisionWithReasonInput, CaseVersionInput, RelationshipEnum } from '../access-application/schema.ts';
import { decisionMutations } from '../cases/bureau-case.ts';
import { decideCase } from '../cases/decide.ts';
import { EnterpriseRef, TaxAuthorityRef } from '../enterprise/schema.ts';
import { MaterialRef } from '../materials/schema.ts';
import { materialsOf } from '../materials/service.ts';
import { ReviewCaseRef } from '../review-queue/review-case.ts';
import { asInvitationCase, type InvitationCase, invitationCase } from './case.ts';
import {
  CASE_KIND,
  declineInvitation,
  findInvitation,
  type InvitationDecisionEvent,
  inviteUseUnits,
  receivedInvitations,
  replaceRelationshipProof,
  respondToInvitation,
  sentInvitations,
} from './service.ts';

const InvitationStatusEnum = builder.enumType('InvitationStatus', {
  description:
    '接入状态: 待使用单位响应 0, 待受理 1, 不予受理 2, 待确认 3, 确认通过 4, 确认不通过 5, 已解除 6, 已拒绝 8, 已失效 10',
  values: INVITATION_STATUSES,
});
const InvitationChannelEnum = builder.enumType('InvitationChannel', {
  description: '录入 (web form), 导入 (Excel), 上传 (API)',
  values: ['WEB', 'EXCEL', 'API'] as const,
});

export const InvitationRef = builder.node(builder.objectRef<InvitationCase>('Invitation'), {
  description: '接入邀请',
  interfaces: [ReviewCaseRef],
  id: { resolve: (row) => row.id },
  isTypeOf: (value) => (value as { kind?: string }).kind === CASE_KIND,
  loadOne: async (id, context) => {
    if (!context.viewer) return null;
    const row = await findInvitation(context.app, context.viewer, id);
    return row ? asInvitationCase(row) : null;
  },
  fields: (t) => ({
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
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    respondedAt: t.expose('respondedAt', { type: 'DateTime', nullable: true }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
  }),
});

function connectionOf(page: Page<Invitation>, after: string | null | undefined) {
  const nodes = page.rows.map(asInvitationCase);
  return {
    totalCount: page.totalCount,
    edges: nodes.map((node) => ({ cursor: encodeCursor(node), node })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: Boolean(after),
      startCursor: nodes[0] ? encodeCursor(nodes[0]) : null,
      endCursor: nodes.at(-1) ? encodeCursor(nodes.at(-1) as InvitationCase) : null,
    },
  };
}

function refuse(
  context: Context,
  error: { code: Parameters<typeof messageFor>[0]['code']; params?: Record<string, string | number> },
) {
  return new GraphQLError(messageFor(error, context.locale), { extensions: { code: error.code } });
}

const InvitationConnectionRef = countedConnection(InvitationRef, 'InvitationConnection', 'InvitationEdge');

builder.queryField('sentInvitations', (t) =>
  t.connection(
    {
      type: InvitationRef,
      description: '邀请列表: invitations the viewer enterprise sent, newest first (operators and its API tokens)',
      skipTypeScopes: true,
      args: {
        status: t.arg({ type: InvitationStatusEnum, required: false }),
        search: t.arg.string({ required: false, description: 'USCC prefix or part of the name' }),
      },
      resolve: async (_root, args, context) => {
        if (!context.viewer) throw refuse(context, { code: 'UNAUTHENTICATED' });
        const result = await sentInvitations(context.app, context.viewer, args);
        if (!result.ok) throw refuse(context, result.error);
        return connectionOf(result.value, args.after);
      },
    },
    InvitationConnectionRef,
  ),
);

builder.queryField('receivedInvitations', (t) =>
  t.connection(
    {
      type: InvitationRef,
      description: '响应邀请: invitations the viewer enterprise received, newest first',
      args: { status: t.arg({ type: InvitationStatusEnum, required: false }) },
      resolve: async (_root, args, context) => {
        if (!context.viewer) throw refuse(context, { code: 'UNAUTHENTICATED' });
        const result = await receivedInvitations(context.app, context.viewer, args);
        if (!result.ok) throw refuse(context, result.error);
        return connectionOf(result.value, args.after);
      },
    },
    InvitationConnectionRef,
  ),
);

builder.queryField('invitation', (t) =>
  t.field({
    type: InvitationRef,
    nullable: true,
    skipTypeScopes: true,
    args: { id: t.arg.globalID({ required: true }) },
    resolve: async (_root, { id }, context) => {
      if (!context.viewer || id.typename !== 'Invitation') return null;
      const row = await findInvitation(context.app, context.viewer, id.id);
      return row ? asInvitationCase(row) : null;
    },
  }),
);

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

interface RowFailureShape {
  row: number;
  uscc: string | null;
  code: string;
  message: string;
}
const InvitationRowFailureRef = builder.objectRef<RowFailureShape>('InvitationRowFailure').implement({
  description: '邀请失败记录: row is 1-based',
  fields: (t) => ({
    row: t.exposeInt('row'),
    uscc: t.exposeString('uscc', { nullable: true }),
    code: t.exposeString('code'),
    message: t.exposeString('message'),
  }),
});

const InviteUseUnitsSuccessRef = builder
  .objectRef<{ __typename: 'InviteUseUnitsSuccess'; succeeded: InvitationCase[]; failed: RowFailureShape[] }>(
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
    resolve: async (_root, { input }, context) => {
      const viewer = context.viewer;
      if (!viewer) return toSimplePayloadError({ code: 'UNAUTHENTICATED' }, context.locale);
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
    },
  }),
);

const InvitationSuccessRef = builder
  .objectRef<{ __typename: 'InvitationSuccess'; invitation: InvitationCase }>('InvitationSuccess')
  .implement({
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'InvitationSuccess',
    fields: (t) => ({ invitation: t.field({ type: InvitationRef, resolve: (success) => success.invitation }) }),
  });

export const InvitationPayload = builder.unionType('InvitationPayload', {
  types: [InvitationSuccessRef, BaseErrorRef, ValidationErrorRef, StaleVersionErrorRef],
});

type InvitationResult = { ok: true; value: Invitation } | { ok: false; error: Parameters<typeof toPayloadError>[0] };
function payload(result: InvitationResult, context: Context) {
  return result.ok
    ? { __typename: 'InvitationSuccess' as const, invitation: asInvitationCase(result.value) }
    : toPayloadError(result.error, context.locale);
}
const notFound = (context: Context) => toPayloadError({ code: 'NOT_FOUND' }, context.locale);
const unauthenticated = (context: Context) => toPayloadError({ code: 'UNAUTHENTICATED' }, context.locale);

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
    resolve: async (_root, { input }, context) => {
      if (!context.viewer) return unauthenticated(context);
      if (input.id.typename !== 'Invitation') return notFound(context);
      const result = await respondToInvitation(context.app, context.viewer, {
        id: input.id.id,
        expectedVersion: input.expectedVersion,
        competentAuthorityCode: input.competentAuthorityCode ?? null,
        relationship: input.relationship,
        proofMaterialIds: input.proofMaterialIds?.map((id) => id.id) ?? null,
      });
      return payload(result, context);
    },
  }),
);

builder.mutationField('declineInvitation', (t) =>
  t.field({
    type: InvitationPayload,
    description: '拒绝邀请 (use unit)',
    args: { input: t.arg({ type: DeclineInvitationInput }) },
    resolve: async (_root, { input }, context) => {
      if (!context.viewer) return unauthenticated(context);
      if (input.id.typename !== 'Invitation') return notFound(context);
      return payload(
        await declineInvitation(context.app, context.viewer, input.id.id, input.expectedVersion, input.reason),
        context,
      );
    },
  }),
);

const DECISION_DESCRIPTIONS: Record<InvitationDecisionEvent, string> = {
  accept: "受理 (the use unit's local officer)",
  refuse: '不予受理 (reason)',
  confirm: '确认通过 (another officer of the same authority): the binding becomes ACTIVE',
  rejectConfirmation: '确认不通过 (another officer, reason)',
};
for (const { mutation, event, needsReason } of decisionMutations(invitationWorkflow)) {
  builder.mutationField(mutation, (t) =>
    t.field({
      type: InvitationPayload,
      description: DECISION_DESCRIPTIONS[event as InvitationDecisionEvent],
      args: { input: t.arg({ type: needsReason ? CaseDecisionWithReasonInput : CaseVersionInput }) },
      resolve: async (_root, { input }, context) => {
        if (!context.viewer) return unauthenticated(context);
        if (input.id.typename !== 'Invitation') return notFound(context);
        const reason = 'reason' in input ? (input.reason as string) : null;
        return payload(
          await decideCase(
            context.app,
            context.viewer,
            invitationCase,
            event as InvitationDecisionEvent,
            input.id.id,
            input.expectedVersion,
            reason,
          ),
          context,
        );
      },
    }),
  );
}

const ReplaceRelationshipProofInput = builder.inputType('ReplaceRelationshipProofInput', {
  fields: (t) => ({ invitationId: t.globalID(), materialIds: t.globalIDList() }),
});

builder.mutationField('replaceRelationshipProof', (t) =>
  t.field({
    type: InvitationPayload,
    description: '变更关系证明材料 (either side; pending invitation or ACTIVE binding)',
    args: { input: t.arg({ type: ReplaceRelationshipProofInput }) },
    resolve: async (_root, { input }, context) => {
      if (!context.viewer) return unauthenticated(context);
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
    },
  }),
);
