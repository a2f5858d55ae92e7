/**
 * 接入条件核验 (manual §2.1 for direct-connect units, §2.3 for use units). Every check is always reported,
 * with what was found and what was required, so the UI can show every reason at once.
 * Thresholds are per-province configuration passed in, never constants here.
 */

import {
  type Combined,
  invoiceCheck,
  NOT_CONFIGURED,
  revenueCheck,
  thresholdsOf,
  totalsOf,
} from './combined-figures.ts';
import { check, type EligibilityCheck, type EligibilityCheckCode, NO, YES } from './eligibility-check.ts';
import type { CreditRating, EnterpriseFacts } from './enterprise-facts.ts';
import { type ListedUseUnitOutcome, outcomeOf, type UseUnitDecision } from './listed-use-units.ts';
import type { ProvinceRule } from './province-rule.ts';

export {
  type CheckFigure,
  type CheckFigures,
  type CheckText,
  type CombinedVerdict,
  checkFigures,
} from './check-figures.ts';
export { formatIsoDate, formatYuan, type PhrasedCheck, type PhrasingContext, phraseCheck } from './check-phrasing.ts';
export {
  ELIGIBILITY_CHECK_CODES,
  ELIGIBILITY_CHECK_LABELS,
  type EligibilityCheck,
  type EligibilityCheckCode,
  formatAmount,
  formatCount,
} from './eligibility-check.ts';
export { CREDIT_RATING_LABELS, CREDIT_RATINGS, type CreditRating, type EnterpriseFacts } from './enterprise-facts.ts';
export { type ProvinceRule, selectProvinceRule } from './province-rule.ts';

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
