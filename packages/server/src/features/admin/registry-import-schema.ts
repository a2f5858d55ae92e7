// GraphQL and downloads of 企业登记信息导入 (platform admin): the import records, the template and a record's
// failure report.
import { domainError } from '@leqi/domain';
import type { ImportRecord } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { bilingual, describedEnum } from '../../platform/described-enum.ts';
import { refusalError } from '../../platform/graphql-errors.ts';
import { importFiles } from '../../platform/imports/import-files.ts';
import { type ImportProgress, progressStream } from '../../platform/imports/progress.ts';
import { importProgressFields, importRecordFields, importRowFields } from '../../platform/imports/schema-fields.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { viewerOfUserId } from '../auth/service.ts';
import { requireAdmin } from './common.ts';
import { adminMutation } from './payloads.ts';
import {
  importRegistry,
  REGISTRY_IMPORT_KIND,
  type RegistryRowResult,
  registryProgressChannel,
  registryResults,
} from './registry-import.ts';
import {
  REGISTRY_ROW_CODE_LABELS,
  REGISTRY_ROW_CODES,
  REGISTRY_ROW_OUTCOME_LABELS,
  REGISTRY_ROW_OUTCOMES,
} from './registry-rows.ts';
import { registryWorkbookSpec } from './registry-template.ts';

/** A registry import's record, for the admin only (null to anyone else, and for an ID of another kind). */
async function findRegistryImport(app: AppServices, viewer: Viewer | null, id: string): Promise<ImportRecord | null> {
  if (!viewer || !requireAdmin(viewer).ok) return null;
  const record = await app.db.importRecord.findUnique({ where: { id } });
  return record?.kind === REGISTRY_IMPORT_KIND ? record : null;
}

const REGISTRY_TEMPLATE_PATH = '/templates/registry.xlsx';

/** The template (plain GET, like the invitation template) and a record's failure report (signed link). */
const registryFiles = importFiles({
  templatePath: REGISTRY_TEMPLATE_PATH,
  templateName: '企业登记信息导入模板.xlsx',
  failuresPath: '/admin/registry-imports',
  failuresKey: 'registry-import-failures',
  lists: (app) => app.db.taxAuthority.findMany({ orderBy: { code: 'asc' }, select: { code: true, name: true } }),
  workbook: registryWorkbookSpec,
  recordFor: async (app, userId, id) => findRegistryImport(app, await viewerOfUserId(app, userId), id),
});

const RegistryImportRowCodeEnum = describedEnum('RegistryImportRowCode', {
  description: { zh: '企业登记信息导入中一行的失败原因', en: 'Why one row of a registry workbook failed' },
  values: REGISTRY_ROW_CODES,
  label: (code) => REGISTRY_ROW_CODE_LABELS[code],
});

const RegistryImportRowOutcomeEnum = describedEnum('RegistryImportRowOutcome', {
  description: { zh: '导入成功的行对企业登记信息的影响', en: 'What an imported row did to the registry' },
  values: REGISTRY_ROW_OUTCOMES,
  label: (outcome) => REGISTRY_ROW_OUTCOME_LABELS[outcome],
});

const RegistryImportRowRef = builder.objectRef<RegistryRowResult>('RegistryImportRow').implement({
  description: '一行的导入结果; `row` is the row number in the spreadsheet',
  fields: (t) => ({
    ...importRowFields(t, RegistryImportRowCodeEnum),
    outcome: t.field({
      type: RegistryImportRowOutcomeEnum,
      nullable: true,
      description: bilingual({ zh: '成功行的结果；失败时为空', en: 'What a succeeded row did; null when it failed' }),
      resolve: (r) => r.outcome ?? null,
    }),
  }),
});

const RegistryImportRef = builder.objectRef<ImportRecord>('RegistryImport').implement({
  description: '企业登记信息导入记录',
  fields: (t) => ({
    id: t.exposeID('id'),
    ...importRecordFields(t, registryFiles.failureUrl),
    created: t.exposeInt('created'),
    updated: t.exposeInt('updated'),
    results: t.field({
      type: [RegistryImportRowRef],
      resolve: (record, _args, context) => registryResults(context.app, record),
    }),
    failureReason: t.string({
      nullable: true,
      description: 'why a FAILED import stopped (the server stopped or restarted, an unexpected error); null otherwise',
      resolve: (record) => record.failureReason,
    }),
  }),
});

builder.queryField('registryImports', (t) =>
  t.field({
    type: [RegistryImportRef],
    description: 'the latest 企业登记信息导入 records, newest first (platform admin)',
    authScopes: { admin: true },
    resolve: signedIn(unauthenticated.asError, async (_root, _args, context) => {
      const admin = requireAdmin(context.viewer);
      if (!admin.ok) throw refusalError(admin.error, context.locale);
      return context.app.db.importRecord.findMany({
        where: { kind: REGISTRY_IMPORT_KIND },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: 20,
      });
    }),
  }),
);

builder.queryField('registryImport', (t) =>
  t.field({
    type: RegistryImportRef,
    nullable: true,
    authScopes: { admin: true },
    args: { id: t.arg.id() },
    resolve: (_root, args, context) => findRegistryImport(context.app, context.viewer, String(args.id)),
  }),
);

builder.queryField('registryTemplateUrl', (t) =>
  t.string({
    description: '企业登记信息导入模板 (.xlsx), a plain GET',
    authScopes: { admin: true },
    resolve: () => REGISTRY_TEMPLATE_PATH,
  }),
);

const ImportRegistryInput = builder.inputType('ImportRegistryInput', {
  fields: (t) => ({ file: t.field({ type: 'Upload', description: 'the filled-in template (.xlsx)' }) }),
});

adminMutation(
  'importRegistry',
  { name: 'ImportRegistry', field: 'record', type: RegistryImportRef },
  {
    description:
      '导入企业登记信息 (platform admin): checks the file and returns the import record at once (status PROCESSING); ' +
      'the rows are upserted by USCC in the background, followed with registryImportProgress',
    input: ImportRegistryInput,
    run: (app, viewer, input, locale) => importRegistry(app, viewer, input.file, locale),
  },
);

const RegistryImportProgressRef = builder.objectRef<ImportProgress>('RegistryImportProgress').implement({
  description: '企业登记信息导入进度: `total` rows read from the workbook, how many are processed and how they went',
  fields: (t) => ({
    importId: t.id({ description: 'RegistryImport.id', resolve: (progress) => progress.importRecordId }),
    ...importProgressFields(t),
  }),
});

builder.subscriptionField('registryImportProgress', (t) =>
  t.field({
    type: RegistryImportProgressRef,
    description:
      'progress of one 企业登记信息导入 (platform admin): the current state first, then live; ends when done',
    authScopes: { admin: true },
    args: { importId: t.arg.id({ required: true }) },
    subscribe: signedIn(unauthenticated.asError, async (_root, args, context) => {
      const { app, viewer } = context;
      const admin = requireAdmin(viewer);
      if (!admin.ok) throw refusalError(admin.error, context.locale);
      const record = await findRegistryImport(app, viewer, String(args.importId));
      if (!record) throw refusalError(domainError('NOT_FOUND'), context.locale);
      return progressStream(
        registryProgressChannel(app),
        record.id,
        async () => (await findRegistryImport(app, viewer, record.id)) ?? record,
      );
    }),
    resolve: (progress: ImportProgress) => progress,
  }),
);

export const registryImportRoutes = registryFiles.routes;
