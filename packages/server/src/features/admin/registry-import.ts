// 企业登记信息导入 (platform admin): the uploaded workbook passes the same checks as the invitation import
// (size, real .xlsx, encryption, zip bomb, headers, 100,000 rows); then, like the invitation import, the import
// record is returned at once and the rows are upserted by USCC in the background, a chunk per transaction (so a
// row's effects are all-or-nothing), each changed entry audited, with live progress. Re-importing the same
// workbook updates (or leaves unchanged) rather than duplicates, so an import interrupted by a crash is completed
// by importing the file again. The record keeps every row's result, recorded and counted in the chunk's own
// transaction (so after a crash it says exactly what was saved); the failed rows make a re-importable report.
import type { Locale, RegistryEntry, Result } from '@leqi/domain';
import { type Enterprise, type ImportRecord, Prisma } from '../../generated/prisma/client.ts';
import type { UploadedFile } from '../../platform/builder.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { insertMany, newId, rowSource } from '../../platform/db/bulk.ts';
import { type Sql, sqlOf } from '../../platform/db/driver.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { appendCaseEvents, appendNewCaseEvents, type CaseEventInput } from '../../platform/events/audit.ts';
import { n, openUploadedWorkbook, safeUploadName, say } from '../../platform/excel/upload.ts';
import { defineImport } from '../../platform/imports/import-job.ts';
import type { ImportRun } from '../../platform/imports/import-run.ts';
import type { InterruptedReason } from '../../platform/imports/recovery.ts';
import { adminChangeEvent, requireAdmin } from './common.ts';
import { factsOf, REGISTRY_FIELDS, type RegistryFacts } from './registry.ts';
import {
  type PreparedRegistryRow,
  prepareRegistryRows,
  REGISTRY_ROW_CODE_LABELS,
  type RegistryRowCode,
  type RegistryRowOutcome,
} from './registry-rows.ts';
import { REGISTRY_COLUMNS, REGISTRY_SHEET, type RegistryCells } from './registry-template.ts';

const MAX_REGISTRY_ROWS = 100_000;

export interface RegistryRowResult {
  row: number;
  uscc: string | null;
  succeeded: boolean;
  /** for a row that succeeded */
  outcome?: RegistryRowOutcome;
  code?: RegistryRowCode;
  message?: string;
  cells?: RegistryCells;
}

const registryImport = defineImport<PreparedRegistryRow, RegistryRowResult>({
  kind: 'REGISTRY',
  label: 'registry import',
  /** Rows per transaction; between two the import yields to the event loop, so other requests are served. */
  chunkRows: 500,
  notReached: (row, message) => ({
    row: row.row,
    uscc: row.uscc,
    succeeded: false,
    code: 'NOT_PROCESSED',
    message,
    cells: row.cells,
  }),
  stopped: (locale) =>
    say(
      locale,
      '服务停止，导入中断；已导入的行保持有效，未处理的行可通过失败记录重新导入',
      'The server stopped; imported rows stay, the rest can be imported again from the failure report',
    ),
  unexpected: (locale) =>
    say(locale, '导入过程中发生意外错误，未处理的行可重新导入', 'An unexpected error stopped the import'),
  unreadable: (locale, processed) =>
    say(
      locale,
      `工作簿在第 ${n(processed)} 个数据行之后已损坏，无法继续读取；已导入的行保持有效。请用 Excel 打开并另存为 .xlsx 后重新导入`,
      `The workbook is damaged after data row ${n(processed)} and could not be read further; rows imported stay. Open it in Excel, save it as .xlsx and import it again`,
    ),
});

export const REGISTRY_IMPORT_KIND = registryImport.kind;
export const registryProgressChannel = registryImport.progress;
/** Resolves when every registry import running in this process has finished (tests). */
export const settledRegistryImports = registryImport.settled;
export const stopRegistryImports = registryImport.stop;
export const registryResults = registryImport.results;

/** The rows the database refuses, once the checks of registry-rows.ts passed. */
const CHUNK_FAILURES = {
  UNKNOWN_AUTHORITY: { zh: '主管税务机关代码不存在，请先在“税务机关”中维护', en: 'Unknown competent authority code' },
  STALE_VERSION: REGISTRY_ROW_CODE_LABELS.STALE_VERSION,
} satisfies Partial<Record<RegistryRowCode, { zh: string; en: string }>>;

const ENTRY_COLUMNS = {
  id: 'text',
  version: 'int',
  name: 'text',
  competentAuthorityCode: 'text',
  creditRating: 'text',
  inPilot: 'boolean',
  majorViolation: 'boolean',
  livelihoodIndustry: 'boolean',
  priorYearRevenue: 'double precision',
  invoiceCount12m: 'int',
  invoiceAmount12m: 'double precision',
} as const satisfies Record<(typeof REGISTRY_FIELDS)[number] | 'id' | 'version', string>;

const { version: _version, ...ENTRY_FIELD_COLUMNS } = ENTRY_COLUMNS;
const NEW_ENTRY_COLUMNS = {
  ...ENTRY_FIELD_COLUMNS,
  uscc: 'text',
  createdAt: 'timestamp(3)',
  updatedAt: 'timestamp(3)',
} as const;

/** Updates the entries still at the version given (moving it on by one); returns the ids updated. */
export async function updateEntries(sql: Sql, entries: (RegistryFacts & { id: string; version: number })[]) {
  if (entries.length === 0) return new Set<string>();
  const { names, select } = rowSource(ENTRY_COLUMNS, entries);
  const assignments = REGISTRY_FIELDS.map((field) => `"${field}" = u."${field}"`).join(', ');
  const updated = await sql.query<{ id: string }>(Prisma.sql`
    UPDATE "Enterprise" AS e SET ${Prisma.raw(assignments)}, "version" = e."version" + 1,
      "updatedAt" = ${new Date().toISOString()}::timestamp(3)
    FROM (${select}) AS u(${Prisma.raw(names.map((name) => `"${name}"`).join(', '))}, ordinal)
    WHERE e."id" = u."id" AND e."version" = u."version"
    RETURNING e."id"`);
  return new Set(updated.map((row) => row.id));
}

/**
 * One chunk in one transaction, a few statements for all its rows: the authorities and existing entries are read
 * at once, new entries created at once, the changed entries updated at once (each under its version), and the audit events of
 * the chunk appended at once (publishing after commit), and the chunk's row results recorded in the import
 * record — in the same transaction, so the record counts exactly what was saved.
 */
async function processChunk(
  app: AppServices,
  viewer: Viewer,
  run: ImportRun<RegistryRowResult>,
  chunk: PreparedRegistryRow[],
  locale: Locale,
): Promise<RegistryRowResult[]> {
  type ReadyRow = PreparedRegistryRow & { entry: RegistryEntry };
  const ready = chunk.filter((row): row is ReadyRow => row.entry !== null);
  const result = await inTransaction(app, async (tx, emit) => {
    const codes = [...new Set(ready.map((row) => row.entry.competentAuthorityCode))];
    const authorities = await tx.taxAuthority.findMany({ where: { code: { in: codes } }, select: { code: true } });
    const known = new Set(authorities.map((a) => a.code));
    const stored = await tx.enterprise.findMany({ where: { uscc: { in: ready.map((row) => row.entry.uscc) } } });
    const existing = new Map(stored.map((e) => [e.uscc, e]));
    const outcomes = new Map<number, RegistryRowResult>();
    const audits: CaseEventInput[] = [];
    const audit = (id: string, uscc: string, before: RegistryFacts | null, after: RegistryFacts) =>
      audits.push(
        adminChangeEvent(viewer, {
          kind: 'ADMIN_ENTERPRISE',
          id,
          event: before ? 'updateRegistryEntry' : 'createRegistryEntry',
          payload: { uscc, source: 'EXCEL', before, after },
        }),
      );
    const succeed = (row: ReadyRow, outcome: RegistryRowResult['outcome']) =>
      outcomes.set(row.row, { row: row.row, uscc: row.uscc, succeeded: true, outcome });
    const fail = (row: ReadyRow, code: keyof typeof CHUNK_FAILURES) =>
      outcomes.set(row.row, {
        row: row.row,
        uscc: row.uscc,
        succeeded: false,
        code,
        message: say(locale, CHUNK_FAILURES[code].zh, CHUNK_FAILURES[code].en),
        cells: row.cells,
      });
    const toCreate: ReadyRow[] = [];
    const toUpdate: { row: ReadyRow; before: Enterprise; after: RegistryFacts }[] = [];
    for (const row of ready) {
      const before = existing.get(row.entry.uscc);
      const after = factsOf(row.entry);
      if (!known.has(row.entry.competentAuthorityCode)) {
        fail(row, 'UNKNOWN_AUTHORITY');
      } else if (!before) {
        toCreate.push(row);
      } else if (!REGISTRY_FIELDS.some((field) => before[field] !== after[field])) {
        succeed(row, 'UNCHANGED');
      } else {
        toUpdate.push({ row, before, after });
      }
    }
    // every changed entry in one statement, each only while it is still the version read: the rows someone
    // changed meanwhile are not returned and fail alone
    const updated = await updateEntries(
      sqlOf(tx),
      toUpdate.map(({ before, after }) => ({ id: before.id, version: before.version, ...after })),
    );
    for (const { row, before, after } of toUpdate) {
      if (!updated.has(before.id)) {
        fail(row, 'STALE_VERSION');
        continue;
      }
      audit(before.id, row.entry.uscc, factsOf(before), after);
      succeed(row, 'UPDATED');
    }
    const updateEvents = audits.splice(0);
    // the new entries in one statement, their ids made here; each one's audit event opens its chain
    const now = new Date();
    const created = toCreate.map((row) => ({ row, id: newId() }));
    await insertMany(
      sqlOf(tx),
      'Enterprise',
      NEW_ENTRY_COLUMNS,
      created.map(({ row, id }) => ({
        id,
        uscc: row.entry.uscc,
        ...factsOf(row.entry),
        createdAt: now,
        updatedAt: now,
      })),
    );
    for (const { row, id } of created) {
      audit(id, row.entry.uscc, null, factsOf(row.entry));
      succeed(row, 'CREATED');
    }
    for (const event of await appendCaseEvents(tx, updateEvents)) emit(event);
    for (const event of await appendNewCaseEvents(sqlOf(tx), audits)) emit(event);
    const results = chunk.map(
      (row): RegistryRowResult =>
        outcomes.get(row.row) ?? { row: row.row, uscc: row.uscc, succeeded: false, ...row.failure, cells: row.cells },
    );
    await run.commit(sqlOf(tx), results);
    return results;
  });
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

/** 导入: checks the file, creates the import record and starts upserting in the background; returns the record. */
export async function importRegistry(
  app: AppServices,
  viewer: Viewer,
  file: UploadedFile,
  locale: Locale,
): Promise<Result<ImportRecord>> {
  const admin = requireAdmin(viewer);
  if (!admin.ok) return admin;
  const read = await openUploadedWorkbook(file, {
    columns: REGISTRY_COLUMNS,
    sheetName: REGISTRY_SHEET,
    maxRows: MAX_REGISTRY_ROWS,
    maxBytes: app.config.maxUploadBytes,
    locale,
  });
  if (!read.ok) return { ok: false, error: read.error };
  const rows = { total: read.total, rows: prepareRegistryRows(read.rows, locale) };
  const fileName = safeUploadName(file.name, 'registry.xlsx');
  const record = await registryImport.start(
    app,
    { fileName, createdById: viewer.userId, locale },
    rows,
    async (run, chunk) => {
      run.add(await processChunk(app, viewer, run, chunk, locale));
      return null;
    },
  );
  return { ok: true, value: record };
}

/** The reason a registry import interrupted by a stopped process gives (see platform/imports/recovery.ts). */
export const interruptedRegistryImport: InterruptedReason = ({ total, succeeded, failed }, locale) => {
  const processed = succeeded + failed;
  return say(
    locale,
    `导入中断（服务进程已停止）：已处理 ${n(processed)} 行（成功 ${n(succeeded)} 行，均已保存），其余 ${n(total - processed)} 行未处理。重新导入同一文件即可补齐剩余部分：已导入的企业只会更新或保持不变，不会重复`,
    `Import interrupted (the server process stopped): ${n(processed)} rows processed (${n(succeeded)} saved), ${n(total - processed)} not processed. Import the same file again to complete it: entries already imported are updated or left unchanged, never duplicated`,
  );
};
