// The combined figures of a DCU and its counted use units against the province's thresholds (manual §2.1):
// the report states the applicant's own figures and only whether the combined ones meet the rule.

import { check, type EligibilityCheck, formatAmount, formatCount } from './eligibility-check.ts';
import type { EnterpriseFacts } from './enterprise-facts.ts';
import type { ProvinceRule } from './province-rule.ts';

export interface Thresholds {
  minRevenue: number;
  minInvoiceCount: number;
  minInvoiceAmount: number;
}

export function thresholdsOf(rule: ProvinceRule, livelihood: boolean): Thresholds {
  return livelihood
    ? {
        minRevenue: rule.livelihoodMinRevenue,
        minInvoiceCount: rule.livelihoodMinInvoiceCount,
        minInvoiceAmount: rule.livelihoodMinInvoiceAmount,
      }
    : { minRevenue: rule.minRevenue, minInvoiceCount: rule.minInvoiceCount, minInvoiceAmount: rule.minInvoiceAmount };
}

export interface Totals {
  revenue: number;
  invoiceCount: number;
  invoiceAmount: number;
}

export function totalsOf(units: readonly EnterpriseFacts[]): Totals {
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
export interface Combined {
  own: Totals;
  combined: Totals;
  countedUseUnits: number;
}

export const NOT_CONFIGURED = 'not configured';

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

export function revenueCheck(combined: Combined, thresholds: Thresholds | null): EligibilityCheck {
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
export function invoiceCheck(combined: Combined, thresholds: Thresholds | null): EligibilityCheck {
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
