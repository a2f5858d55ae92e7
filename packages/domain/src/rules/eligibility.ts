/**
 * 接入条件核验 (manual §2.1 for direct-connect units, §2.3 for use units). Every check is always reported,
 * with what was found and what was required, so the UI can show every reason at once.
 * Thresholds are per-province configuration passed in, never constants here.
 */
import type { CreditRating, EnterpriseFacts } from './enterprise-facts.ts';
import { type ListedUseUnitOutcome, outcomeOf, type UseUnitDecision } from './listed-use-units.ts';

export { CREDIT_RATINGS, type CreditRating, type EnterpriseFacts } from './enterprise-facts.ts';

export interface ProvinceRule {
  provinceCode: string;
  minRevenue: number;
  minInvoiceCount: number;
  minInvoiceAmount: number;
  livelihoodMinRevenue: number;
  livelihoodMinInvoiceCount: number;
  livelihoodMinInvoiceAmount: number;
  /** ISO date */
  effectiveFrom: string;
}

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

export interface EligibilityReport {
  passed: boolean;
  checks: EligibilityCheck[];
  ruleApplied: ProvinceRule | null;
  livelihoodThresholdsApplied: boolean;
  /** the listed use units, each with whether it counted (reports stored before this field have none) */
  useUnits?: ListedUseUnitOutcome[];
}

export interface UseUnitEligibilityReport {
  passed: boolean;
  checks: EligibilityCheck[];
  /** B and M rated use units must periodically provide goods, funds and cash flow data. */
  needsPeriodicData: boolean;
}

const LABELS: Record<EligibilityCheckCode, { zh: string; en: string }> = {
  IN_PILOT: { zh: '已纳入数电票试点', en: 'In the digital e-invoice pilot' },
  CREDIT_RATING: { zh: '纳税信用等级', en: 'Tax credit rating' },
  NO_MAJOR_VIOLATION: { zh: '近三年无重大税收违法行为', en: 'No major tax violation in three years' },
  COMBINED_REVENUE: { zh: '上一年度营业收入合计', en: 'Combined prior-year revenue' },
  COMBINED_INVOICES: { zh: '前12个月开受票量合计', en: 'Combined invoices of the last 12 months' },
  PROVINCE_RULE_PRESENT: { zh: '本省接入标准', en: 'Province access rule' },
};

const YES = 'yes';
const NO = 'no';

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

function check(
  code: EligibilityCheckCode,
  passed: boolean,
  actual: string,
  required: string,
  messageZh: string,
  messageEn: string,
): EligibilityCheck {
  const label = LABELS[code];
  return { code, passed, actual, required, labelZh: label.zh, labelEn: label.en, messageZh, messageEn };
}

function pilotCheck(facts: EnterpriseFacts): EligibilityCheck {
  return facts.inPilot
    ? check('IN_PILOT', true, YES, YES, '已纳入数电票试点', 'In the digital e-invoice pilot')
    : check('IN_PILOT', false, NO, YES, '未纳入数电票试点', 'Not in the digital e-invoice pilot');
}

function creditCheck(facts: EnterpriseFacts, allowed: readonly CreditRating[]): EligibilityCheck {
  const passed = allowed.includes(facts.creditRating);
  const required = allowed.join('|');
  const list = allowed.join('、');
  return check(
    'CREDIT_RATING',
    passed,
    facts.creditRating,
    required,
    passed ? `纳税信用等级为 ${facts.creditRating} 级` : `纳税信用等级为 ${facts.creditRating} 级，要求为 ${list} 级`,
    passed
      ? `Tax credit rating is ${facts.creditRating}`
      : `Tax credit rating is ${facts.creditRating}; ${allowed.join(', ')} required`,
  );
}

function violationCheck(facts: EnterpriseFacts): EligibilityCheck {
  return facts.majorViolation
    ? check(
        'NO_MAJOR_VIOLATION',
        false,
        NO,
        YES,
        '近三年内存在税务机关确定的重大税收违法行为',
        'A major tax violation was determined in the last three years',
      )
    : check(
        'NO_MAJOR_VIOLATION',
        true,
        YES,
        YES,
        '近三年内无重大税收违法行为',
        'No major tax violation in three years',
      );
}

interface Thresholds {
  minRevenue: number;
  minInvoiceCount: number;
  minInvoiceAmount: number;
}

function thresholdsOf(rule: ProvinceRule, livelihood: boolean): Thresholds {
  return livelihood
    ? {
        minRevenue: rule.livelihoodMinRevenue,
        minInvoiceCount: rule.livelihoodMinInvoiceCount,
        minInvoiceAmount: rule.livelihoodMinInvoiceAmount,
      }
    : { minRevenue: rule.minRevenue, minInvoiceCount: rule.minInvoiceCount, minInvoiceAmount: rule.minInvoiceAmount };
}

interface Totals {
  revenue: number;
  invoiceCount: number;
  invoiceAmount: number;
}

function totalsOf(units: readonly EnterpriseFacts[]): Totals {
  return units.reduce<Totals>(
    (sum, unit) => ({
      revenue: sum.revenue + unit.priorYearRevenue,
      invoiceCount: sum.invoiceCount + unit.invoiceCount12m,
      invoiceAmount: sum.invoiceAmount + unit.invoiceAmount12m,
    }),
    { revenue: 0, invoiceCount: 0, invoiceAmount: 0 },
  );
}

/**
 * The applicant's own figures and, when use units count, only whether the combined figures meet the rule: a
 * combined total minus the applicant's own would be the use units' (another enterprise's) confidential figures.
 */
interface Combined {
  own: Totals;
  combined: Totals;
  countedUseUnits: number;
}

const NOT_CONFIGURED = 'not configured';

function withUseUnits(combined: Combined, passed: boolean | null): string {
  const verdict = passed === null ? '' : `;combined=${passed ? 'MET' : 'NOT_MET'}`;
  return `;useUnits=${combined.countedUseUnits}${verdict}`;
}

function combinedPhrase(combined: Combined, passed: boolean, requirementZh: string, requirementEn: string) {
  const n = combined.countedUseUnits;
  return {
    zh: `；连同计入的 ${n} 家使用单位，合计${passed ? '达到' : '未达到'}${requirementZh}的要求`,
    en: `; together with ${n} counted use unit(s) the combined figures ${passed ? 'meet' : 'do not meet'} the requirement of ${requirementEn}`,
  };
}

function revenueCheck(combined: Combined, thresholds: Thresholds | null): EligibilityCheck {
  const own = combined.own.revenue;
  const alone = combined.countedUseUnits === 0;
  const foundZh = `直连单位上一年度营业收入 ${formatAmount(own)} 元`;
  const foundEn = `Prior-year revenue of the direct-connect unit is ${formatAmount(own)} yuan`;
  if (thresholds === null) {
    return check(
      'COMBINED_REVENUE',
      false,
      alone ? own.toFixed(2) : `own=${own.toFixed(2)}${withUseUnits(combined, null)}`,
      NOT_CONFIGURED,
      `${foundZh}，本省未配置接入标准`,
      `${foundEn}; no province rule is configured`,
    );
  }
  const passed = combined.combined.revenue >= thresholds.minRevenue;
  const requiredZh = `不低于 ${formatAmount(thresholds.minRevenue)} 元`;
  const requiredEn = `at least ${formatAmount(thresholds.minRevenue)} yuan`;
  if (alone) {
    return check(
      'COMBINED_REVENUE',
      passed,
      own.toFixed(2),
      `>=${thresholds.minRevenue.toFixed(2)}`,
      `${foundZh}，要求${requiredZh}`,
      `${foundEn}; ${requiredEn} required`,
    );
  }
  const phrase = combinedPhrase(combined, passed, requiredZh, requiredEn);
  return check(
    'COMBINED_REVENUE',
    passed,
    `own=${own.toFixed(2)}${withUseUnits(combined, passed)}`,
    `>=${thresholds.minRevenue.toFixed(2)}`,
    `${foundZh}${phrase.zh}`,
    `${foundEn}${phrase.en}`,
  );
}

/** Passes on the combined invoice count OR the combined invoiced amount (开受票量 或 份数及金额). */
function invoiceCheck(combined: Combined, thresholds: Thresholds | null): EligibilityCheck {
  const { own } = combined;
  const alone = combined.countedUseUnits === 0;
  const ownActual = `count=${own.invoiceCount};amount=${own.invoiceAmount.toFixed(2)}`;
  const foundZh = `直连单位前12个月开受票 ${formatCount(own.invoiceCount)} 份、开票金额 ${formatAmount(own.invoiceAmount)} 元`;
  const foundEn = `The direct-connect unit issued and received ${formatCount(own.invoiceCount)} invoices, ${formatAmount(own.invoiceAmount)} yuan invoiced in the last 12 months`;
  if (thresholds === null) {
    return check(
      'COMBINED_INVOICES',
      false,
      alone ? ownActual : `${ownActual}${withUseUnits(combined, null)}`,
      NOT_CONFIGURED,
      `${foundZh}，本省未配置接入标准`,
      `${foundEn}; no province rule is configured`,
    );
  }
  const total = combined.combined;
  const passed = total.invoiceCount >= thresholds.minInvoiceCount || total.invoiceAmount >= thresholds.minInvoiceAmount;
  const requiredZh = `开受票量不低于 ${formatCount(thresholds.minInvoiceCount)} 份或开票金额不低于 ${formatAmount(thresholds.minInvoiceAmount)} 元`;
  const requiredEn = `at least ${formatCount(thresholds.minInvoiceCount)} invoices or ${formatAmount(thresholds.minInvoiceAmount)} yuan`;
  const required = `count>=${thresholds.minInvoiceCount}|amount>=${thresholds.minInvoiceAmount.toFixed(2)}`;
  if (alone) {
    return check(
      'COMBINED_INVOICES',
      passed,
      ownActual,
      required,
      `${foundZh}，要求${requiredZh}`,
      `${foundEn}; ${requiredEn} required`,
    );
  }
  const phrase = combinedPhrase(combined, passed, requiredZh, requiredEn);
  return check(
    'COMBINED_INVOICES',
    passed,
    `${ownActual}${withUseUnits(combined, passed)}`,
    required,
    `${foundZh}${phrase.zh}`,
    `${foundEn}${phrase.en}`,
  );
}

function ruleCheck(rule: ProvinceRule | null): EligibilityCheck {
  return rule
    ? check(
        'PROVINCE_RULE_PRESENT',
        true,
        `${rule.provinceCode}@${rule.effectiveFrom}`,
        'configured',
        `适用本省接入标准（${rule.effectiveFrom} 起施行）`,
        `Province rule in force since ${rule.effectiveFrom} applies`,
      )
    : check(
        'PROVINCE_RULE_PRESENT',
        false,
        NOT_CONFIGURED,
        'configured',
        '本省尚未配置乐企自用接入标准，请联系主管税务机关',
        'No self-use access rule is configured for this province; contact your tax authority',
      );
}

/**
 * Manual §2.1. The combined figures are the DCU plus the listed use units that count (decideListedUseUnits); the
 * report holds the applicant's own figures and whether the combined ones meet the rule, never the combined sums.
 */
export function evaluateDirectUnitEligibility(input: {
  enterprise: EnterpriseFacts;
  useUnits: readonly UseUnitDecision[];
  rule: ProvinceRule | null;
  claimsLivelihood: boolean;
}): EligibilityReport {
  const { enterprise, rule } = input;
  const livelihood = input.claimsLivelihood && enterprise.livelihoodIndustry;
  const thresholds = rule ? thresholdsOf(rule, livelihood) : null;
  const counted = input.useUnits.flatMap((unit) => (unit.counted ? [unit.facts] : []));
  const combined: Combined = {
    own: totalsOf([enterprise]),
    combined: totalsOf([enterprise, ...counted]),
    countedUseUnits: counted.length,
  };
  const checks = [
    pilotCheck(enterprise),
    creditCheck(enterprise, ['A', 'B']),
    violationCheck(enterprise),
    ruleCheck(rule),
    revenueCheck(combined, thresholds),
    invoiceCheck(combined, thresholds),
  ];
  return {
    passed: checks.every((c) => c.passed),
    checks,
    ruleApplied: rule,
    livelihoodThresholdsApplied: rule !== null && livelihood,
    useUnits: input.useUnits.map(outcomeOf),
  };
}

/** Manual §2.3: pilot; credit A, B or M (B and M provide periodic data); no major violation. */
export function evaluateUseUnitEligibility(facts: EnterpriseFacts): UseUnitEligibilityReport {
  const checks = [pilotCheck(facts), creditCheck(facts, ['A', 'B', 'M']), violationCheck(facts)];
  const passed = checks.every((c) => c.passed);
  return { passed, checks, needsPeriodicData: facts.creditRating === 'B' || facts.creditRating === 'M' };
}

const dateOf = (iso: string) => iso.slice(0, 10);

/** The rule of the province in force on `onDate`: the latest `effectiveFrom` not after it. */
export function selectProvinceRule(
  rules: readonly ProvinceRule[],
  provinceCode: string,
  onDate: string,
): ProvinceRule | null {
  const day = dateOf(onDate);
  let best: ProvinceRule | null = null;
  for (const rule of rules) {
    if (rule.provinceCode !== provinceCode || dateOf(rule.effectiveFrom) > day) continue;
    if (best === null || dateOf(rule.effectiveFrom) >= dateOf(best.effectiveFrom)) best = rule;
  }
  return best;
}

const COMBINED_CHECKS: readonly EligibilityCheckCode[] = ['COMBINED_REVENUE', 'COMBINED_INVOICES'];

/**
 * Reports stored before listed use units were vetted (they have no `useUnits`) may hold combined sums that include
 * other enterprises' figures. When such an application listed any use unit, only whether each combined check
 * passed is kept.
 */
export function redactLegacyReport(report: EligibilityReport, listedUseUnits: number): EligibilityReport {
  if (report.useUnits !== undefined || listedUseUnits === 0) return report;
  return {
    ...report,
    useUnits: [],
    checks: report.checks.map((c) =>
      COMBINED_CHECKS.includes(c.code)
        ? {
            ...c,
            actual: `combined=${c.passed ? 'MET' : 'NOT_MET'}`,
            messageZh: `直连单位及其使用单位的合计指标${c.passed ? '达到' : '未达到'}要求`,
            messageEn: `The combined figures of the direct-connect unit and its use units ${c.passed ? 'meet' : 'do not meet'} the requirement`,
          }
        : c,
    ),
  };
}

export function failedChecks(report: { checks: readonly EligibilityCheck[] }): EligibilityCheck[] {
  return report.checks.filter((c) => !c.passed);
}
