// The workbook of an import: its template (no rows) or a failure report (the failed rows with 失败原因) in one
// layout, so a failure report can be fixed and imported again. The data sheet first (text-formatted, drop-downs
// fed by the hidden 代码表), then 填写说明. A report of any size is streamed (`streamImportWorkbook`).
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs.ts';
import type { ColumnSpec } from './read.ts';
import { addHeaderRow, addListValidation, addSafeRow, type CellInput, columnRange, workbookBytes } from './write.ts';

export type TemplateColumn<K extends string> = ColumnSpec<K> & { width: number };

const INSTRUCTIONS_SHEET = '填写说明';
const LISTS_SHEET = '代码表';
const REASON_HEADER = '失败原因';
/** Rows of the data sheet that carry drop-downs. */
const TEMPLATE_ROWS = 5000;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export interface ImportWorkbookSpec<K extends string> {
  sheetName: string;
  columns: TemplateColumn<K>[];
  /** how many leading columns are text-formatted (so Excel keeps codes as typed); all by default */
  textColumns?: number;
  instructions: { keyWidth: number; lines: [string, string][]; boldHeader?: boolean };
  /** the hidden 代码表: a header and the options of each list, one column each */
  lists: { header: string; options: string[] }[];
  /** drop-downs: the data columns (letters) fed by the list of index `list` */
  dropDowns: { columns: string[]; list: number; strict: boolean; title: string; prompt: string }[];
}

/** A failed row of an import: its cells as read, and why it failed. */
export interface ReportRow<K extends string> {
  cells: Record<K, string>;
  reason: string;
}

/** What both a workbook in memory and exceljs's streaming writer offer (rows of the latter are written on commit). */
interface Workbook {
  creator: string;
  addWorksheet(name: string, options?: Partial<ExcelJS.AddWorksheetOptions>): ExcelJS.Worksheet;
}

/** Ends a row or a sheet of a streaming writer (written out and let go); nothing for a workbook in memory. */
const commit = (part: ExcelJS.Row | ExcelJS.Worksheet) => (part as { commit?: () => void }).commit?.();

/**
 * The sheets of an import workbook, in order: the data sheet (with the failed rows and their reasons when `pages`
 * is given, page by page), the instructions and the hidden lists feeding the drop-downs.
 */
async function layOut<K extends string>(
  workbook: Workbook,
  spec: ImportWorkbookSpec<K>,
  pages: AsyncIterable<ReportRow<K>[]> | Iterable<ReportRow<K>[]> | null,
): Promise<void> {
  workbook.creator = '乐企自用';
  const sheet = workbook.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers = spec.columns.map((column) => column.header);
  const widths = spec.columns.map((column) => column.width);
  const header = addHeaderRow(sheet, pages ? [...headers, REASON_HEADER] : headers, pages ? [...widths, 60] : widths);
  for (let index = 1; index <= (spec.textColumns ?? spec.columns.length); index++) sheet.getColumn(index).numFmt = '@';
  commit(header);
  let written = 0;
  for await (const page of pages ?? []) {
    for (const row of page) {
      commit(addSafeRow(sheet, [...spec.columns.map((column) => row.cells[column.key] as CellInput), row.reason]));
      written += 1;
    }
  }
  const last = Math.max(TEMPLATE_ROWS, written + 1);
  for (const { columns, list, ...options } of spec.dropDowns) {
    const source = columnRange(LISTS_SHEET, LETTERS[list] ?? 'A', 2, (spec.lists[list]?.options.length ?? 0) + 1);
    for (const column of columns) addListValidation(sheet, `${column}2:${column}${last}`, source, options);
  }
  commit(sheet);
  const instructions = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  instructions.getColumn(1).width = spec.instructions.keyWidth;
  instructions.getColumn(2).width = 90;
  spec.instructions.lines.forEach((line, index) => {
    const row = addSafeRow(instructions, line);
    if (index === 0 && spec.instructions.boldHeader) row.font = { bold: true };
    else row.alignment = { wrapText: true, vertical: 'top' };
    commit(row);
  });
  commit(instructions);
  const lists = workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  commit(
    addSafeRow(
      lists,
      spec.lists.map((list) => list.header),
    ),
  );
  const longest = Math.max(...spec.lists.map((list) => list.options.length));
  for (let index = 0; index < longest; index++) {
    commit(
      addSafeRow(
        lists,
        spec.lists.map((list) => list.options[index] ?? null),
      ),
    );
  }
  commit(lists);
}

/** The template (no rows) or a small failure report, as bytes. */
export async function importWorkbook<K extends string>(
  spec: ImportWorkbookSpec<K>,
  rows: ReportRow<K>[] | null = null,
): Promise<Buffer> {
  const workbook = new (await loadExcelJS()).Workbook();
  await layOut(workbook, spec, rows ? [rows] : null);
  return workbookBytes(workbook);
}

/**
 * A failure report of any size written to `output` as its rows are read: each page of rows is written out and let
 * go (strings inline, no shared-string table), so memory does not grow with the report.
 */
export async function streamImportWorkbook<K extends string>(
  spec: ImportWorkbookSpec<K>,
  pages: AsyncIterable<ReportRow<K>[]>,
  output: Writable,
): Promise<void> {
  const excel = await loadExcelJS();
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  await layOut(workbook as unknown as Workbook, spec, pages);
  await workbook.commit();
}
