// 退出申请 as a case kind: the only place that says what an exit application case is.
import { type AnyWorkflow, exitApplicationWorkflow } from '@leqi/domain';
import { Prisma } from '../../generated/prisma/client.ts';
import { defineApplicationKind } from '../cases/application-case.ts';
import { CASE_KIND } from './service.ts';

export const { kind: exitApplicationCase, asCase: asExitCase } = defineApplicationKind({
  kind: CASE_KIND,
  typename: 'ExitApplication',
  workflow: exitApplicationWorkflow as AnyWorkflow,
  // submitting creates the case
  hiddenEvents: ['submit'],
  rows: (db) => db.exitApplication,
  columns: Object.values(Prisma.ExitApplicationScalarFieldEnum),
  heavy: [],
});
export type ExitApplicationCase = ReturnType<typeof asExitCase>;
