import { rule, type StatusInfo, type TransitionRule, type Workflow } from './workflow.ts';

/** 能力订阅申请 (DESIGN §3.4): one bureau step, decided by the DCU's competent authority. */
export const CAPABILITY_SUBSCRIPTION_STATUSES = [
  'PENDING_APPROVAL',
  'APPROVED',
  'REJECTED',
  'CANCELLED',
  'REVOKED',
] as const;
export type CapabilitySubscriptionStatus = (typeof CAPABILITY_SUBSCRIPTION_STATUSES)[number];

export const CAPABILITY_SUBSCRIPTION_EVENTS = ['apply', 'approve', 'reject', 'cancel', 'revoke'] as const;
export type CapabilitySubscriptionEvent = (typeof CAPABILITY_SUBSCRIPTION_EVENTS)[number];

const statusInfo: Record<CapabilitySubscriptionStatus, StatusInfo> = {
  // The single 审核 step is queued under REVIEW.
  PENDING_APPROVAL: { zh: '待审核', en: 'Pending approval', terminal: false, step: 'REVIEW' },
  // Terminal for the review; the subscription stays in force until the DCU's exit is confirmed.
  APPROVED: { zh: '审核通过', en: 'Approved', terminal: true },
  REJECTED: { zh: '审核不通过', en: 'Rejected', terminal: true },
  CANCELLED: { zh: '已失效', en: 'Cancelled', terminal: true },
  REVOKED: { zh: '已取消', en: 'Revoked', terminal: true },
};

const transitions: readonly TransitionRule<CapabilitySubscriptionStatus, CapabilitySubscriptionEvent>[] = [
  rule(null, 'apply', 'PENDING_APPROVAL', 'OWNER_ENTERPRISE', { mutation: 'applyCapabilitySubscription' }),
  // 审核通过: the DCU itself is authorised to use the capabilities it subscribed, until their validity ends
  rule('PENDING_APPROVAL', 'approve', 'APPROVED', 'LOCAL_OFFICER', {
    step: 'REVIEW',
    mutation: 'approveCapabilitySubscription',
    effects: ['authoriseDcu'],
  }),
  rule('PENDING_APPROVAL', 'reject', 'REJECTED', 'LOCAL_OFFICER', {
    step: 'REVIEW',
    needsReason: true,
    mutation: 'rejectCapabilitySubscription',
  }),
  // System: the DCU submitted its exit (in-flight applications are set unsuccessful) …
  rule('PENDING_APPROVAL', 'cancel', 'CANCELLED', 'SYSTEM'),
  // … or its exit was confirmed (subscribed capabilities are cancelled).
  rule('APPROVED', 'revoke', 'REVOKED', 'SYSTEM'),
];

export const capabilitySubscriptionWorkflow: Workflow<CapabilitySubscriptionStatus, CapabilitySubscriptionEvent> = {
  name: 'capabilitySubscription',
  statuses: CAPABILITY_SUBSCRIPTION_STATUSES,
  events: CAPABILITY_SUBSCRIPTION_EVENTS,
  statusInfo,
  transitions,
};

export const IN_FLIGHT_SUBSCRIPTION_STATUSES: readonly CapabilitySubscriptionStatus[] = ['PENDING_APPROVAL'];

/** 能力授权 from a DCU to a bound use unit (or to itself). */
export const AUTHORISATION_STATUSES = ['ACTIVE', 'REVOKED'] as const;
export type AuthorisationStatus = (typeof AUTHORISATION_STATUSES)[number];
export const AUTHORISATION_STATUS_LABELS: Record<AuthorisationStatus, { zh: string; en: string }> = {
  ACTIVE: { zh: '已授权', en: 'Active' },
  REVOKED: { zh: '已取消', en: 'Revoked' },
};

/** Default validity end of an authorisation (能力授权有效期止). */
export const DEFAULT_AUTHORISATION_VALID_TO = '2099-01-01';
/** 每项能力日使用量 upper bound. */
export const MAX_DAILY_CALL_VOLUME = 99999;
/** 使用单位管理能力: public, needs no subscription. */
export const USE_UNIT_MANAGEMENT_CAPABILITY_CODE = '100010';
