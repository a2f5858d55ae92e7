// Writing workbooks: every string that reaches a cell goes through `neutralizeFormula`, whoever typed it.
import type ExcelJS from 'exceljs';
import { safeCellValue } from './cells.ts';

export type CellInput = string | number | boolean | Date | null | undefined;

/** Appends a row whose strings are neutralised; returns it for styling. */
export function addSafeRow(sheet: ExcelJS.Worksheet, values: CellInput[]): ExcelJS.Row {
  return sheet.addRow(values.map((value) => safeCellValue(value ?? null)));
}

/** Sets one cell to a neutralised value. */
export function setSafeCell(sheet: ExcelJS.Worksheet, address: string, value: CellInput): ExcelJS.Cell {
  const cell = sheet.getCell(address);
  cell.value = safeCellValue(value ?? null);
  return cell;
}

/** A header row: bold and filled (freeze it with the sheet's `views` when adding the sheet). */
export function addHeaderRow(sheet: ExcelJS.Worksheet, headers: string[], widths: number[]): ExcelJS.Row {
  const row = addSafeRow(sheet, headers);
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.alignment = { vertical: 'middle' };
  });
  widths.forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
  return row;
}

/** A drop-down list over `range` fed by a column range elsewhere (no 255-character limit of inline lists). */
export function addListValidation(
  sheet: ExcelJS.Worksheet,
  range: string,
  source: string,
  options: { strict: boolean; title: string; prompt: string },
): void {
  // exceljs 4.4 has a range API that its typings do not declare
  const validations = (
    sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }
  ).dataValidations;
  validations.add(range, {
    type: 'list',
    allowBlank: true,
    formulae: [source],
    showInputMessage: true,
    promptTitle: options.title,
    prompt: options.prompt,
    showErrorMessage: options.strict,
    errorStyle: options.strict ? 'stop' : 'information',
    errorTitle: options.title,
    error: options.prompt,
  });
}

export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The absolute reference of a one-column list on a sheet, e.g. `'代码表'!$A$2:$A$40`. */
export function columnRange(sheetName: string, column: string, firstRow: number, lastRow: number): string {
  return `'${sheetName.replace(/'/g, "''")}'!$${column}$${firstRow}:$${column}$${Math.max(firstRow, lastRow)}`;
}
