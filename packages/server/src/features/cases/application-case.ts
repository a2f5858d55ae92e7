// 接入申请 and 退出申请 as case kinds: one enterprise's application, decided by its competent local authority and
// then its province, queued alike — each kind names only its table, its workflow and what it keeps out of sight.
import { type AnyWorkflow, mayViewCase } from '@leqi/domain';
import type { Db, Tx } from '../../platform/db/database.ts';
import { APPLICATION_JURISDICTION, applicationTable, caseQueue } from '../review-queue/case-queue.ts';
import * as bureau from './bureau-case.ts';
import { decisionRows, defineCaseKind, type ReviewCaseShape, type UpdatingAndReturning } from './kind.ts';

/** What an application kind reads and writes of its table's Prisma delegate. */
interface ApplicationRows<Stored> extends UpdatingAndReturning<Stored> {
  findUnique(args: { where: { id: string } }): Promise<Stored | null>;
  findMany(args: { select: { id: true; status: true } }): Promise<{ id: string; status: string }[]>;
}

/** The kind (its GraphQL type names its table), and its stored row adapted to a review case. */
export function defineApplicationKind<
  Kind extends ReviewCaseShape['kind'],
  Stored extends Omit<ReviewCaseShape, 'kind'> & { competentAuthorityCode: string; provinceCode: string },
>(spec: {
  kind: Kind;
  typename: string;
  workflow: AnyWorkflow;
  hiddenEvents: readonly string[];
  rows(db: Db | Tx): ApplicationRows<Stored>;
  /** its scalar columns, and the large ones a queue page reads only when asked for the kind's own fields */
  columns: readonly string[];
  heavy: readonly string[];
}) {
  type Case = Stored & { kind: Kind };
  const { kind, typename, workflow, rows } = spec;
  // rows are read fresh for each use: marked with the kind in place rather than copied (a page has many)
  const asCase = (row: Stored): Case => {
    const adapted = row as Case;
    adapted.kind = kind;
    return adapted;
  };
  const table = applicationTable({ name: typename, columns: spec.columns, heavy: spec.heavy });
  const caseKind = defineCaseKind<Case>({
    // a stored row has no kind of its own: the case's is the kind's
    kind: kind as Case['kind'],
    typename,
    table: typename,
    workflow,
    hiddenEvents: spec.hiddenEvents,
    find: async (db, id) => {
      const row = await rows(db).findUnique({ where: { id } });
      return row && asCase(row);
    },
    performerOf: bureau.bureauCasePerformer,
    audience: (_db, row) => bureau.bureauCaseAudience(row),
    canView: (_db, actor, row) => mayViewCase(actor, bureau.bureauCaseAudience(row)),
    authorityOf: (row) => row.competentAuthorityCode,
    jurisdiction: APPLICATION_JURISDICTION,
    queue: caseQueue(kind, workflow, table, asCase),
    storedStatuses: (db) => rows(db).findMany({ select: { id: true, status: true } }),
    rows: (tx) => decisionRows(rows(tx), asCase),
    eventAudience: (row) => bureau.bureauCaseVisibility(kind, row),
  });
  return { kind: caseKind, asCase };
}
