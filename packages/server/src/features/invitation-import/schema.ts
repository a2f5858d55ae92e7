// GraphQL of 导入邀请 (docs/contracts/use-units.graphql): import records, the upload mutation and live progress.
import {
  CELL_FAILURE_CODES,
  domainError,
  type ErrorCode,
  IMPORT_ROW_CODE_LABELS,
  INVITATION_ROW_FAILURE_CODES,
  invitationRowFailureMessage,
  NOT_PROCESSED,
} from '@leqi/domain';
import { type DefaultConnectionArguments, encodeGlobalID } from '@pothos/plugin-relay';
import type { ImportRecord } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import type { Context } from '../../platform/context.ts';
import { countedConnection, forwardPageArgs } from '../../platform/counted-connection.ts';
import { describedEnum } from '../../platform/described-enum.ts';
import { BaseErrorRef, refusalError, toSimplePayloadError, ValidationErrorRef } from '../../platform/graphql-errors.ts';
import { type ImportProgress, progressStream } from '../../platform/imports/progress.ts';
import {
  importProgressFields,
  importRecordFields,
  importResultsField,
  importRowFields,
} from '../../platform/imports/schema-fields.ts';
import { connectionOf, encodeCursor } from '../../platform/paging.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import {
  type FormFailureRow,
  findImportRecord,
  formFailureReport,
  invitationFiles,
  listImportRecords,
} from './records.ts';
import { type ImportRowResult, importInvitations, importResults, progressChannel } from './service.ts';

const refusal = (context: Context, code: ErrorCode, params?: Record<string, number>) =>
  refusalError(domainError(code, params), context.locale);

const IMPORT_ROW_CODES = [...INVITATION_ROW_FAILURE_CODES, ...CELL_FAILURE_CODES, NOT_PROCESSED] as const;

const InvitationImportRowCodeEnum = describedEnum('InvitationImportRowCode', {
  description: { zh: '导入邀请中一行的失败原因', en: 'Why one row of an invitation workbook failed' },
  values: IMPORT_ROW_CODES,
  label: (code) =>
    code in IMPORT_ROW_CODE_LABELS
      ? IMPORT_ROW_CODE_LABELS[code as keyof typeof IMPORT_ROW_CODE_LABELS]
      : {
          zh: invitationRowFailureMessage(code as (typeof INVITATION_ROW_FAILURE_CODES)[number], {}, 'zh-CN'),
          en: invitationRowFailureMessage(code as (typeof INVITATION_ROW_FAILURE_CODES)[number], {}, 'en'),
        },
});

const ImportRowResultRef = builder.objectRef<ImportRowResult>('ImportRowResult').implement({
  description: '导入邀请中一行的导入结果\n\nThe result of one row of an invitation import',
  fields: (t) => ({
    ...importRowFields(t, InvitationImportRowCodeEnum),
    invitationId: t.id({
      nullable: true,
      description:
        '由该行发出的接入邀请的全局 ID；该行失败时为空\n\nGlobal ID of the invitation created from the row; null when the row failed',
      resolve: (result) => (result.invitationId ? encodeGlobalID('Invitation', result.invitationId) : null),
    }),
  }),
});

const ImportRowResultConnection = countedConnection(
  ImportRowResultRef,
  'ImportRowResultConnection',
  'ImportRowResultEdge',
  { zh: '导入邀请的行结果', en: 'invitation import row results' },
);

const ImportRecordRef = builder.node(builder.objectRef<ImportRecord>('ImportRecord'), {
  description:
    '导入记录：一次导入邀请（上传的一个 Excel 文件）及其逐行结果；仅本单位的企业用户及 API 令牌可以查看\n\n' +
    "An import record: one uploaded invitation workbook and its row results; visible to its enterprise's operators and API tokens only",
  id: { resolve: (record) => record.id },
  isTypeOf: (value) => typeof (value as ImportRecord).fileName === 'string' && 'succeeded' in (value as object),
  loadOne: (id, context) => findImportRecord(context.app, context.viewer, id),
  fields: (t) => ({
    ...importRecordFields(t, invitationFiles.failureUrl),
    results: importResultsField(t, ImportRowResultConnection, importResults),
    failureReason: t.string({
      nullable: true,
      description:
        '导入中断（状态为 FAILED）的原因，如服务停止、进程终止、直连单位状态不再正常等；其他情况为空\n\n' +
        'Why a FAILED import stopped (the server stopped or its process died, the DCU is no longer ACTIVE …); null otherwise',
      resolve: (record) => record.failureReason,
    }),
  }),
});

const ImportRecordConnectionRef = countedConnection(ImportRecordRef, 'ImportRecordConnection', 'ImportRecordEdge', {
  zh: '导入记录',
  en: 'import records',
});

builder.queryField('importRecords', (t) =>
  t.field({
    type: ImportRecordConnectionRef,
    args: forwardPageArgs(t.arg),
    description:
      '导入记录：当前用户所在单位的导入邀请记录，从新到旧；企业用户及其 API 令牌可用\n\n' +
      "The invitation import records of the viewer's enterprise, newest first; for its operators and API tokens",
    resolve: signedIn(unauthenticated.asError, async (_root, args: DefaultConnectionArguments, context) => {
      const result = await listImportRecords(context.app, context.viewer, args);
      if (!result.ok) throw refusalError(result.error, context.locale);
      return connectionOf(result.value, args.after, encodeCursor);
    }),
  }),
);

builder.queryField('invitationTemplateUrl', (t) =>
  t.string({
    description:
      '导入邀请模板（.xlsx）的下载地址，直接 GET 即可：已登录用户得到为其签名的链接（一小时内有效），企业用户的代码表只列出本单位可以预授权的能力；' +
      '未登录时为通用模板（列出全部能力）\n\n' +
      'Address of the invitation import template (.xlsx), a plain GET: for a signed-in user a link signed for them (valid one hour), whose code ' +
      "sheet lists only the capabilities the user's enterprise may pre-authorise; when signed out the generic template (every capability)",
    resolve: (_root, _args, context) => invitationFiles.templateUrl(context.app, context.viewer?.userId ?? null),
  }),
);

const InvitationFailureRowInput = builder.inputType('InvitationFailureRowInput', {
  description:
    '录入邀请中被拒绝的一行：按页面提交时的内容，附拒绝原因；每个单元格最多保留 400 个字符\n\n' +
    'A row of the web form the server refused, as the form sent it, with the message it was refused with; each cell is cut to 400 characters',
  fields: (t) => ({
    uscc: t.string({ description: '所填的统一社会信用代码\n\nThe USCC as entered' }),
    name: t.string({ description: '所填的使用单位名称\n\nThe use unit name as entered' }),
    provinceAuthorityCode: t.string({
      required: false,
      description:
        '所填的省级税务机关代码；已知的代码写为“代码 名称”\n\nThe provincial tax authority code as entered; a known code is written as "code name"',
    }),
    relationship: t.string({
      required: false,
      description:
        '单位关系：Relationship 的值（HQ_BRANCH 等，写为“代码 名称”）或所填的代码\n\nThe relationship: a Relationship value (HQ_BRANCH …, written as "code name") or the code as entered',
    }),
    capabilityCodes: t.stringList({
      required: false,
      description:
        '所填的能力预授权编码（最多保留 50 个）\n\nThe pre-authorised capability codes as entered (at most 50 are kept)',
    }),
    reason: t.string({
      description:
        '该行被拒绝的原因，写入“失败原因”列\n\nWhy the row was refused, written in the failure reason column',
    }),
  }),
});

/** 录入邀请 sends at most 50 rows; a report is never longer than a batch. */
const MAX_FAILURE_REPORT_ROWS = 50;
const MAX_FAILURE_REPORT_CELL = 400;

builder.queryField('invitationFailureReport', (t) =>
  t.string({
    description:
      '录入邀请的失败记录：被拒绝的行按导入邀请模板的格式另加“失败原因”列（修改后可直接导入），以 .xlsx 文件的 base64 返回；' +
      '页面不保存所录入的行，需由页面提交（最多 50 行）。仅限企业用户\n\n' +
      "Failure report of a web-form invitation batch: the refused rows in the import template's layout plus a failure reason column (re-importable), " +
      'as base64 of an .xlsx; the form does not store its rows, so the page sends them (at most 50). Enterprise operators only',
    args: {
      rows: t.arg({
        type: [InvitationFailureRowInput],
        required: true,
        description: '被拒绝的行（最多 50 行）\n\nThe refused rows (at most 50)',
      }),
    },
    resolve: signedIn(unauthenticated.asError, async (_root, args, context) => {
      if (context.viewer.actor.role !== 'ENTERPRISE') throw refusal(context, 'FORBIDDEN');
      // a batch is never longer: more rows are refused, not cut silently
      if (args.rows.length > MAX_FAILURE_REPORT_ROWS) {
        throw refusal(context, 'LIMIT_EXCEEDED', { max: MAX_FAILURE_REPORT_ROWS });
      }
      const clip = (text: string) => text.slice(0, MAX_FAILURE_REPORT_CELL);
      const rows: FormFailureRow[] = args.rows.map((row) => ({
        uscc: clip(row.uscc),
        name: clip(row.name),
        provinceAuthorityCode: row.provinceAuthorityCode ? clip(row.provinceAuthorityCode) : null,
        relationship: row.relationship ? clip(row.relationship) : null,
        capabilityCodes: (row.capabilityCodes ?? []).slice(0, 50).map(clip),
        reason: clip(row.reason),
      }));
      return (await formFailureReport(context.app, context.viewer, rows)).toString('base64');
    }),
  }),
);

const ImportUseUnitInvitationsInput = builder.inputType('ImportUseUnitInvitationsInput', {
  description: '导入邀请的输入\n\nInput of importUseUnitInvitations',
  fields: (t) => ({
    file: t.field({
      type: 'Upload',
      description:
        '按导入邀请模板填写的 .xlsx 文件：不得加密，不超过上传大小上限（默认 20 MB），最多 100,000 个数据行，保留模板的列名\n\n' +
        "The .xlsx filled in from the invitation import template: not encrypted, within the upload size limit (20 MB by default), at most 100,000 data rows, with the template's headers",
    }),
    proofMaterialIds: t.idList({
      required: false,
      description:
        '本直连单位上传的关联关系证明材料的 ID（全局 ID 或原始 ID），适用于文件中的全部行\n\n' +
        'IDs (global or raw) of relationship proof materials uploaded by the DCU, for every row of the file',
    }),
  }),
});

const ImportSuccessRef = builder
  .objectRef<{ __typename: 'ImportUseUnitInvitationsSuccess'; importRecord: ImportRecord }>(
    'ImportUseUnitInvitationsSuccess',
  )
  .implement({
    description:
      '导入已开始：立即返回导入记录，各行在后台处理（进度见 importProgress）\n\n' +
      'The import started: returned at once; the rows are processed in the background (see importProgress)',
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'ImportUseUnitInvitationsSuccess',
    fields: (t) => ({
      importRecord: t.field({
        type: ImportRecordRef,
        description: '新建的导入记录（处理中）\n\nThe new import record (PROCESSING)',
        resolve: (success) => success.importRecord,
      }),
    }),
  });

const ImportPayload = builder.unionType('ImportUseUnitInvitationsPayload', {
  description:
    '导入邀请的结果：已开始的导入记录，或文件被拒绝的原因\n\nResult of importUseUnitInvitations: the import started, or why the file was refused',
  types: [ImportSuccessRef, BaseErrorRef, ValidationErrorRef],
});

/** IDs may come as global IDs (`<typename>:…`) or as raw ones. */
function rawId(id: string | number, typename: string): string {
  const text = String(id);
  const decoded = Buffer.from(text, 'base64').toString();
  return decoded.startsWith(`${typename}:`) ? decoded.slice(typename.length + 1) : text;
}

builder.mutationField('importUseUnitInvitations', (t) =>
  t.field({
    type: ImportPayload,
    description:
      '导入邀请：状态正常的直连单位的企业用户（非 API 令牌）上传按模板填写的 .xlsx 文件；文件先整体检查，通过后立即返回导入记录，各行在后台按录入邀请的规则逐行校验并发出邀请\n\n' +
      'Import invitations: an operator (not an API token) of an ACTIVE direct-connect unit (DCU) uploads an .xlsx in the template columns; the file is checked first, ' +
      'then the import record is returned at once and the rows are checked like the web form and invited in the background',
    args: {
      input: t.arg({
        type: ImportUseUnitInvitationsInput,
        description: '上传的文件及证明材料\n\nThe file and the proof',
      }),
    },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      const result = await importInvitations(
        context.app,
        context.viewer,
        input.file,
        (input.proofMaterialIds ?? []).map((id) => rawId(id, 'Material')),
        context.locale,
      );
      return result.ok
        ? { __typename: 'ImportUseUnitInvitationsSuccess' as const, importRecord: result.value }
        : toSimplePayloadError(result.error, context.locale);
    }),
  }),
);

const ImportProgressRef = builder.objectRef<ImportProgress>('ImportProgress').implement({
  description: '一次导入邀请的进度\n\nProgress of one invitation import',
  fields: (t) => ({
    importRecordId: t.id({
      description: '导入记录的全局 ID\n\nGlobal ID of the import record',
      resolve: (progress) => encodeGlobalID('ImportRecord', progress.importRecordId),
    }),
    ...importProgressFields(t),
  }),
});

builder.subscriptionField('importProgress', (t) =>
  t.field({
    type: ImportProgressRef,
    description:
      '导入进度：当前用户所在单位的一次导入邀请，先推送当前进度，再实时推送，导入结束后结束；不是本单位的导入时返回 FORBIDDEN\n\n' +
      "Progress of one invitation import of the viewer's enterprise: the current state first, then live; ends when the import is done; FORBIDDEN for an import of another enterprise",
    args: {
      importRecordId: t.arg.id({
        required: true,
        description: '导入记录的 ID（全局 ID 或原始 ID）\n\nID of the import record (global or raw)',
      }),
    },
    subscribe: signedIn(unauthenticated.asError, async (_root, args, context) => {
      const record = await findImportRecord(context.app, context.viewer, rawId(args.importRecordId, 'ImportRecord'));
      if (!record) throw refusal(context, 'FORBIDDEN');
      const app = context.app;
      return progressStream(
        progressChannel(app),
        record.id,
        async () => (await app.db.importRecord.findUnique({ where: { id: record.id } })) ?? record,
      );
    }),
    resolve: (progress: ImportProgress) => progress,
  }),
);
