// 接入申请 as a case kind: the only place that says what an access application case is.
import { type AnyWorkflow, accessApplicationWorkflow } from '@leqi/domain';
import { type AccessApplication, Prisma } from '../../generated/prisma/client.ts';
import { bureauCaseAudience } from '../cases/bureau-case.ts';
import { decisionRows, defineCaseKind } from '../cases/kind.ts';
import { APPLICATION_JURISDICTION, applicationTable, caseQueue } from '../review-queue/case-queue.ts';
import { CASE_KIND, canView, performerOf, visibility } from './service.ts';

export type AccessApplicationCase = AccessApplication & { kind: 'ACCESS_APPLICATION' };
export const asCase = (row: AccessApplication): AccessApplicationCase => ({ ...row, kind: CASE_KIND });

export const accessApplicationCase = defineCaseKind<AccessApplicationCase>({
  kind: CASE_KIND,
  typename: 'AccessApplication',
  table: 'AccessApplication',
  workflow: accessApplicationWorkflow as AnyWorkflow,
  // the enterprise saves its draft through its form, never as a case action
  hiddenEvents: ['saveDraft'],
  find: async (db, id) => {
    const row = await db.accessApplication.findUnique({ where: { id } });
    return row && asCase(row);
  },
  performerOf,
  audience: (_db, row) => bureauCaseAudience(row),
  canView: (_db, actor, row) => canView(actor, row),
  authorityOf: (row) => row.competentAuthorityCode,
  jurisdiction: APPLICATION_JURISDICTION,
  queue: caseQueue(
    CASE_KIND,
    accessApplicationWorkflow as AnyWorkflow,
    applicationTable({
      name: 'AccessApplication',
      columns: Object.values(Prisma.AccessApplicationScalarFieldEnum),
      // the forms and the eligibility report: read only when a query asks for the application's own fields
      heavy: ['basicInfo', 'useUnits', 'systemInfo', 'eligibilityReport'],
    }),
    asCase,
  ),
  storedStatuses: (db) => db.accessApplication.findMany({ select: { id: true, status: true } }),
  rows: (tx) => decisionRows(tx.accessApplication, asCase),
  eventAudience: visibility,
});
