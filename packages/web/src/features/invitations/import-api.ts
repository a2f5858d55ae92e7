// 导入邀请 (Excel import with live progress) and API 令牌 of the DCU.
import { graphql, type ResultOf } from '../../app/graphql.ts';

const IMPORT_RECORD_FIELDS = graphql(`
  fragment ImportRecordFields on ImportRecord {
    id
    fileName
    status
    total
    succeeded
    failed
    createdAt
    finishedAt
    failureReportUrl
  }
`);

export const IMPORT_PAGE_QUERY = graphql(
  `
  query ImportInvitationsPage($first: Int) {
    invitationTemplateUrl
    importRecords(first: $first) {
      totalCount
      edges {
        cursor
        node {
          ...ImportRecordFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`,
  [IMPORT_RECORD_FIELDS],
);

export const IMPORT_INVITATIONS_MUTATION = graphql(
  `
  mutation ImportUseUnitInvitations($input: ImportUseUnitInvitationsInput!) {
    importUseUnitInvitations(input: $input) {
      __typename
      ... on ImportUseUnitInvitationsSuccess {
        importRecord {
          ...ImportRecordFields
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`,
  [IMPORT_RECORD_FIELDS],
);

export const IMPORT_PROGRESS_SUBSCRIPTION = graphql(`
  subscription ImportProgress($importRecordId: ID!) {
    importProgress(importRecordId: $importRecordId) {
      importRecordId
      processed
      total
      succeeded
      failed
      done
    }
  }
`);

const API_TOKEN_FIELDS = graphql(`
  fragment ApiTokenFields on ApiToken {
    id
    name
    prefix
    createdAt
    expiresAt
    lastUsedAt
    revokedAt
  }
`);

export const API_TOKENS_QUERY = graphql(
  `
  query ApiTokens($after: String) {
    apiTokens(first: 50, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...ApiTokenFields } }
    }
  }
`,
  [API_TOKEN_FIELDS],
);

export const CREATE_API_TOKEN_MUTATION = graphql(
  `
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      __typename
      ... on CreateApiTokenSuccess {
        token
        apiToken {
          ...ApiTokenFields
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`,
  [API_TOKEN_FIELDS],
);

export const REVOKE_API_TOKEN_MUTATION = graphql(
  `
  mutation RevokeApiToken($input: RevokeApiTokenInput!) {
    revokeApiToken(input: $input) {
      __typename
      ... on ApiTokenSuccess {
        apiToken {
          ...ApiTokenFields
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`,
  [API_TOKEN_FIELDS],
);

export type ImportRecord = ResultOf<typeof IMPORT_RECORD_FIELDS>;
export type ImportProgress = ResultOf<typeof IMPORT_PROGRESS_SUBSCRIPTION>['importProgress'];
export type ApiToken = ResultOf<typeof API_TOKEN_FIELDS>;
export type ImportPageData = ResultOf<typeof IMPORT_PAGE_QUERY>;
