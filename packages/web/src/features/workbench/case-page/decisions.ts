// The decisions of each case kind: the event of a server-offered availableAction → the mutation that takes it.
// Which events a viewer may take comes from availableActions alone; this only names each event's mutation.
import { graphql } from '../../../app/graphql.ts';
import { PAYLOAD_FIELDS } from '../../access-application/api.ts';
import { SUBSCRIPTION_PAYLOAD_FIELDS } from '../../capabilities/api.ts';
import { EXIT_PAYLOAD_FIELDS } from '../../exit/api.ts';
import { INVITATION_PAYLOAD_FIELDS } from '../../invitations/fields.ts';

/** The bureau events of the access-application workflow and the mutation each one is (DESIGN §7). */
export const ACCESS_APPLICATION_DECISIONS = {
  accept: graphql(
    `mutation acceptAccessApplication($input: CaseVersionInput!) { acceptAccessApplication(input: $input) { ...AccessApplicationPayloadFields } }`,
    [PAYLOAD_FIELDS],
  ),
  refuse: graphql(
    `mutation refuseAccessApplication($input: CaseDecisionWithReasonInput!) { refuseAccessApplication(input: $input) { ...AccessApplicationPayloadFields } }`,
    [PAYLOAD_FIELDS],
  ),
  approveReview: graphql(
    `mutation approveAccessApplicationReview($input: CaseVersionInput!) { approveAccessApplicationReview(input: $input) { ...AccessApplicationPayloadFields } }`,
    [PAYLOAD_FIELDS],
  ),
  rejectReview: graphql(
    `mutation rejectAccessApplicationReview($input: CaseDecisionWithReasonInput!) { rejectAccessApplicationReview(input: $input) { ...AccessApplicationPayloadFields } }`,
    [PAYLOAD_FIELDS],
  ),
  confirm: graphql(
    `mutation confirmAccessApplication($input: CaseVersionInput!) { confirmAccessApplication(input: $input) { ...AccessApplicationPayloadFields } }`,
    [PAYLOAD_FIELDS],
  ),
  rejectConfirmation: graphql(
    `mutation rejectAccessApplicationConfirmation($input: CaseDecisionWithReasonInput!) { rejectAccessApplicationConfirmation(input: $input) { ...AccessApplicationPayloadFields } }`,
    [PAYLOAD_FIELDS],
  ),
} as const;

/** The bureau events of the invitation workflow and the mutation each one is (DESIGN §7). */
export const INVITATION_DECISIONS = {
  accept: graphql(
    `mutation acceptInvitation($input: CaseVersionInput!) { acceptInvitation(input: $input) { ...InvitationPayloadFields } }`,
    [INVITATION_PAYLOAD_FIELDS],
  ),
  refuse: graphql(
    `mutation refuseInvitation($input: CaseDecisionWithReasonInput!) { refuseInvitation(input: $input) { ...InvitationPayloadFields } }`,
    [INVITATION_PAYLOAD_FIELDS],
  ),
  confirm: graphql(
    `mutation confirmInvitation($input: CaseVersionInput!) { confirmInvitation(input: $input) { ...InvitationPayloadFields } }`,
    [INVITATION_PAYLOAD_FIELDS],
  ),
  rejectConfirmation: graphql(
    `mutation rejectInvitationConfirmation($input: CaseDecisionWithReasonInput!) { rejectInvitationConfirmation(input: $input) { ...InvitationPayloadFields } }`,
    [INVITATION_PAYLOAD_FIELDS],
  ),
} as const;

/** The bureau events of the exit workflow and the mutation each one is (DESIGN §7). */
export const EXIT_APPLICATION_DECISIONS = {
  accept: graphql(
    `mutation acceptExitApplication($input: CaseVersionInput!) { acceptExitApplication(input: $input) { ...ExitApplicationPayloadFields } }`,
    [EXIT_PAYLOAD_FIELDS],
  ),
  refuse: graphql(
    `mutation refuseExitApplication($input: CaseDecisionWithReasonInput!) { refuseExitApplication(input: $input) { ...ExitApplicationPayloadFields } }`,
    [EXIT_PAYLOAD_FIELDS],
  ),
  approveReview: graphql(
    `mutation approveExitApplicationReview($input: CaseVersionInput!) { approveExitApplicationReview(input: $input) { ...ExitApplicationPayloadFields } }`,
    [EXIT_PAYLOAD_FIELDS],
  ),
  rejectReview: graphql(
    `mutation rejectExitApplicationReview($input: CaseDecisionWithReasonInput!) { rejectExitApplicationReview(input: $input) { ...ExitApplicationPayloadFields } }`,
    [EXIT_PAYLOAD_FIELDS],
  ),
  confirm: graphql(
    `mutation confirmExitApplication($input: CaseVersionInput!) { confirmExitApplication(input: $input) { ...ExitApplicationPayloadFields } }`,
    [EXIT_PAYLOAD_FIELDS],
  ),
  rejectConfirmation: graphql(
    `mutation rejectExitApplicationConfirmation($input: CaseDecisionWithReasonInput!) { rejectExitApplicationConfirmation(input: $input) { ...ExitApplicationPayloadFields } }`,
    [EXIT_PAYLOAD_FIELDS],
  ),
} as const;

/** 审核通过 / 审核不通过 by the DCU's competent authority. */
export const CAPABILITY_SUBSCRIPTION_DECISIONS = {
  approve: graphql(
    `mutation approveCapabilitySubscription($input: CaseVersionInput!) { approveCapabilitySubscription(input: $input) { ...CapabilitySubscriptionPayloadFields } }`,
    [SUBSCRIPTION_PAYLOAD_FIELDS],
  ),
  reject: graphql(
    `mutation rejectCapabilitySubscription($input: CaseDecisionWithReasonInput!) { rejectCapabilitySubscription(input: $input) { ...CapabilitySubscriptionPayloadFields } }`,
    [SUBSCRIPTION_PAYLOAD_FIELDS],
  ),
} as const;
