// GraphQL and downloads of 企业登记信息导入 (platform admin).
import type { ImportRecord } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import { type ImportProgress, progressStream } from '../../platform/imports/progress.ts';
import { importProgressFields, importRecordFields, importRowFields } from '../../platform/imports/schema-fields.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { queryRefusal } from './common.ts';
import { adminMutation } from './payloads.ts';
import { importRegistry, type RegistryRowResult, registryProgressChannel, registryResults } from './registry-import.ts';
import {
  findRegistryImport,
  listRegistryImports,
  REGISTRY_TEMPLATE_PATH,
  registryFiles,
  registryImportOf,
} from './registry-import-records.ts';

const RegistryImportRowRef = builder.objectRef<RegistryRowResult>('RegistryImportRow').implement({
  description: '一行的导入结果; `row` is the row number in the spreadsheet',
  fields: (t) => ({
    ...importRowFields(t),
    outcome: t.string({
      nullable: true,
      description: 'CREATED, UPDATED or UNCHANGED',
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
      const list = await listRegistryImports(context.app, context.viewer);
      if (!list.ok) throw queryRefusal(context, list.error);
      return list.value;
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
      const app = context.app;
      const viewer = context.viewer;
      const record = await registryImportOf(app, viewer, String(args.importId));
      if (!record.ok) throw queryRefusal(context, record.error);
      return progressStream(
        registryProgressChannel(app),
        record.value.id,
        async () => (await findRegistryImport(app, viewer, record.value.id)) ?? record.value,
      );
    }),
    resolve: (progress: ImportProgress) => progress,
  }),
);

export const registryImportRoutes = registryFiles.routes;
