/** Removes control characters (C0, DEL, C1) from user text; they have no place in names or form fields. */
export function stripControlCharacters(value: string): string {
  return value.replace(/\p{Cc}/gu, '');
}
