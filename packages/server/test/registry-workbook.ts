// A 企业登记信息 workbook as an admin would fill in the template (integration and end-to-end tests).
import ExcelJS from 'exceljs';

export const REGISTRY_HEADERS = [
  '统一社会信用代码',
  '纳税人名称',
  '主管税务机关代码',
  '纳税信用等级',
  '是否纳入数电票试点',
  '近三年是否存在重大税收违法行为',
  '是否民生保障类行业',
  '上一年度营业收入（元）',
  '前12个月开受票量（张）',
  '前12个月开票金额（元）',
];

export async function registryWorkbookBytes(
  rows: (string | number)[][],
  headers = REGISTRY_HEADERS,
): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('企业登记信息');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}
