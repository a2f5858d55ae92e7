import { graphql } from '../../app/graphql.ts';
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

export const CLAIM_CASE = graphql(`
  mutation ClaimCase($input: ClaimCaseInput!) {
    claimCase(input: $input) { __typename
  ... on CaseClaimSuccess {
    case { id version status }
    claim { holder { name username } expiresAt heldByViewer }
  }
  ... on ClaimedError { holder { name username } }
  ... on Error { code message } }
  }
`);
export const RELEASE_CASE_CLAIM = graphql(`
  mutation ReleaseCaseClaim($input: ReleaseCaseClaimInput!) {
    releaseCaseClaim(input: $input) { __typename
  ... on CaseClaimSuccess {
    case { id version status }
    claim { holder { name username } expiresAt heldByViewer }
  }
  ... on ClaimedError { holder { name username } }
  ... on Error { code message } }
  }
`);
export const REASSIGN_CASE_CLAIM = graphql(`
  mutation ReassignCaseClaim($input: ReassignCaseClaimInput!) {
    reassignCaseClaim(input: $input) { __typename
  ... on CaseClaimSuccess {
    case { id version status }
    claim { holder { name username } expiresAt heldByViewer }
  }
  ... on ClaimedError { holder { name username } }
  ... on Error { code message } }
  }
`);

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

export const ACCEPT_INVITATIONS = graphql(`
  mutation AcceptInvitations($input: BulkInvitationDecisionInput!) {
    acceptInvitations(input: $input) { __typename
  ... on BulkInvitationDecisionSuccess { succeeded { id status version useUnitName } failed { id code message } }
  ... on Error { code message } }
  }
`);
export const CONFIRM_INVITATIONS = graphql(`
  mutation ConfirmInvitations($input: BulkInvitationDecisionInput!) {
    confirmInvitations(input: $input) { __typename
  ... on BulkInvitationDecisionSuccess { succeeded { id status version useUnitName } failed { id code message } }
  ... on Error { code message } }
  }
`);
