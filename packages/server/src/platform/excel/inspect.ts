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
/** a row element, with or without a namespace prefix */
const ROW_START = /<((?:[A-Za-z_][\w.-]*:)?)row[\s/>]/g;
/** what gives a cell content: its value, its inline string or its formula */
const CELL_CONTENT = /<(?:[A-Za-z_][\w.-]*:)?(?:v|is|f)[\s/>]/;

/**
 * The rows of a worksheet's XML that hold a value, counted without parsing it: an upper bound of the rows a
 * reader finds non-empty (a row of blanks counts here), so a row limit can be judged before the rows are read.
 */
export function countValuedRows(xml: Buffer): number {
  const text = xml.toString('latin1');
  let count = 0;
  ROW_START.lastIndex = 0;
  for (let match = ROW_START.exec(text); match !== null; match = ROW_START.exec(text)) {
    const tagEnd = text.indexOf('>', match.index);
    if (tagEnd < 0) break;
    if (text[tagEnd - 1] === '/') continue; // <row …/>: no cells
    const close = text.indexOf(`</${match[1]}row>`, tagEnd);
    const end = close < 0 ? text.length : close;
    if (CELL_CONTENT.test(text.slice(tagEnd, end))) count += 1;
    ROW_START.lastIndex = end;
  }
  return count;
}
