// Cell values in and out of workbooks. In: whatever a cell holds (number, rich text, formula, hyperlink, error,
// date) becomes plain text without ever evaluating anything. Out: text that a spreadsheet would take for a
// formula is neutralised (CSV/formula injection, OWASP), in every workbook we write.

/** What reading one cell gave: its text, or why it cannot be trusted. */
export interface CellText {
  text: string;
  /** a number too large to be exact (an 18-digit code typed as a number) */
  imprecise?: boolean;
}

type RichTextRun = { text?: unknown };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function numberText(value: number): CellText {
  if (!Number.isFinite(value)) return { text: '' };
  if (Number.isInteger(value)) {
    // beyond 2^53 digits are already lost (Excel keeps 15 significant digits)
    return Number.isSafeInteger(value) ? { text: String(value) } : { text: BigInt(value).toString(), imprecise: true };
  }
  return { text: String(value) };
}

/** Flattens an exceljs cell value to text. Formulas give their cached result, or their text when none. */
export function cellText(value: unknown): CellText {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10) };
  if (!isRecord(value)) return { text: String(value) };
  if (Array.isArray(value.richText)) {
    return {
      text: (value.richText as RichTextRun[]).map((run) => (typeof run.text === 'string' ? run.text : '')).join(''),
    };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result !== undefined && result !== null && !(isRecord(result) && 'error' in result)) return cellText(result);
    const formula = typeof value.formula === 'string' ? value.formula : String(value.sharedFormula ?? '');
    return { text: `=${formula}` };
  }
  if ('text' in value) return cellText(value.text);
  if ('error' in value) return { text: String(value.error) };
  return { text: '' };
}

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/gu;
const CONTROL = /\p{Cc}/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface CleanText {
  text: string;
  /** lone surrogates or other characters that cannot be stored as text */
  malformed: boolean;
}

/**
 * Canonical text of a cell: NFKC (full-width letters, digits and brackets become ASCII), no zero-width or
 * control characters, trimmed. A neutralising quote we added on export is removed again, so a failure
 * report can be re-imported as it is.
 */
export function cleanCellText(raw: string): CleanText {
  // U+FFFD: what a writer or reader left where a character could not be encoded
  if (LONE_SURROGATE.test(raw) || raw.includes('\uFFFD'))
    return { text: raw.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, ' ').trim(), malformed: true };
  let text = raw.normalize('NFKC').replace(ZERO_WIDTH, '').replace(CONTROL, ' ').trim();
  if (/^'[=+\-@]/u.test(text)) text = text.slice(1);
  return { text, malformed: false };
}

/** Text a spreadsheet would take for a formula (or DDE) is prefixed with a quote so it stays text. */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/u.test(text) ? `'${text}` : text;
}

/** Any value bound for a written cell: strings neutralised, other types unchanged. */
export function safeCellValue<T>(value: T): T | string {
  return typeof value === 'string' ? neutralizeFormula(value) : value;
}
