// GraphQL and downloads of 企业登记信息导入 (platform admin).
import type { ImportRecord } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import type { AppServices } from '../../platform/context.ts';
import { refuseDownload, sendDownload, XLSX_MIME } from '../../platform/http/downloads.ts';
import type { HttpRoute } from '../../platform/http/server.ts';
import { type ImportProgress, progressStream } from '../../platform/imports/progress.ts';
import { isSignedIn, signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { viewerOfUserId } from '../auth/service.ts';
import { queryRefusal } from './common.ts';
import { adminPayload } from './payloads.ts';
import { importRegistry, type RegistryRowResult, registryProgressChannel, registryResults } from './registry-import.ts';
import {
  findRegistryImport,
  listRegistryImports,
  REGISTRY_TEMPLATE_PATH,
  registryFailureKey,
  registryFailureReport,
  registryFailureUrl,
  registryImportOf,
  registryTemplate,
} from './registry-import-records.ts';

const RegistryImportRowRef = builder.objectRef<RegistryRowResult>('RegistryImportRow').implement({
  description: '一行的导入结果; `row` is the row number in the spreadsheet',
  fields: (t) => ({
    row: t.exposeInt('row'),
    uscc: t.exposeString('uscc', { nullable: true }),
    succeeded: t.exposeBoolean('succeeded'),
    outcome: t.string({
      nullable: true,
      description: 'CREATED, UPDATED or UNCHANGED',
      resolve: (r) => r.outcome ?? null,
    }),
    code: t.string({ nullable: true, resolve: (r) => r.code ?? null }),
    message: t.string({ nullable: true, resolve: (r) => r.message ?? null }),
  }),
});

const RegistryImportRef = builder.objectRef<ImportRecord>('RegistryImport').implement({
  description: '企业登记信息导入记录',
  fields: (t) => ({
    id: t.exposeID('id'),
    fileName: t.exposeString('fileName'),
    status: t.exposeString('status', { description: 'PROCESSING DONE FAILED' }),
    total: t.exposeInt('total'),
    succeeded: t.exposeInt('succeeded'),
    failed: t.exposeInt('failed'),
    created: t.exposeInt('created'),
    updated: t.exposeInt('updated'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    results: t.field({
      type: [RegistryImportRowRef],
      resolve: (record, _args, context) => registryResults(context.app, record),
    }),
    failureReason: t.string({
      nullable: true,
      description: 'why a FAILED import stopped (the server stopped or restarted, an unexpected error); null otherwise',
      resolve: (record) => record.failureReason,
    }),
    failureReportUrl: t.string({
      nullable: true,
      description: '失败记录 .xlsx, a link valid for one hour for the current viewer; null when nothing failed',
      resolve: (record, _args, context) =>
        isSignedIn(context) ? registryFailureUrl(context.app, record, context.viewer.userId) : null,
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

const importPayload = adminPayload('ImportRegistry', 'record', RegistryImportRef);

builder.mutationField('importRegistry', (t) =>
  t.field({
    type: importPayload.Payload,
    description:
      '导入企业登记信息 (platform admin): checks the file and returns the import record at once (status PROCESSING); ' +
      'the rows are upserted by USCC in the background, followed with registryImportProgress',
    args: { input: t.arg({ type: ImportRegistryInput }) },
    resolve: signedIn(unauthenticated.inPayload, async (_root, { input }, context) =>
      importPayload.toPayload(
        await importRegistry(context.app, context.viewer, input.file, context.locale),
        context.locale,
      ),
    ),
  }),
);

const RegistryImportProgressRef = builder.objectRef<ImportProgress>('RegistryImportProgress').implement({
  description: '企业登记信息导入进度: `total` rows read from the workbook, how many are processed and how they went',
  fields: (t) => ({
    importId: t.id({ description: 'RegistryImport.id', resolve: (progress) => progress.importRecordId }),
    total: t.exposeInt('total'),
    processed: t.exposeInt('processed'),
    succeeded: t.exposeInt('succeeded'),
    failed: t.exposeInt('failed'),
    done: t.exposeBoolean('done'),
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

/** The template (plain GET, like the invitation template) and a record's failure report (signed link). */
export function registryImportRoutes(app: AppServices): HttpRoute[] {
  return [
    {
      pattern: /^\/templates\/registry\.xlsx$/,
      handle: async (_match, _url, _request, response) => {
        sendDownload(response, await registryTemplate(app), '企业登记信息导入模板.xlsx', XLSX_MIME, 'no-cache');
      },
    },
    {
      pattern: /^\/admin\/registry-imports\/([A-Za-z0-9_-]{1,64})\/failures\.xlsx$/,
      handle: async (match, url, _request, response) => {
        const id = match[1] ?? '';
        const userId = app.files.userOfSignedLink(registryFailureKey(id), url);
        const viewer = userId ? await viewerOfUserId(app, userId) : null;
        const record = viewer ? await findRegistryImport(app, viewer, id) : null;
        if (!record) return refuseDownload(response);
        const baseName = record.fileName.replace(/\.xlsx$/i, '');
        sendDownload(response, await registryFailureReport(app, record), `失败记录-${baseName}.xlsx`, XLSX_MIME);
      },
    },
  ];
}
