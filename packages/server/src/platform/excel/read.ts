// Reads the rows of one sheet with the exceljs streaming reader, as they are used: nothing beyond the rows in use
// is held in memory. The row limit is judged before any row is used, from the worksheet's count of rows that hold
// a value (inspect.ts), or by reading the rows when that count passes it. Columns are found by their header text,
// so their order does not matter and extra columns are ignored.
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

type Refusal =
  | { ok: false; problem: 'MISSING_HEADERS'; missing: string[]; sheetName: string | null }
  | { ok: false; problem: 'TOO_MANY_ROWS'; max: number }
  | { ok: false; problem: 'CORRUPT'; detail: string };
/**
 * The data sheet, its rows still to be read: `rows` reads them as they are iterated (once). `atMost` bounds how
 * many it gives; it is exact unless some rows hold only blanks.
 */
type OpenOutcome<K extends string> =
  | { ok: true; sheetName: string; atMost: number; rows: AsyncIterable<SheetRow<K>> }
  | Refusal;

interface ReadOptions<K extends string> {
  columns: ColumnSpec<K>[];
  /** the sheet to prefer; otherwise the first sheet whose headers match */
  sheetName?: string;
  /** data rows (non-empty rows after the header) beyond this refuse the file */
  maxRows: number;
  /** per worksheet part, its rows that hold a value (`inspectXlsx`); without it the rows are read to be counted */
  valuedRows?: Map<string, number>;
}

/** A sheet that gave more than its limit of rows while they were used (a count that was no upper bound). */
export class TooManyRows extends Error {}

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

/** The sheet's first non-empty row (its header) mapped to the columns; null for a sheet without one. */
async function headerOf<K extends string>(rows: AsyncIterator<ExcelRow>, columns: ColumnSpec<K>[]) {
  for (let next = await rows.next(); !next.done; next = await rows.next()) {
    const values = rowValues(next.value);
    if (!isEmpty(values)) return mapHeaders(values, columns);
  }
  return null;
}

/** The non-empty rows after the header, with the kept columns' texts. */
async function* dataRows<K extends string>(
  rows: AsyncIterator<ExcelRow>,
  columns: ColumnSpec<K>[],
  indexOf: Map<K, number>,
): AsyncGenerator<SheetRow<K>> {
  for (let next = await rows.next(); !next.done; next = await rows.next()) {
    const values = rowValues(next.value);
    if (isEmpty(values)) continue;
    const cells = {} as Record<K, CellText>;
    for (const column of columns) {
      const index = indexOf.get(column.key);
      cells[column.key] = index === undefined ? { text: '' } : cellText(values[index]);
    }
    yield { row: next.value.number, cells };
  }
}

/** The rows, but a sheet that gives more than `max` fails. */
async function* limited<T>(rows: AsyncIterable<T>, max: number): AsyncGenerator<T> {
  let count = 0;
  for await (const row of rows) {
    count += 1;
    if (count > max) throw new TooManyRows(`more than ${max} rows`);
    yield row;
  }
}

async function* fromArray<T>(rows: T[]): AsyncGenerator<T> {
  yield* rows;
}

/** The sheets of a workbook in the order Excel shows them, each with the archive entry holding its cells. */
async function* worksheetsOf(
  bytes: Buffer,
): AsyncGenerator<{ name: string; path: string; rows: AsyncIterable<ExcelRow> }> {
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
      yield { name: sheet.name, path, rows: value as AsyncIterable<ExcelRow> };
    }
  }
}

/**
 * Opens the data sheet of a workbook that `inspectXlsx` accepted: its header is read and checked, and the row limit
 * judged, before any data row is used; the rows are read as `rows` is iterated. A worksheet damaged after its
 * header fails that iteration.
 */
export async function openSheetRows<K extends string>(
  bytes: Uint8Array,
  options: ReadOptions<K>,
): Promise<OpenOutcome<K>> {
  let firstMissing: Refusal | null = null;
  try {
    for await (const sheet of worksheetsOf(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) {
      const rows = sheet.rows[Symbol.asyncIterator]();
      const header = await headerOf(rows, options.columns);
      if (header === null) continue;
      if (header.missing.length > 0) {
        if (firstMissing === null || sheet.name === options.sheetName) {
          firstMissing = { ok: false, problem: 'MISSING_HEADERS', missing: header.missing, sheetName: sheet.name };
        }
        continue;
      }
      const data = dataRows(rows, options.columns, header.indexOf);
      const counted = options.valuedRows?.get(sheet.path);
      // the header is one of the rows counted
      if (counted !== undefined && counted - 1 <= options.maxRows) {
        return { ok: true, sheetName: sheet.name, atMost: counted - 1, rows: limited(data, options.maxRows) };
      }
      // no count, or more rows hold a value than the limit allows: the rows not all blank are read and counted
      const kept: SheetRow<K>[] = [];
      for await (const row of data) {
        if (kept.length >= options.maxRows) return { ok: false, problem: 'TOO_MANY_ROWS', max: options.maxRows };
        kept.push(row);
      }
      return { ok: true, sheetName: sheet.name, atMost: kept.length, rows: fromArray(kept) };
    }
  } catch (error) {
    return { ok: false, problem: 'CORRUPT', detail: (error as Error).message };
  }
  const columns = options.columns.filter((column) => column.required).map((column) => column.header);
  return firstMissing ?? { ok: false, problem: 'MISSING_HEADERS', missing: columns, sheetName: null };
}
