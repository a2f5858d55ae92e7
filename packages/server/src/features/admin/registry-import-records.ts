// 企业登记信息导入 records (platform admin): finding and listing them, the template and a record's failure report.

import { domainError, err, ok, type Result } from '@leqi/domain';
import type { ImportRecord } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { lastWorkbookCache } from '../../platform/excel/workbook-cache.ts';
import { importRowsOf } from '../../platform/imports/import-rows.ts';
import { requireAdmin } from './common.ts';
import { REGISTRY_IMPORT_KIND, type RegistryRowResult } from './registry-import.ts';
import { type RegistryCells, registryWorkbook } from './registry-template.ts';

/** The record of a registry import for its progress subscription: the admin only; unknown IDs are NOT_FOUND. */
export async function registryImportOf(app: AppServices, viewer: Viewer, id: string): Promise<Result<ImportRecord>> {
  const admin = requireAdmin(viewer);
  if (!admin.ok) return admin;
  const record = await findRegistryImport(app, viewer, id);
  return record ? ok(record) : err(domainError('NOT_FOUND'));
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

export async function authorityList(app: AppServices) {
  return app.db.taxAuthority.findMany({ orderBy: { code: 'asc' }, select: { code: true, name: true } });
}

export const cachedTemplate = lastWorkbookCache((authorities: { code: string; name: string }[]) =>
  registryWorkbook(authorities),
);

export async function registryTemplate(app: AppServices): Promise<Buffer> {
  return cachedTemplate(await authorityList(app));
}

export async function registryFailureReport(app: AppServices, record: ImportRecord): Promise<Buffer> {
  const failed = (await importRowsOf<RegistryRowResult>(app.db, record.id, { failedOnly: true })).filter(
    (row) => row.cells,
  );
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
