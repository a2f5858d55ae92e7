// From spreadsheet cells to registry entries: each row is cleaned and validated on its own; the first
// occurrence of a USCC in the file wins and later ones fail, so a re-import never depends on row order.
import {
  IMPORT_ROW_CODE_LABELS,
  issueMessage,
  type Label,
  type Locale,
  type RegistryEntry,
  validateRegistryEntry,
  validateUscc,
} from '@leqi/domain';
import { cleanCellText } from '../../platform/excel/cells.ts';
import type { SheetRow } from '../../platform/excel/read.ts';
import { say } from '../../platform/excel/upload.ts';
import { firstRowWins } from '../../platform/imports/first-row-wins.ts';
import { cleanRegistryDraft } from './registry.ts';
import { REGISTRY_COLUMNS, type RegistryCells, type RegistryColumn } from './registry-template.ts';

const MAX_CELL_LENGTH = 200;

export const REGISTRY_ROW_CODES = [
  'TOO_LONG',
  'INVALID_CHARACTERS',
  'INVALID_USCC',
  'INVALID_VALUE',
  'DUPLICATE_IN_BATCH',
  'UNKNOWN_AUTHORITY',
  'STALE_VERSION',
  'NOT_PROCESSED',
] as const;
export type RegistryRowCode = (typeof REGISTRY_ROW_CODES)[number];

export const REGISTRY_ROW_CODE_LABELS: Record<RegistryRowCode, Label> = {
  TOO_LONG: IMPORT_ROW_CODE_LABELS.TOO_LONG,
  INVALID_CHARACTERS: IMPORT_ROW_CODE_LABELS.INVALID_CHARACTERS,
  INVALID_USCC: { zh: '统一社会信用代码不正确', en: 'Invalid unified social credit code' },
  INVALID_VALUE: { zh: '单元格的值不在允许范围内', en: 'A cell holds a value that is not allowed' },
  DUPLICATE_IN_BATCH: { zh: '与本文件中前面的行重复', en: 'Duplicates an earlier row of the file' },
  UNKNOWN_AUTHORITY: { zh: '主管税务机关代码不存在', en: 'Unknown competent authority code' },
  STALE_VERSION: {
    zh: '该企业信息正被他人修改，请重新导入该行',
    en: 'The entry was changed meanwhile; import the row again',
  },
  NOT_PROCESSED: IMPORT_ROW_CODE_LABELS.NOT_PROCESSED,
};

export const REGISTRY_ROW_OUTCOMES = ['CREATED', 'UPDATED', 'UNCHANGED'] as const;
export type RegistryRowOutcome = (typeof REGISTRY_ROW_OUTCOMES)[number];

export const REGISTRY_ROW_OUTCOME_LABELS: Record<RegistryRowOutcome, Label> = {
  CREATED: { zh: '新增', en: 'Created' },
  UPDATED: { zh: '已更新', en: 'Updated' },
  UNCHANGED: { zh: '无变化', en: 'Unchanged' },
};

export interface PreparedRegistryRow {
  row: number;
  cells: RegistryCells;
  uscc: string | null;
  entry: RegistryEntry | null;
  failure: { code: RegistryRowCode; message: string } | null;
}

const headerOf = (key: RegistryColumn) => REGISTRY_COLUMNS.find((c) => c.key === key)?.header ?? key;

const TRUE = new Set(['是', 'Y', 'YES', 'TRUE', '1']);
const FALSE = new Set(['否', 'N', 'NO', 'FALSE', '0']);

function flag(text: string): boolean | null {
  const value = text.trim().toUpperCase();
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  return null;
}

function amount(text: string): number {
  const cleaned = text.replace(/[,，\s]/gu, '');
  return cleaned === '' ? Number.NaN : Number(cleaned);
}

/** "14401060000 国家税务总局广州市天河区税务局" (a drop-down choice) or a bare code. */
const leadingCode = (text: string) => text.match(/^(\d{11})(?:\s|$)/u)?.[1] ?? text;

type RowFailure = PreparedRegistryRow['failure'];

const failed = (locale: Locale, code: RegistryRowCode, zh: string, en: string): RowFailure => ({
  code,
  message: say(locale, zh, en),
});

function cellsOf(sheetRow: SheetRow<RegistryColumn>, locale: Locale) {
  const cells = {} as RegistryCells;
  let failure: RowFailure = null;
  for (const { key } of REGISTRY_COLUMNS) {
    const raw = sheetRow.cells[key];
    const clean = cleanCellText(raw.text);
    cells[key] = clean.text.slice(0, MAX_CELL_LENGTH * 2);
    if (failure) continue;
    const header = headerOf(key);
    if (clean.malformed) {
      failure = failed(locale, 'INVALID_CHARACTERS', `${header}含有无法识别的字符`, `${header}: unreadable characters`);
    } else if ([...clean.text].length > MAX_CELL_LENGTH) {
      const en = `${header}: longer than ${MAX_CELL_LENGTH} characters`;
      failure = failed(locale, 'TOO_LONG', `${header}超过 ${MAX_CELL_LENGTH} 个字符`, en);
    } else if (raw.imprecise && key === 'uscc') {
      const zh = `${header}被 Excel 存为数字，已丢失精度，请将单元格设为文本格式后重新填写`;
      failure = failed(locale, 'INVALID_USCC', zh, `${header} was stored as a number and lost digits`);
    }
  }
  return { cells, failure };
}

function prepareRegistryRow(sheetRow: SheetRow<RegistryColumn>, locale: Locale): PreparedRegistryRow {
  const { cells, failure } = cellsOf(sheetRow, locale);
  const code = validateUscc(cells.uscc);
  const uscc = code.ok ? code.value : cells.uscc.slice(0, 40) || null;
  const base = { row: sheetRow.row, cells, uscc, entry: null };
  if (failure) return { ...base, failure };
  const flags = {
    inPilot: flag(cells.inPilot),
    majorViolation: flag(cells.majorViolation),
    livelihoodIndustry: flag(cells.livelihoodIndustry),
  };
  const badFlag = (Object.keys(flags) as (keyof typeof flags)[]).find((key) => flags[key] === null);
  if (badFlag) {
    const header = headerOf(badFlag);
    return {
      ...base,
      failure: failed(locale, 'INVALID_VALUE', `${header}应填写“是”或“否”`, `${header} must be 是 (yes) or 否 (no)`),
    };
  }
  const valid = validateRegistryEntry(
    cleanRegistryDraft({
      uscc: cells.uscc,
      name: cells.name,
      competentAuthorityCode: leadingCode(cells.competentAuthorityCode),
      creditRating: cells.creditRating,
      inPilot: flags.inPilot === true,
      majorViolation: flags.majorViolation === true,
      livelihoodIndustry: flags.livelihoodIndustry === true,
      priorYearRevenue: amount(cells.priorYearRevenue),
      invoiceCount12m: amount(cells.invoiceCount12m),
      invoiceAmount12m: amount(cells.invoiceAmount12m),
    }),
  );
  if (!valid.ok) {
    const message = valid.issues
      .map((issue) => `${headerOf(issue.field as RegistryColumn)}：${issueMessage(issue, locale)}`)
      .join('；');
    const first = valid.issues[0];
    return { ...base, failure: { code: first?.field === 'uscc' ? 'INVALID_USCC' : 'INVALID_VALUE', message } };
  }
  return { ...base, entry: valid.value, failure: null };
}

/** The rows of a file as they are read; a USCC listed twice fails from its second valid row on. */
export function prepareRegistryRows(
  rows: AsyncIterable<SheetRow<RegistryColumn>>,
  locale: Locale,
): AsyncGenerator<PreparedRegistryRow> {
  return firstRowWins(rows, {
    prepare: (sheetRow) => prepareRegistryRow(sheetRow, locale),
    // only a valid row wins, and only a valid row can be a duplicate
    keyOf: (prepared) => prepared.entry?.uscc ?? null,
    duplicate: (prepared, first) => ({
      ...prepared,
      entry: null,
      failure: failed(
        locale,
        'DUPLICATE_IN_BATCH',
        `与第 ${first} 行的统一社会信用代码重复`,
        `Same unified social credit code as row ${first}`,
      ),
    }),
  });
}
