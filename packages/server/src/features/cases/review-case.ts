import {
  type ActorRole,
  CASE_BLOCK_REASONS,
  type CaseEventName,
  type CaseStatus,
  mayViewCaseEvent,
  REVIEW_KIND_LABELS,
  REVIEW_KINDS,
} from '@leqi/domain';
import type { GraphQLResolveInfo } from 'graphql';
import type { AuditEvent, Enterprise } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import { type Context, isSignedIn } from '../../platform/context.ts';
import { describedEnum } from '../../platform/described-enum.ts';
import { eventCursor } from '../../platform/events/cursor.ts';
import { withClaim } from '../case-claim/overlay.ts';
import { EnterpriseRef } from '../enterprise/schema.ts';
import { caseKindOf, servedCaseKinds } from './index.ts';
import type { CaseAbilities, CaseAction, CaseKind, ReviewCaseShape } from './kind.ts';
import { ActorRoleEnum, CaseEventNameEnum, CaseStatusEnum } from './vocabulary-enums.ts';

export const ReviewKindEnum = describedEnum('ReviewKind', {
  description: { zh: '案件类别', en: 'Kind of a review case' },
  values: REVIEW_KINDS,
  label: (kind) => REVIEW_KIND_LABELS[kind],
});

const REVIEW_STEP_LABELS = {
  ACCEPTANCE: { zh: '受理', en: 'Acceptance' },
  REVIEW: { zh: '复核', en: 'Review' },
  CONFIRMATION: { zh: '确认', en: 'Confirmation' },
} as const;

export const ReviewStepEnum = describedEnum('ReviewStep', {
  description: { zh: '审核环节', en: 'Step of a review' },
  values: ['ACCEPTANCE', 'REVIEW', 'CONFIRMATION'] as const,
  label: (step) => REVIEW_STEP_LABELS[step],
});

/** A kind's case by id for node() and the kind's own query: the case, when the viewer may see it. */
export async function loadCase<Row extends ReviewCaseShape>(
  kind: CaseKind<Row>,
  id: string,
  context: Context,
): Promise<Row | null> {
  if (!isSignedIn(context)) return null;
  const row = await kind.find(context.app.db, id);
  return row && (await kind.canView(context.app.db, context.viewer.actor, row)) ? row : null;
}

/**
 * A kind's GraphQL type: a ReviewCase node (loaded by `loadCase`) with the dates every case row keeps; the kind adds
 * its own fields with `builder.objectFields`.
 */
export function caseNode<Row extends ReviewCaseShape & { createdAt: Date; decidedAt: Date | null }>(
  kind: CaseKind<Row>,
  description: string,
) {
  return builder.node(builder.objectRef<Row>(kind.typename), {
    description,
    // the interface's shape is every Row's (Pothos cannot see it through the type parameter)
    interfaces: [ReviewCaseRef] as never,
    id: { resolve: (row) => row.id },
    isTypeOf: (value) => (value as { kind?: string }).kind === kind.kind,
    loadOne: (id, context) => loadCase(kind, id, context),
    fields: (t) => ({
      createdAt: t.field({ type: 'DateTime', resolve: (row) => row.createdAt }),
      decidedAt: t.field({ type: 'DateTime', nullable: true, resolve: (row) => row.decidedAt }),
    }),
  });
}

const memo = new WeakMap<Context, Map<string, Promise<CaseAbilities>>>();
function viewerAbilities(context: Context, row: ReviewCaseShape, info: GraphQLResolveInfo): Promise<CaseAbilities> {
  const perRequest = memo.get(context) ?? new Map<string, Promise<CaseAbilities>>();
  memo.set(context, perRequest);
  const key = `${row.kind}:${row.id}:${row.version}`;
  let abilities = perRequest.get(key);
  if (!abilities) {
    // the kind's table says what the viewer's part allows; a claim by another officer may take it away
    abilities = withClaim(context, row, kindOf(row.kind, info).abilities(context, row));
    perRequest.set(key, abilities);
  }
  return abilities;
}

const CaseBlockReasonEnum = builder.enumType('CaseBlockReason', {
  description:
    'Why the viewer cannot act on a case now: not their jurisdiction, four-eyes, claimed by another officer, nothing to decide in its status (stale)',
  values: CASE_BLOCK_REASONS,
});

/** The declared kind of a case, among those of the schema serving the request. */
function kindOf(kind: string, info: GraphQLResolveInfo): CaseKind {
  const found = caseKindOf(kind, servedCaseKinds(info));
  if (!found) throw new Error(`no case kind ${kind}`);
  return found;
}

export const CaseActionRef = builder.objectRef<CaseAction>('CaseAction').implement({
  description: 'A decision the current viewer may take on the case now',
  fields: (t) => ({
    event: t.field({ type: CaseEventNameEnum, resolve: (action) => action.event as CaseEventName }),
    label: t.exposeString('label'),
    needsReason: t.exposeBoolean('needsReason'),
  }),
});

const AuditEventRef = builder.node(builder.objectRef<AuditEvent>('AuditEvent'), {
  id: { resolve: (event) => event.id.toString() },
  fields: (t) => ({
    cursor: t.string({ resolve: (event) => eventCursor(event).toString() }),
    event: t.field({ type: CaseEventNameEnum, resolve: (event) => event.event as CaseEventName }),
    fromStatus: t.field({ type: CaseStatusEnum, nullable: true, resolve: (event) => event.fromStatus as CaseStatus }),
    toStatus: t.field({ type: CaseStatusEnum, nullable: true, resolve: (event) => event.toStatus as CaseStatus }),
    actorName: t.exposeString('actorName', { nullable: true }),
    actorRole: t.field({
      type: ActorRoleEnum,
      nullable: true,
      resolve: (event) => event.actorRole as ActorRole | null,
    }),
    reason: t.exposeString('reason', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

export const ReviewCaseRef = builder.interfaceRef<ReviewCaseShape>('ReviewCase').implement({
  description: 'A case in a bureau review queue; `status` is the workflow enum name of DESIGN §3',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (row, _context, info) => kindOf(row.kind, info).typename,
  fields: (t) => ({
    version: t.exposeInt('version'),
    status: t.field({ type: CaseStatusEnum, resolve: (row) => row.status as CaseStatus }),
    statusLabel: t.string({
      resolve: (row, _args, context, info) => kindOf(row.kind, info).statusLabel(row.status, context.locale),
    }),
    enterprise: t.field({
      type: EnterpriseRef,
      // a queue page joins each row's enterprise (application-page.ts); other rows read it (batched by Prisma)
      resolve: (row, _args, context) =>
        (row as ReviewCaseShape & { enterprise?: Enterprise }).enterprise ??
        context.app.db.enterprise.findUniqueOrThrow({ where: { id: row.enterpriseId } }),
    }),
    stepEnteredAt: t.expose('stepEnteredAt', {
      type: 'DateTime',
      description: 'when the case entered its current step',
    }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime', nullable: true }),
    lastReason: t.exposeString('lastReason', {
      nullable: true,
      description: 'reason of the last refusal or rejection',
    }),
    availableActions: t.field({
      type: [CaseActionRef],
      resolve: async (row, _args, context, info) => (await viewerAbilities(context, row, info)).actions,
    }),
    blockedReason: t.string({
      nullable: true,
      description:
        'why the viewer cannot act on the case now (jurisdiction, four-eyes, claimed by another officer, status); null when they can',
      resolve: async (row, _args, context, info) => (await viewerAbilities(context, row, info)).blockedReason,
    }),
    blockedReasonCode: t.field({
      type: CaseBlockReasonEnum,
      nullable: true,
      description: 'the machine-readable reason of `blockedReason`',
      resolve: async (row, _args, context, info) => (await viewerAbilities(context, row, info)).blockedReasonCode,
    }),
    auditTrail: t.field({
      type: [AuditEventRef],
      description: 'the events of the case the viewer may see (claims are the bureau’s own)',
      resolve: async (row, _args, context, info) => {
        const audience = await kindOf(row.kind, info).audience(context.app.db, row);
        const events = await context.app.db.auditEvent.findMany({
          where: { caseKind: row.kind, caseId: row.id },
          orderBy: { id: 'asc' },
        });
        return events.filter((event) => mayViewCaseEvent(context.viewer?.actor, audience, event.event));
      },
    }),
  }),
});
