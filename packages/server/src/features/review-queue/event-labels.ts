import type { Locale } from '@leqi/domain';

/** Button labels of the workflow events, in the manual's words. */
const EVENT_LABELS: Record<string, { zh: string; en: string }> = {
  saveDraft: { zh: '保存草稿', en: 'Save draft' },
  submit: { zh: '提交', en: 'Submit' },
  accept: { zh: '受理', en: 'Accept' },
  refuse: { zh: '不予受理', en: 'Refuse' },
  approveReview: { zh: '复核通过', en: 'Approve review' },
  rejectReview: { zh: '复核不通过', en: 'Reject review' },
  confirm: { zh: '确认通过', en: 'Confirm' },
  rejectConfirmation: { zh: '确认不通过', en: 'Reject confirmation' },
  respond: { zh: '确认邀请', en: 'Respond' },
  decline: { zh: '拒绝邀请', en: 'Decline' },
  approve: { zh: '审核通过', en: 'Approve' },
  reject: { zh: '审核不通过', en: 'Reject' },
  unbindByDirectUnit: { zh: '解除绑定', en: 'Unbind' },
  unbindByUseUnit: { zh: '解除绑定', en: 'Unbind' },
  claim: { zh: '认领', en: 'Claim' },
  releaseClaim: { zh: '释放认领', en: 'Release claim' },
  reassignClaim: { zh: '改派', en: 'Reassign claim' },
  claimExpired: { zh: '认领已失效', en: 'Claim expired' },
};

export function eventLabel(event: string, locale: Locale): string {
  const label = EVENT_LABELS[event];
  return label ? (locale === 'en' ? label.en : label.zh) : event;
}
