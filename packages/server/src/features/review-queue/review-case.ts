import { CASE_BLOCK_REASONS, mayViewCaseEvent, REVIEW_KINDS } from '@leqi/domain';
import type { AuditEvent } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import type { Context } from '../../platform/context.ts';
import { withClaim } from '../case-claim/overlay.ts';
import { caseKindOf } from '../cases/index.ts';
import type { CaseAbilities, CaseAction, CaseKind, ReviewCaseShape } from '../cases/kind.ts';
import { EnterpriseRef } from '../enterprise/schema.ts';

export const ReviewKindEnum = builder.enumType('ReviewKind', { values: REVIEW_KINDS });
export const ReviewStepEnum = builder.enumType('ReviewStep', {
  values: ['ACCEPTANCE', 'REVIEW', 'CONFIRMATION'] as const,
  description: '受理 / 复核 / 确认',
});

const memo = new WeakMap<Context, Map<string, Promise<CaseAbilities>>>();
function viewerAbilities(context: Context, row: ReviewCaseShape): Promise<CaseAbilities> {
  const perRequest = memo.get(context) ?? new Map<string, Promise<CaseAbilities>>();
  memo.set(context, perRequest);
  const key = `${row.kind}:${row.id}:${row.version}`;
  let abilities = perRequest.get(key);
  if (!abilities) {
    // the kind's table says what the viewer's part allows; a claim by another officer may take it away
    abilities = withClaim(context, row, kindOf(row.kind).abilities(context, row));
    perRequest.set(key, abilities);
  }
  return abilities;
}

const CaseBlockReasonEnum = builder.enumType('CaseBlockReason', {
  description:
    'Why the viewer cannot act on a case now: not their jurisdiction, four-eyes, claimed by another officer, nothing to decide in its status (stale)',
  values: CASE_BLOCK_REASONS,
});

function kindOf(kind: string): CaseKind {
  const found = caseKindOf(kind);
  if (!found) throw new Error(`no case kind ${kind}`);
  return found;
}

const CaseActionRef = builder.objectRef<CaseAction>('CaseAction').implement({
  description: 'A decision the current viewer may take on the case now',
  fields: (t) => ({
    event: t.exposeString('event'),
    label: t.exposeString('label'),
    needsReason: t.exposeBoolean('needsReason'),
  }),
});

const AuditEventRef = builder.node(builder.objectRef<AuditEvent>('AuditEvent'), {
  id: { resolve: (event) => event.id.toString() },
  fields: (t) => ({
    cursor: t.string({ resolve: (event) => event.id.toString() }),
    event: t.exposeString('event'),
    fromStatus: t.exposeString('fromStatus', { nullable: true }),
    toStatus: t.exposeString('toStatus', { nullable: true }),
    actorName: t.exposeString('actorName', { nullable: true }),
    actorRole: t.exposeString('actorRole', { nullable: true }),
    reason: t.exposeString('reason', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

export const ReviewCaseRef = builder.interfaceRef<ReviewCaseShape>('ReviewCase').implement({
  description: 'A case in a bureau review queue; `status` is the workflow enum name of DESIGN §3',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (row) => kindOf(row.kind).typename,
  fields: (t) => ({
    version: t.exposeInt('version'),
    status: t.exposeString('status'),
    statusLabel: t.string({
      resolve: (row, _args, context) => kindOf(row.kind).statusLabel(row.status, context.locale),
    }),
    enterprise: t.field({
      type: EnterpriseRef,
      resolve: (row, _args, context) =>
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
      resolve: async (row, _args, context) => (await viewerAbilities(context, row)).actions,
    }),
    blockedReason: t.string({
      nullable: true,
      description:
        'why the viewer cannot act on the case now (jurisdiction, four-eyes, claimed by another officer, status); null when they can',
      resolve: async (row, _args, context) => (await viewerAbilities(context, row)).blockedReason,
    }),
    blockedReasonCode: t.field({
      type: CaseBlockReasonEnum,
      nullable: true,
      description: 'the machine-readable reason of `blockedReason`',
      resolve: async (row, _args, context) => (await viewerAbilities(context, row)).blockedReasonCode,
    }),
    auditTrail: t.field({
      type: [AuditEventRef],
      description: 'the events of the case the viewer may see (claims are the bureau’s own)',
      resolve: async (row, _args, context) => {
        const audience = await kindOf(row.kind).audience(context.app.db, row);
        const events = await context.app.db.auditEvent.findMany({
          where: { caseKind: row.kind, caseId: row.id },
          orderBy: { id: 'asc' },
        });
        return events.filter((event) => mayViewCaseEvent(context.viewer?.actor, audience, event.event));
      },
    }),
  }),
});
