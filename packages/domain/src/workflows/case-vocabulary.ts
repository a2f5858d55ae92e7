// The words a review case's history is written in: every status and every event any of the four review kinds can
// record, with the manual's names. The API's CaseStatus and CaseEventName enums are generated from these lists.

import type { Label } from '../actors.ts';
import { BUREAU_ONLY_CASE_EVENTS, PARTY_ONLY_CASE_EVENTS } from '../rules/case-visibility.ts';
import type { AccessApplicationEvent, AccessApplicationStatus } from './access-application.ts';
import type { CapabilitySubscriptionEvent, CapabilitySubscriptionStatus } from './capability-subscription.ts';
import type { ExitApplicationEvent, ExitApplicationStatus } from './exit-application.ts';
import type { InvitationEvent, InvitationStatus } from './invitation.ts';
import { REVIEW_KIND_WORKFLOWS } from './registry.ts';
import type { ReviewKind } from './workflow.ts';

export const REVIEW_KIND_LABELS: Record<ReviewKind, Label> = {
  ACCESS_APPLICATION: { zh: '接入申请', en: 'Access application' },
  EXIT_APPLICATION: { zh: '退出申请', en: 'Exit application' },
  INVITATION: { zh: '接入邀请', en: 'Invitation' },
  CAPABILITY_SUBSCRIPTION: { zh: '能力订阅申请', en: 'Capability subscription application' },
};

export type CaseStatus =
  | AccessApplicationStatus
  | ExitApplicationStatus
  | InvitationStatus
  | CapabilitySubscriptionStatus;

/** Every status of the review kinds, each once, in the order the tables list them. */
export const CASE_STATUSES: readonly CaseStatus[] = [
  ...new Set(Object.values(REVIEW_KIND_WORKFLOWS).flatMap((workflow) => workflow.statuses as readonly CaseStatus[])),
];

/**
 * Recorded on a case without being transitions of its table: an invitation's proof replaced, capabilities authorised
 * to its bound use unit. They leave the status as it was.
 */
export const CASE_ANNOTATION_EVENTS = ['replaceProof', 'authoriseCapabilities'] as const;

export type CaseEventName =
  | AccessApplicationEvent
  | ExitApplicationEvent
  | InvitationEvent
  | CapabilitySubscriptionEvent
  | (typeof BUREAU_ONLY_CASE_EVENTS)[number]
  | (typeof PARTY_ONLY_CASE_EVENTS)[number]
  | (typeof CASE_ANNOTATION_EVENTS)[number];

/** Every event a review case's audit trail can hold. */
export const CASE_EVENT_NAMES: readonly CaseEventName[] = [
  ...new Set<CaseEventName>([
    ...Object.values(REVIEW_KIND_WORKFLOWS).flatMap((workflow) => workflow.events as readonly CaseEventName[]),
    ...BUREAU_ONLY_CASE_EVENTS,
    ...PARTY_ONLY_CASE_EVENTS,
    ...CASE_ANNOTATION_EVENTS,
  ]),
];

/** The manual's words for each event: the button an officer or enterprise presses, or what the system did. */
export const CASE_EVENT_LABELS: Record<CaseEventName, Label> = {
  saveDraft: { zh: '保存草稿', en: 'Save draft' },
  submit: { zh: '提交', en: 'Submit' },
  accept: { zh: '受理', en: 'Accept' },
  refuse: { zh: '不予受理', en: 'Refuse' },
  approveReview: { zh: '复核通过', en: 'Approve review' },
  rejectReview: { zh: '复核不通过', en: 'Reject review' },
  confirm: { zh: '确认通过', en: 'Confirm' },
  rejectConfirmation: { zh: '确认不通过', en: 'Reject confirmation' },
  invite: { zh: '邀请使用单位', en: 'Invite use unit' },
  respond: { zh: '确认邀请', en: 'Respond' },
  decline: { zh: '拒绝邀请', en: 'Decline' },
  cancel: { zh: '自动失效', en: 'Cancelled by the system' },
  unbindByDirectUnit: { zh: '解除绑定', en: 'Unbind' },
  unbindByUseUnit: { zh: '解除绑定', en: 'Unbind' },
  apply: { zh: '申请订阅', en: 'Apply for subscription' },
  approve: { zh: '审核通过', en: 'Approve' },
  reject: { zh: '审核不通过', en: 'Reject' },
  revoke: { zh: '取消订阅', en: 'Revoke subscription' },
  claim: { zh: '认领', en: 'Claim' },
  releaseClaim: { zh: '释放认领', en: 'Release claim' },
  reassignClaim: { zh: '改派', en: 'Reassign claim' },
  claimExpired: { zh: '认领已失效', en: 'Claim expired' },
  replaceProof: { zh: '更换关联关系证明材料', en: 'Replace relationship proof' },
  authoriseCapabilities: { zh: '能力授权', en: 'Authorise capabilities' },
};

export function isCaseStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
}

export function isCaseEventName(value: string): value is CaseEventName {
  return value in CASE_EVENT_LABELS;
}

/** The status's name in each kind that has it, e.g. 确认通过 for both applications and invitations. */
export function caseStatusLabels(status: CaseStatus): { kind: ReviewKind; label: Label }[] {
  return (Object.entries(REVIEW_KIND_WORKFLOWS) as [ReviewKind, (typeof REVIEW_KIND_WORKFLOWS)[ReviewKind]][]).flatMap(
    ([kind, workflow]) => {
      const info = (workflow.statusInfo as Record<string, Label | undefined>)[status];
      return info ? [{ kind, label: { zh: info.zh, en: info.en } }] : [];
    },
  );
}

/** What an audit trail can be about: a review case, or an entity the platform admin changes (its own hash chain). */
export const AUDIT_SUBJECT_KINDS = [
  'ACCESS_APPLICATION',
  'EXIT_APPLICATION',
  'INVITATION',
  'CAPABILITY_SUBSCRIPTION',
  'ADMIN_AUTHORITY',
  'ADMIN_ENTERPRISE',
  'ADMIN_PROVINCE_RULE',
  'ADMIN_USER',
  'CAPABILITY',
] as const satisfies readonly (ReviewKind | string)[];
export type AuditSubjectKind = (typeof AUDIT_SUBJECT_KINDS)[number];

export const AUDIT_SUBJECT_KIND_LABELS: Record<AuditSubjectKind, Label> = {
  ...REVIEW_KIND_LABELS,
  ADMIN_AUTHORITY: { zh: '税务机关信息', en: 'Tax authority record' },
  ADMIN_ENTERPRISE: { zh: '企业登记信息', en: 'Enterprise registry record' },
  ADMIN_PROVINCE_RULE: { zh: '省级接入标准', en: 'Province access rule' },
  ADMIN_USER: { zh: '用户账号', en: 'User account' },
  CAPABILITY: { zh: '能力目录', en: 'Capability catalogue entry' },
};

/**
 * Whether an audit event speaks the vocabulary of its kind: a review case's event and statuses must be the
 * contract's (CaseEventName, CaseStatus), or clients could not read its history.
 */
export function isInCaseVocabulary(event: {
  caseKind: string;
  event: string;
  fromStatus?: string | null;
  toStatus?: string | null;
}): boolean {
  if (!(event.caseKind in REVIEW_KIND_LABELS)) return true;
  const statusOk = (status: string | null | undefined) => status == null || isCaseStatus(status);
  return isCaseEventName(event.event) && statusOk(event.fromStatus) && statusOk(event.toStatus);
}
