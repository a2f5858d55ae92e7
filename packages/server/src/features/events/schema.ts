import {
  type AnyWorkflow,
  type CaseEventName,
  type CaseStatus,
  type ErrorCode,
  messageFor,
  REVIEW_KIND_WORKFLOWS,
  type ReviewKind,
  type ReviewStep,
  statusesForStep,
} from '@leqi/domain';
import { GraphQLError } from 'graphql';
import { builder } from '../../platform/builder.ts';
import type { Context } from '../../platform/context.ts';
import type { StoredCaseEvent } from '../../platform/events/audit.ts';
import { eventCursor, parseCursor } from '../../platform/events/cursor.ts';
import { type EventFilter, streamEvents } from '../../platform/events/stream.ts';
import { SHARED_EVENT_RESULTS } from '../../platform/http/shared-event-results.ts';
import { ReviewKindEnum, ReviewStepEnum } from '../cases/review-case.ts';
import { CaseEventNameEnum, CaseStatusEnum } from '../cases/vocabulary-enums.ts';
import { visibleEvents } from './visibility.ts';

/** Scope checks do not guard `subscribe`, so the subscriptions refuse with a typed error themselves. */
function refusal(context: Context, code: ErrorCode): GraphQLError {
  return new GraphQLError(messageFor({ code }, context.locale), { extensions: { code } });
}

/** Events that add a case to, or remove it from, one queue. */
function ofQueue(kind: ReviewKind, step: ReviewStep): EventFilter {
  const statuses = statusesForStep(REVIEW_KIND_WORKFLOWS[kind] as AnyWorkflow, step);
  return {
    where: { caseKind: kind, OR: [{ fromStatus: { in: statuses } }, { toStatus: { in: statuses } }] },
    matches: (event) =>
      event.caseKind === kind && (statuses.includes(event.fromStatus ?? '') || statuses.includes(event.toStatus ?? '')),
    key: `queue|${kind}|${step}`,
  };
}

function both(a: EventFilter, b: EventFilter): EventFilter {
  return {
    where: { AND: [a.where, b.where] },
    matches: (event) => a.matches(event) && b.matches(event),
    ...(a.key !== undefined && b.key !== undefined ? { key: `${a.key}&${b.key}` } : {}),
  };
}

/**
 * CaseEvent's fields read nothing but the event, so subscribers of one event with the same selection get the same
 * result: it is executed once for all of them (which events each one receives stays decided by its own filter).
 */
const sharedEventResults = { [SHARED_EVENT_RESULTS]: true };

const CaseEventRef = builder.objectRef<StoredCaseEvent>('CaseEvent').implement({
  description: 'A committed change of a case; `cursor` increases globally — pass the last one as `after` to resume',
  fields: (t) => ({
    cursor: t.string({ resolve: (event) => eventCursor(event).toString() }),
    caseKind: t.field({ type: ReviewKindEnum, resolve: (event) => event.caseKind as ReviewKind }),
    caseId: t.id({
      description: 'global ID of the case',
      resolve: (event) =>
        Buffer.from(`${TYPE_OF_KIND[event.caseKind as ReviewKind]}:${event.caseId}`).toString('base64'),
    }),
    event: t.field({ type: CaseEventNameEnum, resolve: (event) => event.event as CaseEventName }),
    fromStatus: t.field({ type: CaseStatusEnum, nullable: true, resolve: (event) => event.fromStatus as CaseStatus }),
    toStatus: t.field({ type: CaseStatusEnum, nullable: true, resolve: (event) => event.toStatus as CaseStatus }),
    actorName: t.exposeString('actorName', { nullable: true }),
    reason: t.exposeString('reason', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const TYPE_OF_KIND: Record<ReviewKind, string> = {
  ACCESS_APPLICATION: 'AccessApplication',
  EXIT_APPLICATION: 'ExitApplication',
  INVITATION: 'Invitation',
  CAPABILITY_SUBSCRIPTION: 'CapabilitySubscription',
};

builder.subscriptionField('caseEvents', (t) =>
  t.field({
    type: CaseEventRef,
    description: 'Every event the viewer may see, first those after `after`, then live',
    authScopes: { signedIn: true },
    args: { after: t.arg.string({ required: false }) },
    extensions: sharedEventResults,
    subscribe: (_root, args, context) => {
      const actor = context.viewer?.actor;
      if (!actor) throw refusal(context, 'UNAUTHENTICATED');
      return streamEvents(
        context.app.db,
        context.app.bus,
        visibleEvents(actor),
        parseCursor(args.after),
        context.eventWriter,
      );
    },
    resolve: (event) => event,
  }),
);

builder.subscriptionField('queueChanges', (t) =>
  t.field({
    type: CaseEventRef,
    description: 'Events that add cases to or remove them from one review queue of the viewer',
    authScopes: { officer: true, admin: true },
    args: {
      kind: t.arg({ type: ReviewKindEnum, required: true }),
      step: t.arg({ type: ReviewStepEnum, required: true }),
      after: t.arg.string({ required: false }),
    },
    extensions: sharedEventResults,
    subscribe: (_root, args, context) => {
      const actor = context.viewer?.actor;
      if (!actor) throw refusal(context, 'UNAUTHENTICATED');
      if (actor.role !== 'OFFICER' && actor.role !== 'ADMIN') throw refusal(context, 'FORBIDDEN');
      const filter = both(visibleEvents(actor), ofQueue(args.kind, args.step));
      return streamEvents(context.app.db, context.app.bus, filter, parseCursor(args.after), context.eventWriter);
    },
    resolve: (event) => event,
  }),
);
