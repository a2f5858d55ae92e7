import { gql } from 'urql';

/** 认领 as the server reports it for the viewer. */
export interface CaseClaim {
  holder: { name: string; username: string };
  claimedAt?: string;
  expiresAt: string;
  heldByViewer: boolean;
}
export interface ClaimOptions {
  canClaim: boolean;
  canRelease: boolean;
  canReassign: boolean;
}

const CLAIM_PAYLOAD = `
  __typename
  ... on CaseClaimSuccess {
    case { id version status }
    claim { holder { name username } expiresAt heldByViewer }
  }
  ... on ClaimedError { holder { name username } }
  ... on Error { code message }
`;

export const CLAIM_CASE = gql`
  mutation ClaimCase($input: ClaimCaseInput!) {
    claimCase(input: $input) { ${CLAIM_PAYLOAD} }
  }
`;
export const RELEASE_CASE_CLAIM = gql`
  mutation ReleaseCaseClaim($input: ReleaseCaseClaimInput!) {
    releaseCaseClaim(input: $input) { ${CLAIM_PAYLOAD} }
  }
`;
export const REASSIGN_CASE_CLAIM = gql`
  mutation ReassignCaseClaim($input: ReassignCaseClaimInput!) {
    reassignCaseClaim(input: $input) { ${CLAIM_PAYLOAD} }
  }
`;

export type ClaimPayload =
  | { __typename: 'CaseClaimSuccess'; claim: CaseClaim | null }
  | { __typename: string; code: string; message: string };

export interface BulkFailure {
  id: string;
  code: string;
  message: string;
}
export type BulkPayload =
  | {
      __typename: 'BulkInvitationDecisionSuccess';
      succeeded: { id: string; status: string; useUnitName: string }[];
      failed: BulkFailure[];
    }
  | { __typename: string; code: string; message: string };

const BULK_PAYLOAD = `
  __typename
  ... on BulkInvitationDecisionSuccess { succeeded { id status version useUnitName } failed { id code message } }
  ... on Error { code message }
`;
export const ACCEPT_INVITATIONS = gql`
  mutation AcceptInvitations($input: BulkInvitationDecisionInput!) {
    acceptInvitations(input: $input) { ${BULK_PAYLOAD} }
  }
`;
export const CONFIRM_INVITATIONS = gql`
  mutation ConfirmInvitations($input: BulkInvitationDecisionInput!) {
    confirmInvitations(input: $input) { ${BULK_PAYLOAD} }
  }
`;
