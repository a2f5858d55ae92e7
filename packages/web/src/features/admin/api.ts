// GraphQL documents of 平台管理.
import { gql } from 'urql';

export interface FieldIssue {
  field: string;
  code: string;
  message: string;
}

export interface PayloadError {
  __typename: string;
  code?: string;
  message?: string;
  issues?: FieldIssue[];
  currentVersion?: number;
}

const ERRORS = `
  __typename
  ... on Error { code message }
  ... on ValidationError { issues { field code message } }
  ... on StaleVersionError { currentVersion }
`;

export interface TaxAuthorityRow {
  code: string;
  name: string;
  level: 'PROVINCIAL' | 'LOCAL';
  parentCode: string | null;
  version: number;
}

export const AUTHORITIES_QUERY = gql`
  query AdminTaxAuthorities($search: String, $after: String) {
    adminTaxAuthorities(first: 50, search: $search, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { code name level parentCode version } }
    }
  }
`;

export const SAVE_AUTHORITY = gql`
  mutation SaveTaxAuthority($input: SaveTaxAuthorityInput!) {
    saveTaxAuthority(input: $input) {
      ${ERRORS}
      ... on SaveTaxAuthoritySuccess { taxAuthority { code name level parentCode version } }
    }
  }
`;

export interface RegistryRow {
  id: string;
  uscc: string;
  name: string;
  competentAuthorityCode: string;
  /** confidential tax facts: the admin always reads them, the schema types them nullable for everyone */
  creditRating: string | null;
  inPilot: boolean;
  majorViolation: boolean | null;
  livelihoodIndustry: boolean;
  priorYearRevenue: number | null;
  invoiceCount12m: number | null;
  invoiceAmount12m: number | null;
  version: number;
}

const REGISTRY_FIELDS = `id uscc name competentAuthorityCode creditRating inPilot majorViolation livelihoodIndustry
  priorYearRevenue invoiceCount12m invoiceAmount12m version`;

export const REGISTRY_QUERY = gql`
  query RegistryEnterprises($search: String, $after: String) {
    registryEnterprises(first: 50, search: $search, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ${REGISTRY_FIELDS} } }
    }
    registryTemplateUrl
  }
`;

export const SAVE_REGISTRY = gql`
  mutation SaveRegistryEnterprise($input: SaveRegistryEnterpriseInput!) {
    saveRegistryEnterprise(input: $input) {
      ${ERRORS}
      ... on SaveRegistryEnterpriseSuccess { enterprise { ${REGISTRY_FIELDS} } }
    }
  }
`;

export interface RegistryImportRow {
  row: number;
  uscc: string | null;
  succeeded: boolean;
  outcome: 'CREATED' | 'UPDATED' | 'UNCHANGED' | null;
  code: string | null;
  message: string | null;
}

export interface RegistryImport {
  id: string;
  fileName: string;
  status: string;
  total: number;
  succeeded: number;
  failed: number;
  created: number;
  updated: number;
  failureReportUrl: string | null;
  /** why a FAILED import stopped; absent from the mutation's answer */
  failureReason?: string | null;
  results: RegistryImportRow[];
}

export const IMPORT_REGISTRY = gql`
  mutation ImportRegistry($input: ImportRegistryInput!) {
    importRegistry(input: $input) {
      ${ERRORS}
      ... on ImportRegistrySuccess {
        record {
          id fileName status total succeeded failed created updated failureReportUrl
          results { row uscc succeeded outcome code message }
        }
      }
    }
  }
`;

/** The import record once the rows are processed (the mutation answers while they are still PROCESSING). */
export const REGISTRY_IMPORT = gql`
  query RegistryImport($id: ID!) {
    registryImport(id: $id) {
      id fileName status total succeeded failed created updated failureReportUrl failureReason
      results { row uscc succeeded outcome code message }
    }
  }
`;

export interface RegistryImportProgress {
  importId: string;
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  done: boolean;
}

export const REGISTRY_IMPORT_PROGRESS = gql`
  subscription RegistryImportProgress($importId: ID!) {
    registryImportProgress(importId: $importId) { importId total processed succeeded failed done }
  }
`;

export interface ProvinceRuleRow {
  id: string;
  provinceCode: string;
  provinceName: string;
  minRevenue: number;
  minInvoiceCount: number;
  minInvoiceAmount: number;
  livelihoodMinRevenue: number;
  livelihoodMinInvoiceCount: number;
  livelihoodMinInvoiceAmount: number;
  effectiveFrom: string;
  createdAt: string;
  createdBy: string | null;
}

const RULE_FIELDS = `id provinceCode provinceName minRevenue minInvoiceCount minInvoiceAmount livelihoodMinRevenue
  livelihoodMinInvoiceCount livelihoodMinInvoiceAmount effectiveFrom createdAt createdBy`;

export const RULES_QUERY = gql`
  query ProvinceRuleHistory {
    provinceRuleHistory { today inForceIds rules { ${RULE_FIELDS} } }
    taxAuthorities(level: PROVINCIAL) { code name level }
  }
`;

export const CREATE_RULE = gql`
  mutation CreateProvinceRule($input: CreateProvinceRuleInput!) {
    createProvinceRule(input: $input) {
      ${ERRORS}
      ... on CreateProvinceRuleSuccess { rule { ${RULE_FIELDS} } }
    }
  }
`;

export interface CapabilityRow {
  code: string;
  name: string;
  isPublic: boolean;
  enabled: boolean;
  description: string;
}

export const CATALOGUE_QUERY = gql`
  query CapabilityCatalogue {
    capabilityCatalogue { code name isPublic enabled description }
  }
`;

export const SAVE_CAPABILITY = gql`
  mutation SaveCapability($input: SaveCapabilityInput!) {
    saveCapability(input: $input) {
      __typename
      ... on Error { code message }
      ... on ValidationError { issues { field code message } }
      ... on SaveCapabilitySuccess { capability { code name isPublic enabled description } }
    }
  }
`;

export interface AccountRow {
  id: string;
  username: string;
  displayName: string;
  role: 'ENTERPRISE' | 'OFFICER' | 'ADMIN';
  identityType: string | null;
  enterprise: { uscc: string; name: string } | null;
  authority: { code: string; name: string } | null;
  disabled: boolean;
  version: number;
}

const ACCOUNT_FIELDS = `id username displayName role identityType enterprise { id uscc name } authority { code name } disabled version`;

export const ACCOUNTS_QUERY = gql`
  query UserAccounts($search: String, $after: String) {
    userAccounts(first: 50, search: $search, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ${ACCOUNT_FIELDS} } }
    }
  }
`;

export const CREATE_ACCOUNT = gql`
  mutation CreateUserAccount($input: CreateUserAccountInput!) {
    createUserAccount(input: $input) {
      ${ERRORS}
      ... on CreateUserAccountSuccess { credentials { temporaryPassword account { ${ACCOUNT_FIELDS} } } }
    }
  }
`;

export const UPDATE_ACCOUNT = gql`
  mutation UpdateUserAccount($input: UpdateUserAccountInput!) {
    updateUserAccount(input: $input) {
      ${ERRORS}
      ... on UpdateUserAccountSuccess { account { ${ACCOUNT_FIELDS} } }
    }
  }
`;

export const RESET_PASSWORD = gql`
  mutation ResetUserPassword($input: ResetUserPasswordInput!) {
    resetUserPassword(input: $input) {
      ${ERRORS}
      ... on ResetUserPasswordSuccess { credentials { temporaryPassword account { ${ACCOUNT_FIELDS} } } }
    }
  }
`;

export const SET_DISABLED = gql`
  mutation SetUserAccountDisabled($input: SetUserAccountDisabledInput!) {
    setUserAccountDisabled(input: $input) {
      ${ERRORS}
      ... on SetUserAccountDisabledSuccess { account { ${ACCOUNT_FIELDS} } }
    }
  }
`;

/** Field errors of a payload as antd Form `setFields` entries. */
export function formErrors(payload: PayloadError | undefined): { name: string; errors: string[] }[] {
  return (payload?.issues ?? []).map((issue) => ({ name: issue.field, errors: [issue.message] }));
}
