import { graphql, type ResultOf } from '../../app/graphql.ts';

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

export const MARK_READ_MUTATION = graphql(`
  mutation MarkNotificationsRead($upTo: String) {
    markNotificationsRead(input: { upTo: $upTo }) {
      __typename
      ... on MarkNotificationsReadSuccess { lastReadCursor unreadCount }
      ... on Error { code message }
    }
  }
`);

export type NotificationsData = ResultOf<typeof NOTIFICATIONS_QUERY>;
export type NotificationItem = NotificationsData['notifications']['edges'][number]['node'];
export type MarkReadPayload = ResultOf<typeof MARK_READ_MUTATION>['markNotificationsRead'];

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
