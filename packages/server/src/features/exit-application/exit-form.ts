import type { AppServices } from '../../platform/context.ts';
import { loadExcelJS } from '../../platform/excel/exceljs.ts';
import { setSafeCell, workbookBytes } from '../../platform/excel/write.ts';

const NOTICE = [
  '1. 申请退出前需解除全部已接入的使用单位。',
  '2. 提交退出申请后，不允许再新增邀请使用单位、新增能力订阅申请、使用乐企数字能力；审批流程中的使用单位接入申请和能力订阅申请将在当前环节自动置为不成功。',
  '3. 退出申请确认通过后，税务机关自动取消已订阅能力及直连单位和所有使用单位的能力授权。',
  '4. 退出申请未通过的，仍保留直连资格，可重新发起申请。',
];

/** 直连单位退出申请表, filled in with the enterprise's registry data, to be signed, stamped and uploaded. */
export async function exitApplicationForm(app: AppServices, enterpriseId: string): Promise<Buffer> {
  const enterprise = await app.db.enterprise.findUniqueOrThrow({ where: { id: enterpriseId } });
  const authority = await app.db.taxAuthority.findUnique({ where: { code: enterprise.competentAuthorityCode } });
  const bound = await app.db.binding.count({ where: { dcuEnterpriseId: enterpriseId, status: 'ACTIVE' } });
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = '乐企数字开放平台';
  const sheet = workbook.addWorksheet('直连单位退出申请表', { pageSetup: { paperSize: 9, orientation: 'portrait' } });
  sheet.getColumn(1).width = 26;
  sheet.getColumn(2).width = 60;
  sheet.mergeCells('A1:B1');
  const title = setSafeCell(sheet, 'A1', '直连单位退出申请表');
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  const rows: [string, string][] = [
    ['单位名称', enterprise.name],
    ['统一社会信用代码', enterprise.uscc],
    ['乐企ID', enterprise.leqiId ?? ''],
    ['主管税务机关', authority?.name ?? enterprise.competentAuthorityCode],
    ['接入日期', enterprise.dcuConfirmedAt ? enterprise.dcuConfirmedAt.toISOString().slice(0, 10) : ''],
    ['未解除绑定的使用单位数量', String(bound)],
    ['申请退出原因', ''],
    ['法定代表人或财务负责人（签字）', ''],
    ['单位（盖章）', ''],
    ['申请日期', ''],
  ];
  rows.forEach(([label, value], index) => {
    const row = index + 3;
    setSafeCell(sheet, `A${row}`, label).font = { bold: true };
    setSafeCell(sheet, `B${row}`, value);
    sheet.getRow(row).height = label === '申请退出原因' ? 60 : 24;
    for (const column of ['A', 'B']) {
      sheet.getCell(`${column}${row}`).border = {
        top: { style: 'thin' },
        left: { style: 'thin' },
        bottom: { style: 'thin' },
        right: { style: 'thin' },
      };
    }
  });
  const noticeStart = rows.length + 5;
  setSafeCell(sheet, `A${noticeStart}`, '注意事项').font = { bold: true };
  NOTICE.forEach((line, index) => {
    sheet.mergeCells(`A${noticeStart + 1 + index}:B${noticeStart + 1 + index}`);
    const cell = setSafeCell(sheet, `A${noticeStart + 1 + index}`, line);
    cell.alignment = { wrapText: true, vertical: 'top' };
    sheet.getRow(noticeStart + 1 + index).height = 36;
  });
  return workbookBytes(workbook);
}
