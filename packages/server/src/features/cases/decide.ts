// The one decision path of every case kind: a bureau decision named by its kind's table, taken through runTransition.
import { domainError, err, type Result } from '@leqi/domain';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { runDecisionEffects } from './decision-effects.ts';
import type { CaseKind, ReviewCaseShape } from './kind.ts';
import { runTransition } from './transition.ts';

/**
 * 受理 / 不予受理 / 复核 / 确认 … of any kind: the kind locks its row, the domain decides from its table, the kind's
 * one versioned write stores the decision (a lost race is STALE_VERSION with the version stored now) and the effects
 * the rule names run, in one transaction.
 */
export async function decideCase<Row extends ReviewCaseShape>(
  app: AppServices,
  viewer: Viewer,
  kind: CaseKind<Row>,
  event: string,
  id: string,
  expectedVersion: number,
  reason?: string | null,
): Promise<Result<Row>> {
  // bureau decisions are never an enterprise's (or anyone else's) to make, whatever the case's status
  if (viewer.actor.role !== 'OFFICER') return err(domainError('FORBIDDEN', { event }));
  return runTransition<string, string, Row>(app, viewer, {
    workflow: kind.workflow,
    event,
    expectedVersion,
    reason,
    load: (tx) => kind.lock(tx, id),
    performerOf: (row) => kind.performerOf(viewer.actor, row),
    write: (tx, row, rule) => kind.writeDecision(tx, row, rule, viewer, reason),
    effects: (tx, row, rule) => runDecisionEffects(tx, row, rule, viewer),
    describe: (row) => kind.eventAudience(row),
    reload: async (tx, rowId) => {
      const row = await kind.find(tx, rowId);
      if (!row) throw new Error(`case ${rowId} vanished inside its transaction`);
      return row;
    },
  });
}
