// What a live invitation event means to each party, one sentence per event (toast of the enterprise shell).
// The use unit reads about "its direct unit" ({dcu}), the direct unit about "its use unit" ({uu}).
import type { InvitationEvent } from '@leqi/domain';
import type { Lang } from '../../app/i18n.tsx';

type Side = 'directUnit' | 'useUnit';
type Phrase = { zh: string; en: string };

const AS_USE_UNIT: Record<InvitationEvent, Phrase> = {
  invite: { zh: '{dcu} 邀请贵单位接入乐企', en: '{dcu} invites your unit to Leqi' },
  respond: {
    zh: '贵单位已响应 {dcu} 的接入邀请，待主管税务机关受理',
    en: 'Your unit responded to the invitation of {dcu}; awaiting acceptance by your tax authority',
  },
  decline: { zh: '贵单位已拒绝 {dcu} 的接入邀请', en: 'Your unit declined the invitation of {dcu}' },
  accept: {
    zh: '主管税务机关已受理 {dcu} 的接入邀请，待确认',
    en: 'Your tax authority accepted the invitation of {dcu}; awaiting confirmation',
  },
  refuse: {
    zh: '主管税务机关对 {dcu} 的接入邀请不予受理',
    en: 'Your tax authority did not accept the invitation of {dcu}',
  },
  confirm: {
    zh: '{dcu} 的接入邀请已确认通过，贵单位已与其建立绑定关系',
    en: 'The invitation of {dcu} is confirmed; your unit is now bound to it',
  },
  rejectConfirmation: {
    zh: '{dcu} 的接入邀请确认不通过',
    en: 'The invitation of {dcu} was rejected at confirmation',
  },
  cancel: { zh: '{dcu} 的接入邀请已失效', en: 'The invitation of {dcu} was cancelled' },
  unbindByDirectUnit: {
    zh: '{dcu} 已解除与贵单位的绑定关系，相关能力授权同时取消',
    en: '{dcu} unbound your unit; its capability authorisations are revoked',
  },
  unbindByUseUnit: {
    zh: '贵单位已解除与 {dcu} 的绑定关系',
    en: 'Your unit unbound itself from {dcu}',
  },
};

const AS_DIRECT_UNIT: Record<InvitationEvent, Phrase> = {
  invite: { zh: '已邀请 {uu} 接入乐企', en: '{uu} was invited to Leqi' },
  respond: {
    zh: '{uu} 已响应接入邀请，待其主管税务机关受理',
    en: '{uu} responded to the invitation; awaiting acceptance by its tax authority',
  },
  decline: { zh: '{uu} 已拒绝接入邀请', en: '{uu} declined the invitation' },
  accept: {
    zh: '{uu} 的主管税务机关已受理接入邀请，待确认',
    en: 'The tax authority of {uu} accepted the invitation; awaiting confirmation',
  },
  refuse: {
    zh: '{uu} 的主管税务机关对接入邀请不予受理',
    en: 'The tax authority of {uu} did not accept the invitation',
  },
  confirm: {
    zh: '{uu} 的接入邀请已确认通过，已建立绑定关系',
    en: 'The invitation of {uu} is confirmed; it is now bound to your unit',
  },
  rejectConfirmation: {
    zh: '{uu} 的接入邀请确认不通过',
    en: 'The invitation of {uu} was rejected at confirmation',
  },
  cancel: { zh: '对 {uu} 的接入邀请已失效', en: 'The invitation of {uu} was cancelled' },
  unbindByDirectUnit: {
    zh: '已解除与 {uu} 的绑定关系，其能力授权同时取消',
    en: '{uu} was unbound; its capability authorisations are revoked',
  },
  unbindByUseUnit: {
    zh: '{uu} 已解除与贵单位的绑定关系，其能力授权同时取消',
    en: '{uu} unbound itself from your unit; its capability authorisations are revoked',
  },
};

// Events outside the workflow table that still concern both parties.
const OTHER_EVENTS: Record<string, Record<Side, Phrase>> = {
  replaceProof: {
    useUnit: { zh: '与 {dcu} 的关系证明材料已更换', en: 'The relationship proof with {dcu} was replaced' },
    directUnit: { zh: '与 {uu} 的关系证明材料已更换', en: 'The relationship proof with {uu} was replaced' },
  },
  authoriseCapabilities: {
    useUnit: { zh: '{dcu} 已向贵单位授权能力', en: '{dcu} authorised capabilities to your unit' },
    directUnit: { zh: '已向 {uu} 授权能力', en: 'Capabilities authorised to {uu}' },
  },
};

const FALLBACK: Record<Side, Phrase> = {
  useUnit: { zh: '{dcu} 的接入邀请有更新', en: 'The invitation of {dcu} was updated' },
  directUnit: { zh: '对 {uu} 的接入邀请有更新', en: 'The invitation of {uu} was updated' },
};

/** One sentence saying what `event` did, as read by `side`, with the officer's reason when there is one. */
export function invitationEventText(input: {
  event: string;
  side: Side;
  directUnitName: string;
  useUnitName: string;
  reason?: string | null;
  lang: Lang;
}): string {
  const table = input.side === 'useUnit' ? AS_USE_UNIT : AS_DIRECT_UNIT;
  const phrase =
    (table as Record<string, Phrase>)[input.event] ?? OTHER_EVENTS[input.event]?.[input.side] ?? FALLBACK[input.side];
  const text = phrase[input.lang].replace('{dcu}', input.directUnitName).replace('{uu}', input.useUnitName);
  if (!input.reason) return text;
  return input.lang === 'en' ? `${text}. Reason: ${input.reason}` : `${text}。原因：${input.reason}`;
}
