import { graphql } from '../../app/graphql.ts';
export interface NotificationItem {
  id: string;
  cursor: string;
  caseKind: string;
  caseKindLabel: string;
  caseId: string;
  event: string;
  toStatus: string | null;
  toStatusLabel: string | null;
  subject: string | null;
  message: string;
  actorName: string | null;
  reason: string | null;
  createdAt: string;
  read: boolean;
}

export interface NotificationsData {
  notifications: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: NotificationItem }[];
  };
  unreadNotificationCount: number;
}

export const NOTIFICATIONS_QUERY = graphql(`
  query Notifications($first: Int, $after: String, $unreadOnly: Boolean) {
    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id cursor caseKind caseKindLabel caseId event toStatus toStatusLabel subject message actorName reason
          createdAt read
        }
      }
    }
    unreadNotificationCount
  }
`);

export const UNREAD_COUNT_QUERY = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

export type MarkReadPayload =
  | { __typename: 'MarkNotificationsReadSuccess'; lastReadCursor: string; unreadCount: number }
  | { __typename: 'BaseError' | 'ValidationError'; code: string; message: string };

export const MARK_READ_MUTATION = graphql(`
  mutation MarkNotificationsRead($upTo: String) {
    markNotificationsRead(input: { upTo: $upTo }) {
      __typename
      ... on MarkNotificationsReadSuccess { lastReadCursor unreadCount }
      ... on Error { code message }
    }
  }
`);

/** Where a notification leads: the page of the case's area. */
export function pathOfCase(caseKind: string): string {
  switch (caseKind) {
    case 'ACCESS_APPLICATION':
      return '/access/application';
    case 'EXIT_APPLICATION':
      return '/access/exit';
    case 'CAPABILITY_SUBSCRIPTION':
      return '/access/capabilities';
    default:
      return '/access/invitations';
  }
}
