// The GraphQL fields every workbook import's record, row result and progress share (导入邀请, 企业登记信息导入).
import { IMPORT_STATUS_LABELS, IMPORT_STATUSES, type ImportStatus } from '@leqi/domain';
import type { EnumRef, SchemaTypes } from '@pothos/core';
import type { ImportRecord } from '../../generated/prisma/client.ts';
import type { builder } from '../builder.ts';
import type { AppServices } from '../context.ts';
import { bilingual, describedEnum } from '../described-enum.ts';
import { isSignedIn } from '../signed-in.ts';
import type { ImportProgress } from './progress.ts';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T extends SchemaTypes> ? T : never;
type Fields<Shape> = PothosSchemaTypes.ObjectFieldBuilder<Types, Shape>;
interface RowShape {
  row: number;
  uscc: string | null;
  succeeded: boolean;
  code?: string;
  message?: string;
}

export const ImportStatusEnum = describedEnum('ImportStatus', {
  description: { zh: '导入记录的状态', en: 'Status of a workbook import' },
  values: IMPORT_STATUSES,
  label: (status) => IMPORT_STATUS_LABELS[status],
});

/** A row's number, USCC, outcome and, when it failed, its code (of the import's own enum) and message. */
export const importRowFields = <Row extends RowShape, Code extends string>(
  t: Fields<Row>,
  codeEnum: EnumRef<Types, Code, Code>,
) => ({
  row: t.int({
    description: bilingual({ zh: '电子表格中的行号', en: 'Row number in the spreadsheet' }),
    resolve: (result) => result.row,
  }),
  uscc: t.string({
    nullable: true,
    description: bilingual({
      zh: '该行的统一社会信用代码（无法读取时为空）',
      en: 'USCC of the row; null when unreadable',
    }),
    resolve: (result) => result.uscc,
  }),
  succeeded: t.boolean({
    description: bilingual({ zh: '该行是否导入成功', en: 'Whether the row was imported' }),
    resolve: (result) => result.succeeded,
  }),
  code: t.field({
    type: codeEnum,
    nullable: true,
    description: bilingual({ zh: '失败原因代码；成功时为空', en: 'Why the row failed; null when it succeeded' }),
    // the row's code is stored as text; each import's enum lists exactly the codes its rows are given
    resolve: (result) => (result.code ?? null) as never,
  }),
  message: t.string({
    nullable: true,
    description: bilingual({ zh: '失败原因（按请求语言）', en: 'Why the row failed, in the request’s language' }),
    resolve: (result) => result.message ?? null,
  }),
});

/** The record's file and counters, and its failure report's link (`failureUrl`) for the signed-in viewer. */
export const importRecordFields = (
  t: Fields<ImportRecord>,
  failureUrl: (app: AppServices, record: ImportRecord, userId: string) => string | null,
) => ({
  fileName: t.exposeString('fileName'),
  status: t.field({ type: ImportStatusEnum, resolve: (record) => record.status as ImportStatus }),
  total: t.exposeInt('total'),
  succeeded: t.exposeInt('succeeded'),
  failed: t.exposeInt('failed'),
  createdAt: t.expose('createdAt', { type: 'DateTime' }),
  finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
  failureReportUrl: t.string({
    nullable: true,
    description: '失败记录 .xlsx, a link valid for one hour for the current viewer; null when nothing failed',
    resolve: (record, _args, context) =>
      isSignedIn(context) ? failureUrl(context.app, record, context.viewer.userId) : null,
  }),
});

export const importProgressFields = (t: Fields<ImportProgress>) => ({
  total: t.exposeInt('total'),
  processed: t.exposeInt('processed'),
  succeeded: t.exposeInt('succeeded'),
  failed: t.exposeInt('failed'),
  done: t.exposeBoolean('done'),
});
