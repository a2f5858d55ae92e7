import { graphql } from '../../app/graphql.ts';
import { ACCESS_APPLICATION_FIELDS } from '../access-application/api.ts';

export const REVIEW_STEPS = ['ACCEPTANCE', 'REVIEW', 'CONFIRMATION'] as const;
export type ReviewStep = (typeof REVIEW_STEPS)[number];
export const QUEUE_PAGE_SIZE = 50;

export interface QueueCase {
  id: string;
  version: number;
  status: string;
  statusLabel: string;
  stepEnteredAt: string;
  submittedAt: string | null;
  /** 认领: absent in older fixtures */
  claim?: { holder: { name: string }; heldByViewer: boolean } | null;
  enterprise: { id: string; uscc: string; name: string };
  /** working days in the current step and the due state against the configured limit (null: not waiting) */
  ageInWorkingDays?: number | null;
  dueAt?: string | null;
  dueState?: 'ON_TIME' | 'DUE_SOON' | 'OVERDUE' | null;
}

export interface ReviewQueueData {
  reviewQueue: {
    totalCount: number;
    edges: { cursor: string; node: QueueCase }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

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
