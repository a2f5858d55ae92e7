import { stripHiddenCharacters } from '@leqi/domain';

/**
 * Removes control characters (C0, DEL, C1) and invisible format characters (bidirectional overrides such as
 * U+202E, zero-width characters, the BOM) from user text; the rule is the domain's display-text rule.
 */
export function stripControlCharacters(value: string): string {
  return stripHiddenCharacters(value);
}
