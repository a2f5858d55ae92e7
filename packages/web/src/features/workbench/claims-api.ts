import { graphql, type ResultOf } from '../../app/graphql.ts';
import type { REVIEW_CASE_FIELDS } from '../../ui/review-case-fields.ts';

/** What 认领, 释放 and 转派 answer. */
const CLAIM_PAYLOAD_FIELDS = graphql(`
  fragment CaseClaimPayloadFields on CaseClaimPayload {
    __typename
    ... on CaseClaimSuccess {
      case { id version status }
      claim { holder { name username } expiresAt heldByViewer }
    }
    ... on ClaimedError { holder { name username } }
    ... on Error { code message }
  }
`);

export const CLAIM_CASE = graphql(
  `
  mutation ClaimCase($input: ClaimCaseInput!) {
    claimCase(input: $input) { ...CaseClaimPayloadFields }
  }
`,
  [CLAIM_PAYLOAD_FIELDS],
);
export const RELEASE_CASE_CLAIM = graphql(
  `
  mutation ReleaseCaseClaim($input: ReleaseCaseClaimInput!) {
    releaseCaseClaim(input: $input) { ...CaseClaimPayloadFields }
  }
`,
  [CLAIM_PAYLOAD_FIELDS],
);
export const REASSIGN_CASE_CLAIM = graphql(
  `
  mutation ReassignCaseClaim($input: ReassignCaseClaimInput!) {
    reassignCaseClaim(input: $input) { ...CaseClaimPayloadFields }
  }
`,
  [CLAIM_PAYLOAD_FIELDS],
);

/** What every bulk invitation decision answers. */
const BULK_PAYLOAD_FIELDS = graphql(`
  fragment BulkInvitationDecisionPayloadFields on BulkInvitationDecisionPayload {
    __typename
    ... on BulkInvitationDecisionSuccess { succeeded { id status version useUnitName } failed { invitationId code message } }
    ... on Error { code message }
  }
`);

export const ACCEPT_INVITATIONS = graphql(
  `
  mutation AcceptInvitations($input: BulkInvitationDecisionInput!) {
    acceptInvitations(input: $input) { ...BulkInvitationDecisionPayloadFields }
  }
`,
  [BULK_PAYLOAD_FIELDS],
);
export const CONFIRM_INVITATIONS = graphql(
  `
  mutation ConfirmInvitations($input: BulkInvitationDecisionInput!) {
    confirmInvitations(input: $input) { ...BulkInvitationDecisionPayloadFields }
  }
`,
  [BULK_PAYLOAD_FIELDS],
);

/** 认领 as the server reports it for the viewer. */
export type CaseClaim = NonNullable<ResultOf<typeof REVIEW_CASE_FIELDS>['claim']>;
export type ClaimOptions = ResultOf<typeof REVIEW_CASE_FIELDS>['claimOptions'];
/** What 认领, 释放 and 转派 answer. */
export type ClaimPayload = ResultOf<typeof CLAIM_PAYLOAD_FIELDS>;
/** What every bulk invitation decision answers. */
export type BulkPayload = ResultOf<typeof BULK_PAYLOAD_FIELDS>;
export type BulkFailure = Extract<BulkPayload, { __typename: 'BulkInvitationDecisionSuccess' }>['failed'][number];
