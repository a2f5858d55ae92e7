// From an uploaded workbook to invitation rows: the file is checked (content, encryption, zip bomb, size, row
// count, headers) before anything is created, then its rows are read and prepared as the import uses them. What can
// be judged from the cell alone (length, characters, a code Excel turned into an inexact number, duplicates inside
// the file) fails here; everything else is the invitation pipeline's per-row validation.
import { err, invitationRowFailureMessage, type Locale, ok, type Result, validateUscc } from '@leqi/domain';
import { type CellText, cleanCellText } from '../../platform/excel/cells.ts';
import type { SheetRow } from '../../platform/excel/read.ts';
import { openWorkbookRows } from '../../platform/excel/upload.ts';
import { firstRowWins } from '../../platform/imports/first-row-wins.ts';
import type { InvitationRowInput } from '../invitation/service.ts';
import { DATA_SHEET, INVITATION_COLUMNS, type InvitationCells, type InvitationColumn } from './template.ts';

/** Data rows per file (the bad-input bound). */
const MAX_IMPORT_ROWS = 100_000;

/** Longest text accepted in one cell. */
const MAX_CELL_LENGTH = 200;

/** Failure codes that belong to reading the file (the pipeline's codes cover the rest). */
type CellFailureCode = 'TOO_LONG' | 'INVALID_CHARACTERS' | 'INVALID_USCC' | 'DUPLICATE_IN_BATCH';

export interface PreparedRow {
  /** the spreadsheet row number */
  row: number;
  /** the cleaned cell texts, as the failure report shows them */
  cells: InvitationCells;
  input: InvitationRowInput | null;
  failure: { code: CellFailureCode; message: string } | null;
  uscc: string | null;
}

const LABELS: Record<InvitationColumn, { zh: string; en: string }> = {
  uscc: { zh: '使用单位统一社会信用代码', en: 'the unified social credit code' },
  name: { zh: '使用单位名称', en: 'the name' },
  provinceAuthorityCode: { zh: '省级税务机关代码', en: 'the provincial authority code' },
  relationship: { zh: '单位关系', en: 'the relationship' },
  capabilityCodes: { zh: '能力预授权', en: 'the pre-authorised capabilities' },
};

function cellMessage(code: 'TOO_LONG' | 'INVALID_CHARACTERS' | 'IMPRECISE', column: InvitationColumn, locale: Locale) {
  const label = LABELS[column];
  if (locale === 'en') {
    if (code === 'TOO_LONG') return `${label.en} is longer than ${MAX_CELL_LENGTH} characters`;
    if (code === 'INVALID_CHARACTERS') return `${label.en} contains characters that cannot be read`;
    return `${label.en} was stored by Excel as a number and lost digits; format the cell as text and type it again`;
  }
  if (code === 'TOO_LONG') return `${label.zh}超过 ${MAX_CELL_LENGTH} 个字符`;
  if (code === 'INVALID_CHARACTERS') return `${label.zh}含有无法识别的字符`;
  return `${label.zh}被 Excel 存为数字，已丢失精度，请将单元格设为文本格式后重新填写`;
}

/** "14400000000 国家税务总局广东省税务局" (a drop-down choice) or a bare code. */
function leadingCode(text: string, pattern: RegExp): string {
  return text.match(pattern)?.[1] ?? text;
}

function capabilityCodes(text: string): string[] {
  return text
    .split(/[,，、;；\n]+/u)
    .map((part) => part.trim().split(/\s+/u)[0] ?? '')
    .filter(Boolean);
}

const COLUMNS: InvitationColumn[] = ['uscc', 'name', 'provinceAuthorityCode', 'relationship', 'capabilityCodes'];

/** Cleans one row's cells; the first problem found makes the row fail. */
function prepareRow(sheetRow: SheetRow<InvitationColumn>, locale: Locale): PreparedRow {
  const cells = {} as InvitationCells;
  let failure: PreparedRow['failure'] = null;
  for (const column of COLUMNS) {
    const raw: CellText = sheetRow.cells[column];
    const clean = cleanCellText(raw.text);
    cells[column] = clean.text.slice(0, MAX_CELL_LENGTH * 2);
    if (failure) continue;
    if (clean.malformed)
      failure = { code: 'INVALID_CHARACTERS', message: cellMessage('INVALID_CHARACTERS', column, locale) };
    else if ([...clean.text].length > MAX_CELL_LENGTH)
      failure = { code: 'TOO_LONG', message: cellMessage('TOO_LONG', column, locale) };
    else if (raw.imprecise && column === 'uscc')
      failure = { code: 'INVALID_USCC', message: cellMessage('IMPRECISE', column, locale) };
  }
  const normalised = validateUscc(cells.uscc);
  const uscc = normalised.ok ? normalised.value : cells.uscc ? cells.uscc.slice(0, 40) : null;
  if (failure) return { row: sheetRow.row, cells, input: null, failure, uscc };
  return {
    row: sheetRow.row,
    cells,
    uscc,
    failure: null,
    input: {
      uscc: cells.uscc,
      name: cells.name,
      provinceAuthorityCode: leadingCode(cells.provinceAuthorityCode, /^(\d{11})(?:\s|$)/u),
      relationship: leadingCode(cells.relationship, /^(\d{1,2})(?:\s|$)/u),
      capabilityCodes: capabilityCodes(cells.capabilityCodes),
    },
  };
}

/**
 * The rows of a file as they are read; a use unit listed twice fails from its second row on (the pipeline sees only
 * chunks), unless that row failed already. A row that failed still counts as its use unit's first.
 */
function prepareRows(rows: AsyncIterable<SheetRow<InvitationColumn>>, locale: Locale): AsyncGenerator<PreparedRow> {
  return firstRowWins(rows, {
    prepare: (sheetRow) => prepareRow(sheetRow, locale),
    keyOf: (prepared) => {
      const code = validateUscc(prepared.cells.uscc);
      return code.ok ? code.value : null;
    },
    duplicate: (prepared, firstRow): PreparedRow =>
      prepared.failure
        ? prepared
        : {
            ...prepared,
            input: null,
            failure: {
              code: 'DUPLICATE_IN_BATCH',
              message: invitationRowFailureMessage('DUPLICATE_IN_BATCH', { firstRow }, locale),
            },
          },
  });
}

/** The rows of a workbook, at most `total` of them, read as they are used. */
export interface InvitationRows {
  total: number;
  rows: AsyncIterable<PreparedRow>;
}

/**
 * An uploaded workbook, checked (the file, its header, its row count, its first row) before anything is created;
 * its rows are read and prepared as they are used, or a clear refusal.
 */
export async function openInvitationWorkbook(bytes: Uint8Array, locale: Locale): Promise<Result<InvitationRows>> {
  const read = await openWorkbookRows(bytes, {
    columns: INVITATION_COLUMNS,
    sheetName: DATA_SHEET,
    maxRows: MAX_IMPORT_ROWS,
    locale,
    withLimits: true,
    notXlsx: {
      zh: '文件不是 Excel 工作簿（.xlsx），请下载导入模板填写后上传；改扩展名的 CSV、PDF、文本或旧版 .xls 文件无法导入',
      en: 'The file is not an Excel workbook (.xlsx); fill in the import template and upload it',
    },
  });
  return read.ok ? ok({ total: read.total, rows: prepareRows(read.rows, locale) }) : err(read.error);
}
