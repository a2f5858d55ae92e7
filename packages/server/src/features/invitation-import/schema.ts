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
import { countedConnection } from '../../platform/counted-connection.ts';
import { describedEnum } from '../../platform/described-enum.ts';
import { BaseErrorRef, refusalError, toSimplePayloadError, ValidationErrorRef } from '../../platform/graphql-errors.ts';
import { type ImportProgress, progressStream } from '../../platform/imports/progress.ts';
import { importProgressFields, importRecordFields, importRowFields } from '../../platform/imports/schema-fields.ts';
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
  description: '一行的导入结果; `row` is the row number in the spreadsheet',
  fields: (t) => ({
    ...importRowFields(t, InvitationImportRowCodeEnum),
    invitationId: t.id({
      nullable: true,
      description: 'global ID of the invitation created from the row',
      resolve: (result) => (result.invitationId ? encodeGlobalID('Invitation', result.invitationId) : null),
    }),
  }),
});

const ImportRecordRef = builder.node(builder.objectRef<ImportRecord>('ImportRecord'), {
  description: '导入记录: one uploaded invitation workbook',
  id: { resolve: (record) => record.id },
  isTypeOf: (value) => typeof (value as ImportRecord).fileName === 'string' && 'succeeded' in (value as object),
  loadOne: (id, context) => findImportRecord(context.app, context.viewer, id),
  fields: (t) => ({
    ...importRecordFields(t, invitationFiles.failureUrl),
    results: t.field({
      type: [ImportRowResultRef],
      description: 'every row recorded so far, in sheet order (each recorded with the row it describes)',
      resolve: (record, _args, context) => importResults(context.app, record),
    }),
    failureReason: t.string({
      nullable: true,
      description:
        'why a FAILED import stopped (the server stopped or its process died, the DCU is no longer ACTIVE …); null otherwise',
      resolve: (record) => record.failureReason,
    }),
  }),
});

const ImportRecordConnectionRef = countedConnection(ImportRecordRef, 'ImportRecordConnection', 'ImportRecordEdge');

builder.queryField('importRecords', (t) =>
  t.connection(
    {
      type: ImportRecordRef,
      description: "导入记录 of the viewer's enterprise, newest first",
      resolve: signedIn(unauthenticated.asError, async (_root, args: DefaultConnectionArguments, context) => {
        const result = await listImportRecords(context.app, context.viewer, args);
        if (!result.ok) throw refusalError(result.error, context.locale);
        return connectionOf(result.value, args.after, encodeCursor);
      }),
    },
    ImportRecordConnectionRef,
  ),
);

builder.queryField('invitationTemplateUrl', (t) =>
  t.string({
    description:
      '导入邀请模板 (.xlsx), a plain GET: for a signed-in enterprise a link signed for it (valid one hour) whose code ' +
      'sheet lists only the capabilities its DCU may pre-authorise; otherwise the generic template (every capability)',
    resolve: (_root, _args, context) => invitationFiles.templateUrl(context.app, context.viewer?.userId ?? null),
  }),
);

const InvitationFailureRowInput = builder.inputType('InvitationFailureRowInput', {
  description: 'a row of 录入邀请 the server refused, as the form sent it, with the message it was refused with',
  fields: (t) => ({
    uscc: t.string(),
    name: t.string(),
    provinceAuthorityCode: t.string({ required: false }),
    relationship: t.string({ required: false, description: 'a Relationship value (HQ_BRANCH …) or its code' }),
    capabilityCodes: t.stringList({ required: false }),
    reason: t.string(),
  }),
});

/** 录入邀请 sends at most 50 rows; a report is never longer than a batch. */
const MAX_FAILURE_REPORT_ROWS = 50;
const MAX_FAILURE_REPORT_CELL = 400;

builder.queryField('invitationFailureReport', (t) =>
  t.string({
    description:
      "失败记录 of a 录入邀请 batch: the refused rows in the import template's layout plus 失败原因 (re-importable), " +
      'as base64 of an .xlsx; the form does not store its rows, so the page sends them (at most 50)',
    args: { rows: t.arg({ type: [InvitationFailureRowInput], required: true }) },
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
  fields: (t) => ({
    file: t.field({ type: 'Upload' }),
    proofMaterialIds: t.idList({ required: false, description: '关系证明材料 for every row of the file' }),
  }),
});

const ImportSuccessRef = builder
  .objectRef<{ __typename: 'ImportUseUnitInvitationsSuccess'; importRecord: ImportRecord }>(
    'ImportUseUnitInvitationsSuccess',
  )
  .implement({
    description: 'returned at once; rows are processed in the background (see importProgress)',
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'ImportUseUnitInvitationsSuccess',
    fields: (t) => ({ importRecord: t.field({ type: ImportRecordRef, resolve: (success) => success.importRecord }) }),
  });

const ImportPayload = builder.unionType('ImportUseUnitInvitationsPayload', {
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
    description: '导入邀请: an .xlsx in the template columns; every row validated like the web form',
    args: { input: t.arg({ type: ImportUseUnitInvitationsInput }) },
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
  fields: (t) => ({
    importRecordId: t.id({ resolve: (progress) => encodeGlobalID('ImportRecord', progress.importRecordId) }),
    ...importProgressFields(t),
  }),
});

builder.subscriptionField('importProgress', (t) =>
  t.field({
    type: ImportProgressRef,
    description: 'progress of one import of the viewer enterprise: the current state first, then live; ends when done',
    args: { importRecordId: t.arg.id({ required: true }) },
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
