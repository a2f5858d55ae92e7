// The operations GraphiQL (development only) opens with: the 使用单位管理 calls of docs/api.md, ready to run.
export const GRAPHIQL_DEFAULT_QUERY = `# 乐企自用 API · GraphiQL (development only). Reference: schema.graphql and docs/api.md.
# 1. Run SignIn (sl.clerk / Leqi@2026), then CreateApiToken with
#    Headers: { "Authorization": "Bearer <token of SignIn>" }
# 2. Put the lqk_ token in Headers: { "Authorization": "Bearer lqk_…" } and run the others.

mutation SignIn {
  signIn(input: { username: "sl.clerk", password: "Leqi@2026" }) {
    __typename
    ... on SignInSuccess { token viewer { username enterprise { uscc name } } }
    ... on Error { code message }
  }
}

mutation CreateApiToken {
  createApiToken(input: { name: "ERP 对接", expiresInDays: 365 }) {
    __typename
    ... on CreateApiTokenSuccess { token apiToken { id prefix expiresAt } }
    ... on Error { code message }
  }
}

query Viewer {
  viewer { role displayName enterprise { uscc name dcuStatus } }
}

mutation InviteUseUnits {
  inviteUseUnits(input: {
    idempotencyKey: "erp-batch-0001"
    invitations: [
      { uscc: "91440100628194821M", name: "广州云帆科技集团有限公司", provinceAuthorityCode: "14400000000",
        relationship: PARENT_SUBSIDIARY, capabilityCodes: ["202007"] }
    ]
  }) {
    __typename
    ... on InviteUseUnitsSuccess {
      succeeded { id status officialStatusCode useUnitUscc useUnitName relationshipCode capabilityCodes }
      failed { row uscc code message }
    }
    ... on Error { code message }
    ... on ValidationError { issues { field code message } }
  }
}

query SentInvitations {
  sentInvitations(first: 20, status: PENDING_RESPONSE) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id status officialStatusCode useUnitUscc useUnitName lastReason } }
  }
}

query Bindings {
  bindings(first: 20, status: ACTIVE) {
    totalCount
    edges { node { id status boundAt useUnit { uscc name } } }
  }
}

mutation UnbindUseUnits {
  unbindUseUnits(input: { usccs: ["91310000757491186Q"] }) {
    __typename
    ... on UnbindUseUnitsSuccess { unbound { id status } failed { uscc code message } }
    ... on Error { code message }
  }
}

subscription CaseEvents {
  caseEvents(after: "0") { cursor caseKind caseId event fromStatus toStatus actorName reason createdAt }
}
`;
