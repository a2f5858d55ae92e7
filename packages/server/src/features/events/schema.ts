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
  description:
    '事项的一次已提交的变更（审计记录中的一条）。cursor 在整个事件流中递增：断线后将收到的最后一个 cursor 作为 after 传入即可续接\n\n' +
    'A committed change of a case (one entry of its audit trail). `cursor` increases along the whole stream: ' +
    'pass the last one received as `after` to resume',
  fields: (t) => ({
    cursor: t.string({
      description:
        '事件在事件流中的位置，十进制数字字符串，随事件流递增（不一定连续）\n\n' +
        'The event’s position in the stream, a decimal number as a string, increasing along the stream (not necessarily by one)',
      resolve: (event) => eventCursor(event).toString(),
    }),
    caseKind: t.field({
      type: ReviewKindEnum,
      description: '事项类别\n\nThe kind of case',
      resolve: (event) => event.caseKind as ReviewKind,
    }),
    caseId: t.id({
      description: '事项的全局 ID（可用于 node 查询）\n\nGlobal ID of the case (for the node query)',
      resolve: (event) =>
        Buffer.from(`${TYPE_OF_KIND[event.caseKind as ReviewKind]}:${event.caseId}`).toString('base64'),
    }),
    event: t.field({
      type: CaseEventNameEnum,
      description: '发生的操作\n\nWhat was done',
      resolve: (event) => event.event as CaseEventName,
    }),
    fromStatus: t.field({
      type: CaseStatusEnum,
      nullable: true,
      description:
        '操作前的状态；该操作创建了事项时为 null\n\nThe status before the event; null when the event created the case',
      resolve: (event) => event.fromStatus as CaseStatus,
    }),
    toStatus: t.field({
      type: CaseStatusEnum,
      nullable: true,
      description:
        '操作后的状态（认领等不改变状态的操作与操作前相同）；未记录状态时为 null\n\n' +
        'The status after the event (the same as before for events such as claims that leave it); null when none was recorded',
      resolve: (event) => event.toStatus as CaseStatus,
    }),
    actorName: t.exposeString('actorName', {
      nullable: true,
      description:
        '操作人的显示名称，系统自动操作为“系统”；未记录时为 null\n\n' +
        'Display name of whoever acted, the system’s name for automatic events; null when not recorded',
    }),
    reason: t.exposeString('reason', {
      nullable: true,
      description:
        '操作人填写的原因（如不予受理、审核不通过的原因）；未填写时为 null\n\n' +
        'The reason the actor gave (e.g. for a refusal or rejection); null when none was given',
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: '记录的时间\n\nWhen the event was recorded',
    }),
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
    description:
      '当前用户可见的全部事项事件：先补发 after 之后的历史事件，再实时推送。企业经办人看到本企业作为当事方的事项' +
      '（不含认领等税务机关内部操作），税务人员看到管辖范围内的事项（不含企业保存草稿），平台管理员看到全部\n\n' +
      'Every case event the viewer may see: first those after `after`, then live ones. An enterprise sees the cases it is ' +
      'a party to (without the bureau’s own events such as claims), a tax officer the cases in their jurisdiction ' +
      '(without enterprises’ draft saves), the platform administrator everything',
    authScopes: { signedIn: true },
    args: {
      after: t.arg.string({
        required: false,
        description:
          '续接位置：收到的最后一个事件的 cursor，从其后开始补发；省略为只接收此后的新事件；格式不正确时从头开始\n\n' +
          'Where to resume: the cursor of the last event received, replaying from the next one; omit to receive only ' +
          'new events; a malformed cursor starts from the beginning',
      }),
    },
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
    description:
      '审核队列变动（税务人员与平台管理员）：使事项进入或离开当前用户某个审核队列的事件，补发与续接同 caseEvents\n\n' +
      'Queue changes (tax officers and the platform administrator): the events that add cases to or remove them from ' +
      'one review queue of the viewer; replay and resumption as for caseEvents',
    authScopes: { officer: true, admin: true },
    args: {
      kind: t.arg({
        type: ReviewKindEnum,
        required: true,
        description: '审核队列的事项类别\n\nThe kind of case of the queue',
      }),
      step: t.arg({
        type: ReviewStepEnum,
        required: true,
        description: '审核队列的审核环节\n\nThe review step of the queue',
      }),
      after: t.arg.string({
        required: false,
        description:
          '续接位置：收到的最后一个事件的 cursor；省略为只接收此后的新事件；格式不正确时从头开始\n\n' +
          'Where to resume: the cursor of the last event received; omit to receive only new events; a malformed ' +
          'cursor starts from the beginning',
      }),
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
