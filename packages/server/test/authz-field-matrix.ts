// The authorisation matrix below the root fields: sensitive data reached through any path (CONVENTIONS "Proofs from
// outside too"). authz-matrix.ts says which caller may call which root field; this file says what each caller may
// read of the sensitive types wherever a path reaches them:
//  - an Enterprise's confidential tax facts (DESIGN §4: the enterprise, officers of its jurisdiction and province,
//    the admin — never a counterparty, another enterprise's API token or an arbitrary signed-in user), and who may
//    look an enterprise up by id;
//  - case events (AuditEvent, Notification, CaseEvent): claim events are the bureau's only.
// authz-field-matrix.test.ts derives from schema.graphql every field whose type is a sensitive type and fails when
// one is reached by none of the documents below, then runs every document as every caller.
import { CONFIDENTIAL_ENTERPRISE_FACTS } from '@leqi/domain';
import type { Caller } from './authz-matrix.ts';

/** Types whose every incoming field must be walked by a document below. */
export const SENSITIVE_TYPES = ['Enterprise', 'AuditEvent', 'Notification', 'CaseEvent'] as const;

/** Fields of Enterprise anyone who reaches it may read: who it is, not its tax facts. */
export const PUBLIC_ENTERPRISE_FIELDS = [
  'id',
  'uscc',
  'name',
  'competentAuthority',
  'competentAuthorityCode',
  'inPilot',
  'livelihoodIndustry',
  'dcuStatus',
  'leqiId',
  'dcuExpiresAt',
  'version',
  // whether the viewer may start an exit now: read off the viewer's own identity and the public dcuStatus
  'mayApplyForExit',
  // the same for starting an access application, inviting and subscribing: own enterprise only, from its dcuStatus
  // (and, for the application, whether its own application is in flight)
  'mayStartAccessApplication',
  'mayInviteUseUnits',
  'maySubscribeCapabilities',
] as const;

const FACTS = CONFIDENTIAL_ENTERPRISE_FACTS.join(' ');
const ENTERPRISE = `{ __typename id uscc competentAuthority { code } ${FACTS} }`;
const EVENT = '{ __typename event actorName }';

/** The enterprises of the test world. */
export type WorldEnterprise = 'dcu' | 'useUnit' | 'pendingUseUnit' | 'otherDcu' | 'stranger';

/** Authorities of the officer callers (the DCU and the stranger are in 天河, both use units in 海珠). */
export const OFFICER_AUTHORITY: Partial<Record<Caller, string>> = {
  competentOfficer: '14401060000',
  otherAuthorityOfficer: '14401050000',
  otherProvinceOfficer: '13101150000',
  confirmer: '14400000000',
  otherProvinceConfirmer: '13100000000',
};

const OWNER: Caller[] = ['ownerLegal', 'ownerFinance', 'ownerTaxClerk', 'ownerInvoiceClerk'];

/**
 * node(id) of each world enterprise: itself, its counterparties (the DCU ↔ its use units), officers of its
 * jurisdiction and province, the admin. API tokens are refused by `node` itself.
 */
export const NODE_LOOKUP: Record<WorldEnterprise, readonly Caller[]> = {
  dcu: [...OWNER, 'useUnit', 'competentOfficer', 'confirmer', 'admin'],
  useUnit: [...OWNER, 'useUnit', 'otherAuthorityOfficer', 'confirmer', 'admin'],
  pendingUseUnit: [...OWNER, 'otherAuthorityOfficer', 'confirmer', 'admin'],
  otherDcu: ['otherEnterprise', 'competentOfficer', 'confirmer', 'admin'],
  stranger: ['competentOfficer', 'confirmer', 'admin'],
};

/** The tax facts of each world enterprise: itself (operators and own token), its bureau, the admin. */
export const TAX_FACT_READERS: Record<WorldEnterprise, readonly Caller[]> = {
  dcu: [...OWNER, 'ownApiToken', 'competentOfficer', 'confirmer', 'admin'],
  useUnit: ['useUnit', 'otherAuthorityOfficer', 'confirmer', 'admin'],
  pendingUseUnit: ['otherAuthorityOfficer', 'confirmer', 'admin'],
  otherDcu: ['otherEnterprise', 'otherApiToken', 'competentOfficer', 'confirmer', 'admin'],
  stranger: ['competentOfficer', 'confirmer', 'admin'],
};

/** Callers who see a case as the bureau, so also its claim events. */
export const BUREAU: readonly Caller[] = [...(Object.keys(OFFICER_AUTHORITY) as Caller[]), 'admin'];

export type WorldVariable = WorldEnterprise | 'bound' | 'pending' | 'subscription' | 'registryInput' | 'after';

export interface PathDocument {
  name: string;
  document: string;
  /** variables by world name: enterprise and case ids, an admin input */
  variables?: readonly WorldVariable[];
  /**
   * some caller outside the bureau must get an object of the sensitive type through this path with its confidential
   * part withheld (an enterprise without its tax facts, a claimed case's events without the claims)
   */
  exercisesDenial?: boolean;
  transport?: 'http' | 'graphql-ws';
}

/** Every path to an Enterprise: root fields and the fields that hand one out, by every root that leads there. */
export const ENTERPRISE_PATHS: readonly PathDocument[] = [
  {
    name: 'node(id) of each world enterprise',
    document: `query($dcu: ID!, $useUnit: ID!, $otherDcu: ID!, $stranger: ID!) {
      dcu: node(id: $dcu) { ...E } useUnit: node(id: $useUnit) { ...E }
      otherDcu: node(id: $otherDcu) { ...E } stranger: node(id: $stranger) { ...E } }
      fragment E on Node { ... on Enterprise ${ENTERPRISE} }`,
    variables: ['dcu', 'useUnit', 'otherDcu', 'stranger'],
    exercisesDenial: true,
  },
  { name: 'viewer.enterprise', document: `{ viewer { enterprise ${ENTERPRISE} } }` },
  {
    name: 'invitation(id) of the bound use unit',
    document: `query($bound: ID!) { invitation(id: $bound) { enterprise ${ENTERPRISE} directUnit ${ENTERPRISE}
      binding { directUnit ${ENTERPRISE} useUnit ${ENTERPRISE} authorisations { holder ${ENTERPRISE} } } } }`,
    variables: ['bound'],
    exercisesDenial: true,
  },
  {
    name: 'node(id) of the pending invitation, as a review case',
    document: `query($pending: ID!) { node(id: $pending) { ... on ReviewCase { enterprise ${ENTERPRISE} }
      ... on Invitation { directUnit ${ENTERPRISE} } } }`,
    variables: ['pending'],
    exercisesDenial: true,
  },
  {
    name: 'sentInvitations',
    document: `{ sentInvitations(first: 20) { edges { node { enterprise ${ENTERPRISE} directUnit ${ENTERPRISE} } } } }`,
    exercisesDenial: true,
  },
  {
    name: 'receivedInvitations',
    document: `{ receivedInvitations(first: 20) { edges { node { enterprise ${ENTERPRISE} directUnit ${ENTERPRISE} } } } }`,
    exercisesDenial: true,
  },
  {
    name: 'bindings',
    document: `{ bindings(first: 20) { edges { node { directUnit ${ENTERPRISE} useUnit ${ENTERPRISE}
      authorisations { holder ${ENTERPRISE} } } } } }`,
    exercisesDenial: true,
  },
  {
    name: 'reviewQueue(INVITATION, ACCEPTANCE)',
    document: `{ reviewQueue(kind: INVITATION, step: ACCEPTANCE, first: 50) { edges { node { enterprise ${ENTERPRISE}
      ... on Invitation { directUnit ${ENTERPRISE} } } } } }`,
    exercisesDenial: true,
  },
  {
    name: 'reviewQueue(ACCESS_APPLICATION, ACCEPTANCE)',
    document: `{ reviewQueue(kind: ACCESS_APPLICATION, step: ACCEPTANCE, first: 50) { edges { node {
      ... on AccessApplication { enterprise ${ENTERPRISE} } } } } }`,
  },
  {
    name: 'reviewQueue(EXIT_APPLICATION, ACCEPTANCE)',
    document: `{ reviewQueue(kind: EXIT_APPLICATION, step: ACCEPTANCE, first: 50) { edges { node {
      ... on ExitApplication { enterprise ${ENTERPRISE} } } } } }`,
  },
  {
    name: 'reviewQueue(CAPABILITY_SUBSCRIPTION, REVIEW)',
    document: `{ reviewQueue(kind: CAPABILITY_SUBSCRIPTION, step: REVIEW, first: 50) { edges { node {
      ... on CapabilitySubscription { enterprise ${ENTERPRISE} } } } } }`,
  },
  {
    name: "the viewer's own cases",
    document: `{ viewer { capabilitySubscriptions { enterprise ${ENTERPRISE} }
      accessApplications { enterprise ${ENTERPRISE} } exitApplications { enterprise ${ENTERPRISE} } } }`,
  },
  {
    name: 'enterpriseOverview',
    document: `{ enterpriseOverview { enterprise ${ENTERPRISE} directUnit ${ENTERPRISE} } }`,
    exercisesDenial: true,
  },
  { name: 'registryEnterprises', document: `{ registryEnterprises(first: 10) { edges { node ${ENTERPRISE} } } }` },
  { name: 'userAccounts', document: `{ userAccounts(first: 20) { edges { node { enterprise ${ENTERPRISE} } } } }` },
  {
    name: 'saveRegistryEnterprise',
    document: `mutation($registryInput: SaveRegistryEnterpriseInput!) { saveRegistryEnterprise(input: $registryInput) {
      __typename ... on SaveRegistryEnterpriseSuccess { enterprise ${ENTERPRISE} } } }`,
    variables: ['registryInput'],
  },
];

/** Every path to a case event: audit trails of every case kind by every root, notifications, subscriptions. */
export const EVENT_PATHS: readonly PathDocument[] = [
  {
    name: 'invitation(id).auditTrail (claimed and released)',
    document: `query($pending: ID!) { invitation(id: $pending) { auditTrail ${EVENT} } }`,
    variables: ['pending'],
    exercisesDenial: true,
  },
  {
    name: 'node(id).auditTrail of the claimed cases, as review cases and by kind',
    document: `query($pending: ID!, $subscription: ID!) {
      invitation: node(id: $pending) { ... on ReviewCase { auditTrail ${EVENT} } ... on Invitation { auditTrail ${EVENT} } }
      subscription: node(id: $subscription) { ... on CapabilitySubscription { auditTrail ${EVENT} } } }`,
    variables: ['pending', 'subscription'],
    exercisesDenial: true,
  },
  {
    name: 'sentInvitations.auditTrail (also API tokens)',
    document: `{ sentInvitations(first: 20) { edges { node { auditTrail ${EVENT} } } } }`,
    exercisesDenial: true,
  },
  {
    name: 'bindings.invitation.auditTrail',
    document: `{ bindings(first: 20) { edges { node { invitation { auditTrail ${EVENT} } } } } }`,
  },
  {
    name: "the viewer's own cases' auditTrail",
    document: `{ viewer { capabilitySubscriptions { auditTrail ${EVENT} } accessApplications { auditTrail ${EVENT} }
      exitApplications { auditTrail ${EVENT} } } }`,
    exercisesDenial: true,
  },
  {
    name: 'reviewQueue auditTrail of every kind',
    document: `{ i: reviewQueue(kind: INVITATION, step: ACCEPTANCE, first: 50) { edges { node { auditTrail ${EVENT} } } }
      a: reviewQueue(kind: ACCESS_APPLICATION, step: ACCEPTANCE, first: 50) { edges { node {
        ... on AccessApplication { auditTrail ${EVENT} } } } }
      e: reviewQueue(kind: EXIT_APPLICATION, step: ACCEPTANCE, first: 50) { edges { node {
        ... on ExitApplication { auditTrail ${EVENT} } } } }
      s: reviewQueue(kind: CAPABILITY_SUBSCRIPTION, step: REVIEW, first: 50) { edges { node { auditTrail ${EVENT} } } } }`,
  },
  {
    name: 'notifications',
    document: `{ notifications(first: 100) { edges { node ${EVENT} } } }`,
    exercisesDenial: true,
  },
  {
    name: 'caseEvents (replayed from before the world was built)',
    document: `subscription($after: String) { caseEvents(after: $after) ${EVENT} }`,
    variables: ['after'],
    transport: 'graphql-ws',
    exercisesDenial: true,
  },
  {
    name: 'queueChanges of the claimed invitation',
    document: `subscription($after: String) { queueChanges(kind: INVITATION, step: ACCEPTANCE, after: $after) ${EVENT} }`,
    variables: ['after'],
    transport: 'graphql-ws',
  },
];
