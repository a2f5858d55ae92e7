import { graphql, type ResultOf } from '../../app/graphql.ts';
import type { REVIEW_CASE_FIELDS } from '../../ui/review-case-fields.ts';

/** 认领 as the server reports it for the viewer. */
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

/** 认领 as the server reports it for the viewer. */
export type CaseClaim = NonNullable<ResultOf<typeof REVIEW_CASE_FIELDS>['claim']>;
export type ClaimOptions = ResultOf<typeof REVIEW_CASE_FIELDS>['claimOptions'];
/** What 认领, 释放 and 转派 answer (the three documents select the same fields). */
export type ClaimPayload = ResultOf<typeof CLAIM_CASE>['claimCase'];
/** What every bulk invitation decision answers (the documents select the same fields). */
export type BulkPayload = ResultOf<typeof ACCEPT_INVITATIONS>['acceptInvitations'];
export type BulkFailure = Extract<BulkPayload, { __typename: 'BulkInvitationDecisionSuccess' }>['failed'][number];
