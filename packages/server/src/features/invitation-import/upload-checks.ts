// Checking an uploaded invitation workbook (content, encryption, zip bomb, size, rows, headers), the inviting DCU
// and the proof materials, before anything is created.

import { DCU_STATUS_LABELS, type DcuStatus, domainError, err, type Locale, ok, type Result } from '@leqi/domain';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { inspectXlsx, type WorkbookProblem } from '../../platform/excel/inspect.ts';
import { readSheetRows } from '../../platform/excel/read.ts';
import { stripControlCharacters } from '../../platform/text.ts';
import { type PreparedRow, prepareRows } from './rows.ts';
import { DATA_SHEET, INVITATION_COLUMNS } from './template.ts';

/** Data rows per file (the issue's bad-input bound). */
export const MAX_IMPORT_ROWS = 100_000;
// ---------------------------------------------------------------------------------------------------------
// Checking the upload

export const PROBLEM_MESSAGES: Record<WorkbookProblem, { zh: string; en: string }> = {
  NOT_XLSX: {
    zh: '文件不是 Excel 工作簿（.xlsx），请下载导入模板填写后上传；改扩展名的 CSV、PDF、文本或旧版 .xls 文件无法导入',
    en: 'The file is not an Excel workbook (.xlsx); fill in the import template and upload it',
  },
  ENCRYPTED: {
    zh: '工作簿已加密（设置了打开密码），请取消密码后另存为 .xlsx 再上传',
    en: 'The workbook is password-protected; remove the password, save it as .xlsx and upload it again',
  },
  CORRUPT: {
    zh: '工作簿已损坏，无法读取，请用 Excel 打开并另存为 .xlsx 后重新上传',
    en: 'The workbook is damaged and cannot be read; open it in Excel, save it as .xlsx and upload it again',
  },
  TOO_LARGE: {
    zh: '工作簿解压后的内容过大或压缩比异常，已拒绝处理',
    en: 'The workbook expands to too much data (or is compressed suspiciously well) and was refused',
  },
};

export function fileError(code: 'VALIDATION_FAILED' | 'LIMIT_EXCEEDED', message: string, issue = 'INVALID_FORMAT') {
  return err({ ...domainError(code, {}, [{ field: 'file', code: issue }]), message });
}

export const say = (locale: Locale, zh: string, en: string) => (locale === 'en' ? en : zh);
export const n = (value: number) => value.toLocaleString('en');

export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return (stripControlCharacters(base).trim() || 'import.xlsx').slice(0, 200);
}

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
  const inspection = inspectXlsx(bytes);
  if (!inspection.ok) {
    const message = PROBLEM_MESSAGES[inspection.problem];
    return fileError(
      inspection.problem === 'TOO_LARGE' ? 'LIMIT_EXCEEDED' : 'VALIDATION_FAILED',
      say(locale, message.zh, message.en),
      inspection.problem === 'TOO_LARGE' ? 'OUT_OF_RANGE' : 'INVALID_FORMAT',
    );
  }
  const read = await readSheetRows(bytes, {
    columns: INVITATION_COLUMNS,
    sheetName: DATA_SHEET,
    maxRows: MAX_IMPORT_ROWS,
  });
  if (!read.ok) {
    switch (read.problem) {
      case 'CORRUPT':
        return fileError('VALIDATION_FAILED', say(locale, PROBLEM_MESSAGES.CORRUPT.zh, PROBLEM_MESSAGES.CORRUPT.en));
      case 'TOO_MANY_ROWS':
        return err({
          ...domainError('LIMIT_EXCEEDED', { max: read.max }, [
            { field: 'file', code: 'OUT_OF_RANGE', params: { max: read.max } },
          ]),
          message: say(
            locale,
            `数据行超过上限：每个文件最多 ${read.max.toLocaleString('en')} 行，请拆分后分批导入`,
            `Too many rows: at most ${read.max.toLocaleString('en')} per file; split the file`,
          ),
        });
      case 'MISSING_HEADERS':
        return fileError(
          'VALIDATION_FAILED',
          say(
            locale,
            `缺少必填列：${read.missing.join('、')}。请使用导入模板，保留第一行的列名`,
            `Missing columns: ${read.missing.join(', ')}. Use the import template and keep its header row`,
          ),
          'REQUIRED',
        );
    }
  }
  if (read.rows.length === 0) {
    return fileError(
      'VALIDATION_FAILED',
      say(locale, '文件中没有需要导入的数据行', 'The file has no data rows'),
      'REQUIRED',
    );
  }
  return ok(prepareRows(read.rows, locale));
}

/** 导入: checks the file, creates the import record and starts processing; the record is returned at once. */
