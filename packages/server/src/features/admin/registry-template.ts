// 企业登记信息导入模板 and its 失败记录: one layout, so a failure report can be fixed and imported again.
import { CREDIT_RATINGS } from '@leqi/domain';
import ExcelJS from 'exceljs';
import type { ColumnSpec } from '../../platform/excel/read.ts';
import {
  addHeaderRow,
  addListValidation,
  addSafeRow,
  type CellInput,
  columnRange,
  workbookBytes,
} from '../../platform/excel/write.ts';

export type RegistryColumn =
  | 'uscc'
  | 'name'
  | 'competentAuthorityCode'
  | 'creditRating'
  | 'inPilot'
  | 'majorViolation'
  | 'livelihoodIndustry'
  | 'priorYearRevenue'
  | 'invoiceCount12m'
  | 'invoiceAmount12m';

export type RegistryCells = Record<RegistryColumn, string>;

export const REGISTRY_SHEET = '企业登记信息';
const INSTRUCTIONS_SHEET = '填写说明';
const LISTS_SHEET = '代码表';
export const REASON_HEADER = '失败原因';
const TEMPLATE_ROWS = 5000;

const column = (
  key: RegistryColumn,
  header: string,
  width: number,
): ColumnSpec<RegistryColumn> & { width: number } => ({
  key,
  header,
  required: true,
  width,
});

/** The template's columns in its order; the reader finds them by header in any order. */
export const REGISTRY_COLUMNS = [
  column('uscc', '统一社会信用代码', 24),
  column('name', '纳税人名称', 34),
  column('competentAuthorityCode', '主管税务机关代码', 36),
  column('creditRating', '纳税信用等级', 14),
  column('inPilot', '是否纳入数电票试点', 18),
  column('majorViolation', '近三年是否存在重大税收违法行为', 20),
  column('livelihoodIndustry', '是否民生保障类行业', 18),
  column('priorYearRevenue', '上一年度营业收入（元）', 22),
  column('invoiceCount12m', '前12个月开受票量（张）', 22),
  column('invoiceAmount12m', '前12个月开票金额（元）', 22),
];

const YES_NO = ['是', '否'] as const;

const INSTRUCTIONS: [string, string][] = [
  ['列名', '填写要求'],
  [
    '统一社会信用代码',
    '必填。18 位统一社会信用代码；已登记的代码再次导入时更新该企业的信息，不会重复新增。请保持单元格为文本格式。',
  ],
  ['纳税人名称', '必填。与税务登记的名称一致，最多 100 个字符。'],
  ['主管税务机关代码', '必填。从下拉列表选择，或填写 11 位税务机关代码（须已在“税务机关”中维护）。'],
  ['纳税信用等级', `必填。${CREDIT_RATINGS.join('、')} 之一。`],
  ['是否纳入数电票试点 / 近三年是否存在重大税收违法行为 / 是否民生保障类行业', '必填。填“是”或“否”。'],
  ['上一年度营业收入、前12个月开票金额', '必填。单位为元，不小于 0 的数字。'],
  ['前12个月开受票量', '必填。开票量与受票量之和，不小于 0 的整数。'],
  ['', ''],
  ['说明', '每个文件最多 100,000 行；每行单独校验，通过的行即新增或更新，未通过的行可在导入结果中下载失败记录。'],
  ['', '失败记录与本模板列相同，另有“失败原因”列；修改后可直接再次导入（“失败原因”列会被忽略）。'],
  ['', '列的顺序可以调整，但不要修改列名。以 =、+、-、@ 开头的内容按文本处理，不会作为公式计算。'],
];

/** The template (no rows) or a failure report (rows with their reason). */
export async function registryWorkbook(
  authorities: { code: string; name: string }[],
  rows: { cells: RegistryCells; reason: string }[] | null = null,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '乐企自用';
  const sheet = workbook.addWorksheet(REGISTRY_SHEET);
  const headers = REGISTRY_COLUMNS.map((c) => c.header);
  const widths = REGISTRY_COLUMNS.map((c) => c.width);
  addHeaderRow(sheet, rows ? [...headers, REASON_HEADER] : headers, rows ? [...widths, 60] : widths);
  for (const index of [1, 2]) sheet.getColumn(index).numFmt = '@';
  for (const row of rows ?? []) {
    addSafeRow(sheet, [...REGISTRY_COLUMNS.map((c) => row.cells[c.key] as CellInput), row.reason]);
  }
  const instructions = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  instructions.getColumn(1).width = 40;
  instructions.getColumn(2).width = 90;
  for (const line of INSTRUCTIONS) addSafeRow(instructions, line).alignment = { wrapText: true, vertical: 'top' };
  const lists = workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  addSafeRow(lists, ['税务机关（代码 名称）', '纳税信用等级', '是否']);
  const longest = Math.max(authorities.length, CREDIT_RATINGS.length, YES_NO.length);
  for (let i = 0; i < longest; i++) {
    const authority = authorities[i];
    addSafeRow(lists, [
      authority ? `${authority.code} ${authority.name}` : null,
      CREDIT_RATINGS[i] ?? null,
      YES_NO[i] ?? null,
    ]);
  }
  const last = Math.max(TEMPLATE_ROWS, (rows?.length ?? 0) + 1);
  addListValidation(sheet, `C2:C${last}`, columnRange(LISTS_SHEET, 'A', 2, authorities.length + 1), {
    strict: false,
    title: '主管税务机关',
    prompt: '请选择主管税务机关，或填写 11 位代码',
  });
  addListValidation(sheet, `D2:D${last}`, columnRange(LISTS_SHEET, 'B', 2, CREDIT_RATINGS.length + 1), {
    strict: true,
    title: '纳税信用等级',
    prompt: `${CREDIT_RATINGS.join('、')} 之一`,
  });
  for (const col of ['E', 'F', 'G']) {
    addListValidation(sheet, `${col}2:${col}${last}`, columnRange(LISTS_SHEET, 'C', 2, 3), {
      strict: true,
      title: '是 / 否',
      prompt: '请选择“是”或“否”',
    });
  }
  return workbookBytes(workbook);
}
