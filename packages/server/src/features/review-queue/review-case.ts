import {
  type AnyWorkflow,
  CASE_BLOCK_REASONS,
  type CaseAudience,
  type CaseBlockReason,
  type Locale,
  mayViewCaseEvent,
  REVIEW_KINDS,
  type ReviewKind,
} from '@leqi/domain';
import type { AuditEvent } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import type { Context } from '../../platform/context.ts';
import { EnterpriseRef } from '../enterprise/schema.ts';

type ReviewKindName = ReviewKind;
export const ReviewKindEnum = builder.enumType('ReviewKind', { values: REVIEW_KINDS });
export const ReviewStepEnum = builder.enumType('ReviewStep', {
  values: ['ACCEPTANCE', 'REVIEW', 'CONFIRMATION'] as const,
  description: '受理 / 复核 / 确认',
});

/** What a case row must offer to appear in a queue; each kind adapts its row to this. */
export interface ReviewCaseShape {
  kind: ReviewKindName;
  id: string;
  version: number;
  status: string;
  enterpriseId: string;
  stepEnteredAt: Date;
  submittedAt: Date | null;
  lastReason: string | null;
  lastDeciderId: string | null;
}

export interface CaseAction {
  event: string;
  label: string;
  needsReason: boolean;
}

/** Per-viewer view of one case, computed by the kind's service: what they may do, or why not. */
export interface CaseAbilities {
  actions: CaseAction[];
  blockedReason: string | null;
  blockedReasonCode: CaseBlockReason | null;
}

/**
 * Refines a kind's abilities with what the table alone cannot know (e.g. another officer's claim). Registered by
 * the feature that knows it; results are memoised per request and case.
 */
type AbilityOverlay = (context: Context, row: ReviewCaseShape, abilities: CaseAbilities) => Promise<CaseAbilities>;
const overlays: AbilityOverlay[] = [];
export function registerAbilityOverlay(overlay: AbilityOverlay): void {
  overlays.push(overlay);
}
const memo = new WeakMap<Context, Map<string, Promise<CaseAbilities>>>();
function viewerAbilities(context: Context, row: ReviewCaseShape): Promise<CaseAbilities> {
  const perRequest = memo.get(context) ?? new Map<string, Promise<CaseAbilities>>();
  memo.set(context, perRequest);
  const key = `${row.kind}:${row.id}:${row.version}`;
  let abilities = perRequest.get(key);
  if (!abilities) {
    abilities = overlays.reduce(
      (current, overlay) => current.then((value) => overlay(context, row, value)),
      Promise.resolve(adapterOf(row.kind).abilities(context, row)),
    );
    perRequest.set(key, abilities);
  }
  return abilities;
}

const CaseBlockReasonEnum = builder.enumType('CaseBlockReason', {
  description:
    'Why the viewer cannot act on a case now: not their jurisdiction, four-eyes, claimed by another officer, nothing to decide in its status (stale)',
  values: CASE_BLOCK_REASONS,
});

/** A status in the viewer's language, from the workflow table. */
export function statusLabelOf(workflow: AnyWorkflow, status: string, locale: Locale): string {
  const info = workflow.statusInfo[status];
  return info ? (locale === 'en' ? info.en : info.zh) : status;
}

interface CaseKindAdapter {
  statusLabel(status: string, locale: Locale): string;
  abilities(context: Context, row: ReviewCaseShape): CaseAbilities;
  /** who the case concerns (the kind's own rule, the one its node() uses): decides which events a viewer sees */
  audience(context: Context, row: ReviewCaseShape): CaseAudience | Promise<CaseAudience>;
}

const adapters = new Map<ReviewKindName, CaseKindAdapter>();
export function registerCaseKind(kind: ReviewKindName, adapter: CaseKindAdapter): void {
  adapters.set(kind, adapter);
}
function adapterOf(kind: ReviewKindName): CaseKindAdapter {
  const adapter = adapters.get(kind);
  if (!adapter) throw new Error(`no adapter for case kind ${kind}`);
  return adapter;
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
  resolveType: (row) => {
    switch (row.kind) {
      case 'ACCESS_APPLICATION':
        return 'AccessApplication';
      case 'EXIT_APPLICATION':
        return 'ExitApplication';
      case 'INVITATION':
        return 'Invitation';
      case 'CAPABILITY_SUBSCRIPTION':
        return 'CapabilitySubscription';
    }
  },
  fields: (t) => ({
    version: t.exposeInt('version'),
    status: t.exposeString('status'),
    statusLabel: t.string({
      resolve: (row, _args, context) => adapterOf(row.kind).statusLabel(row.status, context.locale),
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
        const audience = await adapterOf(row.kind).audience(context, row);
        const events = await context.app.db.auditEvent.findMany({
          where: { caseKind: row.kind, caseId: row.id },
          orderBy: { id: 'asc' },
        });
        return events.filter((event) => mayViewCaseEvent(context.viewer?.actor, audience, event.event));
      },
    }),
  }),
});
