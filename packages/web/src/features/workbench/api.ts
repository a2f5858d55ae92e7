import { graphql, type ResultOf } from '../../app/graphql.ts';
import { PARTY_FIELDS } from '../../ui/shared-fields.ts';
import { ACCESS_APPLICATION_FIELDS } from '../access-application/api.ts';

export const REVIEW_STEPS = ['ACCEPTANCE', 'REVIEW', 'CONFIRMATION'] as const;
export type ReviewStep = (typeof REVIEW_STEPS)[number];
export const QUEUE_PAGE_SIZE = 50;

export const REVIEW_QUEUE_QUERY = graphql(`
  query ReviewQueue(
    $kind: ReviewKind!
    $step: ReviewStep!
    $first: Int
    $after: String
    $search: String
    $filter: QueueFilterInput
    $orderBy: QueueOrder
  ) {
    reviewQueue(
      kind: $kind
      step: $step
      first: $first
      after: $after
      search: $search
      filter: $filter
      orderBy: $orderBy
    ) {
      totalCount
      edges {
        cursor
        node {
          id
          version
          status
          statusLabel
          stepEnteredAt
          submittedAt
          claim {
            holder {
              name
            }
            heldByViewer
          }
          ageInWorkingDays
          dueAt
          dueState
          enterprise {
            id
            uscc
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export type ReviewQueueData = ResultOf<typeof REVIEW_QUEUE_QUERY>;
/** A row of a review queue, whatever its kind. */
export type QueueCase = ReviewQueueData['reviewQueue']['edges'][number]['node'];

export const CASE_QUERY = graphql(
  `
  query AccessApplicationCase($id: ID!) {
    accessApplication(id: $id) {
      ...AccessApplicationFields
    }
  }
`,
  [ACCESS_APPLICATION_FIELDS],
);

/** 使用单位邀请 in the bureau's queue: the use unit and the inviting DCU. */
export const INVITATION_QUEUE_QUERY = graphql(
  `
  query InvitationReviewQueue(
    $step: ReviewStep!
    $first: Int
    $search: String
    $filter: QueueFilterInput
    $orderBy: QueueOrder
  ) {
    reviewQueue(kind: INVITATION, step: $step, first: $first, search: $search, filter: $filter, orderBy: $orderBy) {
      totalCount
      edges {
        cursor
        node {
          id
          version
          status
          statusLabel
          stepEnteredAt
          submittedAt
          claim {
            holder {
              name
            }
            heldByViewer
          }
          ageInWorkingDays
          dueAt
          dueState
          enterprise {
            ...PartyFields
          }
          ... on Invitation {
            useUnitUscc
            useUnitName
            relationship
            directUnit {
              ...PartyFields
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`,
  [PARTY_FIELDS],
);
export type InvitationQueueCase = Extract<
  ResultOf<typeof INVITATION_QUEUE_QUERY>['reviewQueue']['edges'][number]['node'],
  { useUnitUscc: string }
>;
