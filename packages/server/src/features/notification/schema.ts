// GraphQL of 消息通知: the inbox (newest first), the unread count for the bell, and marking read.
// Enterprise users only: an API token has no inbox, and officers follow their queues instead.
import type { CaseEventName, CaseStatus, ReviewKind } from '@leqi/domain';
import { builder } from '../../platform/builder.ts';
import { countedConnection } from '../../platform/counted-connection.ts';
import { eventCursor } from '../../platform/events/cursor.ts';
import { BaseErrorRef, refusalError, toSimplePayloadError, ValidationErrorRef } from '../../platform/graphql-errors.ts';
import { connectionOf } from '../../platform/paging.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { caseKindOf } from '../cases/index.ts';
import { ReviewKindEnum } from '../cases/review-case.ts';
import { CaseEventNameEnum, CaseStatusEnum } from '../cases/vocabulary-enums.ts';
import { caseKindLabel, phraseNotification, statusLabel } from './phrasing.ts';
import { listNotifications, markNotificationsRead, type Notification, unreadNotificationCount } from './service.ts';

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

const NotificationRef = builder.objectRef<Notification>('Notification').implement({
  description: '消息通知: one change of a case that concerns the viewer’s enterprise',
  fields: (t) => ({
    id: t.id({ resolve: (n) => globalId('Notification', n.event.id.toString()) }),
    cursor: t.string({
      resolve: (n) => eventCursor(n.event).toString(),
      description: 'the event cursor (as caseEvents)',
    }),
    caseKind: t.field({ type: ReviewKindEnum, resolve: (n) => n.event.caseKind as ReviewKind }),
    caseKindLabel: t.string({ resolve: (n, _a, context) => caseKindLabel(n.event.caseKind, context.locale) }),
    caseId: t.id({
      resolve: (n) => globalId(caseKindOf(n.event.caseKind)?.typename ?? n.event.caseKind, n.event.caseId),
    }),
    event: t.field({ type: CaseEventNameEnum, resolve: (n) => n.event.event as CaseEventName }),
    toStatus: t.field({ type: CaseStatusEnum, nullable: true, resolve: (n) => n.event.toStatus as CaseStatus | null }),
    toStatusLabel: t.string({
      nullable: true,
      description: 'the status in the manual’s words',
      resolve: (n, _a, context) => statusLabel(n.event.caseKind, n.event.toStatus, context.locale),
    }),
    subject: t.string({ nullable: true, description: 'the other party of an invitation', resolve: (n) => n.subject }),
    message: t.string({
      description: 'one sentence in the manual’s words, in the request language',
      resolve: (n, _a, context) => phraseNotification(n.event, context.locale, n.subject),
    }),
    actorName: t.string({ nullable: true, resolve: (n) => n.event.actorName }),
    reason: t.string({ nullable: true, resolve: (n) => n.event.reason }),
    createdAt: t.field({ type: 'DateTime', resolve: (n) => n.event.createdAt }),
    read: t.boolean({ resolve: (n) => n.read }),
  }),
});

const NotificationConnectionRef = countedConnection(NotificationRef, 'NotificationConnection', 'NotificationEdge');

builder.queryField('notifications', (t) =>
  t.connection(
    {
      type: NotificationRef,
      description: "消息通知 of the viewer's enterprise, newest first; `unreadOnly` leaves out what was marked read",
      authScopes: { enterprise: true },
      args: { unreadOnly: t.arg.boolean({ required: false }) },
      resolve: signedIn(unauthenticated.asError, async (_root, args, context) => {
        const result = await listNotifications(context.app, context.viewer, args);
        if (!result.ok) throw refusalError(result.error, context.locale);
        return connectionOf(result.value, args.after, (n: Notification) => eventCursor(n.event).toString());
      }),
    },
    NotificationConnectionRef,
  ),
);

builder.queryField('unreadNotificationCount', (t) =>
  t.int({
    description: 'how many notifications are newer than what the viewer marked read (the bell)',
    authScopes: { enterprise: true },
    resolve: signedIn(
      () => 0,
      (_root, _args, context) => unreadNotificationCount(context.app, context.viewer),
    ),
  }),
);

const MarkNotificationsReadInput = builder.inputType('MarkNotificationsReadInput', {
  fields: (t) => ({
    upTo: t.string({ required: false, description: 'a notification cursor; omitted: everything so far' }),
  }),
});

const MarkNotificationsReadSuccessRef = builder
  .objectRef<{ __typename: 'MarkNotificationsReadSuccess'; lastReadCursor: string; unreadCount: number }>(
    'MarkNotificationsReadSuccess',
  )
  .implement({
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'MarkNotificationsReadSuccess',
    fields: (t) => ({
      lastReadCursor: t.exposeString('lastReadCursor'),
      unreadCount: t.exposeInt('unreadCount'),
    }),
  });

const MarkNotificationsReadPayload = builder.unionType('MarkNotificationsReadPayload', {
  types: [MarkNotificationsReadSuccessRef, BaseErrorRef, ValidationErrorRef],
});

builder.mutationField('markNotificationsRead', (t) =>
  t.field({
    type: MarkNotificationsReadPayload,
    description: 'moves the viewer’s read cursor forward (never back)',
    authScopes: { enterprise: true },
    args: { input: t.arg({ type: MarkNotificationsReadInput }) },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      const result = await markNotificationsRead(context.app, context.viewer, input.upTo);
      return result.ok
        ? { __typename: 'MarkNotificationsReadSuccess' as const, ...result.value }
        : toSimplePayloadError(result.error, context.locale);
    }),
  }),
);
