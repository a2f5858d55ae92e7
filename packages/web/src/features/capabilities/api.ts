import { CAPABILITY_SUBSCRIPTION_STATUSES, MAX_DAILY_CALL_VOLUME } from '@leqi/domain';
import { graphql, type ResultOf, type VariablesOf } from '../../app/graphql.ts';
import { REVIEW_CASE_FIELDS } from '../../ui/review-case-fields.ts';
import { ERROR_FIELDS } from '../../ui/shared-fields.ts';

/** 能力订阅申请 statuses (DESIGN §3.4). */
export const SUBSCRIPTION_STATUSES = CAPABILITY_SUBSCRIPTION_STATUSES;
/** 每项能力日使用量 1–99999. */
export const MAX_DAILY_VOLUME = MAX_DAILY_CALL_VOLUME;

export const SUBSCRIPTION_FIELDS = graphql(
  `
  fragment CapabilitySubscriptionFields on CapabilitySubscription {
    id
    version
    status
    statusLabel
    enterprise {
      id
      uscc
      name
      leqiId
      dcuStatus
    }
    capabilityCodes
    validUntil
    businessSystemName
    dailyVolumes {
      capabilityCode
      volume
    }
    businessScope
    ...ReviewCaseFields
    createdAt
    decidedAt
  }
`,
  [REVIEW_CASE_FIELDS],
);

export const SUBSCRIPTION_PAYLOAD_FIELDS = graphql(
  `
  fragment CapabilitySubscriptionPayloadFields on CapabilitySubscriptionPayload {
    __typename
    ... on CapabilitySubscriptionSuccess {
      capabilitySubscription {
        ...CapabilitySubscriptionFields
      }
    }
    ...ErrorFields
    ... on StaleVersionError {
      currentVersion
    }
  }
`,
  [ERROR_FIELDS, SUBSCRIPTION_FIELDS],
);

// ---- enterprise: 能力订阅 -------------------------------------------------------------------------------------

export const CAPABILITIES_PAGE_QUERY = graphql(
  `
  query CapabilitiesPage($first: Int) {
    viewer {
      accountId
      enterprise {
        id
        uscc
        name
        dcuStatus
        maySubscribeCapabilities
        leqiId
        dcuExpiresAt
      }
      capabilitySubscriptions {
        ...CapabilitySubscriptionFields
      }
    }
    capabilities {
      code
      name
      isPublic
    }
    bindings(first: $first) {
      totalCount
      edges {
        cursor
        node {
          id
          status
          boundAt
          unboundAt
          directUnit {
            id
            uscc
            name
          }
          useUnit {
            id
            uscc
            name
          }
          authorisableCapabilityCodes
          authorisations {
            id
            capabilityCode
            capabilityName
            validFrom
            validTo
            status
            holder {
              id
              uscc
              name
            }
          }
        }
      }
    }
  }
`,
  [SUBSCRIPTION_FIELDS],
);

export const APPLY_SUBSCRIPTION_MUTATION = graphql(
  `
  mutation ApplyCapabilitySubscription($input: ApplyCapabilitySubscriptionInput!) {
    applyCapabilitySubscription(input: $input) {
      ...CapabilitySubscriptionPayloadFields
    }
  }
`,
  [SUBSCRIPTION_PAYLOAD_FIELDS],
);

/** 授权能力 to a use unit already bound to the viewer's DCU. */
export const AUTHORISE_CAPABILITIES_MUTATION = graphql(
  `
  mutation AuthoriseCapabilities($input: AuthoriseCapabilitiesInput!) {
    authoriseCapabilities(input: $input) {
      __typename
      ... on AuthoriseCapabilitiesSuccess {
        authorisations {
          id
          capabilityCode
          status
        }
      }
      ...ErrorFields
    }
  }
`,
  [ERROR_FIELDS],
);

// ---- bureau ---------------------------------------------------------------------------------------------------

export const SUBSCRIPTION_CASE_QUERY = graphql(
  `
  query CapabilitySubscriptionCase($id: ID!) {
    node(id: $id) {
      id
      ... on CapabilitySubscription {
        ...CapabilitySubscriptionFields
      }
    }
    capabilities {
      code
      name
      isPublic
    }
  }
`,
  [SUBSCRIPTION_FIELDS],
);

/** Within three months of the end of self-use access: time to ask for renewal (DESIGN §4). */
export function renewalDue(expiresAt: string | null | undefined, now: Date = new Date()): boolean {
  if (!expiresAt) return false;
  const threshold = new Date(now);
  threshold.setMonth(threshold.getMonth() + 3);
  return new Date(expiresAt).getTime() <= threshold.getTime();
}

// The result types of the documents above, inferred from schema.graphql.
export type CapabilitySubscription = ResultOf<typeof SUBSCRIPTION_FIELDS>;
/** Every member of CapabilitySubscriptionPayload. */
export type CapabilitySubscriptionPayload = ResultOf<typeof SUBSCRIPTION_PAYLOAD_FIELDS>;
export type CapabilitiesPageData = ResultOf<typeof CAPABILITIES_PAGE_QUERY>;
export type CapabilityBinding = CapabilitiesPageData['bindings']['edges'][number]['node'];
export type ApplySubscriptionInput = VariablesOf<typeof APPLY_SUBSCRIPTION_MUTATION>['input'];
