// 乐企自用接入有效期: self-use access lasts two natural years from confirmation; renewal is asked for at
// least three months before it ends (official FAQ), so the dashboard reminds from three months before the end.

import { ACCESS_VALIDITY_YEARS, RENEWAL_REMINDER_MONTHS } from './limits.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The same calendar day `months` later (UTC); a day missing in the target month becomes its last day. */
export function addMonthsClamped(from: Date, months: number): Date {
  const target = new Date(from.getTime());
  const day = from.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

/** End of self-use access confirmed at `confirmedAt`: two years later, to the day (29 Feb → 28 Feb). */
export function accessValidityEnd(confirmedAt: Date): Date {
  return addMonthsClamped(confirmedAt, ACCESS_VALIDITY_YEARS * 12);
}

export type AccessValidityState = 'VALID' | 'RENEWAL_DUE' | 'EXPIRED';

export interface AccessValidity {
  endsAt: Date;
  /** from this moment on the dashboard reminds to apply for renewal */
  renewalRemindFrom: Date;
  state: AccessValidityState;
  remindRenewal: boolean;
  /** whole days left until the end, 0 once it has passed */
  daysLeft: number;
}

/** Where an ACTIVE DCU stands with its access validity at `now`. */
export function accessValidity(endsAt: Date, now: Date): AccessValidity {
  const renewalRemindFrom = addMonthsClamped(endsAt, -RENEWAL_REMINDER_MONTHS);
  const left = endsAt.getTime() - now.getTime();
  const state: AccessValidityState =
    left <= 0 ? 'EXPIRED' : now.getTime() >= renewalRemindFrom.getTime() ? 'RENEWAL_DUE' : 'VALID';
  return {
    endsAt,
    renewalRemindFrom,
    state,
    remindRenewal: state !== 'VALID',
    daysLeft: Math.max(0, Math.ceil(left / DAY_MS)),
  };
}

export const ACCESS_VALIDITY_STATE_LABELS: Record<AccessValidityState, { zh: string; en: string }> = {
  VALID: { zh: '有效', en: 'Valid' },
  RENEWAL_DUE: { zh: '即将到期，请申请续期', en: 'Ending soon: apply for renewal' },
  EXPIRED: { zh: '已到期', en: 'Expired' },
};
