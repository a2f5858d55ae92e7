// The figures of one 核验 check as structured values, read from the check's locale-neutral `actual` and `required`
// (the form every stored report has, including reports stored before this module), so one formatter can phrase
// them for people (check-phrasing.ts).
import type { EligibilityCheckCode } from './eligibility-check.ts';

/** A check as stored and sent: its code (a string where it came over the wire) and its locale-neutral figures. */
export interface CheckText {
  code: EligibilityCheckCode | (string & {});
  actual: string;
  required: string;
}

export type CheckFigure =
  | { kind: 'yesNo'; value: boolean }
  | { kind: 'creditRating'; rating: string }
  /** any one of them is required */
  | { kind: 'creditRatings'; ratings: string[] }
  | { kind: 'provinceRule'; provinceCode: string; effectiveFrom: string }
  | { kind: 'ruleConfigured' }
  | { kind: 'notConfigured' }
  | { kind: 'revenue'; yuan: number }
  | { kind: 'minRevenue'; yuan: number }
  | { kind: 'invoices'; count: number; amount: number }
  /** the count OR the amount is required */
  | { kind: 'minInvoices'; count: number; amount: number }
  /** a value this reader does not know: shown as it is rather than hidden */
  | { kind: 'unknown'; text: string };

/** What the listed use units added: only whether the combined figures meet the rule (null: no rule to meet). */
export interface CombinedVerdict {
  /** null in reports whose combined sums were redacted */
  countedUseUnits: number | null;
  met: boolean | null;
}

export interface CheckFigures {
  /** the applicant's own figure; null when a redacted report kept only the verdict */
  actual: CheckFigure | null;
  required: CheckFigure;
  combined: CombinedVerdict | null;
}

type Fields = Record<string, string>;

/** "own=1.00;useUnits=2;combined=MET" → { own: "1.00", useUnits: "2", combined: "MET" }; null if not that form. */
function fieldsOf(text: string): Fields | null {
  const parts = text.split(';');
  const fields: Fields = {};
  for (const part of parts) {
    const at = part.indexOf('=');
    if (at <= 0) return null;
    fields[part.slice(0, at)] = part.slice(at + 1);
  }
  return fields;
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const asNumber = (text: string | undefined): number | null =>
  text !== undefined && NUMBER.test(text) ? Number(text) : null;

function verdictOf(fields: Fields): CombinedVerdict | null {
  if (fields.useUnits === undefined && fields.combined === undefined) return null;
  const met = fields.combined === 'MET' ? true : fields.combined === 'NOT_MET' ? false : null;
  return { countedUseUnits: asNumber(fields.useUnits), met };
}

function yesNo(text: string): CheckFigure {
  if (text === 'yes' || text === 'no') return { kind: 'yesNo', value: text === 'yes' };
  return { kind: 'unknown', text };
}

function creditActual(text: string): CheckFigure {
  return /^[A-Z]$/.test(text) ? { kind: 'creditRating', rating: text } : { kind: 'unknown', text };
}

function creditRequired(text: string): CheckFigure {
  const ratings = text.split('|');
  return ratings.every((r) => /^[A-Z]$/.test(r)) ? { kind: 'creditRatings', ratings } : { kind: 'unknown', text };
}

function ruleActual(text: string): CheckFigure {
  if (text === 'not configured') return { kind: 'notConfigured' };
  const match = /^(\d{11})@(\d{4}-\d{2}-\d{2})/.exec(text);
  return match?.[1] && match[2]
    ? { kind: 'provinceRule', provinceCode: match[1], effectiveFrom: match[2] }
    : { kind: 'unknown', text };
}

function ruleRequired(text: string): CheckFigure {
  return text === 'configured' ? { kind: 'ruleConfigured' } : { kind: 'unknown', text };
}

function revenueFigures(actual: string, required: string): CheckFigures {
  const minimum = asNumber(required.replace(/^>=/, ''));
  const requiredFigure: CheckFigure =
    required === 'not configured'
      ? { kind: 'notConfigured' }
      : required.startsWith('>=') && minimum !== null
        ? { kind: 'minRevenue', yuan: minimum }
        : { kind: 'unknown', text: required };
  const plain = asNumber(actual);
  if (plain !== null) return { actual: { kind: 'revenue', yuan: plain }, required: requiredFigure, combined: null };
  const fields = fieldsOf(actual);
  const own = asNumber(fields?.own);
  if (!fields || (own === null && fields.combined === undefined)) {
    return { actual: { kind: 'unknown', text: actual }, required: requiredFigure, combined: null };
  }
  return {
    actual: own === null ? null : { kind: 'revenue', yuan: own },
    required: requiredFigure,
    combined: verdictOf(fields),
  };
}

function invoiceFigures(actual: string, required: string): CheckFigures {
  const wanted = fieldsOf(required.replace('|', ';').replaceAll('>=', '='));
  const minCount = asNumber(wanted?.count);
  const minAmount = asNumber(wanted?.amount);
  const requiredFigure: CheckFigure =
    required === 'not configured'
      ? { kind: 'notConfigured' }
      : minCount !== null && minAmount !== null && required.includes('>=')
        ? { kind: 'minInvoices', count: minCount, amount: minAmount }
        : { kind: 'unknown', text: required };
  const fields = fieldsOf(actual);
  const count = asNumber(fields?.count);
  const amount = asNumber(fields?.amount);
  if (!fields || ((count === null || amount === null) && fields.combined === undefined)) {
    return { actual: { kind: 'unknown', text: actual }, required: requiredFigure, combined: null };
  }
  return {
    actual: count === null || amount === null ? null : { kind: 'invoices', count, amount },
    required: requiredFigure,
    combined: verdictOf(fields),
  };
}

/** The check's figures as structured values; anything not in the known form becomes `unknown` (shown as is). */
export function checkFigures(check: CheckText): CheckFigures {
  const { actual, required } = check;
  switch (check.code) {
    case 'IN_PILOT':
    case 'NO_MAJOR_VIOLATION':
      return { actual: yesNo(actual), required: yesNo(required), combined: null };
    case 'CREDIT_RATING':
      return { actual: creditActual(actual), required: creditRequired(required), combined: null };
    case 'PROVINCE_RULE_PRESENT':
      return { actual: ruleActual(actual), required: ruleRequired(required), combined: null };
    case 'COMBINED_REVENUE':
      return revenueFigures(actual, required);
    case 'COMBINED_INVOICES':
      return invoiceFigures(actual, required);
    default:
      return {
        actual: { kind: 'unknown', text: actual },
        required: { kind: 'unknown', text: required },
        combined: null,
      };
  }
}
