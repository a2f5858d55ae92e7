// Replaying the audit trail rebuilds the current state: random event sequences over every workflow table,
// recorded as the server records them, fold back to the status the decisions led to.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Result } from '../result.ts';
import { type AuditStep, foldAuditTrail } from './audit-fold.ts';
import { WORKFLOWS } from './registry.ts';
import { type AnyWorkflow, decide, PERFORMERS, type Performer, type TransitionRule } from './workflow.ts';

/** Sequences tried per workflow and per property (fixed seed: the figures in the README are reproducible). */
export const FOLD_RUNS = 1000;
const SEED = 20261125;

/** Fires random events by random performers through `decide`; records each accepted one as an audit step. */
function simulate(
  wf: AnyWorkflow,
  attempts: { event: string; performer: number; guided: boolean; annotate: boolean }[],
) {
  let status: string | null = null;
  const trail: AuditStep[] = [];
  for (const attempt of attempts) {
    // a guided attempt fires one of the rules open from the current status (so cases get somewhere);
    // the others are arbitrary events by arbitrary performers, mostly refused
    const open = wf.transitions.filter((rule) => rule.from === status);
    const guided = attempt.guided && open.length > 0 ? open[attempt.performer % open.length] : undefined;
    const event = guided?.event ?? attempt.event;
    const performer = guided?.performer ?? (PERFORMERS[attempt.performer % PERFORMERS.length] as Performer);
    const decision: Result<TransitionRule<string, string>> = decide(wf, event, {
      status,
      performer,
      reason: '理由',
      actorUserId: 'a',
    });
    if (decision.ok) {
      trail.push({ event, fromStatus: status, toStatus: decision.value.to });
      status = decision.value.to;
    }
    // annotations (replaceProof, material changes) keep the status; events without status are ignored
    if (attempt.annotate && status !== null)
      trail.push({ event: 'replaceProof', fromStatus: status, toStatus: status });
    if (attempt.annotate) trail.push({ event: 'note', fromStatus: null, toStatus: null });
  }
  return { status, trail };
}

const attemptsOf = (wf: AnyWorkflow) =>
  fc.array(
    fc.record({
      event: fc.constantFrom(...wf.events),
      performer: fc.nat({ max: 1000 }),
      guided: fc.boolean(),
      annotate: fc.boolean(),
    }),
    { maxLength: 40 },
  );

describe.each(Object.entries(WORKFLOWS))('audit fold over the %s table', (_name, workflow) => {
  const wf = workflow as AnyWorkflow;

  it(`the fold of the accepted transitions equals the final state (${FOLD_RUNS} sequences)`, () => {
    let nonEmpty = 0;
    fc.assert(
      fc.property(attemptsOf(wf), (attempts) => {
        const { status, trail } = simulate(wf, attempts);
        const folded = foldAuditTrail(wf, trail);
        if (status === null) {
          expect(folded).toMatchObject({ ok: false, break: { problem: 'EMPTY' } });
        } else {
          nonEmpty += 1;
          expect(folded).toMatchObject({ ok: true, status });
        }
      }),
      { numRuns: FOLD_RUNS, seed: SEED },
    );
    expect(nonEmpty).toBeGreaterThan(FOLD_RUNS / 2);
  });

  it('a trail with one status event removed, altered or duplicated no longer folds to a wrong state silently', () => {
    fc.assert(
      fc.property(attemptsOf(wf), fc.nat(), fc.constantFrom('drop', 'retarget', 'duplicate'), (attempts, pick, how) => {
        const { status, trail } = simulate(wf, attempts);
        const statusSteps = trail.flatMap((step, index) => (step.toStatus !== step.fromStatus ? [index] : []));
        fc.pre(status !== null && statusSteps.length >= 2);
        const at = statusSteps[pick % statusSteps.length] as number;
        const step = trail[at] as AuditStep;
        const tampered = [...trail];
        if (how === 'drop') tampered.splice(at, 1);
        if (how === 'duplicate') tampered.splice(at, 0, step);
        if (how === 'retarget') {
          const other = wf.statuses.find((s) => s !== step.toStatus) as string;
          tampered[at] = { ...step, toStatus: other };
        }
        const folded = foldAuditTrail(wf, tampered);
        // either the chain of statuses breaks, or (dropping the last step) it folds to another status than stored
        if (folded.ok) expect(folded.status).not.toBe(status);
        else expect(['BROKEN_LINK', 'NOT_IN_TABLE']).toContain(folded.break.problem);
      }),
      { numRuns: FOLD_RUNS, seed: SEED },
    );
  });
});

describe('foldAuditTrail', () => {
  const wf = WORKFLOWS.accessApplication;
  it('names the first broken step and what was expected', () => {
    const trail: AuditStep[] = [
      { event: 'saveDraft', fromStatus: null, toStatus: 'DRAFT' },
      { event: 'submit', fromStatus: 'DRAFT', toStatus: 'PENDING_ACCEPTANCE' },
      { event: 'approveReview', fromStatus: 'PENDING_REVIEW', toStatus: 'PENDING_CONFIRMATION' },
    ];
    expect(foldAuditTrail(wf, trail)).toEqual({
      ok: false,
      break: { index: 2, problem: 'BROKEN_LINK', expectedFrom: 'PENDING_ACCEPTANCE', step: trail[2] },
    });
  });

  it('refuses a transition the table does not have and an annotation that changes the status', () => {
    expect(
      foldAuditTrail(wf, [{ event: 'confirm', fromStatus: null, toStatus: 'CONFIRMED' }]).ok === false &&
        foldAuditTrail(wf, [{ event: 'confirm', fromStatus: null, toStatus: 'CONFIRMED' }]),
    ).toMatchObject({ break: { problem: 'NOT_IN_TABLE', index: 0 } });
    expect(
      foldAuditTrail(wf, [
        { event: 'saveDraft', fromStatus: null, toStatus: 'DRAFT' },
        { event: 'replaceProof', fromStatus: 'DRAFT', toStatus: 'CONFIRMED' },
      ]),
    ).toMatchObject({ ok: false, break: { problem: 'NOT_IN_TABLE', index: 1 } });
  });

  it('counts applied steps and ignores events without statuses', () => {
    expect(
      foldAuditTrail(wf, [
        { event: 'saveDraft', fromStatus: null, toStatus: 'DRAFT' },
        { event: 'note', fromStatus: null, toStatus: null },
        { event: 'saveDraft', fromStatus: 'DRAFT', toStatus: 'DRAFT' },
      ]),
    ).toEqual({ ok: true, status: 'DRAFT', applied: 2 });
    expect(foldAuditTrail(wf, [])).toMatchObject({ ok: false, break: { problem: 'EMPTY', index: -1 } });
  });
});
