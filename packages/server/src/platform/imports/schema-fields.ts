// The GraphQL fields every workbook import's record, row result and progress share (导入邀请, 企业登记信息导入).
import { IMPORT_STATUS_LABELS, IMPORT_STATUSES, type ImportStatus, type Result } from '@leqi/domain';
import type { EnumRef, SchemaTypes } from '@pothos/core';
import type { ImportRecord } from '../../generated/prisma/client.ts';
import type { builder } from '../builder.ts';
import type { AppServices } from '../context.ts';
import { type countedConnection, forwardPageArgs } from '../counted-connection.ts';
import { bilingual, describedEnum } from '../described-enum.ts';
import { refusalError } from '../graphql-errors.ts';
import { connectionOf, type Page } from '../paging.ts';
import { isSignedIn } from '../signed-in.ts';
import { encodeRowCursor, type RowPageRequest, type RowResult } from './import-rows.ts';
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
  fileName: t.exposeString('fileName', {
    description: bilingual({
      zh: '上传文件的文件名（去掉路径，最长 200 个字符）',
      en: 'Name of the uploaded file (without its path, at most 200 characters)',
    }),
  }),
  status: t.field({
    type: ImportStatusEnum,
    description: bilingual({ zh: '导入的状态', en: 'Status of the import' }),
    resolve: (record) => record.status as ImportStatus,
  }),
  total: t.exposeInt('total', {
    description: bilingual({
      zh: '文件中的数据行数（处理中为上限，不计全空的行；结束后为实际读取的行数）',
      en: 'Data rows in the file (an upper bound while processing, blank rows aside; the rows actually read once finished)',
    }),
  }),
  succeeded: t.exposeInt('succeeded', {
    description: bilingual({ zh: '已导入成功的行数', en: 'Rows imported so far' }),
  }),
  failed: t.exposeInt('failed', {
    description: bilingual({ zh: '已失败的行数', en: 'Rows failed so far' }),
  }),
  createdAt: t.expose('createdAt', {
    type: 'DateTime',
    description: bilingual({ zh: '上传（开始导入）的时间', en: 'When the file was uploaded and the import started' }),
  }),
  finishedAt: t.expose('finishedAt', {
    type: 'DateTime',
    nullable: true,
    description: bilingual({ zh: '导入结束的时间；处理中为空', en: 'When the import ended; null while processing' }),
  }),
  failureReportUrl: t.string({
    nullable: true,
    description: bilingual({
      zh: '失败记录（.xlsx）的下载链接，为当前用户签名，一小时内有效；处理中、没有失败的行或未登录时为空',
      en: 'Link to the failure report (.xlsx), signed for the current viewer and valid for one hour; null while processing, when no row failed or when signed out',
    }),
    resolve: (record, _args, context) =>
      isSignedIn(context) ? failureUrl(context.app, record, context.viewer.userId) : null,
  }),
});

/**
 * The record's row results as a connection in sheet order (an import may have 100,000 rows), all of them or only
 * the failed ones.
 */
export const importResultsField = <Row extends RowResult>(
  t: Fields<ImportRecord>,
  connection: ReturnType<typeof countedConnection<Row>>,
  results: (app: AppServices, record: ImportRecord, request: RowPageRequest) => Promise<Result<Page<Row>>>,
) =>
  t.field({
    type: connection,
    description: bilingual({
      zh: '已处理各行的结果，按表格中的行号顺序，分页（每行与其效果同时记录）',
      en: 'The result of every row processed so far, in sheet order, in pages (each recorded together with its effects)',
    }),
    args: {
      ...forwardPageArgs(t.arg),
      failedOnly: t.arg.boolean({
        required: false,
        description: bilingual({ zh: '为 true 时只列出失败的行', en: 'When true, only the rows that failed' }),
      }),
    },
    resolve: async (record, args, context) => {
      const page = await results(context.app, record, args);
      if (!page.ok) throw refusalError(page.error, context.locale);
      return connectionOf(page.value, args.after, encodeRowCursor);
    },
  });

export const importProgressFields = (t: Fields<ImportProgress>) => ({
  total: t.exposeInt('total', {
    description: bilingual({
      zh: '文件中的数据行数（处理中为上限，不计全空的行）',
      en: 'Data rows in the file (an upper bound while processing, blank rows aside)',
    }),
  }),
  processed: t.exposeInt('processed', {
    description: bilingual({ zh: '已处理的行数（成功加失败）', en: 'Rows processed so far (succeeded plus failed)' }),
  }),
  succeeded: t.exposeInt('succeeded', {
    description: bilingual({ zh: '已导入成功的行数', en: 'Rows imported so far' }),
  }),
  failed: t.exposeInt('failed', { description: bilingual({ zh: '已失败的行数', en: 'Rows failed so far' }) }),
  done: t.exposeBoolean('done', {
    description: bilingual({
      zh: '导入是否已结束（完成或中断）；为 true 的进度是最后一条',
      en: 'Whether the import has ended (done or stopped); the progress with true is the last one',
    }),
  }),
});
