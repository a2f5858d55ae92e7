// The checks every uploaded workbook goes through before any row is used: size, content (a real .xlsx, not
// encrypted, not a zip bomb), the data sheet's headers and the row limit. Returns the rows or a typed refusal
// worded for the uploader.
import { type DomainError, domainError, type FieldIssueCode, type Locale } from '@leqi/domain';
import type { UploadedFile } from '../builder.ts';
import { stripControlCharacters } from '../text.ts';
import { inspectXlsx, type WorkbookProblem } from './inspect.ts';
import { type ColumnSpec, openSheetRows, type SheetRow } from './read.ts';

type Text = { zh: string; en: string };

const PROBLEMS: Record<WorkbookProblem, Text> = {
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

export const say = (locale: Locale, zh: string, en: string) => (locale === 'en' ? en : zh);
/** A count as the import messages write it (100,000). */
export const n = (value: number) => value.toLocaleString('en');

/** A refusal of the file; `max` (when given) goes into the error's and the issue's parameters. */
function refusal(
  code: DomainError['code'],
  issue: FieldIssueCode,
  message: string,
  max?: number | string,
): DomainError {
  const limit = max === undefined ? {} : { params: { max } };
  return {
    ...domainError(code, max === undefined ? {} : { max }, [{ field: 'file', code: issue, ...limit }]),
    message,
  };
}

export function safeUploadName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return (stripControlCharacters(base).trim() || fallback).slice(0, 200);
}

/**
 * An empty or too large file, or null. `withLimits` puts the limit into the refusal's parameters (as the
 * invitation import always has).
 */
export function uploadSizeRefusal(size: number, maxBytes: number, locale: Locale, withLimits = false) {
  if (size === 0) return refusal('VALIDATION_FAILED', 'REQUIRED', say(locale, '文件为空', 'The file is empty'));
  if (size <= maxBytes) return null;
  const mb = Math.round(maxBytes / 1024 / 1024);
  const message = say(locale, `文件超过 ${mb} MB 上限`, `The file is larger than ${mb} MB`);
  if (!withLimits) return refusal('LIMIT_EXCEEDED', 'OUT_OF_RANGE', message);
  return { ...refusal('LIMIT_EXCEEDED', 'OUT_OF_RANGE', message, `${mb} MB`), params: { max: mb } };
}

interface WorkbookSpec<K extends string> {
  columns: ColumnSpec<K>[];
  sheetName: string;
  maxRows: number;
  locale: Locale;
  /** the row limit in the refusal's parameters */
  withLimits?: boolean;
  /** the words for a file that is not a workbook, when the importer has its own */
  notXlsx?: Text;
}

/** The data rows still to be read (once, as `rows` is iterated); `total` of them at most. */
type OpenRows<K extends string> =
  | { ok: true; total: number; rows: AsyncIterable<SheetRow<K>> }
  | { ok: false; error: DomainError };

type ReadRefusal = Exclude<Awaited<ReturnType<typeof openSheetRows>>, { ok: true }>;

function readRefusal(read: ReadRefusal, spec: WorkbookSpec<string>): DomainError {
  const { locale } = spec;
  if (read.problem === 'CORRUPT') {
    const message = say(locale, PROBLEMS.CORRUPT.zh, PROBLEMS.CORRUPT.en);
    return refusal('VALIDATION_FAILED', 'INVALID_FORMAT', message);
  }
  if (read.problem === 'TOO_MANY_ROWS') {
    const message = say(
      locale,
      `数据行超过上限：每个文件最多 ${n(read.max)} 行，请拆分后分批导入`,
      `Too many rows: at most ${n(read.max)} per file; split the file`,
    );
    return refusal('LIMIT_EXCEEDED', 'OUT_OF_RANGE', message, spec.withLimits ? read.max : undefined);
  }
  const message = say(
    locale,
    `缺少必填列：${read.missing.join('、')}。请使用导入模板，保留第一行的列名`,
    `Missing columns: ${read.missing.join(', ')}. Use the import template and keep its header row`,
  );
  return refusal('VALIDATION_FAILED', 'REQUIRED', message);
}

async function* startingWith<T>(first: T, rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/**
 * Opens the data rows of a workbook's bytes, or refuses a file that is no workbook, has no rows or too many: the
 * file, its header and its first data row are checked here; the other rows are read as they are used.
 */
export async function openWorkbookRows<K extends string>(
  bytes: Uint8Array,
  spec: WorkbookSpec<K>,
): Promise<OpenRows<K>> {
  const { locale } = spec;
  const inspection = inspectXlsx(bytes);
  if (!inspection.ok) {
    const text = (inspection.problem === 'NOT_XLSX' && spec.notXlsx) || PROBLEMS[inspection.problem];
    const tooLarge = inspection.problem === 'TOO_LARGE';
    const message = say(locale, text.zh, text.en);
    return tooLarge
      ? { ok: false, error: refusal('LIMIT_EXCEEDED', 'OUT_OF_RANGE', message) }
      : { ok: false, error: refusal('VALIDATION_FAILED', 'INVALID_FORMAT', message) };
  }
  const opened = await openSheetRows(bytes, {
    columns: spec.columns,
    sheetName: spec.sheetName,
    maxRows: spec.maxRows,
    valuedRows: inspection.valuedRows,
  });
  if (!opened.ok) return { ok: false, error: readRefusal(opened, spec) };
  const rows = opened.rows[Symbol.asyncIterator]();
  let first: IteratorResult<SheetRow<K>>;
  try {
    first = await rows.next();
  } catch {
    return { ok: false, error: readRefusal({ ok: false, problem: 'CORRUPT', detail: 'first row' }, spec) };
  }
  if (first.done) {
    const message = say(locale, '文件中没有需要导入的数据行', 'The file has no data rows');
    return { ok: false, error: refusal('VALIDATION_FAILED', 'REQUIRED', message) };
  }
  return { ok: true, total: opened.atMost, rows: startingWith(first.value, rows) };
}

/** The size checks, then the workbook's rows, read as they are used. */
export async function openUploadedWorkbook<K extends string>(
  file: UploadedFile,
  spec: WorkbookSpec<K> & { maxBytes: number },
): Promise<OpenRows<K>> {
  const tooLarge = uploadSizeRefusal(file.size, spec.maxBytes, spec.locale);
  if (tooLarge) return { ok: false, error: tooLarge };
  return openWorkbookRows(new Uint8Array(await file.arrayBuffer()), spec);
}
