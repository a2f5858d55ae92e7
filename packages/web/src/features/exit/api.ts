import { EXIT_APPLICATION_STATUSES, IN_FLIGHT_EXIT_STATUSES, REJECTED_EXIT_STATUSES } from '@leqi/domain';
import { graphql, type ResultOf } from '../../app/graphql.ts';
import { REVIEW_CASE_FIELDS } from '../../ui/review-case-fields.ts';
import { ERROR_FIELDS, MATERIAL_FIELDS } from '../../ui/shared-fields.ts';
import { ENTERPRISE_FIELDS } from '../access-application/api.ts';

/** 退出申请 statuses (DESIGN §3.3), from the domain's exit workflow. */
export const EXIT_STATUSES = EXIT_APPLICATION_STATUSES;
export const EXIT_IN_FLIGHT: ReadonlySet<string> = new Set(IN_FLIGHT_EXIT_STATUSES);
export const EXIT_REJECTED: ReadonlySet<string> = new Set(REJECTED_EXIT_STATUSES);

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
      ...MaterialFields
    }
    createdAt
    decidedAt
  }
`,
  [ENTERPRISE_FIELDS, REVIEW_CASE_FIELDS, MATERIAL_FIELDS],
);

export const EXIT_PAYLOAD_FIELDS = graphql(
  `
  fragment ExitApplicationPayloadFields on ExitApplicationPayload {
    __typename
    ... on ExitApplicationSuccess {
      exitApplication {
        ...ExitApplicationFields
      }
    }
    ...ErrorFields
    ... on StaleVersionError {
      currentVersion
    }
  }
`,
  [ERROR_FIELDS, EXIT_APPLICATION_FIELDS],
);

// ---- enterprise: 申请退出 ------------------------------------------------------------------------------------

export const EXIT_PAGE_QUERY = graphql(
  `
  query ExitPage {
    viewer {
      accountId
      identityType
      canExit
      enterprise {
        ...EnterpriseFacts
        mayApplyForExit
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

// The result types of the documents above, inferred from schema.graphql.
export type ExitApplication = ResultOf<typeof EXIT_APPLICATION_FIELDS>;
/** Every member of ExitApplicationPayload. */
export type ExitApplicationPayload = ResultOf<typeof EXIT_PAYLOAD_FIELDS>;
export type ExitPageData = ResultOf<typeof EXIT_PAGE_QUERY>;
export type ExitPrecheck = ResultOf<typeof EXIT_PRECHECK_QUERY>['exitPrecheck'];
