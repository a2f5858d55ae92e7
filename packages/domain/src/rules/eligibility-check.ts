// One line of a 核验 report: what was checked, what was found and what was required, in both languages.

export type EligibilityCheckCode =
  | 'IN_PILOT'
  | 'CREDIT_RATING'
  | 'NO_MAJOR_VIOLATION'
  | 'COMBINED_REVENUE'
  | 'COMBINED_INVOICES'
  | 'PROVINCE_RULE_PRESENT';

export interface EligibilityCheck {
  code: EligibilityCheckCode;
  passed: boolean;
  /** Locale-neutral: numbers, yes/no, ratings. */
  actual: string;
  required: string;
  labelZh: string;
  labelEn: string;
  messageZh: string;
  messageEn: string;
}

export const ELIGIBILITY_CHECK_LABELS: Record<EligibilityCheckCode, { zh: string; en: string }> = {
  IN_PILOT: { zh: '已纳入数电票试点', en: 'In the digital e-invoice pilot' },
  CREDIT_RATING: { zh: '纳税信用等级', en: 'Tax credit rating' },
  NO_MAJOR_VIOLATION: { zh: '近三年无重大税收违法行为', en: 'No major tax violation in three years' },
  COMBINED_REVENUE: { zh: '上一年度营业收入合计', en: 'Combined prior-year revenue' },
  COMBINED_INVOICES: { zh: '前12个月开受票量合计', en: 'Combined invoices of the last 12 months' },
  PROVINCE_RULE_PRESENT: { zh: '本省接入标准', en: 'Province access rule' },
};

export const ELIGIBILITY_CHECK_CODES = Object.keys(ELIGIBILITY_CHECK_LABELS) as EligibilityCheckCode[];

export const YES = 'yes';
export const NO = 'no';

/** 1234567.5 → "1,234,567.50" (fixed so messages do not depend on the runtime's Intl data). */
export function formatAmount(value: number): string {
  const [whole = '0', fraction = '00'] = Math.abs(value).toFixed(2).split('.');
  return `${value < 0 ? '-' : ''}${groupThousands(whole)}.${fraction}`;
}

export function formatCount(value: number): string {
  return `${value < 0 ? '-' : ''}${groupThousands(String(Math.trunc(Math.abs(value))))}`;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function check(
  code: EligibilityCheckCode,
  passed: boolean,
  actual: string,
  required: string,
  messageZh: string,
  messageEn: string,
): EligibilityCheck {
  const label = ELIGIBILITY_CHECK_LABELS[code];
  return { code, passed, actual, required, labelZh: label.zh, labelEn: label.en, messageZh, messageEn };
}
