/** File types accepted as materials (DESIGN §4), recognised by their content, never by their name. */
import {
  exceedsRatio,
  isZip,
  isZipProblem,
  readZipDirectory,
  readZipEntry,
  ZIP_LOCAL,
  type ZipDirectory,
} from './zip.ts';

type SniffedType = { mimeType: string; extension: string };

const PDF: SniffedType = { mimeType: 'application/pdf', extension: 'pdf' };
const PNG: SniffedType = { mimeType: 'image/png', extension: 'png' };
const JPEG: SniffedType = { mimeType: 'image/jpeg', extension: 'jpg' };
const DOC: SniffedType = { mimeType: 'application/msword', extension: 'doc' };
const XLS: SniffedType = { mimeType: 'application/vnd.ms-excel', extension: 'xls' };
const DOCX: SniffedType = {
  mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  extension: 'docx',
};
const XLSX: SniffedType = {
  mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  extension: 'xlsx',
};

/** An Office Open XML package is a zip whose main part is declared in [Content_Types].xml (ECMA-376 Part 2). */
const OOXML_MAIN_PARTS = [
  { part: 'word/document.xml', contentType: `${DOCX.mimeType}.main+xml`, type: DOCX },
  { part: 'xl/workbook.xml', contentType: `${XLSX.mimeType}.main+xml`, type: XLSX },
] as const;
/** bounds of the inspection: entries read from the directory, bytes of [Content_Types].xml inflated */
const MAX_PACKAGE_ENTRIES = 5_000;
const MAX_CONTENT_TYPES_BYTES = 256 * 1024;
/** a part (above 64 KB) declared to expand more than this is a zip bomb, not a document */
const MAX_COMPRESSION_RATIO = 100;

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

/** OPC part names: relative, `/`-separated, no empty, `.` or `..` segments, no backslashes or control characters. */
function isSafePartName(name: string): boolean {
  if (!name || name.length > 1024 || name.startsWith('/') || /[\p{Cc}\\:]/u.test(name)) return false;
  return name
    .replace(/\/$/, '')
    .split('/')
    .every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** A plain archive: nothing before or after it, every entry's local header where the directory says, no duplicates. */
function isPlainArchive(bytes: Buffer, directory: ZipDirectory): boolean {
  if (directory.trailingBytes !== 0) return false;
  const seen = new Set<string>();
  for (const entry of directory.entries) {
    const local = entry.localHeaderOffset;
    if (local + 30 > directory.directoryStart || bytes.readUInt32LE(local) !== ZIP_LOCAL) return false;
    // part names are compared case-insensitively (ECMA-376 Part 2 §6.3.5): two spellings are one part twice
    const key = entry.name.toLowerCase();
    if (seen.has(key) || !isSafePartName(entry.name)) return false;
    seen.add(key);
  }
  return true;
}

function overrideContentType(contentTypes: string, partName: string): string | null {
  for (const [element] of contentTypes.matchAll(/<Override\b[^>]*>/g)) {
    const part = /\bPartName\s*=\s*(["'])(.*?)\1/.exec(element)?.[2];
    if (part?.toLowerCase() === `/${partName}`) return /\bContentType\s*=\s*(["'])(.*?)\1/.exec(element)?.[2] ?? null;
  }
  return null;
}

/**
 * DOCX or XLSX: a plain, unencrypted archive with safe part names, no macros (vbaProject.bin) and no part that
 * expands like a bomb, whose [Content_Types].xml declares exactly one of the main parts, which exists. Only the
 * directory and [Content_Types].xml (capped) are read; nothing else is inflated.
 */
function sniffOfficePackage(bytes: Buffer): SniffedType | null {
  const directory = readZipDirectory(bytes, MAX_PACKAGE_ENTRIES);
  if (isZipProblem(directory) || !isPlainArchive(bytes, directory)) return null;
  const { entries } = directory;
  if (entries.some((entry) => /(^|\/)vbaProject\.bin$/i.test(entry.name))) return null;
  if (entries.some((entry) => exceedsRatio(entry.uncompressedSize, entry.compressedSize, MAX_COMPRESSION_RATIO))) {
    return null;
  }
  const contentTypesEntry = entries.find((entry) => entry.name === '[Content_Types].xml');
  if (!contentTypesEntry) return null;
  const contentTypes = readZipEntry(bytes, contentTypesEntry, MAX_CONTENT_TYPES_BYTES);
  if (isZipProblem(contentTypes)) return null;
  const xml = contentTypes.toString('utf8');
  const names = new Set(entries.map((entry) => entry.name));
  const found = OOXML_MAIN_PARTS.filter(
    ({ part, contentType }) => names.has(part) && overrideContentType(xml, part) === contentType,
  );
  return found.length === 1 ? (found[0]?.type ?? null) : null;
}

/** Whether an OLE compound file's directory has a stream of this name (a 128-byte entry: UTF-16 name, length). */
function oleHasStream(bytes: Buffer, name: string): boolean {
  const pattern = Buffer.from(`${name}\0`, 'utf16le');
  for (let at = bytes.indexOf(pattern, 512); at >= 0; at = bytes.indexOf(pattern, at + 1)) {
    const isDirectoryEntry = at % 128 === 0 && at + 128 <= bytes.length;
    if (isDirectoryEntry && bytes.readUInt16LE(at + 64) === pattern.length && bytes[at + 66] === 2) return true;
  }
  return false;
}

/** Legacy Word (a WordDocument stream) or Excel (Workbook, or Book in Excel 5/95); any other compound file is not. */
function sniffCompoundFile(bytes: Buffer): SniffedType | null {
  if (oleHasStream(bytes, 'WordDocument')) return DOC;
  if (oleHasStream(bytes, 'Workbook') || oleHasStream(bytes, 'Book')) return XLS;
  return null;
}

export function sniffFileType(input: Uint8Array): SniffedType | null {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return PDF;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(bytes, OLE_MAGIC)) return sniffCompoundFile(bytes);
  if (isZip(bytes)) return sniffOfficePackage(bytes);
  return null;
}
