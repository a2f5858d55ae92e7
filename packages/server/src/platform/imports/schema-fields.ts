// The GraphQL fields every workbook import's record, row result and progress share (导入邀请, 企业登记信息导入).
import type { SchemaTypes } from '@pothos/core';
import type { ImportRecord } from '../../generated/prisma/client.ts';
import type { builder } from '../builder.ts';
import type { AppServices } from '../context.ts';
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

export const importRowFields = <Row extends RowShape>(t: Fields<Row>) => ({
  row: t.int({ resolve: (result) => result.row }),
  uscc: t.string({ nullable: true, resolve: (result) => result.uscc }),
  succeeded: t.boolean({ resolve: (result) => result.succeeded }),
  code: t.string({ nullable: true, resolve: (result) => result.code ?? null }),
  message: t.string({ nullable: true, resolve: (result) => result.message ?? null }),
});

/** The record's file and counters, and its failure report's link (`failureUrl`) for the signed-in viewer. */
export const importRecordFields = (
  t: Fields<ImportRecord>,
  failureUrl: (app: AppServices, record: ImportRecord, userId: string) => string | null,
) => ({
  fileName: t.exposeString('fileName'),
  status: t.exposeString('status', { description: 'PROCESSING DONE FAILED' }),
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
