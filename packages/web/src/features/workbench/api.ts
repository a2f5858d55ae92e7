import type { DocumentNode } from 'graphql';
import { graphql } from '../../app/graphql.ts';
import { ACCESS_APPLICATION_FIELDS, PAYLOAD_FIELDS } from '../access-application/api.ts';

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

/** The bureau events of the access-application workflow and the mutation each one is (DESIGN §7). */
export const DECISIONS: Record<string, { field: string; document: DocumentNode }> = {
  accept: {
    field: 'acceptAccessApplication',
    document: graphql(
      `mutation acceptAccessApplication($input: CaseVersionInput!) { acceptAccessApplication(input: $input) { ...AccessApplicationPayloadFields } }`,
      [PAYLOAD_FIELDS],
    ),
  },
  refuse: {
    field: 'refuseAccessApplication',
    document: graphql(
      `mutation refuseAccessApplication($input: CaseDecisionWithReasonInput!) { refuseAccessApplication(input: $input) { ...AccessApplicationPayloadFields } }`,
      [PAYLOAD_FIELDS],
    ),
  },
  approveReview: {
    field: 'approveAccessApplicationReview',
    document: graphql(
      `mutation approveAccessApplicationReview($input: CaseVersionInput!) { approveAccessApplicationReview(input: $input) { ...AccessApplicationPayloadFields } }`,
      [PAYLOAD_FIELDS],
    ),
  },
  rejectReview: {
    field: 'rejectAccessApplicationReview',
    document: graphql(
      `mutation rejectAccessApplicationReview($input: CaseDecisionWithReasonInput!) { rejectAccessApplicationReview(input: $input) { ...AccessApplicationPayloadFields } }`,
      [PAYLOAD_FIELDS],
    ),
  },
  confirm: {
    field: 'confirmAccessApplication',
    document: graphql(
      `mutation confirmAccessApplication($input: CaseVersionInput!) { confirmAccessApplication(input: $input) { ...AccessApplicationPayloadFields } }`,
      [PAYLOAD_FIELDS],
    ),
  },
  rejectConfirmation: {
    field: 'rejectAccessApplicationConfirmation',
    document: graphql(
      `mutation rejectAccessApplicationConfirmation($input: CaseDecisionWithReasonInput!) { rejectAccessApplicationConfirmation(input: $input) { ...AccessApplicationPayloadFields } }`,
      [PAYLOAD_FIELDS],
    ),
  },
};
