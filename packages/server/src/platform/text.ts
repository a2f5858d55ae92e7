/** Removes control characters (C0, DEL, C1) from user text; they have no place in names or form fields. */
export function stripControlCharacters(value: string): string {
  return value.replace(/\p{Cc}/gu, '');
}

/** Removes bidirectional overrides and marks (U+202A–202E, U+2066–2069, U+200E/F, U+061C), which make
 * `invoice\u202Efdp.exe` display as `invoiceexe.pdf`. */
export function stripBidiControls(value: string): string {
  return value.replace(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu, '');
}
