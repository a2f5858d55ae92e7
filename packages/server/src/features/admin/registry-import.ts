// 企业登记信息导入 (platform admin): the uploaded workbook passes the same checks as the invitation import
// (size, real .xlsx, encryption, zip bomb, headers, 100,000 rows), then its rows are upserted by USCC a chunk per
// transaction, each changed entry audited. Re-importing the same workbook updates (or leaves unchanged) rather
// than duplicates. The import record keeps every row's result; the failed rows make a re-importable report.
import type { Locale, RegistryEntry, Result } from '@leqi/domain';
import type { ImportRecord, Prisma } from '../../generated/prisma/client.ts';
import type { UploadedFile } from '../../platform/builder.ts';
import { inTransaction } from '../../platform/cases/transition.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { appendCaseEvents, type CaseEventInput } from '../../platform/events/audit.ts';
import { readUploadedWorkbook, safeUploadName } from '../../platform/excel/upload.ts';
import { requireAdmin } from './common.ts';
import { factsOf, REGISTRY_FIELDS, type RegistryFacts } from './registry.ts';
import { type PreparedRegistryRow, prepareRegistryRows, type RegistryRowCode } from './registry-rows.ts';
import { REGISTRY_COLUMNS, REGISTRY_SHEET, type RegistryCells, registryWorkbook } from './registry-template.ts';

export const REGISTRY_IMPORT_KIND = 'REGISTRY';
export const MAX_REGISTRY_ROWS = 100_000;
const CHUNK_ROWS = 500;

export interface RegistryRowResult {
  row: number;
  uscc: string | null;
  succeeded: boolean;
  /** CREATED, UPDATED or UNCHANGED for a row that succeeded */
  outcome?: 'CREATED' | 'UPDATED' | 'UNCHANGED';
  code?: RegistryRowCode;
  message?: string;
  cells?: RegistryCells;
}

export function registryResults(record: Pick<ImportRecord, 'results'>): RegistryRowResult[] {
  const stored = record.results as unknown as { rows?: RegistryRowResult[] } | null;
  return Array.isArray(stored?.rows) ? stored.rows : [];
}

const say = (locale: Locale, zh: string, en: string) => (locale === 'en' ? en : zh);

/**
 * One chunk in one transaction, a few statements for all its rows: the authorities and existing entries are read
 * at once, new entries created at once, each changed entry updated under its version, and the audit events of
 * the chunk appended at once (publishing after commit).
 */
async function processChunk(
  app: AppServices,
  viewer: Viewer,
  chunk: PreparedRegistryRow[],
  locale: Locale,
): Promise<RegistryRowResult[]> {
  const ready = chunk.filter((row): row is PreparedRegistryRow & { entry: RegistryEntry } => row.entry !== null);
  const result = await inTransaction(app, async (tx, emit) => {
    const codes = [...new Set(ready.map((row) => row.entry.competentAuthorityCode))];
    const known = new Set(
      (await tx.taxAuthority.findMany({ where: { code: { in: codes } }, select: { code: true } })).map((a) => a.code),
    );
    const existing = new Map(
      (await tx.enterprise.findMany({ where: { uscc: { in: ready.map((row) => row.entry.uscc) } } })).map((e) => [
        e.uscc,
        e,
      ]),
    );
    const outcomes = new Map<number, RegistryRowResult>();
    const audits: CaseEventInput[] = [];
    const audit = (id: string, uscc: string, before: RegistryFacts | null, after: RegistryFacts) =>
      audits.push({
        caseKind: 'ADMIN_ENTERPRISE',
        caseId: id,
        event: before ? 'updateRegistryEntry' : 'createRegistryEntry',
        actorUserId: viewer.userId,
        actorName: viewer.displayName,
        actorRole: viewer.actor.role,
        payload: { uscc, source: 'EXCEL', before, after },
      });
    const toCreate: PreparedRegistryRow[] = [];
    for (const row of ready) {
      const base = { row: row.row, uscc: row.uscc };
      if (!known.has(row.entry.competentAuthorityCode)) {
        outcomes.set(row.row, {
          ...base,
          succeeded: false,
          code: 'UNKNOWN_AUTHORITY',
          message: say(locale, '主管税务机关代码不存在，请先在“税务机关”中维护', 'Unknown competent authority code'),
          cells: row.cells,
        });
        continue;
      }
      const before = existing.get(row.entry.uscc);
      if (!before) {
        toCreate.push(row);
        continue;
      }
      const after = factsOf(row.entry);
      if (!REGISTRY_FIELDS.some((field) => before[field] !== after[field])) {
        outcomes.set(row.row, { ...base, succeeded: true, outcome: 'UNCHANGED' });
        continue;
      }
      const { count } = await tx.enterprise.updateMany({
        where: { id: before.id, version: before.version },
        data: { ...after, version: { increment: 1 } },
      });
      if (count === 0) {
        outcomes.set(row.row, {
          ...base,
          succeeded: false,
          code: 'STALE_VERSION',
          message: say(
            locale,
            '该企业信息正被他人修改，请重新导入该行',
            'The entry was changed meanwhile; import the row again',
          ),
          cells: row.cells,
        });
        continue;
      }
      audit(before.id, row.entry.uscc, factsOf(before), after);
      outcomes.set(row.row, { ...base, succeeded: true, outcome: 'UPDATED' });
    }
    const created = await tx.enterprise.createManyAndReturn({
      data: toCreate.map((row) => ({
        uscc: (row.entry as RegistryEntry).uscc,
        ...factsOf(row.entry as RegistryEntry),
      })),
      select: { id: true, uscc: true },
    });
    const idOf = new Map(created.map((e) => [e.uscc, e.id]));
    for (const row of toCreate) {
      const entry = row.entry as RegistryEntry;
      audit(idOf.get(entry.uscc) ?? '', entry.uscc, null, factsOf(entry));
      outcomes.set(row.row, { row: row.row, uscc: row.uscc, succeeded: true, outcome: 'CREATED' });
    }
    for (const event of await appendCaseEvents(tx, audits)) emit(event);
    return chunk.map(
      (row): RegistryRowResult =>
        outcomes.get(row.row) ?? { row: row.row, uscc: row.uscc, succeeded: false, ...row.failure, cells: row.cells },
    );
  });
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

/** 导入: checks the file, upserts every valid row and returns the finished import record. */
export async function importRegistry(
  app: AppServices,
  viewer: Viewer,
  file: UploadedFile,
  locale: Locale,
): Promise<Result<ImportRecord>> {
  const admin = requireAdmin(viewer);
  if (!admin.ok) return admin;
  const read = await readUploadedWorkbook(file, {
    columns: REGISTRY_COLUMNS,
    sheetName: REGISTRY_SHEET,
    maxRows: MAX_REGISTRY_ROWS,
    maxBytes: app.config.maxUploadBytes,
    locale,
  });
  if (!read.ok) return { ok: false, error: read.error };
  const rows = prepareRegistryRows(read.rows, locale);
  const record = await app.db.importRecord.create({
    data: {
      kind: REGISTRY_IMPORT_KIND,
      fileName: safeUploadName(file.name, 'registry.xlsx'),
      status: 'PROCESSING',
      total: rows.length,
      createdById: viewer.userId,
    },
  });
  const results: RegistryRowResult[] = [];
  let status: 'DONE' | 'FAILED' = 'DONE';
  try {
    for (let position = 0; position < rows.length; position += CHUNK_ROWS) {
      results.push(...(await processChunk(app, viewer, rows.slice(position, position + CHUNK_ROWS), locale)));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    console.error(`registry import ${record.id} failed:`, error);
    status = 'FAILED';
    const reason = say(
      locale,
      '导入过程中发生意外错误，未处理的行可重新导入',
      'An unexpected error stopped the import',
    );
    for (const row of rows.slice(results.length)) {
      results.push({ row: row.row, uscc: row.uscc, succeeded: false, message: reason, cells: row.cells });
    }
  }
  const succeeded = results.filter((row) => row.succeeded).length;
  return {
    ok: true,
    value: await app.db.importRecord.update({
      where: { id: record.id },
      data: {
        status,
        succeeded,
        failed: results.length - succeeded,
        finishedAt: new Date(),
        results: { rows: results } as unknown as Prisma.InputJsonValue,
      },
    }),
  };
}

export async function findRegistryImport(
  app: AppServices,
  viewer: Viewer | null,
  id: string,
): Promise<ImportRecord | null> {
  if (!viewer || !requireAdmin(viewer).ok) return null;
  const record = await app.db.importRecord.findUnique({ where: { id } });
  return record?.kind === REGISTRY_IMPORT_KIND ? record : null;
}

export async function listRegistryImports(app: AppServices, viewer: Viewer): Promise<Result<ImportRecord[]>> {
  const admin = requireAdmin(viewer);
  if (!admin.ok) return admin;
  const rows = await app.db.importRecord.findMany({
    where: { kind: REGISTRY_IMPORT_KIND },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 20,
  });
  return { ok: true, value: rows };
}

async function authorityList(app: AppServices) {
  return app.db.taxAuthority.findMany({ orderBy: { code: 'asc' }, select: { code: true, name: true } });
}

export async function registryTemplate(app: AppServices): Promise<Buffer> {
  return registryWorkbook(await authorityList(app));
}

export async function registryFailureReport(app: AppServices, record: ImportRecord): Promise<Buffer> {
  const failed = registryResults(record).filter((row) => !row.succeeded && row.cells);
  return registryWorkbook(
    await authorityList(app),
    failed.map((row) => ({ cells: row.cells as RegistryCells, reason: row.message ?? row.code ?? '' })),
  );
}

export const registryFailureKey = (recordId: string) => `registry-import-failures:${recordId}`;

export function registryFailureUrl(app: AppServices, record: ImportRecord, userId: string): string | null {
  if (record.status === 'PROCESSING' || record.failed === 0) return null;
  return app.files.signedLink(
    `/admin/registry-imports/${encodeURIComponent(record.id)}/failures.xlsx`,
    registryFailureKey(record.id),
    userId,
  );
}

export const REGISTRY_TEMPLATE_PATH = '/templates/registry.xlsx';
