// 消息通知的措辞: an audit event turned into one sentence in the manual's words (zh-CN and en).
import { type Locale, REVIEW_KIND_WORKFLOWS, type ReviewKind } from '@leqi/domain';

type Label = { zh: string; en: string };

const CASE_KIND_LABELS: Record<ReviewKind, Label> = {
  ACCESS_APPLICATION: { zh: '接入申请', en: 'Access application' },
  EXIT_APPLICATION: { zh: '退出申请', en: 'Exit application' },
  INVITATION: { zh: '接入邀请', en: 'Invitation' },
  CAPABILITY_SUBSCRIPTION: { zh: '能力订阅申请', en: 'Capability subscription application' },
};

const EVENT_LABELS: Record<string, Label> = {
  saveDraft: { zh: '已保存草稿', en: 'draft saved' },
  submit: { zh: '已提交', en: 'submitted' },
  accept: { zh: '已受理', en: 'accepted' },
  refuse: { zh: '不予受理', en: 'not accepted' },
  approveReview: { zh: '复核通过', en: 'review approved' },
  rejectReview: { zh: '复核不通过', en: 'review rejected' },
  confirm: { zh: '确认通过', en: 'confirmed' },
  rejectConfirmation: { zh: '确认不通过', en: 'confirmation rejected' },
  invite: { zh: '已发起邀请', en: 'invitation sent' },
  respond: { zh: '使用单位已确认邀请', en: 'the use unit responded' },
  decline: { zh: '使用单位已拒绝邀请', en: 'the use unit declined' },
  cancel: { zh: '已失效', en: 'cancelled' },
  unbindByDirectUnit: { zh: '直连单位已解除绑定', en: 'unbound by the direct-connect unit' },
  unbindByUseUnit: { zh: '使用单位已解除绑定', en: 'unbound by the use unit' },
  replaceProof: { zh: '已更换关联关系证明材料', en: 'relationship proof replaced' },
  authoriseCapabilities: { zh: '直连单位已授权能力', en: 'capabilities authorised by the direct-connect unit' },
  apply: { zh: '已提交订阅申请', en: 'subscription applied for' },
  approve: { zh: '审核通过', en: 'approved' },
  reject: { zh: '审核不通过', en: 'rejected' },
  revoke: { zh: '已取消', en: 'revoked' },
};

interface NotifiableEvent {
  caseKind: string;
  event: string;
  toStatus: string | null;
  reason: string | null;
}

const pick = (label: Label | undefined, locale: Locale, fallback: string) =>
  label ? (locale === 'en' ? label.en : label.zh) : fallback;

export function caseKindLabel(caseKind: string, locale: Locale): string {
  return pick(CASE_KIND_LABELS[caseKind as ReviewKind], locale, caseKind);
}

export function statusLabel(caseKind: string, status: string | null, locale: Locale): string | null {
  if (!status) return null;
  const workflow = REVIEW_KIND_WORKFLOWS[caseKind as ReviewKind];
  const info = (workflow?.statusInfo as Record<string, Label> | undefined)?.[status];
  return pick(info, locale, status);
}

/** `subject` names the other party (e.g. the use unit of an invitation).
 * "接入申请已受理，当前状态：待复核。" / "Access application accepted; status: Pending review." */
export function phraseNotification(event: NotifiableEvent, locale: Locale, subject?: string | null): string {
  const kind = caseKindLabel(event.caseKind, locale);
  const what = pick(EVENT_LABELS[event.event], locale, event.event);
  const status = statusLabel(event.caseKind, event.toStatus, locale);
  if (locale === 'en') {
    const head = `${kind}${subject ? ` (${subject})` : ''} ${what}`;
    return endSentence(
      `${head}${status ? `; status: ${status}` : ''}${event.reason ? `; reason: ${event.reason}` : ''}`,
      '.',
    );
  }
  const head = `${kind}${subject ? `（${subject}）` : ''}${what}`;
  return endSentence(
    `${head}${status ? `，当前状态：${status}` : ''}${event.reason ? `，原因：${event.reason}` : ''}`,
    '。',
  );
}

/** Ends the sentence once: an officer's reason often ends with its own full stop (…不一致。 must not become 。。). */
function endSentence(text: string, stop: string): string {
  return /[。．.！!？?]$/.test(text.trimEnd()) ? text.trimEnd() : `${text}${stop}`;
}
