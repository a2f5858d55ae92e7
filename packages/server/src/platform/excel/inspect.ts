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
  | { ok: true; entries: ZipEntry[]; uncompressedBytes: number }
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
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const data = readZipEntry(bytes, entry, limits.maxUncompressedBytes - actual);
    if (isZipProblem(data)) return problem(data.problem, data.detail);
    actual += data.length;
    if (exceedsRatio(data.length, entry.compressedSize, limits.maxCompressionRatio)) {
      return problem('TOO_LARGE', `${entry.name} compression ratio beyond the limit`);
    }
  }
  return { ok: true, entries, uncompressedBytes: actual };
}
