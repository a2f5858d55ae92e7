import { rule, type StatusInfo, type TransitionRule, type Workflow } from './workflow.ts';

/** 接入类型: self-use is the only access type this system handles. */
export const ACCESS_TYPE = 'SELF_USE';
export type AccessType = typeof ACCESS_TYPE;
export const ACCESS_TYPE_LABEL = { zh: '乐企自用', en: 'Self-use' } as const;

/** 接入申请 (DESIGN §3.1; manual §3.3.2) */
export const ACCESS_APPLICATION_STATUSES = [
  'DRAFT',
  'PENDING_ACCEPTANCE',
  'NOT_ACCEPTED',
  'PENDING_REVIEW',
  'REVIEW_REJECTED',
  'PENDING_CONFIRMATION',
  'CONFIRMED',
  'CONFIRMATION_REJECTED',
] as const;
export type AccessApplicationStatus = (typeof ACCESS_APPLICATION_STATUSES)[number];

export const ACCESS_APPLICATION_EVENTS = [
  'saveDraft',
  'submit',
  'accept',
  'refuse',
  'approveReview',
  'rejectReview',
  'confirm',
  'rejectConfirmation',
] as const;
export type AccessApplicationEvent = (typeof ACCESS_APPLICATION_EVENTS)[number];

const statusInfo: Record<AccessApplicationStatus, StatusInfo> = {
  DRAFT: { zh: '草稿', en: 'Draft', terminal: false },
  PENDING_ACCEPTANCE: { zh: '待受理', en: 'Pending acceptance', terminal: false, step: 'ACCEPTANCE' },
  NOT_ACCEPTED: { zh: '不予受理', en: 'Not accepted', terminal: true },
  PENDING_REVIEW: { zh: '待复核', en: 'Pending review', terminal: false, step: 'REVIEW' },
  REVIEW_REJECTED: { zh: '复核不通过', en: 'Review rejected', terminal: true },
  PENDING_CONFIRMATION: { zh: '待确认', en: 'Pending confirmation', terminal: false, step: 'CONFIRMATION' },
  CONFIRMED: { zh: '确认通过', en: 'Confirmed', terminal: true },
  CONFIRMATION_REJECTED: { zh: '确认不通过', en: 'Confirmation rejected', terminal: true },
};

type Rule = TransitionRule<AccessApplicationStatus, AccessApplicationEvent>;

/** The three bureau steps shared by access and exit applications: 受理 → 复核 → 确认. */
export type BureauReviewEvent =
  | 'accept'
  | 'refuse'
  | 'approveReview'
  | 'rejectReview'
  | 'confirm'
  | 'rejectConfirmation';

/**
 * The three bureau steps shared by access and exit applications: 受理 → 复核 → 确认. Each kind names its own
 * mutations (written out in its file, so that a search finds them) and the effects of each step.
 */
export function bureauReviewRules<S extends string>(
  states: {
    pendingAcceptance: S;
    notAccepted: S;
    pendingReview: S;
    reviewRejected: S;
    pendingConfirmation: S;
    confirmed: S;
    confirmationRejected: S;
  },
  mutations: Record<BureauReviewEvent, string>,
  effects: Partial<Record<BureauReviewEvent, readonly string[]>> = {},
): TransitionRule<S, BureauReviewEvent>[] {
  const s = states;
  const named = (event: BureauReviewEvent) => ({ mutation: mutations[event], effects: effects[event] ?? [] });
  return [
    rule(s.pendingAcceptance, 'accept', s.pendingReview, 'LOCAL_OFFICER', { step: 'ACCEPTANCE', ...named('accept') }),
    rule(s.pendingAcceptance, 'refuse', s.notAccepted, 'LOCAL_OFFICER', {
      step: 'ACCEPTANCE',
      needsReason: true,
      ...named('refuse'),
    }),
    // 复核 must be done by another officer than the one who accepted (four eyes).
    rule(s.pendingReview, 'approveReview', s.pendingConfirmation, 'LOCAL_OFFICER', {
      step: 'REVIEW',
      fourEyes: true,
      ...named('approveReview'),
    }),
    rule(s.pendingReview, 'rejectReview', s.reviewRejected, 'LOCAL_OFFICER', {
      step: 'REVIEW',
      needsReason: true,
      fourEyes: true,
      ...named('rejectReview'),
    }),
    rule(s.pendingConfirmation, 'confirm', s.confirmed, 'PROVINCIAL_OFFICER', {
      step: 'CONFIRMATION',
      ...named('confirm'),
    }),
    rule(s.pendingConfirmation, 'rejectConfirmation', s.confirmationRejected, 'PROVINCIAL_OFFICER', {
      step: 'CONFIRMATION',
      needsReason: true,
      ...named('rejectConfirmation'),
    }),
  ];
}

const transitions: readonly Rule[] = [
  rule(null, 'saveDraft', 'DRAFT', 'OWNER_ENTERPRISE', { mutation: 'saveAccessApplicationDraft' }),
  rule('DRAFT', 'saveDraft', 'DRAFT', 'OWNER_ENTERPRISE', { mutation: 'saveAccessApplicationDraft' }),
  rule('DRAFT', 'submit', 'PENDING_ACCEPTANCE', 'OWNER_ENTERPRISE', { mutation: 'submitAccessApplication' }),
  ...bureauReviewRules<AccessApplicationStatus>(
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
      accept: 'acceptAccessApplication',
      refuse: 'refuseAccessApplication',
      approveReview: 'approveAccessApplicationReview',
      rejectReview: 'rejectAccessApplicationReview',
      confirm: 'confirmAccessApplication',
      rejectConfirmation: 'rejectAccessApplicationConfirmation',
    },
    // 确认通过: the enterprise becomes an ACTIVE DCU (直连单位状态 accessConfirmed)
    { confirm: ['activateDcu'] },
  ),
];

export const accessApplicationWorkflow: Workflow<AccessApplicationStatus, AccessApplicationEvent> = {
  name: 'accessApplication',
  statuses: ACCESS_APPLICATION_STATUSES,
  events: ACCESS_APPLICATION_EVENTS,
  statusInfo,
  transitions,
};

/** An enterprise has at most one access application in one of these statuses. */
export const IN_FLIGHT_ACCESS_STATUSES: readonly AccessApplicationStatus[] = [
  'DRAFT',
  'PENDING_ACCEPTANCE',
  'PENDING_REVIEW',
  'PENDING_CONFIRMATION',
];

/** After these the enterprise may apply again (a new application, prefilled from this one). */
export const REJECTED_ACCESS_STATUSES: readonly AccessApplicationStatus[] = [
  'NOT_ACCEPTED',
  'REVIEW_REJECTED',
  'CONFIRMATION_REJECTED',
];
