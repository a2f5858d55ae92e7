// 导入邀请: an uploaded workbook is checked (content, encryption, zip bomb, size, rows, headers) before anything
// is created; then an import record is returned at once and the rows are read from the file and go through the
// invitation pipeline in the background, chunk by chunk (the next read while one is written), with live progress. Each row is atomic in the pipeline, so an interruption
// never half-invites a row and never loses the rows already invited; each row's result is recorded in the
// pipeline's transaction that invites it, so the record counts exactly the invitations committed.
import { domainError, err, type Locale, messageFor, ok, type Result } from '@leqi/domain';
import type { ImportRecord } from '../../generated/prisma/client.ts';
import type { UploadedFile } from '../../platform/builder.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { n, safeUploadName, say, uploadSizeRefusal } from '../../platform/excel/upload.ts';
import { defineImport } from '../../platform/imports/import-job.ts';
import type { ImportRun } from '../../platform/imports/import-run.ts';
import { yieldToEventLoop } from '../../platform/imports/progress.ts';
import type { InterruptedReason } from '../../platform/imports/recovery.ts';
import { type InvitationRowInput, inviteUseUnits, invitingDcu, proofMaterialsOf } from '../invitation/service.ts';
import { openInvitationWorkbook, type PreparedRow } from './rows.ts';
import type { InvitationCells } from './template.ts';

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

const failedRow = (prepared: PreparedRow, failure: { code: string; message: string }): ImportRowResult => ({
  row: prepared.row,
  uscc: prepared.uscc,
  succeeded: false,
  code: failure.code,
  message: failure.message,
  cells: prepared.cells,
});

const invitationImport = defineImport<PreparedRow, ImportRowResult>({
  kind: 'INVITATION',
  label: 'import',
  /**
   * Rows per call of the invitation pipeline, which writes them a transaction of INVITE_CHUNK_ROWS at a time. The
   * embedded database runs on this thread and its work resolves in microtasks, so after each of those
   * transactions the import yields to the event loop and other requests are served.
   */
  chunkRows: 1000,
  // use units are unique across the file (DUPLICATE_IN_BATCH), so two chunks never invite the same one
  chunksInFlight: 2,
  notReached: (row, message) => failedRow(row, { code: 'NOT_PROCESSED', message }),
  stopped: (locale) =>
    say(locale, '服务停止，导入中断；已导入的行保持有效', 'The server stopped; rows already imported stay invited'),
  unreadable: (locale, processed, succeeded) =>
    say(
      locale,
      `工作簿在第 ${n(processed)} 个数据行之后已损坏，无法继续读取：已处理 ${n(processed)} 行（其中成功 ${n(succeeded)} 行，均保持有效）。请用 Excel 打开并另存为 .xlsx 后重新导入，已邀请的单位会列为“重复邀请”`,
      `The workbook is damaged after data row ${n(processed)} and could not be read further: ${n(processed)} rows processed (${n(succeeded)} invited, which stay invited). Open it in Excel, save it as .xlsx and import it again; units already invited are listed as duplicates`,
    ),
  unexpected: (locale, processed, succeeded) =>
    say(
      locale,
      `导入过程中发生意外错误，已处理 ${n(processed)} 行（其中成功 ${n(succeeded)} 行，均保持有效）`,
      `An unexpected error stopped the import after ${n(processed)} rows (${n(succeeded)} invited, which stay invited)`,
    ),
});

export const IMPORT_KIND = invitationImport.kind;
export const progressChannel = invitationImport.progress;
/** Resolves when every import running in this process has finished (bench, tests). */
export const settledImports = invitationImport.settled;
/** Stops between chunks; the records are marked FAILED with a reason. */
export const stopImports = invitationImport.stop;
export const importResults = invitationImport.results;

export async function importInvitations(
  app: AppServices,
  viewer: Viewer,
  file: UploadedFile,
  proofMaterialIds: string[],
  locale: Locale,
): Promise<Result<ImportRecord>> {
  // an Excel file is imported by the DCU's operators, not by its API tokens
  if (viewer.actor.role !== 'ENTERPRISE') return err(domainError('FORBIDDEN'));
  const dcu = await invitingDcu(app, viewer);
  if (!dcu.ok) return dcu;
  const size = uploadSizeRefusal(file.size, app.config.maxUploadBytes, locale, true);
  if (size) return err(size);
  const proof = await proofMaterialsOf(app, dcu.value.id, proofMaterialIds);
  if (!proof.ok) return proof;
  const rows = await openInvitationWorkbook(new Uint8Array(await file.arrayBuffer()), locale);
  if (!rows.ok) return rows;
  const record = await invitationImport.start(
    app,
    {
      enterpriseId: dcu.value.id,
      fileName: safeUploadName(file.name, 'import.xlsx'),
      createdById: viewer.userId,
      locale,
    },
    rows.value,
    (run, chunk) => processChunk(app, viewer, run, chunk, proofMaterialIds, locale),
  );
  return ok(record);
}

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
          'failure' in verdict ? [failedRow(sent(verdict.row), verdict.failure)] : [],
        );
        await run.commitResultsOnly(failures);
        run.add(verdicts.map((verdict) => ({ row: verdict.row, succeeded: 'invitation' in verdict })));
        run.publish(run.progress(false));
        await yieldToEventLoop();
      },
    },
  );
  if (!outcome.ok) return outcome.error.message ?? messageFor(outcome.error, locale);
  return null;
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
