import { findTransition, type TransitionRule, type Workflow } from './workflow.ts';

/** The part of an audit event that says what happened to a case's status. */
export interface AuditStep {
  event: string;
  fromStatus: string | null;
  toStatus: string | null;
}

/**
 * Why a trail does not fold: an event that starts from another status than the previous one ended in
 * (BROKEN_LINK), a workflow event whose (from, to) the table does not allow, or a non-workflow event that
 * changes the status (NOT_IN_TABLE), or no status event at all (EMPTY).
 */
export type FoldProblem = 'BROKEN_LINK' | 'NOT_IN_TABLE' | 'EMPTY';

export interface FoldBreak {
  /** index of the offending step (-1 for EMPTY) */
  index: number;
  problem: FoldProblem;
  /** the status the trail was in before the step */
  expectedFrom: string | null;
  step: AuditStep | null;
}

export type FoldResult = { ok: true; status: string; applied: number } | { ok: false; break: FoldBreak };

/**
 * Rebuilds a case's status from its audit trail, in order. Workflow events must follow the table; other
 * events (e.g. replaceProof) are annotations that must leave the status as it was; events with neither
 * status are ignored. The fold of a consistent trail equals the status stored on the case.
 */
export function foldAuditTrail<S extends string, E extends string>(
  wf: Workflow<S, E>,
  steps: readonly AuditStep[],
): FoldResult {
  let status: string | null = null;
  let applied = 0;
  const events = wf.events as readonly string[];
  for (const [index, step] of steps.entries()) {
    if (step.fromStatus === null && step.toStatus === null) continue;
    const broken = (problem: FoldProblem): FoldResult => ({
      ok: false,
      break: { index, problem, expectedFrom: status, step },
    });
    if (step.fromStatus !== status) return broken('BROKEN_LINK');
    if (events.includes(step.event)) {
      const rule: TransitionRule<S, E> | undefined = findTransition(wf, status as S | null, step.event as E);
      if (!rule || rule.to !== step.toStatus) return broken('NOT_IN_TABLE');
    } else if (step.toStatus !== step.fromStatus) {
      return broken('NOT_IN_TABLE');
    }
    status = step.toStatus;
    applied += 1;
  }
  if (status === null) return { ok: false, break: { index: -1, problem: 'EMPTY', expectedFrom: null, step: null } };
  return { ok: true, status, applied };
}
