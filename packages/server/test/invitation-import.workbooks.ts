// Workbooks for the import suites, made on disk with exceljs (and a hand-made zip for the hostile ones).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { isZipProblem, readZipDirectory, readZipEntry } from '../src/platform/files/zip.ts';

export const HEADERS = ['使用单位统一社会信用代码', '使用单位名称', '省级税务机关代码', '单位关系', '能力预授权'];

const directory = mkdtempSync(join(tmpdir(), 'leqi-import-'));
let serial = 0;
export const pathFor = (name: string) => join(directory, `${++serial}-${name}`);

/** Writes a workbook with one sheet of rows (the first row being the header) and returns its bytes. */
export async function workbookFile(
  rows: unknown[][],
  options: { sheetName?: string; fileName?: string; extraSheets?: string[] } = {},
): Promise<{ path: string; bytes: Buffer }> {
  const workbook = new ExcelJS.Workbook();
  for (const name of options.extraSheets ?? []) workbook.addWorksheet(name).addRow(['说明']);
  const sheet = workbook.addWorksheet(options.sheetName ?? '邀请信息');
  for (const row of rows) sheet.addRow(row as ExcelJS.CellValue[]);
  const path = pathFor(options.fileName ?? 'invitations.xlsx');
  await workbook.xlsx.writeFile(path);
  return { path, bytes: readFileSync(path) };
}

/** A big workbook written with the streaming writer (rows generated on the fly, never all in memory). */
export async function streamedWorkbookFile(
  count: number,
  row: (index: number) => unknown[],
  useSharedStrings = false,
): Promise<string> {
  const path = pathFor('big.xlsx');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings });
  const sheet = workbook.addWorksheet('邀请信息');
  sheet.addRow(HEADERS).commit();
  for (let index = 0; index < count; index++) sheet.addRow(row(index)).commit();
  sheet.commit();
  await workbook.commit();
  return path;
}

interface ZipEntryInput {
  name: string;
  data: Buffer;
  /** lie about the uncompressed size in the headers */
  declaredSize?: number;
}

/** A minimal deflate zip, so tests can make archives exceljs would refuse to write. */
export function buildZip(entries: ZipEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const compressed = deflateRawSync(entry.data, { level: 9 });
    const size = entry.declaredSize ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** An archive with the parts that make it look like a workbook and one huge, highly compressible sheet. */
export function zipBomb(uncompressedBytes: number, declaredSize?: number): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
    { name: 'xl/workbook.xml', data: Buffer.from('<?xml version="1.0"?><workbook/>') },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(uncompressedBytes, 0x20), declaredSize },
  ]);
}

/** The magic bytes of an OLE compound file with the stream name of an encrypted OOXML package. */
export function encryptedWorkbook(): Buffer {
  const bytes = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes, 0);
  Buffer.from('EncryptedPackage', 'utf16le').copy(bytes, 1024);
  return bytes;
}

/** Reads a workbook's named sheet back as arrays of cell values (1-based columns dropped). */
export async function sheetValues(bytes: Uint8Array, sheetName: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/** The workbook with one part's text changed (e.g. a worksheet damaged after its header), zipped again. */
export function rewriteWorkbookPart(bytes: Buffer, part: string, change: (xml: string) => string): Buffer {
  const directory = readZipDirectory(bytes, 1000);
  if (isZipProblem(directory)) throw new Error(directory.detail);
  return buildZip(
    directory.entries.map((entry) => {
      const data = readZipEntry(bytes, entry, 100 * 1024 * 1024);
      if (isZipProblem(data)) throw new Error(data.detail);
      return { name: entry.name, data: entry.name === part ? Buffer.from(change(data.toString('utf8'))) : data };
    }),
  );
}
