// The authorisation matrix as data: every root field of the schema × every kind of caller → ALLOWED or FORBIDDEN.
// Workflow mutations take their expectation from the domain transition tables' performers; the rest are listed
// by hand. authz-matrix.test.ts fails when a root field is missing here, then executes every cell.
// Below the root fields, authz-field-matrix.ts says what each of these callers may read of the sensitive types
// (an enterprise's tax facts, claim events) through every path that reaches them.
import {
  type AnyWorkflow,
  accessApplicationWorkflow,
  canExit,
  canManageWebhooks,
  capabilitySubscriptionWorkflow,
  exitApplicationWorkflow,
  type IdentityType,
  invitationWorkflow,
  type Performer,
} from '@leqi/domain';

export const CALLERS = [
  'anonymous',
  'ownerLegal',
  'ownerFinance',
  'ownerTaxClerk',
  'ownerInvoiceClerk',
  'otherEnterprise',
  'useUnit',
  'ownApiToken',
  'otherApiToken',
  'competentOfficer',
  'otherAuthorityOfficer',
  'otherProvinceOfficer',
  'confirmer',
  'otherProvinceConfirmer',
  'admin',
] as const;
export type Caller = (typeof CALLERS)[number];

export const OWNER_IDENTITIES: Record<IdentityType, Caller> = {
  LEGAL_REPRESENTATIVE: 'ownerLegal',
  FINANCE_MANAGER: 'ownerFinance',
  TAX_CLERK: 'ownerTaxClerk',
  INVOICE_CLERK: 'ownerInvoiceClerk',
};
const OWNER: Caller[] = Object.values(OWNER_IDENTITIES);
/** Operators of any enterprise acting for their own enterprise (no case of someone else is named). */
const ENTERPRISE_USERS: Caller[] = [...OWNER, 'otherEnterprise', 'useUnit'];
const API_TOKENS: Caller[] = ['ownApiToken', 'otherApiToken'];
const OFFICERS: Caller[] = [
  'competentOfficer',
  'otherAuthorityOfficer',
  'otherProvinceOfficer',
  'confirmer',
  'otherProvinceConfirmer',
];
/** Everyone signed in with a user account (API tokens are refused by every root field that does not opt in). */
const USERS: Caller[] = [...ENTERPRISE_USERS, ...OFFICERS, 'admin'];

/** What a cell's operation is aimed at; the test builds a fresh one of these per row. */
export type Subject =
  | { kind: 'viewer' }
  | { kind: 'accessApplication'; from: string | null }
  | { kind: 'exitApplication'; from: string | null }
  | { kind: 'invitation'; from: string | null }
  | { kind: 'capabilitySubscription'; from: string | null }
  | { kind: 'binding' }
  | { kind: 'apiToken' }
  | { kind: 'importRecord' }
  | { kind: 'webhookEndpoint' };

export interface MatrixRow {
  field: string;
  operation: 'query' | 'mutation' | 'subscription';
  allowed: readonly Caller[];
  subject: Subject;
  /** where the expectation comes from */
  source: string;
}

/** Workflow mutations: the domain event each fires. */
const WORKFLOW_MUTATIONS: Record<string, { workflow: AnyWorkflow; event: string; from?: string | null }> = {
  saveAccessApplicationDraft: { workflow: accessApplicationWorkflow, event: 'saveDraft', from: null },
  submitAccessApplication: { workflow: accessApplicationWorkflow, event: 'submit' },
  acceptAccessApplication: { workflow: accessApplicationWorkflow, event: 'accept' },
  refuseAccessApplication: { workflow: accessApplicationWorkflow, event: 'refuse' },
  approveAccessApplicationReview: { workflow: accessApplicationWorkflow, event: 'approveReview' },
  rejectAccessApplicationReview: { workflow: accessApplicationWorkflow, event: 'rejectReview' },
  confirmAccessApplication: { workflow: accessApplicationWorkflow, event: 'confirm' },
  rejectAccessApplicationConfirmation: { workflow: accessApplicationWorkflow, event: 'rejectConfirmation' },
  submitExitApplication: { workflow: exitApplicationWorkflow, event: 'submit' },
  acceptExitApplication: { workflow: exitApplicationWorkflow, event: 'accept' },
  refuseExitApplication: { workflow: exitApplicationWorkflow, event: 'refuse' },
  approveExitApplicationReview: { workflow: exitApplicationWorkflow, event: 'approveReview' },
  rejectExitApplicationReview: { workflow: exitApplicationWorkflow, event: 'rejectReview' },
  confirmExitApplication: { workflow: exitApplicationWorkflow, event: 'confirm' },
  rejectExitApplicationConfirmation: { workflow: exitApplicationWorkflow, event: 'rejectConfirmation' },
  inviteUseUnits: { workflow: invitationWorkflow, event: 'invite' },
  respondToInvitation: { workflow: invitationWorkflow, event: 'respond' },
  declineInvitation: { workflow: invitationWorkflow, event: 'decline' },
  acceptInvitation: { workflow: invitationWorkflow, event: 'accept' },
  refuseInvitation: { workflow: invitationWorkflow, event: 'refuse' },
  confirmInvitation: { workflow: invitationWorkflow, event: 'confirm' },
  rejectInvitationConfirmation: { workflow: invitationWorkflow, event: 'rejectConfirmation' },
  applyCapabilitySubscription: { workflow: capabilitySubscriptionWorkflow, event: 'apply' },
  approveCapabilitySubscription: { workflow: capabilitySubscriptionWorkflow, event: 'approve' },
  rejectCapabilitySubscription: { workflow: capabilitySubscriptionWorkflow, event: 'reject' },
};

const SUBJECT_KIND: Record<string, Subject['kind']> = {
  [accessApplicationWorkflow.name]: 'accessApplication',
  [exitApplicationWorkflow.name]: 'exitApplication',
  [invitationWorkflow.name]: 'invitation',
  [capabilitySubscriptionWorkflow.name]: 'capabilitySubscription',
};

function callersOf(performer: Performer, workflow: AnyWorkflow): Caller[] {
  switch (performer) {
    case 'OWNER_ENTERPRISE':
      return (Object.entries(OWNER_IDENTITIES) as [IdentityType, Caller][])
        .filter(([identity]) => workflow !== exitApplicationWorkflow || canExit(identity))
        .map(([, caller]) => caller);
    case 'USE_UNIT':
      return ['useUnit'];
    case 'LOCAL_OFFICER':
      return ['competentOfficer'];
    case 'PROVINCIAL_OFFICER':
      return ['confirmer'];
    case 'SYSTEM':
      return [];
  }
}

function workflowRows(): MatrixRow[] {
  return Object.entries(WORKFLOW_MUTATIONS).map(([field, { workflow, event, from }]) => {
    const rule =
      workflow.transitions.find((r) => r.event === event && (from === undefined || r.from === from)) ??
      (() => {
        throw new Error(`${workflow.name} has no ${event}`);
      })();
    const allowed = callersOf(rule.performer, workflow);
    // invitations also arrive from the enterprise's own system (使用单位管理能力)
    if (field === 'inviteUseUnits') allowed.push('ownApiToken');
    const kind = SUBJECT_KIND[workflow.name] as 'accessApplication';
    // a creation names no existing case: it is aimed at the caller's own enterprise
    const subject: Subject = rule.from === null ? { kind: 'viewer' } : { kind, from: rule.from };
    if (rule.from === null && field !== 'saveAccessApplicationDraft') {
      // other enterprises (and their token) may do the same for themselves
      if (field === 'inviteUseUnits') allowed.push('otherApiToken');
      allowed.push(...(workflow === exitApplicationWorkflow ? [] : ['otherEnterprise' as Caller, 'useUnit' as Caller]));
    }
    if (field === 'saveAccessApplicationDraft') allowed.push('otherEnterprise', 'useUnit');
    return {
      field,
      operation: 'mutation',
      allowed,
      subject,
      source: `${workflow.name}: ${rule.from ?? '∅'} —${event}→ ${rule.to} by ${rule.performer}`,
    };
  });
}

const row = (
  field: string,
  operation: MatrixRow['operation'],
  allowed: readonly Caller[],
  subject: Subject = { kind: 'viewer' },
): MatrixRow => ({ field, operation, allowed, subject, source: 'DESIGN §2' });

/** Bulk invitation decisions and the status their cases start from. */
export const BULK_DECISIONS = [
  ['acceptInvitations', 'PENDING_ACCEPTANCE'],
  ['refuseInvitations', 'PENDING_ACCEPTANCE'],
  ['confirmInvitations', 'PENDING_CONFIRMATION'],
  ['rejectInvitationConfirmations', 'PENDING_CONFIRMATION'],
] as const;

const OWN_WEBHOOK_MANAGERS: Caller[] = [
  ...(Object.entries(OWNER_IDENTITIES) as [IdentityType, Caller][])
    .filter(([identity]) => canManageWebhooks(identity))
    .map(([, caller]) => caller),
  'ownApiToken',
];
const WEBHOOK_MANAGERS: Caller[] = [...OWN_WEBHOOK_MANAGERS, 'otherApiToken'];

const CASE_READERS: Caller[] = [...OWNER, 'competentOfficer', 'confirmer', 'admin'];

export const MATRIX: readonly MatrixRow[] = [
  ...workflowRows(),
  // only operators of an ACTIVE DCU (the use unit here is none)
  row('createApiToken', 'mutation', [...OWNER, 'otherEnterprise']),
  row('revokeApiToken', 'mutation', OWNER, { kind: 'apiToken' }),
  row('importUseUnitInvitations', 'mutation', ENTERPRISE_USERS),
  // 消息通知 and 企业概览: enterprise users of any enterprise, for their own enterprise; no API token
  row('markNotificationsRead', 'mutation', ENTERPRISE_USERS),
  row('replaceRelationshipProof', 'mutation', [...OWNER, 'useUnit'], { kind: 'binding' }),
  row('saveCapability', 'mutation', ['admin']),
  // 平台管理: the platform admin only
  row('saveTaxAuthority', 'mutation', ['admin']),
  row('saveRegistryEnterprise', 'mutation', ['admin']),
  row('importRegistry', 'mutation', ['admin']),
  row('createProvinceRule', 'mutation', ['admin']),
  row('createUserAccount', 'mutation', ['admin']),
  row('updateUserAccount', 'mutation', ['admin']),
  row('resetUserPassword', 'mutation', ['admin']),
  row('resetUserTwoFactor', 'mutation', ['admin']),
  row('unlockUserSignIn', 'mutation', ['admin']),
  // 安全审计: the platform admin (audit administrator) alone
  row('securityLog', 'query', ['admin']),
  row('securityLogExportUrl', 'query', ['admin']),
  row('setUserAccountDisabled', 'mutation', ['admin']),
  // a third-party client's token is refused by every root field it has not opted into, sign-in included
  row('signIn', 'mutation', ['anonymous', ...USERS]),
  // signOut never refuses: for a token (which has no session) it answers false and ends nothing
  row('signOut', 'mutation', CALLERS),
  // 修改密码: a user's own password; an API token has none (FORBIDDEN), nobody without a session may
  row('changePassword', 'mutation', USERS),
  // 双因素认证: a user's own second factor; an API token has none (FORBIDDEN). With no code given, nobody's changes
  row('beginTwoFactorEnrolment', 'mutation', USERS),
  row('confirmTwoFactorEnrolment', 'mutation', USERS),
  row('disableTwoFactor', 'mutation', USERS),
  row('regenerateRecoveryCodes', 'mutation', USERS),
  row('unbindDirectUnit', 'mutation', ['useUnit'], { kind: 'binding' }),
  row('unbindUseUnits', 'mutation', [...OWNER, 'ownApiToken'], { kind: 'binding' }),
  // 授权能力 to a bound use unit: the binding's DCU only (after the first grant the others get DUPLICATE, past
  // authorisation); another enterprise or token gets NOT_FOUND, the use unit FORBIDDEN
  row('authoriseCapabilities', 'mutation', [...OWNER, 'ownApiToken'], { kind: 'binding' }),
  row('uploadMaterial', 'mutation', [...ENTERPRISE_USERS, ...API_TOKENS]),

  row('accessApplication', 'query', CASE_READERS, { kind: 'accessApplication', from: 'PENDING_REVIEW' }),
  row('node', 'query', CASE_READERS, { kind: 'exitApplication', from: 'PENDING_REVIEW' }),
  // the provincial confirmer reads invitations of use units in the province
  row('invitation', 'query', [...OWNER, 'ownApiToken', 'useUnit', 'competentOfficer', 'confirmer', 'admin'], {
    kind: 'invitation',
    from: 'PENDING_ACCEPTANCE',
  }),
  row('apiTokens', 'query', ENTERPRISE_USERS),
  // webhook endpoints: an ACTIVE DCU's legal representative and finance manager and its API tokens, each enterprise
  // its own (another's endpoint is NOT_FOUND); the other DCU's operator is a tax clerk (IDENTITY_NOT_ALLOWED)
  row('webhookEndpoints', 'query', WEBHOOK_MANAGERS),
  row(
    'webhookEventTypes',
    'query',
    CALLERS.filter((caller) => caller !== 'anonymous'),
  ),
  row('createWebhookEndpoint', 'mutation', WEBHOOK_MANAGERS),
  ...['updateWebhookEndpoint', 'rotateWebhookEndpointSecret', 'deleteWebhookEndpoint', 'redeliverWebhook'].map(
    (field) => row(field, 'mutation', OWN_WEBHOOK_MANAGERS, { kind: 'webhookEndpoint' }),
  ),
  row('replayWebhookEndpoint', 'mutation', OWN_WEBHOOK_MANAGERS, { kind: 'webhookEndpoint' }),
  row('auditIntegrity', 'query', ['admin']),
  row('adminTaxAuthorities', 'query', ['admin']),
  row('registryEnterprises', 'query', ['admin']),
  row('registryImports', 'query', ['admin']),
  row('registryImport', 'query', ['admin']),
  row('registryTemplateUrl', 'query', ['admin']),
  row('provinceRuleHistory', 'query', ['admin']),
  row('userAccounts', 'query', ['admin']),
  row('capabilityCatalogue', 'query', ['admin']),
  row('bindings', 'query', [...ENTERPRISE_USERS, ...API_TOKENS]),
  row('capabilities', 'query', [...USERS, ...API_TOKENS]),
  row('materialTemplates', 'query', USERS),
  row('capabilityAuthorisations', 'query', ENTERPRISE_USERS),
  row('capabilityUsability', 'query', ENTERPRISE_USERS),
  row('demoUsers', 'query', ['anonymous', ...USERS]),
  row('passwordPolicy', 'query', ['anonymous', ...USERS]),
  row('eligibilityCheck', 'query', ENTERPRISE_USERS),
  row('enterpriseOverview', 'query', ENTERPRISE_USERS),
  row('exitApplicationFormUrl', 'query', ENTERPRISE_USERS),
  row('exitPrecheck', 'query', ENTERPRISE_USERS),
  row('importRecords', 'query', ENTERPRISE_USERS),
  row('invitationFailureReport', 'query', ENTERPRISE_USERS),
  row('invitationTemplateUrl', 'query', ['anonymous', ...USERS]),
  row('notifications', 'query', ENTERPRISE_USERS),
  row('receivedInvitations', 'query', ENTERPRISE_USERS),
  row('reviewQueue', 'query', [...OFFICERS, 'admin']),
  row('bureauDashboard', 'query', [...OFFICERS, 'admin']),
  // saved queue views are each officer's own: any officer may save one; the cell deletes a view that is nobody's,
  // refused (NOT_FOUND) for everyone — deleting one's own view is tested in bureau-dashboard.test.ts
  row('saveQueueView', 'mutation', [...OFFICERS, 'admin']),
  row('deleteQueueView', 'mutation', []),
  row('sentInvitations', 'query', [...ENTERPRISE_USERS, ...API_TOKENS]),
  row('subscribedCapabilityCodes', 'query', [...ENTERPRISE_USERS, ...API_TOKENS]),
  row('taxAuthorities', 'query', ['anonymous', ...USERS, ...API_TOKENS]),
  row('unreadNotificationCount', 'query', ENTERPRISE_USERS),
  row('viewer', 'query', CALLERS),

  row(
    'caseEvents',
    'subscription',
    CALLERS.filter((c) => c !== 'anonymous'),
  ),
  // subscriptions carry no type scope: the enterprise's own token may follow its own imports
  row('importProgress', 'subscription', [...OWNER, 'ownApiToken'], { kind: 'importRecord' }),
  row('queueChanges', 'subscription', [...OFFICERS, 'admin']),
  // 企业登记信息导入进度: the platform admin only
  row('registryImportProgress', 'subscription', ['admin'], { kind: 'importRecord' }),

  // 认领: officers who may decide the case now; releasing and reassigning also by supervisors (province, admin)
  row('claimCase', 'mutation', ['competentOfficer'], { kind: 'invitation', from: 'PENDING_ACCEPTANCE' }),
  row('releaseCaseClaim', 'mutation', ['competentOfficer', 'confirmer', 'admin'], {
    kind: 'invitation',
    from: 'PENDING_ACCEPTANCE',
  }),
  row('reassignCaseClaim', 'mutation', ['confirmer', 'admin'], { kind: 'invitation', from: 'PENDING_ACCEPTANCE' }),
  // bulk decisions: the same performers as the single decisions, per case
  ...BULK_DECISIONS.map(([field, from]) => row(field, 'mutation', ['competentOfficer'], { kind: 'invitation', from })),
];

/** Error codes that mean "refused by authorisation" (as union members, GraphQL errors, or a node lookup's null). */
export const REFUSAL_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_JURISDICTION',
  'IDENTITY_NOT_ALLOWED',
  'NOT_FOUND',
]);
