/**
 * 平台管理: the rules of what a platform admin may enter — tax authorities, registry entries, province rules and
 * user accounts. Pure validation; the server's admin services orchestrate the writes.
 */

import type { IdentityType } from '../actors.ts';
import type { FieldIssue } from '../errors.ts';
import { isProvincialCode, provinceCodeOf, validateAuthorityCode } from './authority-code.ts';
import { dateOutOfRangeIssue, isDateWithinRange } from './dates.ts';
import { CREDIT_RATINGS, type CreditRating } from './eligibility.ts';
import { validateUscc } from './uscc.ts';

/** The bureau's calendar: China Standard Time (UTC+8, no daylight saving). */
const CHINA_OFFSET_MS = 8 * 3600_000;

/** The business date (YYYY-MM-DD, China time) of an instant: what "today" means for effective dates. */
export function businessDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** A business date plus `days`. */
export function addDays(date: string, days: number): string {
  const base = new Date(`${date}T00:00:00Z`);
  base.setUTCDate(base.getUTCDate() + days);
  return base.toISOString().slice(0, 10);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

const MAX_AMOUNT = 1e15;
const MAX_COUNT = 2_000_000_000;

function amountIssue(field: string, value: number): FieldIssue | null {
  if (!Number.isFinite(value) || value < 0 || value > MAX_AMOUNT) {
    return { field, code: 'OUT_OF_RANGE', params: { min: 0, max: MAX_AMOUNT } };
  }
  return null;
}

function countIssue(field: string, value: number): FieldIssue | null {
  if (!Number.isInteger(value) || value < 0 || value > MAX_COUNT) {
    return { field, code: 'OUT_OF_RANGE', params: { min: 0, max: MAX_COUNT } };
  }
  return null;
}

function textIssue(field: string, value: string, max: number): FieldIssue | null {
  if (!value.trim()) return { field, code: 'REQUIRED' };
  if ([...value.trim()].length > max) return { field, code: 'TOO_LONG', params: { max } };
  return null;
}

const present = (issues: (FieldIssue | null)[]): FieldIssue[] => issues.filter((i): i is FieldIssue => i !== null);

// ---------------------------------------------------------------------------------------------------------
// 省级接入条件

export interface ProvinceRuleDraft {
  provinceCode: string;
  minRevenue: number;
  minInvoiceCount: number;
  minInvoiceAmount: number;
  livelihoodMinRevenue: number;
  livelihoodMinInvoiceCount: number;
  livelihoodMinInvoiceAmount: number;
  /** business date YYYY-MM-DD from which verifications use the rule */
  effectiveFrom: string;
}

/**
 * A new rule takes effect today or later, never in the past: verifications already made were judged by the rule in
 * force then (their reports keep it), and a back-dated rule would make the history say otherwise. Lowered
 * livelihood thresholds may not exceed the normal ones.
 */
export function provinceRuleIssues(draft: ProvinceRuleDraft, today: string): FieldIssue[] {
  const issues = present([
    isProvincialCode(draft.provinceCode) ? null : { field: 'provinceCode', code: 'INVALID_AUTHORITY_CODE' },
    amountIssue('minRevenue', draft.minRevenue),
    countIssue('minInvoiceCount', draft.minInvoiceCount),
    amountIssue('minInvoiceAmount', draft.minInvoiceAmount),
    amountIssue('livelihoodMinRevenue', draft.livelihoodMinRevenue),
    countIssue('livelihoodMinInvoiceCount', draft.livelihoodMinInvoiceCount),
    amountIssue('livelihoodMinInvoiceAmount', draft.livelihoodMinInvoiceAmount),
  ]);
  if (!isIsoDate(draft.effectiveFrom)) issues.push({ field: 'effectiveFrom', code: 'INVALID_FORMAT' });
  else if (draft.effectiveFrom < today)
    issues.push({ field: 'effectiveFrom', code: 'DATE_IN_PAST', params: { today } });
  else if (!isDateWithinRange(draft.effectiveFrom)) issues.push(dateOutOfRangeIssue('effectiveFrom'));
  const pairs: [keyof ProvinceRuleDraft, keyof ProvinceRuleDraft][] = [
    ['livelihoodMinRevenue', 'minRevenue'],
    ['livelihoodMinInvoiceCount', 'minInvoiceCount'],
    ['livelihoodMinInvoiceAmount', 'minInvoiceAmount'],
  ];
  for (const [lowered, normal] of pairs) {
    if (issues.some((issue) => issue.field === lowered || issue.field === normal)) continue;
    if (Number(draft[lowered]) > Number(draft[normal])) {
      issues.push({ field: lowered, code: 'ABOVE_NORMAL_THRESHOLD', params: { max: Number(draft[normal]) } });
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------------------
// 税务机关

export interface AuthorityDraft {
  code: string;
  name: string;
  level: 'PROVINCIAL' | 'LOCAL';
  parentCode: string | null;
}

/** A provincial authority has a province code and no parent; a local one belongs to its own province's bureau. */
export function authorityIssues(draft: AuthorityDraft): FieldIssue[] {
  const code = validateAuthorityCode(draft.code, 'code');
  const issues = present([code.ok ? null : code.error, textIssue('name', draft.name, 100)]);
  if (!code.ok) return issues;
  if (draft.level === 'PROVINCIAL') {
    if (!isProvincialCode(code.value)) issues.push({ field: 'level', code: 'INVALID_FORMAT' });
    if (draft.parentCode) issues.push({ field: 'parentCode', code: 'INVALID_FORMAT' });
  } else if (isProvincialCode(code.value)) {
    issues.push({ field: 'level', code: 'INVALID_FORMAT' });
  } else if (!draft.parentCode) {
    issues.push({ field: 'parentCode', code: 'REQUIRED' });
  } else if (draft.parentCode !== provinceCodeOf(code.value)) {
    issues.push({ field: 'parentCode', code: 'INVALID_AUTHORITY_CODE' });
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------------------
// 企业登记信息

export interface RegistryDraft {
  uscc: string;
  name: string;
  competentAuthorityCode: string;
  creditRating: string;
  inPilot: boolean;
  majorViolation: boolean;
  livelihoodIndustry: boolean;
  priorYearRevenue: number;
  invoiceCount12m: number;
  invoiceAmount12m: number;
}

export type RegistryEntry = RegistryDraft & { creditRating: CreditRating };

/** The entry with its USCC normalised, or every issue at once. */
export function validateRegistryEntry(
  draft: RegistryDraft,
): { ok: true; value: RegistryEntry } | { ok: false; issues: FieldIssue[] } {
  const uscc = validateUscc(draft.uscc, 'uscc');
  const authority = validateAuthorityCode(draft.competentAuthorityCode, 'competentAuthorityCode');
  const rating = draft.creditRating.trim().toUpperCase();
  const issues = present([
    uscc.ok ? null : uscc.error,
    textIssue('name', draft.name, 100),
    authority.ok ? null : authority.error,
    (CREDIT_RATINGS as readonly string[]).includes(rating) ? null : { field: 'creditRating', code: 'INVALID_FORMAT' },
    amountIssue('priorYearRevenue', draft.priorYearRevenue),
    countIssue('invoiceCount12m', draft.invoiceCount12m),
    amountIssue('invoiceAmount12m', draft.invoiceAmount12m),
  ]);
  if (issues.length > 0 || !uscc.ok || !authority.ok) return { ok: false, issues };
  return {
    ok: true,
    value: {
      ...draft,
      uscc: uscc.value,
      name: draft.name.trim(),
      competentAuthorityCode: authority.value,
      creditRating: rating as CreditRating,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// 用户账号

/** 用户类型: the roles an account is created with (API clients hold tokens, not accounts). */
export const ACCOUNT_ROLES = ['ENTERPRISE', 'OFFICER', 'ADMIN'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export interface AccountDraft {
  role: AccountRole;
  displayName: string;
  identityType: IdentityType | null;
  enterpriseId: string | null;
  authorityCode: string | null;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;

export function usernameIssue(username: string): FieldIssue | null {
  return USERNAME.test(username) ? null : { field: 'username', code: 'INVALID_FORMAT' };
}

/** An officer needs an authority; an enterprise user an enterprise and an identity type; an admin neither. */
export function accountIssues(draft: AccountDraft): FieldIssue[] {
  const issues = present([textIssue('displayName', draft.displayName, 50)]);
  if (draft.role === 'OFFICER' && !draft.authorityCode) issues.push({ field: 'authorityCode', code: 'REQUIRED' });
  if (draft.role === 'ENTERPRISE') {
    if (!draft.enterpriseId) issues.push({ field: 'enterpriseId', code: 'REQUIRED' });
    if (!draft.identityType) issues.push({ field: 'identityType', code: 'REQUIRED' });
  }
  return issues;
}

/**
 * An admin may not lock themself out, and the platform may not lose its last active admin: refused when the
 * change disables or demotes the viewer's own account, or the last active admin.
 */
export function breaksAdminAccess(change: {
  viewerId: string;
  targetId: string;
  targetIsActiveAdmin: boolean;
  staysActiveAdmin: boolean;
  activeAdminCount: number;
}): boolean {
  if (!change.targetIsActiveAdmin || change.staysActiveAdmin) return false;
  return change.viewerId === change.targetId || change.activeAdminCount <= 1;
}
