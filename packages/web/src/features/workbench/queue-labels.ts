import type { ReviewKind, ReviewStep } from '@leqi/domain';
import type { MessageKey } from '../../app/messages.ts';

/** Each kind's name and each queue's tab name, as the queue page and the dashboard both show them. */
export const KIND_LABELS: Record<ReviewKind, MessageKey> = {
  ACCESS_APPLICATION: 'kindAccessApplication',
  EXIT_APPLICATION: 'kindExitApplication',
  INVITATION: 'kindInvitation',
  CAPABILITY_SUBSCRIPTION: 'kindCapabilitySubscription',
};

const STEP_LABELS: Record<ReviewStep, MessageKey> = {
  ACCEPTANCE: 'tabAcceptance',
  REVIEW: 'tabReview',
  CONFIRMATION: 'tabConfirmation',
};

/** A queue's tab: 能力订阅 has one step, 审核 (待审核), where the others have 受理 / 复核 / 确认. */
export function queueTabLabel(kind: ReviewKind, step: ReviewStep): MessageKey {
  return kind === 'CAPABILITY_SUBSCRIPTION' ? 'tabApproval' : STEP_LABELS[step];
}
