// 企业登记信息导入 records (platform admin): finding and listing them, the template and a record's failure report.
import { domainError, err, ok, type Result } from '@leqi/domain';
import type { ImportRecord } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { importFiles } from '../../platform/imports/import-files.ts';
import { viewerOfUserId } from '../auth/service.ts';
import { requireAdmin } from './common.ts';
import { REGISTRY_IMPORT_KIND } from './registry-import.ts';
import { registryWorkbook } from './registry-template.ts';

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

export const REGISTRY_TEMPLATE_PATH = '/templates/registry.xlsx';

/** The template (plain GET, like the invitation template) and a record's failure report (signed link). */
export const registryFiles = importFiles({
  templatePath: REGISTRY_TEMPLATE_PATH,
  templateName: '企业登记信息导入模板.xlsx',
  failuresPath: '/admin/registry-imports',
  failuresKey: 'registry-import-failures',
  lists: (app) => app.db.taxAuthority.findMany({ orderBy: { code: 'asc' }, select: { code: true, name: true } }),
  workbook: registryWorkbook,
  recordFor: async (app, userId, id) => findRegistryImport(app, await viewerOfUserId(app, userId), id),
});
