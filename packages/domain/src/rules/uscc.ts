import type { FieldIssue } from '../errors.ts';
import { err, ok, type Result } from '../result.ts';

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, S, V, Z);
 * the 18th is a mod-31 check character over the first 17.
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const USCC_LENGTH = 18;
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type UsccInvalidReason = 'LENGTH' | 'CHARSET' | 'CHECKSUM';

/** Trims, removes inner whitespace (including full-width spaces) and upper-cases. */
export function normalizeUscc(input: string): string {
  return input.replace(/\s+/gu, '').toUpperCase();
}

function allInCharset(text: string): boolean {
  for (const char of text) if (!USCC_CHARSET.includes(char)) return false;
  return true;
}

/** The check character for 17 already-normalised characters, or null when they are not 17 valid characters. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== USCC_LENGTH - 1 || !allInCharset(first17)) return null;
  let sum = 0;
  WEIGHTS.forEach((weight, i) => {
    sum += USCC_CHARSET.indexOf(first17.charAt(i)) * weight;
  });
  const check = (31 - (sum % 31)) % 31;
  return USCC_CHARSET.charAt(check);
}

function usccIssue(field: string, reason: UsccInvalidReason): FieldIssue {
  return { field, code: 'INVALID_USCC', params: { reason } };
}

/** Returns the normalised code, or an INVALID_USCC issue whose `reason` says what is wrong. */
export function validateUscc(input: string, field = 'uscc'): Result<string, FieldIssue> {
  const code = normalizeUscc(input);
  if (code.length === 0) return err({ field, code: 'REQUIRED' });
  if (code.length !== USCC_LENGTH) return err(usccIssue(field, 'LENGTH'));
  if (!allInCharset(code)) return err(usccIssue(field, 'CHARSET'));
  if (usccCheckChar(code.slice(0, USCC_LENGTH - 1)) !== code.charAt(USCC_LENGTH - 1)) {
    return err(usccIssue(field, 'CHECKSUM'));
  }
  return ok(code);
}

export function isValidUscc(input: string): boolean {
  return validateUscc(input).ok;
}

/** Appends the check character (seed data, tests). Throws on input that cannot be a code prefix. */
export function makeUscc(first17: string): string {
  const prefix = normalizeUscc(first17);
  const check = usccCheckChar(prefix);
  if (check === null) throw new RangeError(`not 17 USCC characters: ${first17}`);
  return prefix + check;
}
