// GraphQL documents of 平台管理.
import { graphql } from '../../app/graphql.ts';

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

export interface TaxAuthorityRow {
  code: string;
  name: string;
  level: 'PROVINCIAL' | 'LOCAL';
  parentCode: string | null;
  version: number;
}

export const AUTHORITIES_QUERY = graphql(`
  query AdminTaxAuthorities($search: String, $after: String) {
    adminTaxAuthorities(first: 50, search: $search, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { code name level parentCode version } }
    }
  }
`);

export const SAVE_AUTHORITY = graphql(`
  mutation SaveTaxAuthority($input: SaveTaxAuthorityInput!) {
    saveTaxAuthority(input: $input) {
      __typename
  ... on Error { code message }
  ... on ValidationError { issues { field code message } }
  ... on StaleVersionError { currentVersion }
      ... on SaveTaxAuthoritySuccess { taxAuthority { code name level parentCode version } }
    }
  }
`);

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

export const REGISTRY_QUERY = graphql(`
  query RegistryEnterprises($search: String, $after: String) {
    registryEnterprises(first: 50, search: $search, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id uscc name competentAuthorityCode creditRating inPilot majorViolation livelihoodIndustry
  priorYearRevenue invoiceCount12m invoiceAmount12m version } }
    }
    registryTemplateUrl
  }
`);

export const SAVE_REGISTRY = graphql(`
  mutation SaveRegistryEnterprise($input: SaveRegistryEnterpriseInput!) {
    saveRegistryEnterprise(input: $input) {
      __typename
  ... on Error { code message }
  ... on ValidationError { issues { field code message } }
  ... on StaleVersionError { currentVersion }
      ... on SaveRegistryEnterpriseSuccess { enterprise { id uscc name competentAuthorityCode creditRating inPilot majorViolation livelihoodIndustry
  priorYearRevenue invoiceCount12m invoiceAmount12m version } }
    }
  }
`);

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
  /** why a FAILED import { graphql } from '../../app/graphql.ts';
import stopped; absent from the mutation's answer */
  failureReason?: string | null;
  results: RegistryImportRow[];
}

export const IMPORT_REGISTRY = graphql(`
  mutation ImportRegistry($input: ImportRegistryInput!) {
    importRegistry(input: $input) {
      __typename
  ... on Error { code message }
  ... on ValidationError { issues { field code message } }
  ... on StaleVersionError { currentVersion }
      ... on ImportRegistrySuccess {
        record {
          id fileName status total succeeded failed created updated failureReportUrl
          results { row uscc succeeded outcome code message }
        }
      }
    }
  }
`);

/** The import record once the rows are processed (the mutation answers while they are still PROCESSING). */
export const REGISTRY_IMPORT = graphql(`
  query RegistryImport($id: ID!) {
    registryImport(id: $id) {
      id fileName status total succeeded failed created updated failureReportUrl failureReason
      results { row uscc succeeded outcome code message }
    }
  }
`);

export interface RegistryImportProgress {
  importId: string;
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  done: boolean;
}

export const REGISTRY_IMPORT_PROGRESS = graphql(`
  subscription RegistryImportProgress($importId: ID!) {
    registryImportProgress(importId: $importId) { importId total processed succeeded failed done }
  }
`);

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

export const RULES_QUERY = graphql(`
  query ProvinceRuleHistory {
    provinceRuleHistory { today inForceIds rules { id provinceCode provinceName minRevenue minInvoiceCount minInvoiceAmount livelihoodMinRevenue
  livelihoodMinInvoiceCount livelihoodMinInvoiceAmount effectiveFrom createdAt createdBy } }
    taxAuthorities(level: PROVINCIAL) { code name level }
  }
`);

export const CREATE_RULE = graphql(`
  mutation CreateProvinceRule($input: CreateProvinceRuleInput!) {
    createProvinceRule(input: $input) {
      __typename
  ... on Error { code message }
  ... on ValidationError { issues { field code message } }
  ... on StaleVersionError { currentVersion }
      ... on CreateProvinceRuleSuccess { rule { id provinceCode provinceName minRevenue minInvoiceCount minInvoiceAmount livelihoodMinRevenue
  livelihoodMinInvoiceCount livelihoodMinInvoiceAmount effectiveFrom createdAt createdBy } }
    }
  }
`);

export interface CapabilityRow {
  code: string;
  name: string;
  isPublic: boolean;
  enabled: boolean;
  description: string;
}

export const CATALOGUE_QUERY = graphql(`
  query CapabilityCatalogue {
    capabilityCatalogue { code name isPublic enabled description }
  }
`);

export const SAVE_CAPABILITY = graphql(`
  mutation SaveCapability($input: SaveCapabilityInput!) {
    saveCapability(input: $input) {
      __typename
      ... on Error { code message }
      ... on ValidationError { issues { field code message } }
      ... on SaveCapabilitySuccess { capability { code name isPublic enabled description } }
    }
  }
`);

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

export const ACCOUNTS_QUERY = graphql(`
  query UserAccounts($search: String, $after: String) {
    userAccounts(first: 50, search: $search, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id username displayName role identityType enterprise { id uscc name } authority { code name } disabled version } }
    }
  }
`);

export const CREATE_ACCOUNT = graphql(`
  mutation CreateUserAccount($input: CreateUserAccountInput!) {
    createUserAccount(input: $input) {
      __typename
  ... on Error { code message }
  ... on ValidationError { issues { field code message } }
  ... on StaleVersionError { currentVersion }
      ... on CreateUserAccountSuccess { credentials { temporaryPassword account { id username displayName role identityType enterprise { id uscc name } authority { code name } disabled version } } }
    }
  }
`);

export const UPDATE_ACCOUNT = graphql(`
  mutation UpdateUserAccount($input: UpdateUserAccountInput!) {
    updateUserAccount(input: $input) {
      __typename
  ... on Error { code message }
  ... on ValidationError { issues { field code message } }
  ... on StaleVersionError { currentVersion }
      ... on UpdateUserAccountSuccess { account { id username displayName role identityType enterprise { id uscc name } authority { code name } disabled version } }
    }
  }
`);

export const RESET_PASSWORD = graphql(`
  mutation ResetUserPassword($input: ResetUserPasswordInput!) {
    resetUserPassword(input: $input) {
      __typename
  ... on Error { code message }
  ... on ValidationError { issues { field code message } }
  ... on StaleVersionError { currentVersion }
      ... on ResetUserPasswordSuccess { credentials { temporaryPassword account { id username displayName role identityType enterprise { id uscc name } authority { code name } disabled version } } }
    }
  }
`);

export const SET_DISABLED = graphql(`
  mutation SetUserAccountDisabled($input: SetUserAccountDisabledInput!) {
    setUserAccountDisabled(input: $input) {
      __typename
  ... on Error { code message }
  ... on ValidationError { issues { field code message } }
  ... on StaleVersionError { currentVersion }
      ... on SetUserAccountDisabledSuccess { account { id username displayName role identityType enterprise { id uscc name } authority { code name } disabled version } }
    }
  }
`);

/** Field errors of a payload as antd Form `setFields` entries. */
export function formErrors(payload: PayloadError | undefined): { name: string; errors: string[] }[] {
  return (payload?.issues ?? []).map((issue) => ({ name: issue.field, errors: [issue.message] }));
}
