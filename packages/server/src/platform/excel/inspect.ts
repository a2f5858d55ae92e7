// Checks an uploaded workbook before any spreadsheet library touches it: is it really an .xlsx (a zip with
// [Content_Types].xml and xl/workbook.xml), not an encrypted one (OOXML encryption wraps the zip in an OLE
// compound file), not corrupt, and not a zip bomb. The central directory is read by hand and every entry is
// inflated with a hard output cap, so a lying size field cannot make us allocate more than the budget.
import { exceedsRatio, isZip, isZipProblem, readZipDirectory, readZipEntry, type ZipEntry } from '../files/zip.ts';

interface InspectLimits {
  /** total uncompressed bytes of all entries */
  maxUncompressedBytes: number;
  /** uncompressed / compressed, per entry and overall */
  maxCompressionRatio: number;
  maxEntries: number;
}

export const DEFAULT_INSPECT_LIMITS: InspectLimits = {
  maxUncompressedBytes: 50 * 1024 * 1024,
  maxCompressionRatio: 100,
  maxEntries: 10_000,
};

export type WorkbookProblem = 'NOT_XLSX' | 'ENCRYPTED' | 'CORRUPT' | 'TOO_LARGE';

type Inspection =
  | {
      ok: true;
      entries: ZipEntry[];
      uncompressedBytes: number;
      /** per worksheet part (xl/worksheets/sheetN.xml): how many of its rows hold a value, at most */
      valuedRows: Map<string, number>;
    }
  | { ok: false; problem: WorkbookProblem; detail: string };

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const problem = (kind: WorkbookProblem, detail: string): Inspection => ({ ok: false, problem: kind, detail });

/** Whether the bytes are an .xlsx workbook that is safe to hand to a spreadsheet reader. */
export function inspectXlsx(input: Uint8Array, limits: InspectLimits = DEFAULT_INSPECT_LIMITS): Inspection {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(OLE_MAGIC)) {
    // an OLE compound file: a password-protected OOXML workbook (EncryptedPackage) or a legacy .xls
    const legacy =
      !bytes.includes('E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e', 0, 'latin1') &&
      bytes.includes('W\0o\0r\0k\0b\0o\0o\0k', 0, 'latin1');
    return legacy ? problem('NOT_XLSX', 'legacy .xls workbook') : problem('ENCRYPTED', 'password-protected workbook');
  }
  if (!isZip(bytes)) return problem('NOT_XLSX', 'not a zip archive');
  const directory = readZipDirectory(bytes, limits.maxEntries);
  if (isZipProblem(directory)) return problem(directory.problem, directory.detail);
  const { entries } = directory;
  const names = new Set(entries.map((entry) => entry.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    return problem('NOT_XLSX', 'a zip archive without a workbook');
  }
  let declared = 0;
  for (const entry of entries) {
    declared += entry.uncompressedSize;
    if (declared > limits.maxUncompressedBytes) return problem('TOO_LARGE', 'declared size beyond the limit');
    if (exceedsRatio(entry.uncompressedSize, entry.compressedSize, limits.maxCompressionRatio)) {
      return problem('TOO_LARGE', `${entry.name} compression ratio beyond the limit`);
    }
  }
  // declared sizes may lie: inflate for real, never beyond what is left of the budget
  let actual = 0;
  const valuedRows = new Map<string, number>();
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const data = readZipEntry(bytes, entry, limits.maxUncompressedBytes - actual);
    if (isZipProblem(data)) return problem(data.problem, data.detail);
    actual += data.length;
    if (exceedsRatio(data.length, entry.compressedSize, limits.maxCompressionRatio)) {
      return problem('TOO_LARGE', `${entry.name} compression ratio beyond the limit`);
    }
    if (WORKSHEET_PART.test(entry.name)) valuedRows.set(entry.name, countValuedRows(data));
  }
  return { ok: true, entries, uncompressedBytes: actual, valuedRows };
}

const WORKSHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;

const LT = 0x3c; // <
const GT = 0x3e; // >
const SLASH = 0x2f;
const COLON = 0x3a;
const ROW = Buffer.from('row', 'latin1');
const ROW_ELEMENT = [ROW];
/** what gives a cell content: its value, its inline string or its formula */
const CELL_CONTENT = [Buffer.from('v', 'latin1'), Buffer.from('is', 'latin1'), Buffer.from('f', 'latin1')];

/** [A-Za-z_]: the first character of a namespace prefix */
const isNameStart = (byte: number) => (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x5f;
/** [\w.-]: the other characters of a namespace prefix */
const isNameChar = (byte: number) =>
  isNameStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte === 0x2e || byte === 0x2d;
/** [\s/>] after an element's name; \s of one byte: tab, line feed, vertical tab, form feed, return, space, U+00A0 */
const endsName = (byte: number | undefined) =>
  byte !== undefined &&
  ((byte >= 0x09 && byte <= 0x0d) || byte === 0x20 || byte === 0xa0 || byte === SLASH || byte === GT);

/** Whether `name` followed by [\s/>] starts at `at`, all before `limit`. */
function nameAt(xml: Buffer, at: number, limit: number, name: Buffer): boolean {
  if (at + name.length >= limit) return false;
  for (let index = 0; index < name.length; index += 1) if (xml[at + index] !== name[index]) return false;
  return endsName(xml[at + name.length]);
}

/** Whether one of `names` followed by [\s/>] starts at `at`, all before `limit`. */
function oneOfAt(xml: Buffer, at: number, limit: number, names: readonly Buffer[]): boolean {
  for (const name of names) if (nameAt(xml, at, limit, name)) return true;
  return false;
}

/**
 * The element whose start tag begins with the `<` at `at` and is named one of `names`, with or without a
 * namespace prefix (<row, <x:row), read before `limit`: the length of its prefix (0 without one) or -1 when it is
 * none of them.
 */
function elementAt(xml: Buffer, at: number, limit: number, names: readonly Buffer[]): number {
  let colon = at + 1;
  if (colon < limit && isNameStart(xml[colon] as number)) {
    colon += 1;
    while (colon < limit && isNameChar(xml[colon] as number)) colon += 1;
    if (colon < limit && xml[colon] === COLON && oneOfAt(xml, colon + 1, limit, names)) return colon - at;
  }
  return oneOfAt(xml, at + 1, limit, names) ? 0 : -1;
}

/** Whether the XML between `from` and `to` holds the start of an element named one of `names`. */
function holdsElement(xml: Buffer, from: number, to: number, names: readonly Buffer[]): boolean {
  for (let at = xml.indexOf(LT, from); at >= 0 && at < to; at = xml.indexOf(LT, at + 1)) {
    if (elementAt(xml, at, to, names) >= 0) return true;
  }
  return false;
}

/**
 * The rows of a worksheet's XML that hold a value, counted without parsing it (nor copying it: the bytes are
 * scanned where they are): an upper bound of the rows a reader finds non-empty (a row of blanks counts here), so a
 * row limit can be judged before the rows are read.
 */
export function countValuedRows(xml: Buffer): number {
  let count = 0;
  for (let at = xml.indexOf(LT); at >= 0; ) {
    const prefix = elementAt(xml, at, xml.length, ROW_ELEMENT);
    if (prefix < 0) {
      at = xml.indexOf(LT, at + 1);
      continue;
    }
    const tagEnd = xml.indexOf(GT, at);
    if (tagEnd < 0) break;
    // <row …/>: no cells; the search goes on after "<row" and the character that ended its name
    if (xml[tagEnd - 1] === SLASH) {
      at = xml.indexOf(LT, at + prefix + ROW.length + 2);
      continue;
    }
    const close = xml.indexOf(`</${xml.toString('latin1', at + 1, at + 1 + prefix)}row>`, tagEnd, 'latin1');
    const end = close < 0 ? xml.length : close;
    if (holdsElement(xml, tagEnd, end, CELL_CONTENT)) count += 1;
    at = xml.indexOf(LT, end);
  }
  return count;
}
