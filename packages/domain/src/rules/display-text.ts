// Text a person types and others read (names of views, files, accounts …). Control characters (C0, DEL, C1) and
// the invisible format characters (Unicode category Cf: bidirectional overrides and isolates such as U+202E,
// zero-width spaces and joiners, the BOM) have no place there: they break layouts, and a right-to-left override
// makes `invoice\u202Efdp.exe` read as `invoiceexe.pdf`.
import type { FieldIssue } from '../errors.ts';

const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}]/gu;
const HAS_HIDDEN_CHARACTER = /[\p{Cc}\p{Cf}]/u;

/** Whether the text contains a control or invisible format character. */
export function hasHiddenCharacters(value: string): boolean {
  return HAS_HIDDEN_CHARACTER.test(value);
}

/** The text without control and invisible format characters, for text that cannot be sent back to be fixed. */
export function stripHiddenCharacters(value: string): string {
  return value.replace(HIDDEN_CHARACTERS, '');
}

/**
 * The issue with a name a person typed, or null: required, at most `max` characters, and no hidden characters
 * (refused rather than removed, so what is stored is exactly what the person sees they typed).
 */
export function displayNameIssue(field: string, value: string, max: number): FieldIssue | null {
  const trimmed = value.trim();
  if (!trimmed) return { field, code: 'REQUIRED' };
  if (hasHiddenCharacters(trimmed)) return { field, code: 'INVALID_CHARACTERS' };
  if ([...trimmed].length > max) return { field, code: 'TOO_LONG', params: { max } };
  return null;
}
