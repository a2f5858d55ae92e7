// 接入邀请 documents of both sides (the DCU invites and unbinds, the use unit responds) and the bureau's queue.
import { graphql, type ResultOf, type VariablesOf } from '../../app/graphql.ts';
import { AUTHORITY_FIELDS, ERROR_FIELDS, PARTY_FIELDS } from '../../ui/shared-fields.ts';
import { INVITATION_FIELDS, INVITATION_PAYLOAD_FIELDS, INVITATION_ROW_FIELDS } from './fields.ts';

// ---- both sides -------------------------------------------------------------------------------------------

/** What the invitation pages need to know about the viewer's enterprise (DCU status, competent authority). */
export const INVITATION_VIEWER_QUERY = graphql(
  `
  query InvitationViewer {
    viewer {
      accountId
      enterprise {
        ...PartyFields
        dcuStatus
        mayInviteUseUnits
        competentAuthority {
          ...AuthorityFields
        }
      }
    }
  }
`,
  [PARTY_FIELDS, AUTHORITY_FIELDS],
);

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

export const INVITE_FORM_OPTIONS_QUERY = graphql(
  `
  query InviteFormOptions {
    taxAuthorities(level: PROVINCIAL) {
      ...AuthorityFields
    }
    capabilities {
      code
      name
      isPublic
    }
    subscribedCapabilityCodes
  }
`,
  [AUTHORITY_FIELDS],
);
export const INVITE_USE_UNITS_MUTATION = graphql(
  `
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
      ...ErrorFields
    }
  }
`,
  [ERROR_FIELDS],
);

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
/** 下载失败记录 of a 录入邀请 batch: base64 of the .xlsx the Excel import reads back. */
export const INVITATION_FAILURE_REPORT_QUERY = graphql(`
  query InvitationFailureReport($rows: [InvitationFailureRowInput!]!) {
    invitationFailureReport(rows: $rows)
  }
`);

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
export type Capability = ResultOf<typeof CAPABILITIES_QUERY>['capabilities'][number];
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
