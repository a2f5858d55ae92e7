// GraphQL of 认领: who holds a case, what the viewer may do about it, and the claim / release / reassign mutations.
import { type ErrorCode, isClaimSupervisor, mayClaim, messageFor } from '@leqi/domain';
import type { InputObjectRef } from '@pothos/core';
import { type BuilderTypes, builder } from '../../platform/builder.ts';
import type { Context, SignedInContext } from '../../platform/context.ts';
import {
  BaseErrorRef,
  ErrorInterface,
  StaleVersionErrorRef,
  toPayloadError,
  ValidationErrorRef,
} from '../../platform/graphql-errors.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import type { StoredClaim } from '../cases/claims.ts';
import { caseKindOf, caseKindOfTypename } from '../cases/index.ts';
import type { CaseKind, ReviewCaseShape } from '../cases/kind.ts';
import { ReviewCaseRef } from '../cases/review-case.ts';
import { claimFor } from './overlay.ts';
import { type ClaimOutcome, claimCase, decidable, reassignCaseClaim, releaseCaseClaim } from './service.ts';

interface HolderShape {
  name: string;
  username: string;
}
const CaseClaimHolderRef = builder.objectRef<HolderShape>('CaseClaimHolder').implement({
  description: '认领案件的税务人员\n\nThe officer holding a claim',
  fields: (t) => ({
    name: t.exposeString('name', { description: '姓名（显示名）\n\nName (display name)' }),
    username: t.exposeString('username', {
      description:
        '登录用户名，可作为 reassignCaseClaim 的 officerUsername\n\nSign-in username, as reassignCaseClaim’s officerUsername takes it',
    }),
  }),
});
const holderOf = (claim: StoredClaim): HolderShape => ({ name: claim.holderName, username: claim.holderUsername });

const CaseClaimRef = builder.objectRef<StoredClaim>('CaseClaim').implement({
  description:
    '认领：在当前环节办理该案件的税务人员；释放、案件状态改变或闲置超时后失效\n\n' +
    'Claim: the officer working on the case at its current step, until released, the case’s status changes, or idle too long',
  fields: (t) => ({
    holder: t.field({
      type: CaseClaimHolderRef,
      description: '认领人\n\nThe officer holding the claim',
      resolve: holderOf,
    }),
    claimedAt: t.expose('claimedAt', { type: 'DateTime', description: '认领时间\n\nWhen the case was claimed' }),
    expiresAt: t.expose('expiresAt', {
      type: 'DateTime',
      description:
        '失效时间：此后认领自动失效，除非认领人再次认领续期（闲置时限由 CLAIM_IDLE_MINUTES 配置，默认 30 分钟）\n\n' +
        'When the claim lapses unless renewed by claiming again (idle limit configured by CLAIM_IDLE_MINUTES, 30 minutes by default)',
    }),
    heldByViewer: t.boolean({
      description: '是否由当前用户认领\n\nWhether the viewer holds the claim',
      resolve: (claim, _args, context) => claim.holderId === context.viewer?.userId,
    }),
  }),
});

interface ClaimOptionsShape {
  canClaim: boolean;
  canRelease: boolean;
  canReassign: boolean;
}
const CaseClaimOptionsRef = builder.objectRef<ClaimOptionsShape>('CaseClaimOptions').implement({
  description: '当前用户现在可对案件认领做的操作\n\nWhat the viewer may do about the claim of a case now',
  fields: (t) => ({
    canClaim: t.exposeBoolean('canClaim', {
      description:
        '能否认领（或为自己的认领续期）：可办理该案件且无他人认领\n\nWhether the viewer may claim the case (or renew their own claim): they may decide it and nobody else holds it',
    }),
    canRelease: t.exposeBoolean('canRelease', {
      description:
        '能否释放认领：本人的认领，或作为监管人（省级税务机关、平台管理员）\n\n' +
        'Whether the viewer may release the claim: their own, or any as supervisor (provincial tax authority, platform admin)',
    }),
    canReassign: t.exposeBoolean('canReassign', {
      description:
        '能否改派：仅监管人（省级税务机关、平台管理员），且案件处于待办理的环节\n\n' +
        'Whether the viewer may reassign the case: supervisors only (provincial tax authority, platform admin), while the case waits at a step',
    }),
  }),
});

async function claimOptions(context: Context, row: ReviewCaseShape): Promise<ClaimOptionsShape> {
  const viewer = context.viewer;
  const none = { canClaim: false, canRelease: false, canReassign: false };
  if (!viewer) return none;
  const kind = caseKindOf(row.kind);
  if (!kind) return none;
  const claim = await claimFor(context, row);
  const own = claim?.holderId === viewer.userId;
  const eligible = mayClaim(viewer.actor, decidable(kind, row, viewer.actor)).ok;
  const supervisor = isClaimSupervisor(viewer.actor, kind.authorityOf(row));
  const decidableNow = Boolean(kind.workflow.statusInfo[row.status]?.step);
  return {
    canClaim: eligible && (!claim || own),
    canRelease: Boolean(claim) && (own || supervisor),
    canReassign: supervisor && decidableNow,
  };
}

builder.interfaceFields(ReviewCaseRef, (t) => ({
  claim: t.field({
    type: CaseClaimRef,
    nullable: true,
    description:
      '当前有效的认领（仅税务人员和管理员可见）；无人认领或无权查看时为 null\n\n' +
      'The live claim (officers and admins only); null when nobody holds the case, or for other viewers',
    resolve: (row, _args, context) => claimFor(context, row),
  }),
  claimOptions: t.field({
    type: CaseClaimOptionsRef,
    description: '当前用户现在可做的认领操作\n\nWhat the viewer may do about the case’s claim now',
    resolve: (row, _args, context) => claimOptions(context, row),
  }),
}));

type ClaimedErrorShape = { __typename: 'ClaimedError'; code: ErrorCode; message: string; holder: HolderShape | null };
const ClaimedErrorRef = builder.objectRef<ClaimedErrorShape>('ClaimedError').implement({
  description:
    '已被认领（CLAIMED）：案件已由其他税务人员认领，message 中写明认领人\n\nCLAIMED: another officer holds the case; the message names them',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => (value as { __typename?: string }).__typename === 'ClaimedError',
  fields: (t) => ({
    holder: t.field({
      type: CaseClaimHolderRef,
      nullable: true,
      description: '认领人；无法确定时为 null\n\nThe officer holding the case; null when not known',
      resolve: (error) => error.holder,
    }),
  }),
});

type SuccessShape = { __typename: 'CaseClaimSuccess'; outcome: ClaimOutcome };
const CaseClaimSuccessRef = builder.objectRef<SuccessShape>('CaseClaimSuccess').implement({
  description: '认领操作已完成\n\nThe claim was changed',
  isTypeOf: (value) => (value as { __typename?: string }).__typename === 'CaseClaimSuccess',
  fields: (t) => ({
    case: t.field({
      type: ReviewCaseRef,
      description: '所认领的案件\n\nThe case whose claim changed',
      resolve: (success) => success.outcome.row,
    }),
    claim: t.field({
      type: CaseClaimRef,
      nullable: true,
      description: '操作后的认领；释放后为 null\n\nThe claim after the change; null after a release',
      resolve: (success) => success.outcome.claim,
    }),
  }),
});

const CaseClaimPayload = builder.unionType('CaseClaimPayload', {
  description:
    '认领、释放、改派的结果：成功为 CaseClaimSuccess，被拒绝时为所列错误类型之一\n\n' +
    'Result of claimCase, releaseCaseClaim and reassignCaseClaim: CaseClaimSuccess, or one of the listed errors when refused',
  types: [CaseClaimSuccessRef, ClaimedErrorRef, BaseErrorRef, StaleVersionErrorRef, ValidationErrorRef],
});

const REVIEW_CASE_ID =
  '案件（任一类审核案件）的全局 ID；不是审核案件时返回 NOT_FOUND\n\nGlobal ID of a review case (of any kind); NOT_FOUND otherwise';

const ClaimCaseInput = builder.inputType('ClaimCaseInput', {
  description: '要认领的案件及读取时的版本\n\nThe case to claim and the version it was read at',
  fields: (t) => ({
    id: t.globalID({ description: REVIEW_CASE_ID }),
    expectedVersion: t.int({
      description:
        '读取时案件的 version；案件已变更时返回 StaleVersionError\n\nThe case’s version as read; StaleVersionError when it has changed since',
    }),
  }),
});
const ReleaseCaseClaimInput = builder.inputType('ReleaseCaseClaimInput', {
  description: '要释放认领的案件\n\nThe case whose claim to release',
  fields: (t) => ({ id: t.globalID({ description: REVIEW_CASE_ID }) }),
});
const ReassignCaseClaimInput = builder.inputType('ReassignCaseClaimInput', {
  description: '要改派的案件及接手的税务人员\n\nThe case to reassign and the officer to take it',
  fields: (t) => ({
    id: t.globalID({ description: REVIEW_CASE_ID }),
    officerUsername: t.string({
      description:
        '接手人员的登录用户名；须为可办理该案件的税务人员（复核须换人时不得为上一环节的办理人）\n\n' +
        'Username of the officer to hand the case to; they must be able to decide it (never the previous decider when four-eyes applies)',
    }),
  }),
});

type Outcome = { ok: true; value: ClaimOutcome } | { ok: false; error: Parameters<typeof toPayloadError>[0] };
function payload(result: Outcome, context: Context) {
  if (result.ok) return { __typename: 'CaseClaimSuccess' as const, outcome: result.value };
  const error = result.error;
  if (error.code === 'CLAIMED') {
    const name = error.params?.holder;
    const username = error.params?.holderUsername;
    return {
      __typename: 'ClaimedError' as const,
      code: error.code,
      message: messageFor(error, context.locale),
      holder: name !== undefined && username !== undefined ? { name: String(name), username: String(username) } : null,
    };
  }
  return toPayloadError(error, context.locale);
}

/** A claim mutation: its input names a review case (NOT_FOUND otherwise), `run` changes the claim. */
function claimMutation<Input extends { id: { typename: string; id: string } }>(
  name: string,
  description: string,
  input: InputObjectRef<BuilderTypes, Input>,
  run: (context: SignedInContext, kind: CaseKind, input: Input) => Promise<Outcome>,
): void {
  builder.mutationField(name, (t) =>
    t.field({
      type: CaseClaimPayload,
      description,
      args: { input: t.arg({ type: input, description: '要操作的案件\n\nThe case to act on' }) },
      resolve: signedIn(unauthenticated.inPayload, async (_root, args, context) => {
        const given = (args as { input: Input }).input;
        const kind = caseKindOfTypename(given.id.typename);
        if (!kind) return payload({ ok: false, error: { code: 'NOT_FOUND' } }, context);
        return payload(await run(context, kind, given), context);
      }),
    }),
  );
}

claimMutation(
  'claimCase',
  '认领：办理案件前先认领，避免两人同时办理；已认领的可再次认领以续期。他人已认领时返回 ClaimedError（写明认领人）\n\n' +
    'Claim: take a case before deciding it, so that no two officers work on it at once; claiming one’s own claim again renews it. ClaimedError names the officer who holds it',
  ClaimCaseInput,
  ({ app, viewer }, kind, input) => claimCase(app, viewer, kind, input.id.id, input.expectedVersion),
);
claimMutation(
  'releaseCaseClaim',
  '释放认领：认领人交还案件；监管人（省级税务机关、平台管理员）可释放任何人的认领\n\n' +
    'Release: the holder gives a case back; a supervisor (provincial tax authority, platform admin) may release anyone’s claim',
  ReleaseCaseClaimInput,
  ({ app, viewer }, kind, input) => releaseCaseClaim(app, viewer, kind, input.id.id),
);
claimMutation(
  'reassignCaseClaim',
  '改派：监管人（省级税务机关、平台管理员）把案件交给另一名可办理该案件的税务人员（复核换人规则仍适用）\n\n' +
    'Reassign: a supervisor (provincial tax authority, platform admin) hands a case to another officer who may decide it (four-eyes holds)',
  ReassignCaseClaimInput,
  ({ app, viewer }, kind, input) => reassignCaseClaim(app, viewer, kind, input.id.id, input.officerUsername),
);
