// The checks every uploaded workbook goes through before any row is used: size, content (a real .xlsx, not
// encrypted, not a zip bomb), the data sheet's headers and the row limit. Returns the rows or a typed refusal
// worded for the uploader. (The invitation import has its own copy of these messages; it may move onto this.)
import { type DomainError, domainError, type Locale } from '@leqi/domain';
import type { UploadedFile } from '../builder.ts';
import { stripControlCharacters } from '../text.ts';
import { inspectXlsx, type WorkbookProblem } from './inspect.ts';
import { type ColumnSpec, readSheetRows, type SheetRow } from './read.ts';

const PROBLEMS: Record<WorkbookProblem, { zh: string; en: string }> = {
  NOT_XLSX: {
    zh: '文件不是 Excel 工作簿（.xlsx），请下载导入模板填写后上传',
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

const say = (locale: Locale, zh: string, en: string) => (locale === 'en' ? en : zh);

function refusal(code: 'VALIDATION_FAILED' | 'LIMIT_EXCEEDED', issue: string, message: string): DomainError {
  return { ...domainError(code, {}, [{ field: 'file', code: issue }]), message };
}

export function safeUploadName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return (stripControlCharacters(base).trim() || fallback).slice(0, 200);
}

interface UploadSpec<K extends string> {
  columns: ColumnSpec<K>[];
  sheetName: string;
  maxRows: number;
  maxBytes: number;
  locale: Locale;
}

export async function readUploadedWorkbook<K extends string>(
  file: UploadedFile,
  spec: UploadSpec<K>,
): Promise<{ ok: true; rows: SheetRow<K>[] } | { ok: false; error: DomainError }> {
  const { locale } = spec;
  if (file.size === 0)
    return { ok: false, error: refusal('VALIDATION_FAILED', 'REQUIRED', say(locale, '文件为空', 'The file is empty')) };
  if (file.size > spec.maxBytes) {
    const mb = Math.round(spec.maxBytes / 1024 / 1024);
    return {
      ok: false,
      error: refusal(
        'LIMIT_EXCEEDED',
        'OUT_OF_RANGE',
        say(locale, `文件超过 ${mb} MB 上限`, `The file is larger than ${mb} MB`),
      ),
    };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const inspection = inspectXlsx(bytes);
  if (!inspection.ok) {
    const text = PROBLEMS[inspection.problem];
    const tooLarge = inspection.problem === 'TOO_LARGE';
    return {
      ok: false,
      error: refusal(
        tooLarge ? 'LIMIT_EXCEEDED' : 'VALIDATION_FAILED',
        tooLarge ? 'OUT_OF_RANGE' : 'INVALID_FORMAT',
        say(locale, text.zh, text.en),
      ),
    };
  }
  const read = await readSheetRows(bytes, { columns: spec.columns, sheetName: spec.sheetName, maxRows: spec.maxRows });
  if (!read.ok) {
    if (read.problem === 'CORRUPT') {
      return {
        ok: false,
        error: refusal('VALIDATION_FAILED', 'INVALID_FORMAT', say(locale, PROBLEMS.CORRUPT.zh, PROBLEMS.CORRUPT.en)),
      };
    }
    if (read.problem === 'TOO_MANY_ROWS') {
      return {
        ok: false,
        error: refusal(
          'LIMIT_EXCEEDED',
          'OUT_OF_RANGE',
          say(
            locale,
            `数据行超过上限：每个文件最多 ${read.max.toLocaleString('en')} 行，请拆分后分批导入`,
            `Too many rows: at most ${read.max.toLocaleString('en')} per file; split the file`,
          ),
        ),
      };
    }
    return {
      ok: false,
      error: refusal(
        'VALIDATION_FAILED',
        'REQUIRED',
        say(
          locale,
          `缺少必填列：${read.missing.join('、')}。请使用导入模板，保留第一行的列名`,
          `Missing columns: ${read.missing.join(', ')}. Use the import template and keep its header row`,
        ),
      ),
    };
  }
  if (read.rows.length === 0) {
    return {
      ok: false,
      error: refusal(
        'VALIDATION_FAILED',
        'REQUIRED',
        say(locale, '文件中没有需要导入的数据行', 'The file has no data rows'),
      ),
    };
  }
  return { ok: true, rows: read.rows };
}
