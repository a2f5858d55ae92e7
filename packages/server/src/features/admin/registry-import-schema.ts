// GraphQL and downloads of 企业登记信息导入 (platform admin): the import records, the template and a record's
// failure report.
import { domainError } from '@leqi/domain';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { ImportRecord } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { countedConnection, forwardPageArgs } from '../../platform/counted-connection.ts';
import { bilingual, describedEnum } from '../../platform/described-enum.ts';
import { refusalError } from '../../platform/graphql-errors.ts';
import { importFiles } from '../../platform/imports/import-files.ts';
import { type ImportProgress, progressStream } from '../../platform/imports/progress.ts';
import {
  importProgressFields,
  importRecordFields,
  importResultsField,
  importRowFields,
} from '../../platform/imports/schema-fields.ts';
import { connectionOf, encodeCursor, newestFirstPage } from '../../platform/paging.ts';
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
  description:
    '企业登记信息导入中一行的结果，row 为电子表格中的行号\n\nThe result of one row of a registry import; `row` is its row number in the spreadsheet',
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

const RegistryImportRowConnection = countedConnection(
  RegistryImportRowRef,
  'RegistryImportRowConnection',
  'RegistryImportRowEdge',
  { zh: '企业登记信息导入的行结果', en: 'registry import row results' },
);

const RegistryImportRef = builder.node(builder.objectRef<ImportRecord>('RegistryImport'), {
  description:
    '企业登记信息导入记录：一次上传的文件及其各行的结果\n\nA registry import: one uploaded workbook and how its rows went',
  id: { resolve: (record) => record.id },
  loadOne: (id, context) => findRegistryImport(context.app, context.viewer, id),
  fields: (t) => ({
    ...importRecordFields(t, registryFiles.failureUrl),
    created: t.exposeInt('created', {
      description: '新增登记的企业数\n\nHow many rows added an enterprise to the registry',
    }),
    updated: t.exposeInt('updated', {
      description:
        '登记信息被更新的企业数（信息无变化的行不计）\n\nHow many rows changed an existing entry (unchanged ones are not counted)',
    }),
    results: importResultsField(t, RegistryImportRowConnection, registryResults),
    failureReason: t.string({
      nullable: true,
      description:
        '导入中断（FAILED）的原因，如服务停止或重启、意外错误；其他状态为 null\n\n' +
        'Why a FAILED import stopped (the server stopped or restarted, an unexpected error); null otherwise',
      resolve: (record) => record.failureReason,
    }),
  }),
});

const RegistryImportConnection = countedConnection(
  RegistryImportRef,
  'RegistryImportConnection',
  'RegistryImportEdge',
  {
    zh: '企业登记信息导入记录',
    en: 'registry imports',
  },
);

builder.queryField('registryImports', (t) =>
  t.field({
    type: RegistryImportConnection,
    description:
      '企业登记信息导入记录，从新到旧，分页；仅平台管理员可查询\n\n' +
      'The registry imports, newest first, in pages; platform admin only',
    authScopes: { admin: true },
    args: forwardPageArgs(t.arg),
    resolve: signedIn(unauthenticated.asError, async (_root, args, context) => {
      const admin = requireAdmin(context.viewer);
      if (!admin.ok) throw refusalError(admin.error, context.locale);
      const page = await newestFirstPage(context.app.db.importRecord, { kind: REGISTRY_IMPORT_KIND }, args);
      if (!page.ok) throw refusalError(page.error, context.locale);
      return connectionOf(page.value, args.after, encodeCursor);
    }),
  }),
);

builder.queryField('registryImport', (t) =>
  t.field({
    type: RegistryImportRef,
    nullable: true,
    description:
      '按 ID 读取一条企业登记信息导入记录；不存在或不是企业登记信息导入时为 null；仅平台管理员可查询\n\n' +
      'One registry import by its ID; null when there is none or the ID is of another import; platform admin only',
    authScopes: { admin: true },
    args: {
      id: t.arg.globalID({
        for: RegistryImportRef,
        required: true,
        description: '导入记录的全局 ID（RegistryImport.id）\n\nThe import’s global ID (RegistryImport.id)',
      }),
    },
    resolve: (_root, args, context) => findRegistryImport(context.app, context.viewer, args.id.id),
  }),
);

builder.queryField('registryTemplateUrl', (t) =>
  t.string({
    description:
      '企业登记信息导入模板（.xlsx）的下载路径，直接 GET；仅平台管理员可查询\n\n' +
      'Path of the registry import template (.xlsx), fetched with a plain GET; platform admin only',
    authScopes: { admin: true },
    resolve: () => REGISTRY_TEMPLATE_PATH,
  }),
);

const ImportRegistryInput = builder.inputType('ImportRegistryInput', {
  description: '要导入的企业登记信息文件\n\nThe registry workbook to import',
  fields: (t) => ({
    file: t.field({
      type: 'Upload',
      description:
        '填好的导入模板（.xlsx），不超过上传大小上限（MAX_UPLOAD_MB，默认 20 MB），最多 100,000 行\n\n' +
        'The filled-in template (.xlsx), within the upload limit (MAX_UPLOAD_MB, 20 MB by default), at most 100,000 rows',
    }),
  }),
});

adminMutation(
  'importRegistry',
  {
    name: 'ImportRegistry',
    field: 'record',
    type: RegistryImportRef,
    description: {
      zh: '导入记录（状态 PROCESSING），各行在后台处理',
      en: 'The import record (status PROCESSING); its rows are processed in the background',
    },
  },
  {
    action: { zh: '导入企业登记信息', en: 'importing the registry' },
    description: {
      zh:
        '导入企业登记信息：先检查文件（大小、.xlsx 格式、表头、行数），通过后立即返回导入记录（状态 PROCESSING），' +
        '各行在后台按统一社会信用代码新增或更新，进度用 registryImportProgress 订阅。每行单独校验，失败的行可下载失败记录' +
        '修改后重新导入；重新导入同一文件只会更新或保持不变，不会重复新增',
      en:
        'Imports registry entries: the file is checked (size, real .xlsx, headers, row count) and the import record ' +
        'returned at once (status PROCESSING); the rows are added or updated by USCC in the background, followed ' +
        'with registryImportProgress. Each row is judged on its own; failed rows can be fixed in the failure report ' +
        'and imported again, and re-importing a file updates or leaves entries unchanged, never duplicates them',
    },
    input: ImportRegistryInput,
    run: (app, viewer, input, locale) => importRegistry(app, viewer, input.file, locale),
  },
);

const RegistryImportProgressRef = builder.objectRef<ImportProgress>('RegistryImportProgress').implement({
  description:
    '企业登记信息导入进度：文件中的总行数、已处理行数及成功失败数\n\n' +
    'Progress of a registry import: `total` rows read from the workbook, how many are processed and how they went',
  fields: (t) => ({
    importRecordId: t.id({
      description: '导入记录 ID（RegistryImport.id）\n\nThe import record’s ID (RegistryImport.id)',
      resolve: (progress) => encodeGlobalID('RegistryImport', progress.importRecordId),
    }),
    ...importProgressFields(t),
  }),
});

builder.subscriptionField('registryImportProgress', (t) =>
  t.field({
    type: RegistryImportProgressRef,
    description:
      '一次企业登记信息导入的进度：先推送当前状态，之后实时推送，导入结束后订阅结束；仅平台管理员可订阅\n\n' +
      'Progress of one registry import: the current state first, then live; ends when the import is done; ' +
      'platform admin only',
    authScopes: { admin: true },
    args: {
      importRecordId: t.arg.globalID({
        for: RegistryImportRef,
        required: true,
        description:
          '导入记录 ID（RegistryImport.id）；不存在时 NOT_FOUND\n\nThe import’s ID (RegistryImport.id); NOT_FOUND when there is none',
      }),
    },
    subscribe: signedIn(unauthenticated.asError, async (_root, args, context) => {
      const { app, viewer } = context;
      const admin = requireAdmin(viewer);
      if (!admin.ok) throw refusalError(admin.error, context.locale);
      const record = await findRegistryImport(app, viewer, args.importRecordId.id);
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
