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

export async function importWorkbook<K extends string>(
  spec: ImportWorkbookSpec<K>,
  rows: { cells: Record<K, string>; reason: string }[] | null,
): Promise<Buffer> {
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = '乐企自用';
  const sheet = workbook.addWorksheet(spec.sheetName);
  const headers = spec.columns.map((column) => column.header);
  const widths = spec.columns.map((column) => column.width);
  addHeaderRow(sheet, rows ? [...headers, REASON_HEADER] : headers, rows ? [...widths, 60] : widths);
  for (let index = 1; index <= (spec.textColumns ?? spec.columns.length); index++) sheet.getColumn(index).numFmt = '@';
  for (const row of rows ?? []) {
    addSafeRow(sheet, [...spec.columns.map((column) => row.cells[column.key] as CellInput), row.reason]);
  }
  const instructions = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  instructions.getColumn(1).width = spec.instructions.keyWidth;
  instructions.getColumn(2).width = 90;
  spec.instructions.lines.forEach((line, index) => {
    const row = addSafeRow(instructions, line);
    if (index === 0 && spec.instructions.boldHeader) row.font = { bold: true };
    else row.alignment = { wrapText: true, vertical: 'top' };
  });
  const lists = workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  addSafeRow(
    lists,
    spec.lists.map((list) => list.header),
  );
  const longest = Math.max(...spec.lists.map((list) => list.options.length));
  for (let index = 0; index < longest; index++) {
    addSafeRow(
      lists,
      spec.lists.map((list) => list.options[index] ?? null),
    );
  }
  const last = Math.max(TEMPLATE_ROWS, (rows?.length ?? 0) + 1);
  for (const { columns, list, ...options } of spec.dropDowns) {
    const source = columnRange(LISTS_SHEET, LETTERS[list] ?? 'A', 2, (spec.lists[list]?.options.length ?? 0) + 1);
    for (const column of columns) addListValidation(sheet, `${column}2:${column}${last}`, source, options);
  }
  return workbookBytes(workbook);
}
