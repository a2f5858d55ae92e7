import { graphql } from '../../app/graphql.ts';
import { REVIEW_CASE_FIELDS } from '../../ui/review-case-fields.ts';

export interface EligibilityCheck {
  code: string;
  passed: boolean;
  label: string;
  actual: string;
  required: string;
  message: string;
}
/** A listed use unit in a verification: counted toward the combined figures or not (never why not). */
export interface ListedUseUnitEligibility {
  uscc: string;
  name: string;
  counted: boolean;
  message: string;
}
export interface EligibilityReport {
  passed: boolean;
  livelihoodThresholdsApplied: boolean;
  checks: EligibilityCheck[];
  /** asked for by the verification and the submission refusal only */
  useUnits?: ListedUseUnitEligibility[];
  /** the province rule the verification used (asked for by the wizard's verification only) */
  ruleApplied?: { provinceCode: string; effectiveFrom: string } | null;
}
export interface Material {
  id: string;
  kind: string;
  fileName: string;
  mimeType: string;
  size: number;
  createdAt: string;
  downloadUrl: string;
}
export interface AuditEvent {
  id: string;
  cursor: string;
  event: string;
  fromStatus: string | null;
  toStatus: string | null;
  actorName: string | null;
  actorRole: string | null;
  reason: string | null;
  createdAt: string;
}
export interface CaseAction {
  event: string;
  label: string;
  needsReason: boolean;
}
export interface EnterpriseFacts {
  id: string;
  uscc: string;
  name: string;
  competentAuthority: { code: string; name: string; level: string };
  /** confidential tax facts: null for viewers who may not read them (never the enterprise itself) */
  creditRating: string | null;
  inPilot: boolean;
  majorViolation: boolean | null;
  livelihoodIndustry: boolean;
  dcuStatus: string;
  leqiId: string | null;
  dcuExpiresAt: string | null;
}
export interface BasicInfo {
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  registeredAddress: string | null;
  businessScope: string | null;
}
export interface ListedUseUnit {
  uscc: string;
  name: string;
  relationship: string;
}
export interface SystemInfo {
  systemName: string | null;
  systemVersion: string | null;
  developerName: string | null;
  networkAddress: string | null;
  deploymentLocation: string | null;
  description: string | null;
}
export interface AccessApplication {
  __typename?: 'AccessApplication';
  id: string;
  version: number;
  status: string;
  statusLabel: string;
  enterprise: EnterpriseFacts;
  stepEnteredAt: string;
  submittedAt: string | null;
  lastReason: string | null;
  availableActions: CaseAction[];
  blockedReason: string | null;
  auditTrail: AuditEvent[];
  accessType: string;
  claimsLivelihood: boolean;
  unitInfoConfirmed: boolean;
  builtByThirdParty: boolean;
  basicInfo: BasicInfo;
  useUnits: ListedUseUnit[];
  systemInfo: SystemInfo;
  materials: Material[];
  requiredMaterialKinds: string[];
  eligibilityReport: EligibilityReport | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface FieldIssue {
  field: string;
  code: string;
  message: string;
}
/** Every member of AccessApplicationPayload, flattened. */
export interface AccessApplicationPayload {
  __typename: 'AccessApplicationSuccess' | 'BaseError' | 'ValidationError' | 'NotEligibleError' | 'StaleVersionError';
  accessApplication?: AccessApplication;
  code?: string;
  message?: string;
  issues?: FieldIssue[];
  report?: EligibilityReport;
  currentVersion?: number;
}

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
  [ACCESS_APPLICATION_FIELDS],
);

export interface MyApplicationsData {
  viewer: {
    id: string;
    enterprise: EnterpriseFacts | null;
    accessApplications: AccessApplication[];
  } | null;
}

export const MY_APPLICATIONS_QUERY = graphql(
  `
  query MyAccessApplications {
    viewer {
      id
      enterprise {
        ...EnterpriseFacts
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

export const UPLOAD_MATERIAL_MUTATION = graphql(`
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
      ... on Error {
        code
        message
      }
    }
  }
`);

export interface UploadMaterialData {
  uploadMaterial: { __typename: string; material?: Material; code?: string; message?: string };
}

export interface SaveDraftInput {
  id?: string;
  expectedVersion?: number;
  claimsLivelihood: boolean;
  unitInfoConfirmed: boolean;
  builtByThirdParty?: boolean;
  basicInfo?: Partial<BasicInfo>;
  useUnits?: ListedUseUnit[];
  systemInfo?: Partial<SystemInfo>;
  materialIds?: string[];
}

/** Inputs must not carry the __typename urql adds to every selection. */
export function stripTypename<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === '__typename' ? undefined : v)));
}
