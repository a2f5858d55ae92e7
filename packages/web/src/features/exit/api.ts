import type { DocumentNode } from 'graphql';
import { graphql } from '../../app/graphql.ts';
import { REVIEW_CASE_FIELDS } from '../../ui/review-case-fields.ts';
import {
  type AuditEvent,
  type CaseAction,
  ENTERPRISE_FIELDS,
  type EnterpriseFacts,
  type FieldIssue,
  type Material,
} from '../access-application/api.ts';

/** 退出申请 statuses (DESIGN §3.3: those of the access application from 待受理 on). */
export const EXIT_STATUSES = [
  'PENDING_ACCEPTANCE',
  'NOT_ACCEPTED',
  'PENDING_REVIEW',
  'REVIEW_REJECTED',
  'PENDING_CONFIRMATION',
  'CONFIRMED',
  'CONFIRMATION_REJECTED',
] as const;
export const EXIT_IN_FLIGHT = new Set(['PENDING_ACCEPTANCE', 'PENDING_REVIEW', 'PENDING_CONFIRMATION']);
export const EXIT_REJECTED = new Set(['NOT_ACCEPTED', 'REVIEW_REJECTED', 'CONFIRMATION_REJECTED']);

export interface ExitApplication {
  __typename?: 'ExitApplication';
  id: string;
  version: number;
  status: string;
  statusLabel: string;
  enterprise: EnterpriseFacts;
  stepEnteredAt: string;
  submittedAt: string | null;
  lastReason: string | null;
  availableActions: CaseAction[];
  blockedReason: string | null;
  auditTrail: AuditEvent[];
  materials: Material[];
  createdAt: string;
  decidedAt: string | null;
}

export const EXIT_APPLICATION_FIELDS = graphql(
  `
  fragment ExitApplicationFields on ExitApplication {
    id
    version
    status
    statusLabel
    enterprise {
      ...EnterpriseFacts
    }
    ...ReviewCaseFields
    materials {
      id
      kind
      fileName
      mimeType
      size
      createdAt
      downloadUrl
    }
    createdAt
    decidedAt
  }
`,
  [ENTERPRISE_FIELDS, REVIEW_CASE_FIELDS],
);

/** Every member of ExitApplicationPayload, flattened. */
export interface ExitApplicationPayload {
  __typename: 'ExitApplicationSuccess' | 'BaseError' | 'ValidationError' | 'StaleVersionError';
  exitApplication?: ExitApplication;
  code?: string;
  message?: string;
  issues?: FieldIssue[];
  currentVersion?: number;
}

export const EXIT_PAYLOAD_FIELDS = graphql(
  `
  fragment ExitApplicationPayloadFields on ExitApplicationPayload {
    __typename
    ... on ExitApplicationSuccess {
      exitApplication {
        ...ExitApplicationFields
      }
    }
    ... on Error {
      code
      message
    }
    ... on ValidationError {
      issues {
        field
        code
        message
      }
    }
    ... on StaleVersionError {
      currentVersion
    }
  }
`,
  [EXIT_APPLICATION_FIELDS],
);

// ---- enterprise: 申请退出 ------------------------------------------------------------------------------------

export interface ExitPageData {
  viewer: {
    id: string;
    identityType: string | null;
    canExit: boolean;
    enterprise: EnterpriseFacts | null;
    exitApplications: ExitApplication[];
  } | null;
}

export const EXIT_PAGE_QUERY = graphql(
  `
  query ExitPage {
    viewer {
      id
      identityType
      canExit
      enterprise {
        ...EnterpriseFacts
      }
      exitApplications {
        ...ExitApplicationFields
      }
    }
  }
`,
  [ENTERPRISE_FIELDS, EXIT_APPLICATION_FIELDS],
);

export const EXIT_FORM_URL_QUERY = graphql(`
  query ExitApplicationFormUrl {
    exitApplicationFormUrl
  }
`);

export interface ExitPrecheck {
  canExit: boolean;
  activeBindingCount: number;
  identityAllowed: boolean;
  dcuStatus: string;
}

export const EXIT_PRECHECK_QUERY = graphql(`
  query ExitPrecheck {
    exitPrecheck {
      canExit
      activeBindingCount
      identityAllowed
      dcuStatus
    }
  }
`);

export const SUBMIT_EXIT_MUTATION = graphql(
  `
  mutation SubmitExitApplication($input: SubmitExitApplicationInput!) {
    submitExitApplication(input: $input) {
      ...ExitApplicationPayloadFields
    }
  }
`,
  [EXIT_PAYLOAD_FIELDS],
);

// ---- bureau ---------------------------------------------------------------------------------------------------

export const EXIT_CASE_QUERY = graphql(
  `
  query ExitApplicationCase($id: ID!) {
    node(id: $id) {
      id
      ... on ExitApplication {
        ...ExitApplicationFields
      }
    }
  }
`,
  [EXIT_APPLICATION_FIELDS],
);

/** The bureau events of the exit workflow and the mutation each one is (DESIGN §7). */
export const EXIT_DECISIONS: Record<string, { field: string; document: DocumentNode }> = {
  accept: {
    field: 'acceptExitApplication',
    document: graphql(
      `mutation acceptExitApplication($input: CaseVersionInput!) { acceptExitApplication(input: $input) { ...ExitApplicationPayloadFields } }`,
      [EXIT_PAYLOAD_FIELDS],
    ),
  },
  refuse: {
    field: 'refuseExitApplication',
    document: graphql(
      `mutation refuseExitApplication($input: CaseDecisionWithReasonInput!) { refuseExitApplication(input: $input) { ...ExitApplicationPayloadFields } }`,
      [EXIT_PAYLOAD_FIELDS],
    ),
  },
  approveReview: {
    field: 'approveExitApplicationReview',
    document: graphql(
      `mutation approveExitApplicationReview($input: CaseVersionInput!) { approveExitApplicationReview(input: $input) { ...ExitApplicationPayloadFields } }`,
      [EXIT_PAYLOAD_FIELDS],
    ),
  },
  rejectReview: {
    field: 'rejectExitApplicationReview',
    document: graphql(
      `mutation rejectExitApplicationReview($input: CaseDecisionWithReasonInput!) { rejectExitApplicationReview(input: $input) { ...ExitApplicationPayloadFields } }`,
      [EXIT_PAYLOAD_FIELDS],
    ),
  },
  confirm: {
    field: 'confirmExitApplication',
    document: graphql(
      `mutation confirmExitApplication($input: CaseVersionInput!) { confirmExitApplication(input: $input) { ...ExitApplicationPayloadFields } }`,
      [EXIT_PAYLOAD_FIELDS],
    ),
  },
  rejectConfirmation: {
    field: 'rejectExitApplicationConfirmation',
    document: graphql(
      `mutation rejectExitApplicationConfirmation($input: CaseDecisionWithReasonInput!) { rejectExitApplicationConfirmation(input: $input) { ...ExitApplicationPayloadFields } }`,
      [EXIT_PAYLOAD_FIELDS],
    ),
  },
};
