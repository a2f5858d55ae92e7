// GraphQL of 消息通知: the inbox (newest first), the unread count for the bell, and marking read.
// Enterprise users only: an API token has no inbox, and officers follow their queues instead.
import type { CaseEventName, CaseStatus, ReviewKind } from '@leqi/domain';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../platform/builder.ts';
import { countedConnection, forwardPageArgs } from '../../platform/counted-connection.ts';
import { eventCursor } from '../../platform/events/cursor.ts';
import { BaseErrorRef, refusalError, toSimplePayloadError, ValidationErrorRef } from '../../platform/graphql-errors.ts';
import { connectionOf } from '../../platform/paging.ts';
import { isSignedIn, signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { caseKindOf } from '../cases/index.ts';
import { ReviewKindEnum } from '../cases/review-case.ts';
import { CaseEventNameEnum, CaseStatusEnum } from '../cases/vocabulary-enums.ts';
import { caseKindLabel, phraseNotification, statusLabel } from './phrasing.ts';
import {
  findNotification,
  listNotifications,
  markNotificationsRead,
  type Notification,
  unreadNotificationCount,
} from './service.ts';

const NotificationRef = builder.node(builder.objectRef<Notification>('Notification'), {
  id: { resolve: (n) => n.event.id.toString() },
  // a notification is the enterprise user's own: anyone else (or another user of it who did the action) gets null
  loadOne: (id, context) => (isSignedIn(context) ? findNotification(context.app, context.viewer, id) : null),
  description:
    '消息通知：与本企业有关的案件的一次变化（本人所做的操作除外）\n\nA notification: one change of a case that concerns the viewer’s enterprise (what the viewer did themself left out)',
  fields: (t) => ({
    cursor: t.string({
      resolve: (n) => eventCursor(n.event).toString(),
      description:
        '事件游标（十进制数字，与 caseEvents 相同），用于 markNotificationsRead 的 upTo\n\nThe event cursor (a decimal number, as of caseEvents); pass it as upTo of markNotificationsRead',
    }),
    caseKind: t.field({
      type: ReviewKindEnum,
      description: '案件类型\n\nKind of the case',
      resolve: (n) => n.event.caseKind as ReviewKind,
    }),
    caseKindLabel: t.string({
      description: '案件类型的名称（按请求语言）\n\nName of the kind of case, in the request language',
      resolve: (n, _a, context) => caseKindLabel(n.event.caseKind, context.locale),
    }),
    caseId: t.id({
      description: '案件的全局 ID（可用于 node 查询）\n\nGlobal ID of the case (for the node query)',
      resolve: (n) => encodeGlobalID(caseKindOf(n.event.caseKind)?.typename ?? n.event.caseKind, n.event.caseId),
    }),
    event: t.field({
      type: CaseEventNameEnum,
      description: '发生的事件\n\nWhat happened',
      resolve: (n) => n.event.event as CaseEventName,
    }),
    toStatus: t.field({
      type: CaseStatusEnum,
      nullable: true,
      description:
        '事件后案件的状态；未记录时为 null\n\nStatus of the case after the event; null when none was recorded',
      resolve: (n) => n.event.toStatus as CaseStatus | null,
    }),
    toStatusLabel: t.string({
      nullable: true,
      description:
        '事件后状态的名称（操作手册用语，按请求语言）；toStatus 为 null 时为 null\n\nThe status after the event in the manual’s words, in the request language; null when toStatus is',
      resolve: (n, _a, context) => statusLabel(n.event.caseKind, n.event.toStatus, context.locale),
    }),
    subject: t.string({
      nullable: true,
      description:
        '邀请的另一方名称（直连单位看到使用单位名称，使用单位看到直连单位名称）；非邀请的通知为 null\n\n' +
        'Name of the other party of an invitation (the use unit for its direct-connect unit, the direct-connect unit for its use unit); null for other notifications',
      resolve: (n) => n.subject,
    }),
    message: t.string({
      description:
        '一句话的通知内容（操作手册用语，按请求语言），如“接入申请已受理，当前状态：待复核。”\n\nThe notification as one sentence in the manual’s words, in the request language, e.g. "Access application accepted; status: Pending review."',
      resolve: (n, _a, context) => phraseNotification(n.event, context.locale, n.subject),
    }),
    actorName: t.string({
      nullable: true,
      description:
        '操作人姓名（系统自动操作时为“系统”）；未记录时为 null\n\nName of who acted (the system’s own name for automatic changes); null when not recorded',
      resolve: (n) => n.event.actorName,
    }),
    reason: t.string({
      nullable: true,
      description: '填写或记录的原因；没有时为 null\n\nThe reason given or recorded; null when none',
      resolve: (n) => n.event.reason,
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: '事件发生的时间\n\nWhen the event happened',
      resolve: (n) => n.event.createdAt,
    }),
    read: t.boolean({
      description: '当前用户是否已标记为已读\n\nWhether the viewer has marked it read',
      resolve: (n) => n.read,
    }),
  }),
});

const NotificationConnectionRef = countedConnection(NotificationRef, 'NotificationConnection', 'NotificationEdge', {
  zh: '通知',
  en: 'notifications',
});

builder.queryField('notifications', (t) =>
  t.field({
    type: NotificationConnectionRef,
    description:
      '本企业的消息通知，最新的在前（企业用户；API 令牌没有通知）\n\nNotifications of the viewer’s enterprise, newest first (enterprise users; API tokens have none)',
    authScopes: { enterprise: true },
    args: {
      ...forwardPageArgs(t.arg),
      unreadOnly: t.arg.boolean({
        required: false,
        description:
          '为 true 时只列出未读通知\n\nWhen true, only unread notifications (what was marked read is left out)',
      }),
    },
    resolve: signedIn(unauthenticated.asError, async (_root, args, context) => {
      const result = await listNotifications(context.app, context.viewer, args);
      if (!result.ok) throw refusalError(result.error, context.locale);
      return connectionOf(result.value, args.after, (n: Notification) => eventCursor(n.event).toString());
    }),
  }),
);

builder.queryField('unreadNotificationCount', (t) =>
  t.int({
    description:
      '未读通知数（铃铛角标）：晚于已读位置的通知数；未登录时为 0\n\nHow many notifications are newer than what the viewer marked read (the bell); 0 when not signed in',
    authScopes: { enterprise: true },
    resolve: signedIn(
      () => 0,
      (_root, _args, context) => unreadNotificationCount(context.app, context.viewer),
    ),
  }),
);

const MarkNotificationsReadInput = builder.inputType('MarkNotificationsReadInput', {
  description: '标记已读的范围\n\nWhat to mark read',
  fields: (t) => ({
    upTo: t.string({
      required: false,
      description:
        '通知的 cursor：标记到此条（含）为止；不填则标记目前所有通知；格式错误为 VALIDATION_FAILED\n\n' +
        'A notification’s cursor: marks read up to and including it; omitted: every notification so far; malformed: VALIDATION_FAILED',
    }),
  }),
});

const MarkNotificationsReadSuccessRef = builder
  .objectRef<{ __typename: 'MarkNotificationsReadSuccess'; lastReadCursor: string; unreadCount: number }>(
    'MarkNotificationsReadSuccess',
  )
  .implement({
    description: '已标记为已读\n\nThe notifications were marked read',
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'MarkNotificationsReadSuccess',
    fields: (t) => ({
      lastReadCursor: t.exposeString('lastReadCursor', {
        description:
          '标记后的已读位置（通知 cursor；从未标记过为 "0"）\n\nThe read cursor after marking (a notification cursor; "0" if nothing was ever marked)',
      }),
      unreadCount: t.exposeInt('unreadCount', { description: '标记后剩余的未读通知数\n\nUnread notifications left' }),
    }),
  });

const MarkNotificationsReadPayload = builder.unionType('MarkNotificationsReadPayload', {
  description: '标记已读的结果：成功，或拒绝的原因\n\nResult of markNotificationsRead: success, or why it was refused',
  types: [MarkNotificationsReadSuccessRef, BaseErrorRef, ValidationErrorRef],
});

builder.mutationField('markNotificationsRead', (t) =>
  t.field({
    type: MarkNotificationsReadPayload,
    description:
      '标记通知为已读：把当前用户的已读位置向后移动（不会后退，其他标签页的迟到请求不会使已读变为未读）\n\n' +
      'Marks notifications read: moves the viewer’s read cursor forward, never back (a late request from another tab cannot make read ones unread)',
    args: {
      input: t.arg({ type: MarkNotificationsReadInput, description: '标记到哪一条\n\nHow far to mark read' }),
    },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      const result = await markNotificationsRead(context.app, context.viewer, input.upTo);
      return result.ok
        ? { __typename: 'MarkNotificationsReadSuccess' as const, ...result.value }
        : toSimplePayloadError(result.error, context.locale);
    }),
  }),
);
