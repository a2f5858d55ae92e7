// Reads the rows of one sheet with the exceljs streaming reader: nothing beyond the kept cell texts is held in
// memory, and reading stops as soon as the row limit is passed. Columns are found by their header text, so
// their order does not matter and extra columns are ignored.
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type ExcelJS from 'exceljs';
import { isZipProblem, openZipEntry, readZipDirectory } from '../files/zip.ts';
import { type CellText, cellText } from './cells.ts';
import { loadExcelJS } from './exceljs.ts';
import { DEFAULT_INSPECT_LIMITS } from './inspect.ts';

/** Decodes UTF-8 across chunk boundaries (a character split between two chunks stays whole). */
async function* utf8Chunks(source: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

type ReaderInternals = {
  model?: { sheets?: { name: string; rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  sharedStrings?: unknown[];
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<{ value: unknown }>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
};
type WorkbookReader = ReaderInternals & AsyncIterable<unknown>;
type ReaderClass = new (
  input: Readable,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
) => WorkbookReader;
const asStream = (entry: NodeJS.ReadableStream) =>
  Readable.from(utf8Chunks(entry as AsyncIterable<Buffer>)) as unknown as NodeJS.ReadableStream;

const READER_OPTIONS = {
  worksheets: 'emit',
  sharedStrings: 'cache',
  hyperlinks: 'ignore',
  styles: 'ignore',
  entries: 'ignore',
} as const;

/**
 * exceljs 4.4's streaming reader decodes every chunk on its own (TextDecoder without `stream: true`), which
 * breaks a Chinese character that straddles two chunks into U+FFFD. Its parts are decoded here first.
 * Its own archive walk is not used (see `worksheetsOf`): it parses a worksheet the moment it meets it, and
 * fails ("reading 'sheets'") when the archive stores the worksheet before xl/workbook.xml, which exceljs's own
 * writer does now and then, since it adds the parts concurrently.
 */
function utf8ReaderOf(BaseReader: ReaderClass): ReaderClass {
  return class Utf8WorkbookReader extends BaseReader {
    override _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
      return super._parseWorksheet(utf8Chunks(iterator), sheetNo);
    }
    override _parseSharedStrings(entry: NodeJS.ReadableStream) {
      return super._parseSharedStrings(asStream(entry));
    }
    override _parseWorkbook(entry: NodeJS.ReadableStream) {
      return super._parseWorkbook(asStream(entry));
    }
    override _parseRels(entry: NodeJS.ReadableStream) {
      return super._parseRels(asStream(entry));
    }
  };
}

let readerClass: Promise<ReaderClass> | undefined;
/** The reader, made when the first workbook is read (exceljs is loaded then). */
const workbookReader = () => {
  readerClass ??= loadExcelJS().then((excel) =>
    utf8ReaderOf(excel.stream.xlsx.WorkbookReader as unknown as ReaderClass),
  );
  return readerClass;
};

export interface ColumnSpec<K extends string> {
  key: K;
  /** the header as written in our template; a header "X（…）" or "X*" also matches */
  header: string;
  /** other accepted spellings */
  aliases?: string[];
  required: boolean;
}

export interface SheetRow<K extends string> {
  /** the spreadsheet's own row number (the header is usually row 1) */
  row: number;
  cells: Record<K, CellText>;
}

type ReadOutcome<K extends string> =
  | { ok: true; sheetName: string; rows: SheetRow<K>[] }
  | { ok: false; problem: 'MISSING_HEADERS'; missing: string[]; sheetName: string | null }
  | { ok: false; problem: 'TOO_MANY_ROWS'; max: number }
  | { ok: false; problem: 'CORRUPT'; detail: string };

interface ReadOptions<K extends string> {
  columns: ColumnSpec<K>[];
  /** the sheet to prefer; otherwise the first sheet whose headers match */
  sheetName?: string;
  /** data rows (non-empty rows after the header) beyond this refuse the file */
  maxRows: number;
}

/** Header text compared without spaces, markers of required fields or explanations in brackets. */
function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s*]/gu, '')
    .replace(/\(.*$/u, '')
    .replace(/[\u200B-\u200D\uFEFF]/gu, '');
}

type ExcelRow = { number: number; values: unknown[] | Record<string, unknown> };

function rowValues(row: ExcelRow): unknown[] {
  return Array.isArray(row.values) ? row.values : [];
}

/** Maps each spec to a 1-based column index; the required ones that are absent are listed. */
function mapHeaders<K extends string>(
  headerValues: unknown[],
  columns: ColumnSpec<K>[],
): { indexOf: Map<K, number>; missing: string[] } {
  const positions = new Map<string, number>();
  headerValues.forEach((value, index) => {
    const key = headerKey(cellText(value).text);
    if (key && !positions.has(key)) positions.set(key, index);
  });
  const indexOf = new Map<K, number>();
  const missing: string[] = [];
  for (const column of columns) {
    const names = [column.header, ...(column.aliases ?? [])].map(headerKey);
    const found = names.map((name) => positions.get(name)).find((index) => index !== undefined);
    if (found !== undefined) indexOf.set(column.key, found);
    else if (column.required) missing.push(column.header);
  }
  return { indexOf, missing };
}

function isEmpty(values: unknown[]): boolean {
  return values.every((value) => cellText(value).text.trim() === '');
}

type SheetOutcome<K extends string> = ReadOutcome<K> | { ok: false; problem: 'NO_HEADER' };

async function readSheet<K extends string>(
  sheet: AsyncIterable<ExcelRow>,
  name: string,
  options: ReadOptions<K>,
): Promise<SheetOutcome<K>> {
  let indexOf: Map<K, number> | null = null;
  let missing: string[] | null = null;
  const rows: SheetRow<K>[] = [];
  for await (const row of sheet) {
    const values = rowValues(row);
    if (isEmpty(values)) continue;
    if (missing !== null) continue; // drain a sheet that is not ours
    if (indexOf === null) {
      const mapped = mapHeaders(values, options.columns);
      if (mapped.missing.length > 0) {
        missing = mapped.missing;
        continue;
      }
      indexOf = mapped.indexOf;
      continue;
    }
    if (rows.length >= options.maxRows) return { ok: false, problem: 'TOO_MANY_ROWS', max: options.maxRows };
    const cells = {} as Record<K, CellText>;
    for (const column of options.columns) {
      const index = indexOf.get(column.key);
      cells[column.key] = index === undefined ? { text: '' } : cellText(values[index]);
    }
    rows.push({ row: row.number, cells });
  }
  if (missing !== null) return { ok: false, problem: 'MISSING_HEADERS', missing, sheetName: name };
  if (indexOf === null) return { ok: false, problem: 'NO_HEADER' };
  return { ok: true, sheetName: name, rows };
}

/** The sheets of a workbook in the order Excel shows them, each with the archive entry holding its cells. */
async function* worksheetsOf(bytes: Buffer): AsyncGenerator<{ name: string; rows: AsyncIterable<ExcelRow> }> {
  const directory = readZipDirectory(bytes, DEFAULT_INSPECT_LIMITS.maxEntries);
  if (isZipProblem(directory)) throw new Error(directory.detail);
  const entries = new Map(directory.entries.map((entry) => [entry.name, entry]));
  const open = (name: string) => {
    const entry = entries.get(name);
    if (!entry) return null;
    const stream = openZipEntry(bytes, entry);
    if (isZipProblem(stream)) throw new Error(stream.detail);
    return stream;
  };
  const required = (name: string) => {
    const stream = open(name);
    if (!stream) throw new Error(`${name} is missing`);
    return stream;
  };
  const Reader = await workbookReader();
  const reader = new Reader(Readable.from([]), READER_OPTIONS);
  // the parts a worksheet depends on come first, whatever order the archive stores them in
  await reader._parseRels(required('xl/_rels/workbook.xml.rels'));
  await reader._parseWorkbook(required('xl/workbook.xml'));
  const sharedStrings = open('xl/sharedStrings.xml');
  if (sharedStrings) for await (const _ of reader._parseSharedStrings(sharedStrings));
  else reader.sharedStrings = [];
  for (const sheet of reader.model?.sheets ?? []) {
    const target = reader.workbookRels?.find((rel) => rel.Id === sheet.rId)?.Target;
    const path = target ? (target.startsWith('/') ? target.slice(1) : `xl/${target}`) : '';
    const sheetNo = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(path)?.[1];
    const cells = sheetNo ? open(path) : null;
    if (!sheetNo || !cells) continue;
    for (const { value } of reader._parseWorksheet(cells, sheetNo)) {
      yield { name: sheet.name, rows: value as AsyncIterable<ExcelRow> };
    }
  }
}

/** Reads the data sheet of a workbook that `inspectXlsx` accepted. */
export async function readSheetRows<K extends string>(
  bytes: Uint8Array,
  options: ReadOptions<K>,
): Promise<ReadOutcome<K>> {
  let firstMissing: ReadOutcome<K> | null = null;
  try {
    for await (const sheet of worksheetsOf(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) {
      const outcome = await readSheet(sheet.rows, sheet.name, options);
      if (outcome.ok || outcome.problem === 'TOO_MANY_ROWS') return outcome;
      if (outcome.problem === 'MISSING_HEADERS' && (firstMissing === null || sheet.name === options.sheetName)) {
        firstMissing = outcome;
      }
    }
  } catch (error) {
    return { ok: false, problem: 'CORRUPT', detail: (error as Error).message };
  }
  const columns = options.columns.filter((column) => column.required).map((column) => column.header);
  return firstMissing ?? { ok: false, problem: 'MISSING_HEADERS', missing: columns, sheetName: null };
}
