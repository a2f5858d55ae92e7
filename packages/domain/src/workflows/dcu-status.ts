// 直连单位状态: an enterprise's life as a direct-connect unit. Its transitions are consequences of case decisions
// (the system performs them inside the deciding transaction); each rule names the mutation that causes it.
import { canExit, type IdentityType } from '../actors.ts';
import type { ExitApplicationStatus } from './exit-application.ts';
import { findTransition, rule, type StatusInfo, type TransitionRule, type Workflow } from './workflow.ts';

export const DCU_STATUSES = ['NOT_CONNECTED', 'ACTIVE', 'EXITING', 'EXITED'] as const;
export type DcuStatus = (typeof DCU_STATUSES)[number];

const statusInfo: Record<DcuStatus, StatusInfo> = {
  NOT_CONNECTED: { zh: '未接入', en: 'Not connected', terminal: false },
  ACTIVE: { zh: '已接入', en: 'Connected', terminal: false },
  EXITING: { zh: '退出中', en: 'Exiting', terminal: false },
  // an exited enterprise may apply for access again
  EXITED: { zh: '已退出', en: 'Exited', terminal: false },
};

export const DCU_STATUS_LABELS: Record<DcuStatus, { zh: string; en: string }> = {
  NOT_CONNECTED: { zh: statusInfo.NOT_CONNECTED.zh, en: statusInfo.NOT_CONNECTED.en },
  ACTIVE: { zh: statusInfo.ACTIVE.zh, en: statusInfo.ACTIVE.en },
  EXITING: { zh: statusInfo.EXITING.zh, en: statusInfo.EXITING.en },
  EXITED: { zh: statusInfo.EXITED.zh, en: statusInfo.EXITED.en },
};

export const DCU_EVENTS = [
  'register',
  'accessConfirmed',
  'exitSubmitted',
  'exitConfirmed',
  'exitRefused',
  'exitReviewRejected',
  'exitConfirmationRejected',
] as const;
export type DcuEvent = (typeof DCU_EVENTS)[number];

/** Named effects of the DCU's transitions, performed by the server in the deciding transaction. */
export type DcuEffect =
  | 'activateDcu'
  | 'startExit'
  | 'cancelInFlight'
  | 'endDcu'
  | 'revokeAuthorisations'
  | 'resumeDcu';

type Rule = TransitionRule<DcuStatus, DcuEvent>;
const effects = (...names: DcuEffect[]) => names;

const transitions: readonly Rule[] = [
  rule(null, 'register', 'NOT_CONNECTED', 'SYSTEM', { mutation: 'saveRegistryEntry' }),
  // 确认通过 of an access application: the 乐企ID and two years' validity are issued
  rule('NOT_CONNECTED', 'accessConfirmed', 'ACTIVE', 'SYSTEM', {
    mutation: 'confirmAccessApplication',
    effects: effects('activateDcu'),
  }),
  rule('EXITED', 'accessConfirmed', 'ACTIVE', 'SYSTEM', {
    mutation: 'confirmAccessApplication',
    effects: effects('activateDcu'),
  }),
  // an exit application is submitted: invitations and subscriptions in flight are cancelled
  rule('ACTIVE', 'exitSubmitted', 'EXITING', 'SYSTEM', {
    mutation: 'submitExitApplication',
    effects: effects('startExit', 'cancelInFlight'),
  }),
  // 确认通过 of the exit: the 乐企ID and validity end, subscriptions and authorisations are revoked
  rule('EXITING', 'exitConfirmed', 'EXITED', 'SYSTEM', {
    mutation: 'confirmExitApplication',
    effects: effects('endDcu', 'revokeAuthorisations'),
  }),
  // 退出申请失败，仍保留直连资格
  rule('EXITING', 'exitRefused', 'ACTIVE', 'SYSTEM', {
    mutation: 'refuseExitApplication',
    effects: effects('resumeDcu'),
  }),
  rule('EXITING', 'exitReviewRejected', 'ACTIVE', 'SYSTEM', {
    mutation: 'rejectExitApplicationReview',
    effects: effects('resumeDcu'),
  }),
  rule('EXITING', 'exitConfirmationRejected', 'ACTIVE', 'SYSTEM', {
    mutation: 'rejectExitApplicationConfirmation',
    effects: effects('resumeDcu'),
  }),
];

export const dcuStatusWorkflow: Workflow<DcuStatus, DcuEvent> = {
  name: 'dcuStatus',
  statuses: DCU_STATUSES,
  events: DCU_EVENTS,
  statusInfo,
  transitions,
};

/** The DCU event an exit application's event causes, if any. */
export const DCU_EVENT_OF_EXIT: Partial<Record<string, DcuEvent>> = {
  submit: 'exitSubmitted',
  confirm: 'exitConfirmed',
  refuse: 'exitRefused',
  rejectReview: 'exitReviewRejected',
  rejectConfirmation: 'exitConfirmationRejected',
};

/** An enterprise may start an access application only when it is not (or no longer) a DCU. */
export function mayApplyForAccess(dcuStatus: DcuStatus): boolean {
  return dcuStatus === 'NOT_CONNECTED' || dcuStatus === 'EXITED';
}

/** Only an ACTIVE DCU invites, subscribes, uses capabilities and may apply to exit. */
export function isActiveDcu(dcuStatus: DcuStatus): boolean {
  return dcuStatus === 'ACTIVE';
}

/**
 * Whether an operator of this identity may start an exit application for an enterprise in this DCU status: their
 * identity allows it and the DCU table has an exit submission from the status (only an ACTIVE DCU, none in flight).
 * Active bindings are checked later by the exit's precheck, so that the operator is told how many to unbind.
 */
export function mayApplyForExit(identityType: IdentityType, dcuStatus: DcuStatus): boolean {
  return canExit(identityType) && findTransition(dcuStatusWorkflow, dcuStatus, 'exitSubmitted') !== undefined;
}

/** DCU status after a decision on its exit application. */
export function dcuStatusAfterExit(exitStatus: ExitApplicationStatus): DcuStatus {
  if (exitStatus === 'CONFIRMED') return 'EXITED';
  if (exitStatus === 'NOT_ACCEPTED' || exitStatus === 'REVIEW_REJECTED' || exitStatus === 'CONFIRMATION_REJECTED') {
    return 'ACTIVE';
  }
  return 'EXITING';
}
