import { bureauReviewRules } from './access-application.ts';
import { rule, type StatusInfo, type TransitionRule, type Workflow } from './workflow.ts';

/** 退出乐企 (DESIGN §3.3; manual §3.6.3): the access application's bureau steps, without a draft. */
export const EXIT_APPLICATION_STATUSES = [
  'PENDING_ACCEPTANCE',
  'NOT_ACCEPTED',
  'PENDING_REVIEW',
  'REVIEW_REJECTED',
  'PENDING_CONFIRMATION',
  'CONFIRMED',
  'CONFIRMATION_REJECTED',
] as const;
export type ExitApplicationStatus = (typeof EXIT_APPLICATION_STATUSES)[number];

export const EXIT_APPLICATION_EVENTS = [
  'submit',
  'accept',
  'refuse',
  'approveReview',
  'rejectReview',
  'confirm',
  'rejectConfirmation',
] as const;
export type ExitApplicationEvent = (typeof EXIT_APPLICATION_EVENTS)[number];

const statusInfo: Record<ExitApplicationStatus, StatusInfo> = {
  PENDING_ACCEPTANCE: { zh: '待受理', en: 'Pending acceptance', terminal: false, step: 'ACCEPTANCE' },
  NOT_ACCEPTED: { zh: '不予受理', en: 'Not accepted', terminal: true },
  PENDING_REVIEW: { zh: '待复核', en: 'Pending review', terminal: false, step: 'REVIEW' },
  REVIEW_REJECTED: { zh: '复核不通过', en: 'Review rejected', terminal: true },
  PENDING_CONFIRMATION: { zh: '待确认', en: 'Pending confirmation', terminal: false, step: 'CONFIRMATION' },
  CONFIRMED: { zh: '确认通过', en: 'Confirmed', terminal: true },
  CONFIRMATION_REJECTED: { zh: '确认不通过', en: 'Confirmation rejected', terminal: true },
};

const transitions: readonly TransitionRule<ExitApplicationStatus, ExitApplicationEvent>[] = [
  // the DCU becomes EXITING (直连单位状态 exitSubmitted); invitations and subscriptions in flight are cancelled
  rule(null, 'submit', 'PENDING_ACCEPTANCE', 'OWNER_ENTERPRISE', {
    mutation: 'submitExitApplication',
    effects: ['startExit', 'cancelInFlight'],
  }),
  ...bureauReviewRules<ExitApplicationStatus>(
    {
      pendingAcceptance: 'PENDING_ACCEPTANCE',
      notAccepted: 'NOT_ACCEPTED',
      pendingReview: 'PENDING_REVIEW',
      reviewRejected: 'REVIEW_REJECTED',
      pendingConfirmation: 'PENDING_CONFIRMATION',
      confirmed: 'CONFIRMED',
      confirmationRejected: 'CONFIRMATION_REJECTED',
    },
    {
      accept: 'acceptExitApplication',
      refuse: 'refuseExitApplication',
      approveReview: 'approveExitApplicationReview',
      rejectReview: 'rejectExitApplicationReview',
      confirm: 'confirmExitApplication',
      rejectConfirmation: 'rejectExitApplicationConfirmation',
    },
    // 确认通过 ends the DCU; any rejection leaves it ACTIVE (退出申请失败，仍保留直连资格)
    {
      confirm: ['endDcu', 'revokeAuthorisations'],
      refuse: ['resumeDcu'],
      rejectReview: ['resumeDcu'],
      rejectConfirmation: ['resumeDcu'],
    },
  ),
];

export const exitApplicationWorkflow: Workflow<ExitApplicationStatus, ExitApplicationEvent> = {
  name: 'exitApplication',
  statuses: EXIT_APPLICATION_STATUSES,
  events: EXIT_APPLICATION_EVENTS,
  statusInfo,
  transitions,
};

export const IN_FLIGHT_EXIT_STATUSES: readonly ExitApplicationStatus[] = [
  'PENDING_ACCEPTANCE',
  'PENDING_REVIEW',
  'PENDING_CONFIRMATION',
];

/** On any of these the DCU is ACTIVE again and may re-apply to exit. */
export const REJECTED_EXIT_STATUSES: readonly ExitApplicationStatus[] = [
  'NOT_ACCEPTED',
  'REVIEW_REJECTED',
  'CONFIRMATION_REJECTED',
];
