// Test data of the dashboard and the inbox (used by their msw tests).
import { graphql, HttpResponse } from 'msw';
import type { NotificationItem } from '../notifications/api.ts';
import type { EnterpriseOverview, StatusCount } from './api.ts';

const daysFromNow = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

export function counts(labels: Record<string, string>, values: Record<string, number> = {}): StatusCount[] {
  return Object.entries(labels).map(([status, label]) => ({
    __typename: 'StatusCount',
    status,
    label,
    count: values[status] ?? 0,
  })) as StatusCount[];
}

const INVITATION = {
  PENDING_RESPONSE: '待使用单位响应',
  PENDING_ACCEPTANCE: '待受理',
  CONFIRMED: '确认通过',
  UNBOUND: '已解除',
};
const SUBSCRIPTION = { PENDING_APPROVAL: '待审核', APPROVED: '审核通过' };

export function overview(overrides: Partial<EnterpriseOverview> = {}): EnterpriseOverview {
  return {
    enterprise: { id: 'ent-sl', name: '上海申联数据服务有限公司', uscc: '913100005432319483', mayApplyForExit: true },
    dcuStatus: 'ACTIVE',
    leqiId: 'LQ310000250101123456',
    confirmedAt: daysFromNow(-640),
    accessValidity: {
      endsAt: daysFromNow(90),
      renewalRemindFrom: daysFromNow(-2),
      state: 'RENEWAL_DUE',
      stateLabel: '即将到期，请申请续期',
      remindRenewal: true,
      daysLeft: 90,
    },
    accessApplication: {
      caseId: 'QWNjZXNzQXBwbGljYXRpb246YTE=',
      status: 'CONFIRMED',
      statusLabel: '确认通过',
      step: null,
      since: daysFromNow(-640),
      lastReason: null,
    },
    exitApplication: null,
    sentInvitations: counts(INVITATION, { CONFIRMED: 2, PENDING_RESPONSE: 1 }),
    receivedInvitations: counts(INVITATION),
    activeBindingCount: 2,
    directUnit: null,
    subscriptions: counts(SUBSCRIPTION, { APPROVED: 1 }),
    subscribedCapabilityCount: 4,
    authorisationsGiven: 3,
    authorisationsHeld: 0,
    ...overrides,
  };
}

/** An enterprise that has not applied yet. */
export const NOT_CONNECTED = overview({
  enterprise: { id: 'ent-yf', name: '广州云帆科技集团有限公司', uscc: '91440100628194821M', mayApplyForExit: false },
  dcuStatus: 'NOT_CONNECTED',
  leqiId: null,
  confirmedAt: null,
  accessValidity: null,
  accessApplication: null,
  sentInvitations: counts(INVITATION),
  activeBindingCount: 0,
  subscriptions: counts(SUBSCRIPTION),
  subscribedCapabilityCount: 0,
  authorisationsGiven: 0,
});

export function notification(cursor: number, overrides: Partial<NotificationItem> = {}): NotificationItem {
  return {
    id: `n${cursor}`,
    cursor: String(cursor),
    caseKind: 'ACCESS_APPLICATION',
    caseKindLabel: '接入申请',
    caseId: 'QWNjZXNzQXBwbGljYXRpb246YTE=',
    event: 'accept',
    toStatus: 'PENDING_REVIEW',
    toStatusLabel: '待复核',
    subject: null,
    message: '接入申请已受理，当前状态：待复核。',
    actorName: '天河 审核员一',
    reason: null,
    createdAt: new Date(Date.now() - cursor * 60_000).toISOString(),
    read: false,
    ...overrides,
  };
}

export function notificationsData(items: NotificationItem[], unread: number, hasNextPage = false) {
  return {
    notifications: {
      __typename: 'NotificationConnection',
      totalCount: items.length,
      pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: items.at(-1)?.cursor ?? null },
      edges: items.map((node) => ({
        __typename: 'NotificationEdge',
        cursor: node.cursor,
        node: { __typename: 'Notification', ...node },
      })),
    },
    unreadNotificationCount: unread,
  };
}

/** Handlers of the dashboard page: the overview, the latest notifications and the bell. */
export function dashboardHandlers(data: EnterpriseOverview, items: NotificationItem[] = [], unread = 0) {
  return [
    graphql.query('EnterpriseOverview', () =>
      HttpResponse.json({ data: { enterpriseOverview: { __typename: 'EnterpriseOverview', ...data } } }),
    ),
    graphql.query('Notifications', () => HttpResponse.json({ data: notificationsData(items, unread) })),
    graphql.query('UnreadNotificationCount', () => HttpResponse.json({ data: { unreadNotificationCount: unread } })),
  ];
}
