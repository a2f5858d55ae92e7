// Checks an uploaded workbook before any spreadsheet library touches it: is it really an .xlsx (a zip with
// [Content_Types].xml and xl/workbook.xml), not an encrypted one (OOXML encryption wraps the zip in an OLE
// compound file), not corrupt, and not a zip bomb. The central directory is read by hand and every entry is
// inflated with a hard output cap, so a lying size field cannot make us allocate more than the budget.
import { constants, inflateRawSync } from 'node:zlib';

export interface InspectLimits {
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

export type Inspection =
  | { ok: true; entries: ZipEntry[]; uncompressedBytes: number }
  | { ok: false; problem: WorkbookProblem; detail: string };

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;
/** entries smaller than this are not judged by their ratio (tiny XML parts compress very well) */
const RATIO_FLOOR = 64 * 1024;

const problem = (kind: WorkbookProblem, detail: string): Inspection => ({ ok: false, problem: kind, detail });

function findEndOfCentralDirectory(bytes: Buffer): number {
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let offset = bytes.length - 22; offset >= earliest; offset--) {
    if (bytes.readUInt32LE(offset) === ZIP_END) return offset;
  }
  return -1;
}

function readCentralDirectory(bytes: Buffer, limits: InspectLimits): ZipEntry[] | Inspection {
  const end = findEndOfCentralDirectory(bytes);
  if (end < 0) return problem('CORRUPT', 'no end of central directory');
  const count = bytes.readUInt16LE(end + 10);
  const size = bytes.readUInt32LE(end + 12);
  const start = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || size === 0xffffffff || start === 0xffffffff) {
    return problem('TOO_LARGE', 'ZIP64 archives are not accepted');
  }
  if (count > limits.maxEntries) return problem('TOO_LARGE', `${count} entries`);
  if (start + size > end) return problem('CORRUPT', 'central directory out of bounds');
  const entries: ZipEntry[] = [];
  let offset = start;
  for (let index = 0; index < count; index++) {
    if (offset + 46 > end || bytes.readUInt32LE(offset) !== ZIP_CENTRAL) {
      return problem('CORRUPT', `central directory entry ${index} is damaged`);
    }
    const flags = bytes.readUInt16LE(offset + 8);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const entry: ZipEntry = {
      method: bytes.readUInt16LE(offset + 10),
      compressedSize: bytes.readUInt32LE(offset + 20),
      uncompressedSize: bytes.readUInt32LE(offset + 24),
      localHeaderOffset: bytes.readUInt32LE(offset + 42),
      name: bytes.toString('utf8', offset + 46, offset + 46 + nameLength),
    };
    if (flags & 0x1) return problem('ENCRYPTED', `${entry.name} is encrypted`);
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff) {
      return problem('TOO_LARGE', 'ZIP64 entries are not accepted');
    }
    entries.push(entry);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function exceedsRatio(uncompressed: number, compressed: number, limits: InspectLimits): boolean {
  return uncompressed > RATIO_FLOOR && uncompressed > Math.max(compressed, 1) * limits.maxCompressionRatio;
}

/** Inflates one entry with the remaining budget as a hard cap; returns its real size or a problem. */
function inflatedSize(bytes: Buffer, entry: ZipEntry, budget: number): number | Inspection {
  const local = entry.localHeaderOffset;
  if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== ZIP_LOCAL) {
    return problem('CORRUPT', `local header of ${entry.name} is damaged`);
  }
  const dataStart = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > bytes.length) return problem('CORRUPT', `${entry.name} is truncated`);
  const data = bytes.subarray(dataStart, dataEnd);
  if (entry.method === 0) return data.length;
  if (entry.method !== 8) return problem('CORRUPT', `${entry.name} uses compression method ${entry.method}`);
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, budget + 1) }).length;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || (error as Error).message.includes('Cannot create a Buffer larger')) {
      return problem('TOO_LARGE', `${entry.name} inflates beyond the limit`);
    }
    if ((error as { errno?: number }).errno === constants.Z_BUF_ERROR) {
      return problem('CORRUPT', `${entry.name} is truncated`);
    }
    return problem('CORRUPT', `${entry.name} cannot be inflated`);
  }
}

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
  if (bytes.length < 30 || bytes.readUInt32LE(0) !== ZIP_LOCAL) return problem('NOT_XLSX', 'not a zip archive');
  const entries = readCentralDirectory(bytes, limits);
  if (!Array.isArray(entries)) return entries;
  const names = new Set(entries.map((entry) => entry.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    return problem('NOT_XLSX', 'a zip archive without a workbook');
  }
  let declared = 0;
  for (const entry of entries) {
    declared += entry.uncompressedSize;
    if (declared > limits.maxUncompressedBytes) return problem('TOO_LARGE', 'declared size beyond the limit');
    if (exceedsRatio(entry.uncompressedSize, entry.compressedSize, limits)) {
      return problem('TOO_LARGE', `${entry.name} compression ratio beyond the limit`);
    }
  }
  // declared sizes may lie: inflate for real, never beyond what is left of the budget
  let actual = 0;
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const size = inflatedSize(bytes, entry, limits.maxUncompressedBytes - actual);
    if (typeof size !== 'number') return size;
    actual += size;
    if (actual > limits.maxUncompressedBytes) return problem('TOO_LARGE', 'inflated size beyond the limit');
    if (exceedsRatio(size, entry.compressedSize, limits)) {
      return problem('TOO_LARGE', `${entry.name} compression ratio beyond the limit`);
    }
  }
  return { ok: true, entries, uncompressedBytes: actual };
}
