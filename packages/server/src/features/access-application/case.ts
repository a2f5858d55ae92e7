// 接入申请 as a case kind: the only place that says what an access application case is.
import { type AnyWorkflow, accessApplicationWorkflow } from '@leqi/domain';
import { Prisma } from '../../generated/prisma/client.ts';
import { defineApplicationKind } from '../cases/application-case.ts';
import { CASE_KIND } from './service.ts';

export const { kind: accessApplicationCase, asCase } = defineApplicationKind({
  kind: CASE_KIND,
  typename: 'AccessApplication',
  workflow: accessApplicationWorkflow as AnyWorkflow,
  // the enterprise saves its draft through its form, never as a case action
  hiddenEvents: ['saveDraft'],
  rows: (db) => db.accessApplication,
  columns: Object.values(Prisma.AccessApplicationScalarFieldEnum),
  // the forms and the eligibility report: read only when a query asks for the application's own fields
  heavy: ['basicInfo', 'useUnits', 'systemInfo', 'eligibilityReport'],
});
export type AccessApplicationCase = ReturnType<typeof asCase>;
