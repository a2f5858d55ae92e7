// exceljs, loaded the first time a workbook is read or written: most processes serve many requests before their
// first import or template download, and the library holds ~17 MB resident once loaded.
import type ExcelJS from 'exceljs';

let loaded: Promise<typeof ExcelJS> | undefined;

export function loadExcelJS(): Promise<typeof ExcelJS> {
  loaded ??= import('exceljs').then((module) => module.default);
  return loaded;
}
