import {
  INVITATION_STATUSES as DOMAIN_INVITATION_STATUSES,
  INVITE_WEB_MAX_ROWS,
  type InvitationStatus,
  invitationWorkflow,
  LIVE_INVITATION_STATUSES,
  RELATIONSHIPS,
} from '@leqi/domain';
import { graphql, type ResultOf, type VariablesOf } from '../../app/graphql.ts';
import { REVIEW_CASE_FIELDS } from '../../ui/review-case-fields.ts';
import type { FieldIssue } from '../access-application/api.ts';

/** 接入邀请 statuses in the manual's order with the official 接入状态 code (DESIGN §3.2). */
export const INVITATION_STATUSES = DOMAIN_INVITATION_STATUSES.map((status) => ({
  status,
  code: invitationWorkflow.statusInfo[status].officialCode ?? 0,
}));
export type { InvitationStatus };

/** An invitation whose proof may still be replaced: in flight, or bound. */
export const LIVE_STATUSES: ReadonlySet<string> = new Set(LIVE_INVITATION_STATUSES);

export { RELATIONSHIPS };
/** Rows per 录入邀请 submission (manual §3.4.1.1). */
export const MAX_FORM_ROWS = INVITE_WEB_MAX_ROWS;
export const LIST_PAGE_SIZE = 20;

export const INVITATION_ROW_FIELDS = graphql(`
  fragment InvitationRowFields on Invitation {
    id
    version
    status
    statusLabel
    officialStatusCode
    useUnitUscc
    useUnitName
    relationship
    capabilityCodes
    channel
    createdAt
    lastReason
    directUnit {
      id
      uscc
      name
    }
    provinceAuthority {
      code
      name
      level
    }
    binding {
      id
      status
    }
  }
`);

export const INVITATION_FIELDS = graphql(
  `
  fragment InvitationFields on Invitation {
    id
    version
    status
    statusLabel
    officialStatusCode
    enterprise {
      id
      uscc
      name
    }
    directUnit {
      id
      uscc
      name
    }
    useUnitUscc
    useUnitName
    provinceAuthority {
      code
      name
      level
    }
    useUnitAuthority {
      code
      name
      level
    }
    relationship
    relationshipCode
    capabilityCodes
    channel
    proofMaterials {
      id
  kind
  fileName
  mimeType
  size
  createdAt
  downloadUrl
    }
    binding {
      id
      version
      status
      boundAt
      unboundAt
      authorisations {
        id
        capabilityCode
        capabilityName
        validFrom
        validTo
        status
      }
    }
    ...ReviewCaseFields
    createdAt
    respondedAt
    decidedAt
  }
`,
  [REVIEW_CASE_FIELDS],
);

export const INVITATION_PAYLOAD_FIELDS = graphql(
  `
  fragment InvitationPayloadFields on InvitationPayload {
    __typename
    ... on InvitationSuccess {
      invitation {
        ...InvitationFields
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
  [INVITATION_FIELDS],
);

// ---- both sides -------------------------------------------------------------------------------------------

/** What the invitation pages need to know about the viewer's enterprise (DCU status, competent authority). */
export const INVITATION_VIEWER_QUERY = graphql(`
  query InvitationViewer {
    viewer {
      id
      enterprise {
        id
        uscc
        name
        dcuStatus
        competentAuthority {
          code
          name
          level
        }
      }
    }
  }
`);

export const INVITATION_QUERY = graphql(
  `
  query Invitation($id: ID!) {
    invitation(id: $id) {
      ...InvitationFields
    }
  }
`,
  [INVITATION_FIELDS],
);

/** Which side of an invitation the viewer is on (for the live notification). */
export const INVITATION_PARTIES_QUERY = graphql(`
  query InvitationParties($id: ID!) {
    invitation(id: $id) {
      id
      status
      statusLabel
      useUnitName
      directUnit {
        id
        name
      }
    }
  }
`);

export const REPLACE_PROOF_MUTATION = graphql(
  `
  mutation ReplaceRelationshipProof($input: ReplaceRelationshipProofInput!) {
    replaceRelationshipProof(input: $input) {
      ...InvitationPayloadFields
    }
  }
`,
  [INVITATION_PAYLOAD_FIELDS],
);

// ---- DCU: 接入邀请 ------------------------------------------------------------------------------------------

export const SENT_INVITATIONS_QUERY = graphql(
  `
  query SentInvitations($status: InvitationStatus, $search: String, $first: Int, $after: String) {
    sentInvitations(status: $status, search: $search, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          ...InvitationRowFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`,
  [INVITATION_ROW_FIELDS],
);

export const INVITE_FORM_OPTIONS_QUERY = graphql(`
  query InviteFormOptions {
    taxAuthorities(level: PROVINCIAL) {
      code
      name
      level
    }
    capabilities {
      code
      name
      isPublic
    }
    subscribedCapabilityCodes
  }
`);
export const INVITE_USE_UNITS_MUTATION = graphql(`
  mutation InviteUseUnits($input: InviteUseUnitsInput!) {
    inviteUseUnits(input: $input) {
      __typename
      ... on InviteUseUnitsSuccess {
        succeeded {
          id
          useUnitUscc
          useUnitName
        }
        failed {
          row
          uscc
          code
          message
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
    }
  }
`);

export const UNBIND_USE_UNITS_MUTATION = graphql(`
  mutation UnbindUseUnits($input: UnbindUseUnitsInput!) {
    unbindUseUnits(input: $input) {
      __typename
      ... on UnbindUseUnitsSuccess {
        unbound {
          id
          status
        }
        failed {
          bindingId
          uscc
          code
          message
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

// ---- DCU: 导入邀请 ------------------------------------------------------------------------------------------

export const IMPORT_PAGE_QUERY = graphql(`
  query ImportInvitationsPage($first: Int) {
    invitationTemplateUrl
    importRecords(first: $first) {
      totalCount
      edges {
        cursor
        node {
          id
  fileName
  status
  total
  succeeded
  failed
  createdAt
  finishedAt
  failureReportUrl
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
export const IMPORT_INVITATIONS_MUTATION = graphql(`
  mutation ImportUseUnitInvitations($input: ImportUseUnitInvitationsInput!) {
    importUseUnitInvitations(input: $input) {
      __typename
      ... on ImportUseUnitInvitationsSuccess {
        importRecord {
          id
  fileName
  status
  total
  succeeded
  failed
  createdAt
  finishedAt
  failureReportUrl
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);
export const IMPORT_PROGRESS_SUBSCRIPTION = graphql(`
  subscription ImportProgress($importRecordId: ID!) {
    importProgress(importRecordId: $importRecordId) {
      importRecordId
      processed
      total
      succeeded
      failed
      done
    }
  }
`);

// ---- DCU: API 令牌 ------------------------------------------------------------------------------------------

export const API_TOKENS_QUERY = graphql(`
  query ApiTokens {
    apiTokens {
      id
  name
  prefix
  createdAt
  expiresAt
  lastUsedAt
  revokedAt
    }
  }
`);

export const CREATE_API_TOKEN_MUTATION = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      __typename
      ... on CreateApiTokenSuccess {
        token
        apiToken {
          id
  name
  prefix
  createdAt
  expiresAt
  lastUsedAt
  revokedAt
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);
export const REVOKE_API_TOKEN_MUTATION = graphql(`
  mutation RevokeApiToken($input: RevokeApiTokenInput!) {
    revokeApiToken(input: $input) {
      __typename
      ... on ApiTokenSuccess {
        apiToken {
          id
  name
  prefix
  createdAt
  expiresAt
  lastUsedAt
  revokedAt
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);
// ---- use unit: 响应邀请 -------------------------------------------------------------------------------------

export const RECEIVED_INVITATIONS_QUERY = graphql(
  `
  query ReceivedInvitations($status: InvitationStatus, $first: Int, $after: String) {
    receivedInvitations(status: $status, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          ...InvitationRowFields
          availableActions {
            event
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
  [INVITATION_ROW_FIELDS],
);

/** 待确认 on the mobile page: the cards show the DCU's proof, so the full invitation is fetched. */
export const PENDING_RESPONSES_QUERY = graphql(
  `
  query PendingInvitationResponses($status: InvitationStatus, $first: Int) {
    receivedInvitations(status: $status, first: $first) {
      totalCount
      edges {
        cursor
        node {
          ...InvitationFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`,
  [INVITATION_FIELDS],
);

export const RESPOND_MUTATION = graphql(
  `
  mutation RespondToInvitation($input: RespondToInvitationInput!) {
    respondToInvitation(input: $input) {
      ...InvitationPayloadFields
    }
  }
`,
  [INVITATION_PAYLOAD_FIELDS],
);

export const DECLINE_MUTATION = graphql(
  `
  mutation DeclineInvitation($input: DeclineInvitationInput!) {
    declineInvitation(input: $input) {
      ...InvitationPayloadFields
    }
  }
`,
  [INVITATION_PAYLOAD_FIELDS],
);

export const UNBIND_DIRECT_UNIT_MUTATION = graphql(`
  mutation UnbindDirectUnit($input: UnbindDirectUnitInput!) {
    unbindDirectUnit(input: $input) {
      __typename
      ... on BindingSuccess {
        binding {
          id
          version
          status
          boundAt
          unboundAt
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);
// ---- bureau ---------------------------------------------------------------------------------------------------

export const INVITATION_QUEUE_QUERY = graphql(`
  query InvitationReviewQueue($step: ReviewStep!, $first: Int) {
    reviewQueue(kind: INVITATION, step: $step, first: $first) {
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
          enterprise {
            id
            uscc
            name
          }
          ... on Invitation {
            useUnitUscc
            useUnitName
            relationship
            directUnit {
              id
              uscc
              name
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
`);
/** First message of a payload that is not a success (server text, in the request's language). */
export function payloadProblem(
  payload: { __typename: string; message?: string; issues?: FieldIssue[] } | undefined,
  fallback: string,
): string {
  if (!payload) return fallback;
  const issues = payload.issues?.map((i) => i.message).join('；');
  return [payload.message, issues].filter(Boolean).join('：') || fallback;
}

export function newIdempotencyKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export const CAPABILITIES_QUERY = graphql(`
  query Capabilities {
    capabilities {
      code
      name
      isPublic
    }
  }
`);

// The result types of the documents above, inferred from schema.graphql.
export type Invitation = ResultOf<typeof INVITATION_FIELDS>;
/** A row of 邀请列表 / 响应邀请 (what the tables show). */
export type InvitationRow = ResultOf<typeof INVITATION_ROW_FIELDS>;
/** Every member of InvitationPayload. */
export type InvitationPayload = ResultOf<typeof INVITATION_PAYLOAD_FIELDS>;
export type Binding = NonNullable<Invitation['binding']>;
export type CapabilityAuthorisation = Binding['authorisations'][number];
export type Capability = ResultOf<typeof CAPABILITIES_QUERY>['capabilities'][number];
export type ImportRecord = ResultOf<typeof IMPORT_PAGE_QUERY>['importRecords']['edges'][number]['node'];
export type ImportProgress = ResultOf<typeof IMPORT_PROGRESS_SUBSCRIPTION>['importProgress'];
export type ApiToken = ResultOf<typeof API_TOKENS_QUERY>['apiTokens'][number];
export type InvitationQueueCase = Extract<
  ResultOf<typeof INVITATION_QUEUE_QUERY>['reviewQueue']['edges'][number]['node'],
  { useUnitUscc: string }
>;
export type PartyEnterprise = Invitation['directUnit'];
export type Authority = Invitation['provinceAuthority'];
export type InvitationViewerData = ResultOf<typeof INVITATION_VIEWER_QUERY>;
export type InviteFormOptionsData = ResultOf<typeof INVITE_FORM_OPTIONS_QUERY>;
/** One row of 录入邀请 as sent (the form keeps the same shape). */
export type InvitationRowInput = VariablesOf<typeof INVITE_USE_UNITS_MUTATION>['input']['invitations'][number];
export type InviteUseUnitsPayload = ResultOf<typeof INVITE_USE_UNITS_MUTATION>['inviteUseUnits'];
export type InvitationRowFailure = Extract<
  InviteUseUnitsPayload,
  { __typename: 'InviteUseUnitsSuccess' }
>['failed'][number];
export type UnbindUseUnitsPayload = ResultOf<typeof UNBIND_USE_UNITS_MUTATION>['unbindUseUnits'];
export type ImportPageData = ResultOf<typeof IMPORT_PAGE_QUERY>;
