// 退出申请 as a case kind: the only place that says what an exit application case is.
import { type AnyWorkflow, exitApplicationWorkflow } from '@leqi/domain';
import { type ExitApplication, Prisma } from '../../generated/prisma/client.ts';
import { bureauCaseAudience } from '../cases/bureau-case.ts';
import { decisionRows, defineCaseKind } from '../cases/kind.ts';
import { APPLICATION_JURISDICTION, applicationTable, caseQueue } from '../review-queue/case-queue.ts';
import { CASE_KIND, canView, performerOf, visibility } from './service.ts';

export type ExitApplicationCase = ExitApplication & { kind: 'EXIT_APPLICATION' };
export const asExitCase = (row: ExitApplication): ExitApplicationCase => ({ ...row, kind: CASE_KIND });

export const exitApplicationCase = defineCaseKind<ExitApplicationCase>({
  kind: CASE_KIND,
  typename: 'ExitApplication',
  table: 'ExitApplication',
  workflow: exitApplicationWorkflow as AnyWorkflow,
  // submitting creates the case
  hiddenEvents: ['submit'],
  find: async (db, id) => {
    const row = await db.exitApplication.findUnique({ where: { id } });
    return row && asExitCase(row);
  },
  performerOf,
  audience: (_db, row) => bureauCaseAudience(row),
  canView: (_db, actor, row) => canView(actor, row),
  authorityOf: (row) => row.competentAuthorityCode,
  jurisdiction: APPLICATION_JURISDICTION,
  queue: caseQueue(
    CASE_KIND,
    exitApplicationWorkflow as AnyWorkflow,
    applicationTable({
      name: 'ExitApplication',
      columns: Object.values(Prisma.ExitApplicationScalarFieldEnum),
      heavy: [],
    }),
    asExitCase,
  ),
  storedStatuses: (db) => db.exitApplication.findMany({ select: { id: true, status: true } }),
  rows: (tx) => decisionRows(tx.exitApplication, asExitCase),
  eventAudience: visibility,
});
