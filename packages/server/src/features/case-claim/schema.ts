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
  description: 'The officer holding a claim',
  fields: (t) => ({ name: t.exposeString('name'), username: t.exposeString('username') }),
});
const holderOf = (claim: StoredClaim): HolderShape => ({ name: claim.holderName, username: claim.holderUsername });

const CaseClaimRef = builder.objectRef<StoredClaim>('CaseClaim').implement({
  description: '认领: the officer working on the case at its current step, until released, decided or idle too long',
  fields: (t) => ({
    holder: t.field({ type: CaseClaimHolderRef, resolve: holderOf }),
    claimedAt: t.expose('claimedAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'lapses then unless renewed (claimed again)' }),
    heldByViewer: t.boolean({ resolve: (claim, _args, context) => claim.holderId === context.viewer?.userId }),
  }),
});

interface ClaimOptionsShape {
  canClaim: boolean;
  canRelease: boolean;
  canReassign: boolean;
}
const CaseClaimOptionsRef = builder.objectRef<ClaimOptionsShape>('CaseClaimOptions').implement({
  description: 'What the viewer may do about the claim of a case now',
  fields: (t) => ({
    canClaim: t.exposeBoolean('canClaim', { description: '认领 (or renew their own claim)' }),
    canRelease: t.exposeBoolean('canRelease', { description: '释放: their own claim, or as supervisor' }),
    canReassign: t.exposeBoolean('canReassign', { description: '改派: supervisors (provincial bureau, admin)' }),
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
    description: 'the live claim (officers and admins only); null when nobody holds the case',
    resolve: (row, _args, context) => claimFor(context, row),
  }),
  claimOptions: t.field({
    type: CaseClaimOptionsRef,
    resolve: (row, _args, context) => claimOptions(context, row),
  }),
}));

type ClaimedErrorShape = { __typename: 'ClaimedError'; code: ErrorCode; message: string; holder: HolderShape | null };
const ClaimedErrorRef = builder.objectRef<ClaimedErrorShape>('ClaimedError').implement({
  description: 'CLAIMED: another officer holds the case; the message names them',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => (value as { __typename?: string }).__typename === 'ClaimedError',
  fields: (t) => ({ holder: t.field({ type: CaseClaimHolderRef, nullable: true, resolve: (error) => error.holder }) }),
});

type SuccessShape = { __typename: 'CaseClaimSuccess'; outcome: ClaimOutcome };
const CaseClaimSuccessRef = builder.objectRef<SuccessShape>('CaseClaimSuccess').implement({
  isTypeOf: (value) => (value as { __typename?: string }).__typename === 'CaseClaimSuccess',
  fields: (t) => ({
    case: t.field({ type: ReviewCaseRef, resolve: (success) => success.outcome.row }),
    claim: t.field({ type: CaseClaimRef, nullable: true, resolve: (success) => success.outcome.claim }),
  }),
});

const CaseClaimPayload = builder.unionType('CaseClaimPayload', {
  description: 'Result of claimCase, releaseCaseClaim and reassignCaseClaim',
  types: [CaseClaimSuccessRef, ClaimedErrorRef, BaseErrorRef, StaleVersionErrorRef, ValidationErrorRef],
});

const ClaimCaseInput = builder.inputType('ClaimCaseInput', {
  fields: (t) => ({ id: t.globalID({ description: 'a review case' }), expectedVersion: t.int() }),
});
const ReleaseCaseClaimInput = builder.inputType('ReleaseCaseClaimInput', {
  fields: (t) => ({ id: t.globalID() }),
});
const ReassignCaseClaimInput = builder.inputType('ReassignCaseClaimInput', {
  fields: (t) => ({ id: t.globalID(), officerUsername: t.string({ description: 'the officer to hand the case to' }) }),
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
      args: { input: t.arg({ type: input }) },
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
  '认领: take a case before deciding it; ClaimedError names the officer who holds it',
  ClaimCaseInput,
  ({ app, viewer }, kind, input) => claimCase(app, viewer, kind, input.id.id, input.expectedVersion),
);
claimMutation(
  'releaseCaseClaim',
  '释放: the holder gives a case back; a supervisor may release anyone’s claim',
  ReleaseCaseClaimInput,
  ({ app, viewer }, kind, input) => releaseCaseClaim(app, viewer, kind, input.id.id),
);
claimMutation(
  'reassignCaseClaim',
  '改派: a supervisor hands a case to another officer who may decide it (four-eyes holds)',
  ReassignCaseClaimInput,
  ({ app, viewer }, kind, input) => reassignCaseClaim(app, viewer, kind, input.id.id, input.officerUsername),
);
