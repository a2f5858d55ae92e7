import { graphql, type ResultOf, type VariablesOf } from '../../app/graphql.ts';
import { REVIEW_CASE_FIELDS } from '../../ui/review-case-fields.ts';
import { ERROR_FIELDS } from '../../ui/shared-fields.ts';

export const ENTERPRISE_FIELDS = graphql(`
  fragment EnterpriseFacts on Enterprise {
    id
    uscc
    name
    competentAuthority {
      code
      name
      level
    }
    creditRating
    inPilot
    majorViolation
    livelihoodIndustry
    dcuStatus
    leqiId
    dcuExpiresAt
  }
`);

export const ACCESS_APPLICATION_FIELDS = graphql(
  `
  fragment AccessApplicationFields on AccessApplication {
    id
    version
    status
    statusLabel
    enterprise {
      ...EnterpriseFacts
    }
    ...ReviewCaseFields
    accessType
    claimsLivelihood
    unitInfoConfirmed
    builtByThirdParty
    basicInfo {
      contactName
      contactPhone
      contactEmail
      registeredAddress
      businessScope
    }
    useUnits {
      uscc
      name
      relationship
    }
    systemInfo {
      systemName
      systemVersion
      developerName
      networkAddress
      deploymentLocation
      description
    }
    materials {
      id
      kind
      fileName
      mimeType
      size
      createdAt
      downloadUrl
    }
    requiredMaterialKinds
    eligibilityReport {
      passed
      livelihoodThresholdsApplied
      checks {
        code
        passed
        label
        actual
        required
        message
      }
    }
    createdAt
    decidedAt
  }
`,
  [ENTERPRISE_FIELDS, REVIEW_CASE_FIELDS],
);

export const PAYLOAD_FIELDS = graphql(
  `
  fragment AccessApplicationPayloadFields on AccessApplicationPayload {
    __typename
    ... on AccessApplicationSuccess {
      accessApplication {
        ...AccessApplicationFields
      }
    }
    ...ErrorFields
    ... on NotEligibleError {
      report {
        passed
        livelihoodThresholdsApplied
        checks {
          code
          passed
          label
          actual
          required
          message
        }
        useUnits {
          uscc
          name
          counted
          message
        }
      }
    }
    ... on StaleVersionError {
      currentVersion
    }
  }
`,
  [ERROR_FIELDS, ACCESS_APPLICATION_FIELDS],
);

export const MY_APPLICATIONS_QUERY = graphql(
  `
  query MyAccessApplications {
    viewer {
      accountId
      enterprise {
        ...EnterpriseFacts
        mayStartAccessApplication
      }
      accessApplications {
        ...AccessApplicationFields
      }
    }
  }
`,
  [ENTERPRISE_FIELDS, ACCESS_APPLICATION_FIELDS],
);

export const ELIGIBILITY_CHECK_QUERY = graphql(`
  query EligibilityCheck($input: EligibilityCheckInput!) {
    eligibilityCheck(input: $input) {
      passed
      livelihoodThresholdsApplied
      ruleApplied {
        provinceCode
        effectiveFrom
      }
      checks {
        code
        passed
        label
        actual
        required
        message
      }
      useUnits {
        uscc
        name
        counted
        message
      }
    }
  }
`);

export const SAVE_DRAFT_MUTATION = graphql(
  `
  mutation SaveAccessApplicationDraft($input: SaveAccessApplicationDraftInput!) {
    saveAccessApplicationDraft(input: $input) {
      ...AccessApplicationPayloadFields
    }
  }
`,
  [PAYLOAD_FIELDS],
);

export const SUBMIT_MUTATION = graphql(
  `
  mutation SubmitAccessApplication($input: CaseVersionInput!) {
    submitAccessApplication(input: $input) {
      ...AccessApplicationPayloadFields
    }
  }
`,
  [PAYLOAD_FIELDS],
);

/** 材料模板: the forms to download beside the upload slots (下载后按要求填写). */
export const MATERIAL_TEMPLATES_QUERY = graphql(`
  query MaterialTemplates {
    materialTemplates {
      kind
      url
    }
  }
`);

export const UPLOAD_MATERIAL_MUTATION = graphql(
  `
  mutation UploadMaterial($input: UploadMaterialInput!) {
    uploadMaterial(input: $input) {
      __typename
      ... on UploadMaterialSuccess {
        material {
          id
          kind
          fileName
          mimeType
          size
          createdAt
          downloadUrl
        }
      }
      ...ErrorFields
    }
  }
`,
  [ERROR_FIELDS],
);

/** Why an upload was refused, in the server's words: the file's own problem (its type, its size) before the general one. */
export function uploadRefusal(payload: UploadMaterialData['uploadMaterial'] | undefined): string | undefined {
  if (!payload || payload.__typename === 'UploadMaterialSuccess') return undefined;
  const issue = 'issues' in payload ? payload.issues?.[0]?.message : undefined;
  return issue ?? ('message' in payload ? payload.message : undefined);
}

/** What 保存草稿 sends. */
export type SaveDraftInput = VariablesOf<typeof SAVE_DRAFT_MUTATION>['input'];

/** Inputs must not carry the __typename urql adds to every selection. */
export function stripTypename<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === '__typename' ? undefined : v)));
}

// The result types of the documents above, inferred from schema.graphql.
export type EnterpriseFacts = ResultOf<typeof ENTERPRISE_FIELDS>;
export type AccessApplication = ResultOf<typeof ACCESS_APPLICATION_FIELDS>;
export type AccessApplicationPayload = ResultOf<typeof PAYLOAD_FIELDS>;
/** the report as the case shows it; the wizard's verification asks for more (ELIGIBILITY_CHECK_QUERY) */
export type EligibilityReport = NonNullable<AccessApplication['eligibilityReport']>;
export type EligibilityCheck = EligibilityReport['checks'][number];
export type CheckedEligibilityReport = ResultOf<typeof ELIGIBILITY_CHECK_QUERY>['eligibilityCheck'];
/** A listed use unit in a verification: counted toward the combined figures or not (never why not). */
export type ListedUseUnitEligibility = NonNullable<CheckedEligibilityReport['useUnits']>[number];
export type Material = AccessApplication['materials'][number];
export type AuditEvent = AccessApplication['auditTrail'][number];
export type CaseAction = AccessApplication['availableActions'][number];
export type BasicInfo = AccessApplication['basicInfo'];
export type ListedUseUnit = AccessApplication['useUnits'][number];
export type SystemInfo = AccessApplication['systemInfo'];
export type FieldIssue = Extract<AccessApplicationPayload, { __typename: 'ValidationError' }>['issues'][number];
export type MyApplicationsData = ResultOf<typeof MY_APPLICATIONS_QUERY>;
export type UploadMaterialData = ResultOf<typeof UPLOAD_MATERIAL_MUTATION>;
