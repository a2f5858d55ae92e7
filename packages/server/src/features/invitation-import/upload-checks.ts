// Checking an uploaded invitation workbook (content, encryption, zip bomb, size, rows, headers), the inviting DCU
// and the proof materials, before anything is created.

import { DCU_STATUS_LABELS, type DcuStatus, domainError, err, type Locale, ok, type Result } from '@leqi/domain';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { readWorkbookRows } from '../../platform/excel/upload.ts';
import { type PreparedRow, prepareRows } from './rows.ts';
import { DATA_SHEET, INVITATION_COLUMNS } from './template.ts';

/** Data rows per file (the bad-input bound). */
export const MAX_IMPORT_ROWS = 100_000;

export async function activeDcu(app: AppServices, viewer: Viewer): Promise<Result<string>> {
  const actor = viewer.actor;
  if (actor.role !== 'ENTERPRISE') return err(domainError('FORBIDDEN'));
  const dcu = await app.db.enterprise.findUnique({ where: { id: actor.enterpriseId }, select: { dcuStatus: true } });
  if (!dcu) return err(domainError('FORBIDDEN'));
  if (dcu.dcuStatus !== 'ACTIVE') {
    const label = DCU_STATUS_LABELS[dcu.dcuStatus as DcuStatus];
    return err(
      domainError('DCU_NOT_ACTIVE', {
        dcuStatus: dcu.dcuStatus,
        dcuStatusZh: label?.zh ?? dcu.dcuStatus,
        dcuStatusEn: label?.en ?? dcu.dcuStatus,
      }),
    );
  }
  return ok(actor.enterpriseId);
}

export async function checkProof(app: AppServices, enterpriseId: string, ids: string[]): Promise<Result<string[]>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return ok([]);
  const found = await app.db.material.findMany({ where: { id: { in: unique }, enterpriseId }, select: { id: true } });
  const missing = unique.filter((id) => !found.some((material) => material.id === id));
  if (missing.length === 0) return ok(unique);
  return err(
    domainError(
      'VALIDATION_FAILED',
      {},
      missing.map((id) => ({ field: `proofMaterialIds.${unique.indexOf(id)}`, code: 'NOT_FOUND' })),
    ),
  );
}

/** The rows of an uploaded workbook, or a clear refusal; nothing is created. */
export async function readInvitationWorkbook(bytes: Uint8Array, locale: Locale): Promise<Result<PreparedRow[]>> {
  const read = await readWorkbookRows(bytes, {
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
  return read.ok ? ok(prepareRows(read.rows, locale)) : err(read.error);
}
