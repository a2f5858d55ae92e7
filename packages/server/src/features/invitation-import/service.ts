// 导入邀请: an uploaded workbook is checked (content, encryption, zip bomb, size, rows, headers) before anything
// is created; then an import record is returned at once and the rows go through the invitation pipeline in the
// background, chunk by chunk, with live progress. Each row is atomic in the pipeline, so an interruption
// never half-invites a row and never loses the rows already invited; each row's result is recorded in the
// pipeline's transaction that invites it, so the record counts exactly the invitations committed.
import {
  DCU_STATUS_LABELS,
  type DcuStatus,
  domainError,
  err,
  type Locale,
  messageFor,
  ok,
  type Result,
} from '@leqi/domain';
import type { ImportRecord, Prisma } from '../../generated/prisma/client.ts';
import type { UploadedFile } from '../../platform/builder.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { inspectXlsx, type WorkbookProblem } from '../../platform/excel/inspect.ts';
import { readSheetRows } from '../../platform/excel/read.ts';
import { lastWorkbookCache } from '../../platform/excel/workbook-cache.ts';
import { ImportLeaseLost, importRowsOf } from '../../platform/imports/import-rows.ts';
import { ImportRun, openImportRecord } from '../../platform/imports/import-run.ts';
import { ImportJobs, type ImportProgressChannel, yieldToEventLoop } from '../../platform/imports/progress.ts';
import type { InterruptedReason } from '../../platform/imports/recovery.ts';
import { type Page, pageArguments } from '../../platform/paging.ts';
import { stripControlCharacters } from '../../platform/text.ts';
import { type InvitationRowInput, inviteUseUnits } from '../invitation/service.ts';
import { type PreparedRow, prepareRows } from './rows.ts';
import {
  DATA_SHEET,
  INVITATION_COLUMNS,
  type InvitationCells,
  invitationWorkbook,
  type TemplateLists,
} from './template.ts';

export const IMPORT_KIND = 'INVITATION';
/** Data rows per file (the issue's bad-input bound). */
const MAX_IMPORT_ROWS = 100_000;
/**
 * Rows per call of the invitation pipeline, which writes them a transaction of INVITE_CHUNK_ROWS at a time. The
 * embedded database runs on this thread and its work resolves in microtasks, so after each of those
 * transactions the import yields to the event loop and other requests are served.
 */
const CHUNK_ROWS = 1000;

export interface ImportRowResult {
  row: number;
  uscc: string | null;
  succeeded: boolean;
  code?: string;
  message?: string;
  invitationId?: string;
  /** failed rows keep their cells for the failure report */
  cells?: InvitationCells;
}

/** The record's row results in sheet order. */
export const importResults = (app: AppServices, record: Pick<ImportRecord, 'id'>) =>
  importRowsOf<ImportRowResult>(app.db, record.id);

const jobs = new WeakMap<AppServices, ImportJobs>();

function stateOf(app: AppServices): ImportJobs {
  let state = jobs.get(app);
  if (!state) {
    state = new ImportJobs();
    jobs.set(app, state);
  }
  return state;
}

export function progressChannel(app: AppServices): ImportProgressChannel {
  return stateOf(app).progress;
}

/** Resolves when every import running in this process has finished (bench, tests). */
export async function settledImports(app: AppServices): Promise<void> {
  await stateOf(app).settled();
}

// ---------------------------------------------------------------------------------------------------------
// Checking the upload

const PROBLEM_MESSAGES: Record<WorkbookProblem, { zh: string; en: string }> = {
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

function fileError(code: 'VALIDATION_FAILED' | 'LIMIT_EXCEEDED', message: string, issue = 'INVALID_FORMAT') {
  return err({ ...domainError(code, {}, [{ field: 'file', code: issue }]), message });
}

const say = (locale: Locale, zh: string, en: string) => (locale === 'en' ? en : zh);
const n = (value: number) => value.toLocaleString('en');

function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return (stripControlCharacters(base).trim() || 'import.xlsx').slice(0, 200);
}

async function activeDcu(app: AppServices, viewer: Viewer): Promise<Result<string>> {
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

async function checkProof(app: AppServices, enterpriseId: string, ids: string[]): Promise<Result<string[]>> {
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
export async function importInvitations(
  app: AppServices,
  viewer: Viewer,
  file: UploadedFile,
  proofMaterialIds: string[],
  locale: Locale,
): Promise<Result<ImportRecord>> {
  const dcu = await activeDcu(app, viewer);
  if (!dcu.ok) return dcu;
  if (file.size === 0) return fileError('VALIDATION_FAILED', say(locale, '文件为空', 'The file is empty'), 'REQUIRED');
  const maxMb = Math.round(app.config.maxUploadBytes / 1024 / 1024);
  if (file.size > app.config.maxUploadBytes) {
    return err({
      ...domainError('LIMIT_EXCEEDED', { max: maxMb }, [
        { field: 'file', code: 'OUT_OF_RANGE', params: { max: `${maxMb} MB` } },
      ]),
      message: say(locale, `文件超过 ${maxMb} MB 上限`, `The file is larger than ${maxMb} MB`),
    });
  }
  const proof = await checkProof(app, dcu.value, proofMaterialIds);
  if (!proof.ok) return proof;
  const rows = await readInvitationWorkbook(new Uint8Array(await file.arrayBuffer()), locale);
  if (!rows.ok) return rows;
  const record = await openImportRecord(app, {
    kind: IMPORT_KIND,
    enterpriseId: dcu.value,
    fileName: safeFileName(file.name),
    total: rows.value.length,
    createdById: viewer.userId,
    locale,
  });
  stateOf(app).track(record.id, processImport(app, viewer, record, rows.value, proof.value, locale));
  return ok(record);
}

// ---------------------------------------------------------------------------------------------------------
// Processing in the background

const failedRow = (prepared: PreparedRow, failure: { code: string; message: string }): ImportRowResult => ({
  row: prepared.row,
  uscc: prepared.uscc,
  succeeded: false,
  code: failure.code,
  message: failure.message,
  cells: prepared.cells,
});

/**
 * One chunk through the pipeline. The rows it invites are recorded in the transactions that invite them, the
 * rows that fail (which write nothing) after each of the pipeline's chunks. A refusal of the whole call (the DCU
 * stopped being ACTIVE …) is returned.
 */
async function processChunk(
  app: AppServices,
  viewer: Viewer,
  run: ImportRun<ImportRowResult>,
  chunk: PreparedRow[],
  proofMaterialIds: string[],
  locale: Locale,
): Promise<string | null> {
  const unreadable = chunk.flatMap((row) => (row.failure ? [failedRow(row, row.failure)] : []));
  await run.commitResultsOnly(unreadable);
  run.add(unreadable);
  const ready = chunk.filter((row) => row.input !== null);
  if (ready.length === 0) return null;
  /** the pipeline numbers the rows it is given from 1 */
  const sent = (row: number) => ready[row - 1] as PreparedRow;
  const outcome = await inviteUseUnits(
    app,
    viewer,
    ready.map((row) => row.input as InvitationRowInput),
    {
      channel: 'EXCEL',
      proofMaterialIds,
      batchId: run.record.id,
      locale,
      inTransaction: (tx, created) =>
        run.commit(
          tx,
          created.map(({ row, invitation }) => ({
            row: sent(row).row,
            uscc: sent(row).uscc,
            succeeded: true,
            invitationId: invitation.id,
          })),
        ),
      onChunkDone: async (verdicts) => {
        const failures = verdicts.flatMap((verdict) =>
          verdict.failure ? [failedRow(sent(verdict.row), verdict.failure)] : [],
        );
        await run.commitResultsOnly(failures);
        run.add(verdicts.map((verdict) => ({ row: verdict.row, succeeded: verdict.ok })));
        run.publish(run.progress(false));
        await yieldToEventLoop();
      },
    },
  );
  if (!outcome.ok) return outcome.error.message ?? messageFor(outcome.error, locale);
  return null;
}

async function processImport(
  app: AppServices,
  viewer: Viewer,
  record: ImportRecord,
  rows: PreparedRow[],
  proofMaterialIds: string[],
  locale: Locale,
): Promise<void> {
  const state = stateOf(app);
  const run = new ImportRun<ImportRowResult>(app, record, progressChannel(app));
  run.start();
  let position = 0;
  /**
   * The rows not reached go into the failure report (with `message`), so they can be imported again as they
   * are; the record's reason is `reason` of its counters as committed.
   */
  const giveUp = (message: string, reason: (processed: number, succeeded: number) => string = () => message) =>
    run.finish('FAILED', {
      rest: rows.slice(position).map((row) => failedRow(row, { code: 'NOT_PROCESSED', message })),
      reason: (counts) => reason(counts.succeeded + counts.failed, counts.succeeded),
    });
  try {
    for (; position < rows.length; position += CHUNK_ROWS) {
      await yieldToEventLoop();
      if (run.lost) throw new ImportLeaseLost(record.id);
      if (state.stopping) {
        await giveUp(
          say(
            locale,
            '服务停止，导入中断；已导入的行保持有效',
            'The server stopped; rows already imported stay invited',
          ),
        );
        return;
      }
      const refusal = await processChunk(
        app,
        viewer,
        run,
        rows.slice(position, position + CHUNK_ROWS),
        proofMaterialIds,
        locale,
      );
      if (refusal) {
        await giveUp(refusal);
        return;
      }
      run.publish(run.progress(false));
    }
    await run.finish('DONE');
  } catch (error) {
    if (error instanceof ImportLeaseLost) {
      app.log?.warn('import taken over as interrupted; stopped writing', { importRecordId: record.id });
      return;
    }
    console.error(`import ${record.id} failed:`, error);
    const stopped = (processed: number, succeeded: number) =>
      say(
        locale,
        `导入过程中发生意外错误，已处理 ${n(processed)} 行（其中成功 ${n(succeeded)} 行，均保持有效）`,
        `An unexpected error stopped the import after ${n(processed)} rows (${n(succeeded)} invited, which stay invited)`,
      );
    await giveUp(stopped(run.succeeded + run.failed, run.succeeded), stopped).catch(() => undefined);
  } finally {
    await run.close();
    state.progress.publish(run.progress(true));
  }
}

/** Stops between chunks; the records are marked FAILED with a reason. */
export async function stopImports(app: AppServices): Promise<void> {
  await stateOf(app).stop();
}

/** The reason an invitation import interrupted by a stopped process gives (see platform/imports/recovery.ts). */
export const interruptedInvitationImport: InterruptedReason = ({ total, succeeded, failed }, locale) => {
  const processed = succeeded + failed;
  return say(
    locale,
    `导入中断（服务进程已停止）：已处理 ${n(processed)} 行（成功 ${n(succeeded)} 行，均已保存），其余 ${n(total - processed)} 行未处理。请重新导入同一文件补齐剩余部分：已邀请的单位会列为“重复邀请”，不会再次邀请`,
    `Import interrupted (the server process stopped): ${n(processed)} rows processed (${n(succeeded)} invited, which stay invited), ${n(total - processed)} not processed. Import the same file again to complete it: units already invited are listed as duplicates, never invited twice`,
  );
};

// ---------------------------------------------------------------------------------------------------------
// Reading records, the template and failure reports

function canSeeRecord(viewer: Viewer | null, record: Pick<ImportRecord, 'enterpriseId' | 'kind'>): boolean {
  const actor = viewer?.actor;
  return Boolean(
    actor &&
      record.kind === IMPORT_KIND &&
      (actor.role === 'ENTERPRISE' || actor.role === 'API_CLIENT') &&
      actor.enterpriseId === record.enterpriseId,
  );
}

export async function findImportRecord(
  app: AppServices,
  viewer: Viewer | null,
  id: string,
): Promise<ImportRecord | null> {
  const record = await app.db.importRecord.findUnique({ where: { id } });
  return record && canSeeRecord(viewer, record) ? record : null;
}

/** The viewer enterprise's import records, newest first. */
export async function listImportRecords(
  app: AppServices,
  viewer: Viewer,
  request: { first?: number | null; after?: string | null },
): Promise<Result<Page<ImportRecord>>> {
  const actor = viewer.actor;
  if (actor.role !== 'ENTERPRISE' && actor.role !== 'API_CLIENT') return err(domainError('FORBIDDEN'));
  const args = pageArguments(request.first, request.after);
  if (!args.ok) return args;
  const { size, cursor } = args.value;
  const where: Prisma.ImportRecordWhereInput = { kind: IMPORT_KIND, enterpriseId: actor.enterpriseId };
  const [rows, totalCount] = await Promise.all([
    app.db.importRecord.findMany({
      where: cursor
        ? {
            AND: [
              where,
              { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] },
            ],
          }
        : where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: size + 1,
    }),
    app.db.importRecord.count({ where }),
  ]);
  return ok({ rows: rows.slice(0, size), hasNextPage: rows.length > size, totalCount });
}

async function templateLists(app: AppServices): Promise<TemplateLists> {
  const [authorities, capabilities] = await Promise.all([
    app.db.taxAuthority.findMany({
      where: { level: 'PROVINCIAL' },
      orderBy: { code: 'asc' },
      select: { code: true, name: true },
    }),
    app.db.capability.findMany({
      where: { enabled: true },
      orderBy: { code: 'asc' },
      select: { code: true, name: true },
    }),
  ]);
  return { authorities, capabilities };
}

const cachedTemplate = lastWorkbookCache((lists: TemplateLists) => invitationWorkbook(lists));

export async function invitationTemplate(app: AppServices): Promise<Buffer> {
  return cachedTemplate(await templateLists(app));
}

/** 失败记录: the failed rows in the template's columns plus 失败原因. */
export async function failureReport(app: AppServices, record: ImportRecord): Promise<Buffer> {
  const failed = (await importRowsOf<ImportRowResult>(app.db, record.id, { failedOnly: true })).filter(
    (row) => row.cells,
  );
  return invitationWorkbook(
    await templateLists(app),
    failed.map((row) => ({ cells: row.cells as InvitationCells, reason: row.message ?? row.code ?? '' })),
  );
}

/** Failure reports are signed like material links, under their own key space. */
export const failureReportKey = (recordId: string) => `import-failures:${recordId}`;

export function failureReportUrl(app: AppServices, record: ImportRecord, userId: string): string | null {
  if (record.status === 'PROCESSING' || record.failed === 0) return null;
  return app.files.signedLink(
    `/imports/${encodeURIComponent(record.id)}/failures.xlsx`,
    failureReportKey(record.id),
    userId,
  );
}
