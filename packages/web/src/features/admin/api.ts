// GraphQL documents of 平台管理.
import { graphql, type ResultOf } from '../../app/graphql.ts';
import { ERROR_FIELDS } from '../../ui/shared-fields.ts';

/** Any mutation payload of the admin pages, as far as the error helpers read it (the Error interface's fields). */
export interface PayloadError {
  __typename: string;
  code?: string;
  message?: string;
  issues?: FieldIssue[];
  currentVersion?: number;
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

export const SAVE_AUTHORITY = graphql(
  `
  mutation SaveTaxAuthority($input: SaveTaxAuthorityInput!) {
    saveTaxAuthority(input: $input) {
      __typename
  ...ErrorFields
  ... on StaleVersionError { currentVersion }
      ... on SaveTaxAuthoritySuccess { taxAuthority { code name level parentCode version } }
    }
  }
`,
  [ERROR_FIELDS],
);

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

export const SAVE_REGISTRY = graphql(
  `
  mutation SaveRegistryEnterprise($input: SaveRegistryEnterpriseInput!) {
    saveRegistryEnterprise(input: $input) {
      __typename
  ...ErrorFields
  ... on StaleVersionError { currentVersion }
      ... on SaveRegistryEnterpriseSuccess { enterprise { id uscc name competentAuthorityCode creditRating inPilot majorViolation livelihoodIndustry
  priorYearRevenue invoiceCount12m invoiceAmount12m version } }
    }
  }
`,
  [ERROR_FIELDS],
);

export const IMPORT_REGISTRY = graphql(
  `
  mutation ImportRegistry($input: ImportRegistryInput!) {
    importRegistry(input: $input) {
      __typename
  ...ErrorFields
  ... on StaleVersionError { currentVersion }
      ... on ImportRegistrySuccess {
        record {
          id fileName status total succeeded failed created updated failureReportUrl
        }
      }
    }
  }
`,
  [ERROR_FIELDS],
);

/** The import record once the rows are processed (the mutation answers while they are still PROCESSING). */
export const REGISTRY_IMPORT = graphql(`
  query RegistryImport($id: ID!) {
    registryImport(id: $id) {
      id fileName status total succeeded failed created updated failureReportUrl failureReason
    }
  }
`);

/** A finished import's row results, a page at a time. */
export const REGISTRY_IMPORT_ROWS = graphql(`
  query RegistryImportRows($id: ID!, $after: String) {
    registryImport(id: $id) {
      id
      results(first: 100, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { row uscc succeeded outcome code message } }
      }
    }
  }
`);

export const REGISTRY_IMPORT_PROGRESS = graphql(`
  subscription RegistryImportProgress($importRecordId: ID!) {
    registryImportProgress(importRecordId: $importRecordId) { importRecordId total processed succeeded failed done }
  }
`);

const PROVINCE_RULE_FIELDS = graphql(`
  fragment ProvinceRuleFields on ProvinceRuleRecord {
    id provinceCode provinceName minRevenue minInvoiceCount minInvoiceAmount livelihoodMinRevenue
    livelihoodMinInvoiceCount livelihoodMinInvoiceAmount effectiveFrom createdAt createdBy
  }
`);

export const RULES_QUERY = graphql(
  `
  query ProvinceRuleHistory($after: String) {
    provinceRuleHistory {
      today
      inForce { ...ProvinceRuleFields }
      rules(first: 50, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ...ProvinceRuleFields } } }
    }
    taxAuthorities(level: PROVINCIAL) { code name level }
  }
`,
  [PROVINCE_RULE_FIELDS],
);

export const CREATE_RULE = graphql(
  `
  mutation CreateProvinceRule($input: CreateProvinceRuleInput!) {
    createProvinceRule(input: $input) {
      __typename
  ...ErrorFields
  ... on StaleVersionError { currentVersion }
      ... on CreateProvinceRuleSuccess { rule { ...ProvinceRuleFields } }
    }
  }
`,
  [ERROR_FIELDS, PROVINCE_RULE_FIELDS],
);

export const CATALOGUE_QUERY = graphql(`
  query CapabilityCatalogue {
    capabilityCatalogue { code name isPublic enabled description }
  }
`);

export const SAVE_CAPABILITY = graphql(
  `
  mutation SaveCapability($input: SaveCapabilityInput!) {
    saveCapability(input: $input) {
      __typename
      ...ErrorFields
      ... on SaveCapabilitySuccess { capability { code name isPublic enabled description } }
    }
  }
`,
  [ERROR_FIELDS],
);

export const ACCOUNTS_QUERY = graphql(`
  query UserAccounts($search: String, $after: String) {
    userAccounts(first: 50, search: $search, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id username displayName role identityType enterprise { id uscc name } authority { code name } disabled twoFactorEnabled signInLockedUntil version } }
    }
  }
`);

export const CREATE_ACCOUNT = graphql(
  `
  mutation CreateUserAccount($input: CreateUserAccountInput!) {
    createUserAccount(input: $input) {
      __typename
  ...ErrorFields
  ... on StaleVersionError { currentVersion }
      ... on CreateUserAccountSuccess { credentials { temporaryPassword account { id username displayName role identityType enterprise { id uscc name } authority { code name } disabled twoFactorEnabled signInLockedUntil version } } }
    }
  }
`,
  [ERROR_FIELDS],
);

export const UPDATE_ACCOUNT = graphql(
  `
  mutation UpdateUserAccount($input: UpdateUserAccountInput!) {
    updateUserAccount(input: $input) {
      __typename
  ...ErrorFields
  ... on StaleVersionError { currentVersion }
      ... on UpdateUserAccountSuccess { account { id username displayName role identityType enterprise { id uscc name } authority { code name } disabled twoFactorEnabled signInLockedUntil version } }
    }
  }
`,
  [ERROR_FIELDS],
);

export const RESET_PASSWORD = graphql(
  `
  mutation ResetUserPassword($input: ResetUserPasswordInput!) {
    resetUserPassword(input: $input) {
      __typename
  ...ErrorFields
  ... on StaleVersionError { currentVersion }
      ... on ResetUserPasswordSuccess { credentials { temporaryPassword account { id username displayName role identityType enterprise { id uscc name } authority { code name } disabled twoFactorEnabled signInLockedUntil version } } }
    }
  }
`,
  [ERROR_FIELDS],
);

export const RESET_TWO_FACTOR = graphql(
  `
  mutation ResetUserTwoFactor($input: ResetUserTwoFactorInput!) {
    resetUserTwoFactor(input: $input) {
      __typename
  ...ErrorFields
  ... on StaleVersionError { currentVersion }
      ... on ResetUserTwoFactorSuccess { account { id username displayName role identityType enterprise { id uscc name } authority { code name } disabled twoFactorEnabled signInLockedUntil version } }
    }
  }
`,
  [ERROR_FIELDS],
);

export const UNLOCK_SIGN_IN = graphql(
  `
  mutation UnlockUserSignIn($input: UnlockUserSignInInput!) {
    unlockUserSignIn(input: $input) {
      __typename
  ...ErrorFields
      ... on UnlockUserSignInSuccess { account { id signInLockedUntil } }
    }
  }
`,
  [ERROR_FIELDS],
);

export const SECURITY_LOG_QUERY = graphql(`
  query SecurityLog($filter: SecurityLogFilter, $after: String) {
    securityLog(filter: $filter, first: 50, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { sequence occurredAt type outcome username actorName actorRole address object reason } }
    }
  }
`);

export const SECURITY_LOG_EXPORT_QUERY = graphql(`
  query SecurityLogExportUrl($filter: SecurityLogFilter) {
    securityLogExportUrl(filter: $filter)
  }
`);

export const SET_DISABLED = graphql(
  `
  mutation SetUserAccountDisabled($input: SetUserAccountDisabledInput!) {
    setUserAccountDisabled(input: $input) {
      __typename
  ...ErrorFields
  ... on StaleVersionError { currentVersion }
      ... on SetUserAccountDisabledSuccess { account { id username displayName role identityType enterprise { id uscc name } authority { code name } disabled twoFactorEnabled signInLockedUntil version } }
    }
  }
`,
  [ERROR_FIELDS],
);

/** Field errors of a payload as antd Form `setFields` entries. */
export function formErrors(payload: PayloadError | undefined): { name: string; errors: string[] }[] {
  return (payload?.issues ?? []).map((issue) => ({ name: issue.field, errors: [issue.message] }));
}

// ---- result types, inferred from the documents ------------------------------------------------------------

type NodeOf<C extends { edges: readonly { node: unknown }[] }> = C['edges'][number]['node'];
export type FieldIssue = Extract<
  ResultOf<typeof SAVE_AUTHORITY>['saveTaxAuthority'],
  { __typename: 'ValidationError' }
>['issues'][number];
export type TaxAuthorityRow = NodeOf<ResultOf<typeof AUTHORITIES_QUERY>['adminTaxAuthorities']>;
export type RegistryRow = NodeOf<ResultOf<typeof REGISTRY_QUERY>['registryEnterprises']>;
type ImportRegistrySuccess = Extract<
  ResultOf<typeof IMPORT_REGISTRY>['importRegistry'],
  { __typename: 'ImportRegistrySuccess' }
>;
/** An import record: as the mutation answers it (still PROCESSING, no failureReason) or as read once finished. */
export type RegistryImport =
  | ImportRegistrySuccess['record']
  | NonNullable<ResultOf<typeof REGISTRY_IMPORT>['registryImport']>;
export type RegistryImportRow = NodeOf<NonNullable<ResultOf<typeof REGISTRY_IMPORT_ROWS>['registryImport']>['results']>;
export type RegistryImportProgress = ResultOf<typeof REGISTRY_IMPORT_PROGRESS>['registryImportProgress'];
export type ProvinceRuleRow = ResultOf<typeof PROVINCE_RULE_FIELDS>;
export type CapabilityRow = ResultOf<typeof CATALOGUE_QUERY>['capabilityCatalogue'][number];
export type AccountRow = NodeOf<ResultOf<typeof ACCOUNTS_QUERY>['userAccounts']>;
export type SecurityLogRow = NodeOf<ResultOf<typeof SECURITY_LOG_QUERY>['securityLog']>;
