// Reading a zip archive's table of contents by hand, without trusting it: the central directory is parsed within
// the bytes actually received, the number of entries is capped, ZIP64 is refused (no upload is near 4 GB), and an
// entry is only ever inflated with a hard cap on its output, so a lying size field cannot make us allocate more
// than the caller's budget. Used by the Excel import (platform/excel/inspect.ts) and material sniffing (sniff.ts).
import { Readable } from 'node:stream';
import { constants, createInflateRaw, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  /** where the central directory starts and where the end record is: in a plain archive the one ends at the other */
  directoryStart: number;
  endOffset: number;
  /** bytes after the end record and its comment (data appended to the archive) */
  trailingBytes: number;
}

type ZipProblem = { problem: 'CORRUPT' | 'TOO_LARGE' | 'ENCRYPTED'; detail: string };

export const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;
/** entries smaller than this are not judged by their ratio (tiny XML parts compress very well) */
const RATIO_FLOOR = 64 * 1024;

const problem = (kind: ZipProblem['problem'], detail: string): ZipProblem => ({ problem: kind, detail });

function findEndOfCentralDirectory(bytes: Buffer): number {
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let offset = bytes.length - 22; offset >= earliest; offset--) {
    if (bytes.readUInt32LE(offset) === ZIP_END) return offset;
  }
  return -1;
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 30 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The archive's entries as its central directory lists them (at most `maxEntries`), or what is wrong with it. */
export function readZipDirectory(bytes: Buffer, maxEntries: number): ZipDirectory | ZipProblem {
  if (bytes.length < 22) return problem('CORRUPT', 'too short for a zip archive');
  const end = findEndOfCentralDirectory(bytes);
  if (end < 0) return problem('CORRUPT', 'no end of central directory');
  if (bytes.readUInt16LE(end + 4) !== 0 || bytes.readUInt16LE(end + 6) !== 0) {
    return problem('CORRUPT', 'multi-disk archives are not accepted');
  }
  const count = bytes.readUInt16LE(end + 10);
  const size = bytes.readUInt32LE(end + 12);
  const start = bytes.readUInt32LE(end + 16);
  const commentLength = bytes.readUInt16LE(end + 20);
  if (count === 0xffff || size === 0xffffffff || start === 0xffffffff) {
    return problem('TOO_LARGE', 'ZIP64 archives are not accepted');
  }
  if (count > maxEntries) return problem('TOO_LARGE', `${count} entries`);
  if (start + size > end) return problem('CORRUPT', 'central directory out of bounds');
  const entries: ZipEntry[] = [];
  let offset = start;
  for (let index = 0; index < count; index++) {
    if (offset + 46 > end || bytes.readUInt32LE(offset) !== ZIP_CENTRAL) {
      return problem('CORRUPT', `central directory entry ${index} is damaged`);
    }
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const entryCommentLength = bytes.readUInt16LE(offset + 32);
    if (offset + 46 + nameLength > end) return problem('CORRUPT', `central directory entry ${index} is damaged`);
    const entry: ZipEntry = {
      name: bytes.toString('utf8', offset + 46, offset + 46 + nameLength),
      flags: bytes.readUInt16LE(offset + 8),
      method: bytes.readUInt16LE(offset + 10),
      compressedSize: bytes.readUInt32LE(offset + 20),
      uncompressedSize: bytes.readUInt32LE(offset + 24),
      localHeaderOffset: bytes.readUInt32LE(offset + 42),
    };
    if (entry.flags & 0x1) return problem('ENCRYPTED', `${entry.name} is encrypted`);
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff) {
      return problem('TOO_LARGE', 'ZIP64 entries are not accepted');
    }
    entries.push(entry);
    offset += 46 + nameLength + extraLength + entryCommentLength;
  }
  return { entries, directoryStart: start, endOffset: end, trailingBytes: bytes.length - (end + 22 + commentLength) };
}

export function isZipProblem(value: ZipDirectory | ZipProblem | Buffer | Readable): value is ZipProblem {
  return !(value instanceof Readable) && 'problem' in value && typeof (value as ZipProblem).problem === 'string';
}

/** Whether an entry expands suspiciously (a zip bomb): more than `maxRatio` times its compressed size. */
export function exceedsRatio(uncompressed: number, compressed: number, maxRatio: number): boolean {
  return uncompressed > RATIO_FLOOR && uncompressed > Math.max(compressed, 1) * maxRatio;
}

/** The entry's stored (compressed) bytes, located through its local header. */
function storedData(bytes: Buffer, entry: ZipEntry): Buffer | ZipProblem {
  const local = entry.localHeaderOffset;
  if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== ZIP_LOCAL) {
    return problem('CORRUPT', `local header of ${entry.name} is damaged`);
  }
  const dataStart = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > bytes.length) return problem('CORRUPT', `${entry.name} is truncated`);
  return bytes.subarray(dataStart, dataEnd);
}

/**
 * The entry's content as a stream, inflated chunk by chunk (for parts read once, front to back, such as a
 * worksheet). Only for archives `readZipEntry` has already checked: sizes and ratios are not judged again here.
 */
export function openZipEntry(bytes: Buffer, entry: ZipEntry): Readable | ZipProblem {
  const data = storedData(bytes, entry);
  if (isZipProblem(data)) return data;
  if (entry.method === 0) return Readable.from([data]);
  if (entry.method !== 8) return problem('CORRUPT', `${entry.name} uses compression method ${entry.method}`);
  return Readable.from([data]).pipe(createInflateRaw());
}

/** The entry's bytes, inflated to at most `maxBytes` (more is TOO_LARGE, whatever its header says). */
export function readZipEntry(bytes: Buffer, entry: ZipEntry, maxBytes: number): Buffer | ZipProblem {
  const data = storedData(bytes, entry);
  if (isZipProblem(data)) return data;
  if (entry.method === 0) {
    return data.length > maxBytes ? problem('TOO_LARGE', `${entry.name} is beyond the limit`) : data;
  }
  if (entry.method !== 8) return problem('CORRUPT', `${entry.name} uses compression method ${entry.method}`);
  try {
    const inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes + 1) });
    return inflated.length > maxBytes ? problem('TOO_LARGE', `${entry.name} inflates beyond the limit`) : inflated;
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
