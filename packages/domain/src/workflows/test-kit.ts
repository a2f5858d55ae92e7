// Shared table-driven checks for the workflow tests (not part of the public surface).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  availableEvents,
  decide,
  PERFORMERS,
  type Performer,
  REASON_MAX_LENGTH,
  replay,
  type Workflow,
} from './workflow.ts';

/** [from, event, to, performer, flags] written out independently of the implementation's table. */
export type ExpectedRule<S extends string, E extends string> = [
  from: S | null,
  event: E,
  to: S,
  performer: Performer,
  flags?: { reason?: boolean; fourEyes?: boolean; mutation?: string; effects?: readonly string[] },
];

const REASON = '材料不全';

export function describeWorkflowTable<S extends string, E extends string>(
  wf: Workflow<S, E>,
  expected: readonly ExpectedRule<S, E>[],
  terminal: { statuses: readonly S[]; outgoing: Partial<Record<S, readonly E[]>> },
): void {
  const key = (from: S | null, event: E) => `${from ?? '∅'}/${event}`;
  const table = new Map(expected.map((rule) => [key(rule[0], rule[1]), rule]));
  const froms: (S | null)[] = [null, ...wf.statuses];
  const ctx = (
    rule: ExpectedRule<S, E>,
    extra: { actorUserId?: string; previousDeciderUserId?: string | null } = {},
  ) => ({
    status: rule[0],
    performer: rule[3],
    reason: REASON,
    actorUserId: 'officer-b',
    previousDeciderUserId: 'officer-a',
    ...extra,
  });

  describe(`${wf.name} transition table`, () => {
    it('has exactly the expected number of rules', () => {
      expect(wf.transitions).toHaveLength(expected.length);
    });

    it('allows exactly the expected (status, event) pairs and refuses every other with INVALID_TRANSITION', () => {
      let allowed = 0;
      for (const from of froms) {
        for (const event of wf.events) {
          const rule = table.get(key(from, event));
          if (rule) {
            allowed++;
            const result = decide(wf, event, ctx(rule));
            expect(result, key(from, event)).toMatchObject({ ok: true, value: { from, event, to: rule[2] } });
            if (result.ok) expect(result.value.performer).toBe(rule[3]);
          } else {
            for (const performer of PERFORMERS) {
              const result = decide(wf, event, { status: from, performer, reason: REASON });
              expect(result, `${key(from, event)} by ${performer}`).toMatchObject({
                ok: false,
                error: { code: 'INVALID_TRANSITION', params: { event } },
              });
            }
          }
        }
      }
      expect(allowed).toBe(expected.length);
    });

    it.each(expected.map((rule) => [key(rule[0], rule[1]), rule] as const))(
      '%s refuses every other performer with FORBIDDEN',
      (_, rule) => {
        for (const performer of PERFORMERS.filter((p) => p !== rule[3])) {
          expect(decide(wf, rule[1], { ...ctx(rule), performer })).toMatchObject({
            ok: false,
            error: { code: 'FORBIDDEN' },
          });
        }
      },
    );

    it('requires a non-blank reason exactly where the table says so', () => {
      for (const rule of expected) {
        const needsReason = rule[4]?.reason === true;
        expect(wf.transitions.find((r) => r.from === rule[0] && r.event === rule[1])?.needsReason).toBe(needsReason);
        for (const reason of ['', '   ', '\n\t', null, undefined]) {
          const result = decide(wf, rule[1], { ...ctx(rule), reason });
          if (needsReason) {
            expect(result, key(rule[0], rule[1])).toMatchObject({ ok: false, error: { code: 'REASON_REQUIRED' } });
          } else {
            expect(result.ok, key(rule[0], rule[1])).toBe(true);
          }
        }
        const tooLong = decide(wf, rule[1], { ...ctx(rule), reason: 'x'.repeat(REASON_MAX_LENGTH + 1) });
        expect(tooLong).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION_FAILED', issues: [{ field: 'reason', code: 'TOO_LONG' }] },
        });
        expect(decide(wf, rule[1], { ...ctx(rule), reason: 'x'.repeat(REASON_MAX_LENGTH) }).ok).toBe(true);
      }
    });

    it("names each rule's mutation and side effects exactly as expected", () => {
      for (const rule of expected) {
        const found = wf.transitions.find((r) => r.from === rule[0] && r.event === rule[1]);
        expect(found?.mutation, key(rule[0], rule[1])).toBe(rule[4]?.mutation);
        expect(found?.effects ?? [], key(rule[0], rule[1])).toEqual(rule[4]?.effects ?? []);
      }
    });

    it('applies four eyes exactly where the table says so', () => {
      for (const rule of expected) {
        const fourEyes = rule[4]?.fourEyes === true;
        expect(wf.transitions.find((r) => r.from === rule[0] && r.event === rule[1])?.fourEyes).toBe(fourEyes);
        const same = decide(wf, rule[1], ctx(rule, { actorUserId: 'officer-a', previousDeciderUserId: 'officer-a' }));
        if (fourEyes) {
          expect(same, key(rule[0], rule[1])).toMatchObject({ ok: false, error: { code: 'FOUR_EYES' } });
        } else {
          expect(same.ok, key(rule[0], rule[1])).toBe(true);
        }
        expect(
          decide(wf, rule[1], ctx(rule, { actorUserId: 'officer-b', previousDeciderUserId: 'officer-a' })).ok,
        ).toBe(true);
        expect(decide(wf, rule[1], ctx(rule, { actorUserId: 'officer-a', previousDeciderUserId: null })).ok).toBe(true);
      }
    });

    it('checks in order: transition, performer, reason, four eyes', () => {
      const guarded = expected.find((rule) => rule[4]?.reason && rule[4]?.fourEyes);
      if (!guarded) return;
      const base = { reason: '', actorUserId: 'u', previousDeciderUserId: 'u' };
      const wrongPerformer = PERFORMERS.find((p) => p !== guarded[3]) as Performer;
      expect(decide(wf, guarded[1], { ...base, status: guarded[2], performer: wrongPerformer }).ok).toBe(false);
      expect(decide(wf, guarded[1], { ...base, status: guarded[0], performer: wrongPerformer })).toMatchObject({
        error: { code: 'FORBIDDEN' },
      });
      expect(decide(wf, guarded[1], { ...base, status: guarded[0], performer: guarded[3] })).toMatchObject({
        error: { code: 'REASON_REQUIRED' },
      });
      expect(decide(wf, guarded[1], { ...base, reason: 'r', status: guarded[0], performer: guarded[3] })).toMatchObject(
        { error: { code: 'FOUR_EYES' } },
      );
    });

    it('marks exactly the expected statuses terminal, with only the listed ways out', () => {
      expect(wf.statuses.filter((s) => wf.statusInfo[s].terminal).sort()).toEqual([...terminal.statuses].sort());
      for (const status of terminal.statuses) {
        expect(availableEvents(wf, status).sort(), status).toEqual([...(terminal.outgoing[status] ?? [])].sort());
      }
    });

    it('derives per-performer button lists from the table', () => {
      for (const status of wf.statuses) {
        for (const performer of PERFORMERS) {
          const want = expected.filter((r) => r[0] === status && r[3] === performer).map((r) => r[1]);
          expect(availableEvents(wf, status, performer).sort()).toEqual(want.sort());
        }
      }
    });
  });

  describe(`${wf.name} properties`, () => {
    const reachable = new Set<S>();
    const frontier: (S | null)[] = [null];
    while (frontier.length > 0) {
      const from = frontier.pop() as S | null;
      for (const rule of expected) {
        if (rule[0] === from && !reachable.has(rule[2])) {
          reachable.add(rule[2]);
          frontier.push(rule[2]);
        }
      }
    }

    it('random event sequences via decide stay inside the reachable set and agree with replay', () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...wf.events), { maxLength: 30 }), (events) => {
          let status: S | null = null;
          const applied: E[] = [];
          for (const event of events) {
            const results = PERFORMERS.map((performer) =>
              decide(wf, event, { status, performer, reason: REASON, actorUserId: 'x', previousDeciderUserId: 'y' }),
            );
            const successes = results.filter((r) => r.ok);
            expect(successes.length).toBeLessThanOrEqual(1);
            const success = successes[0];
            if (success?.ok) {
              status = success.value.to;
              applied.push(event);
              expect(reachable.has(status)).toBe(true);
              expect(wf.statuses).toContain(status);
            } else {
              expect(results.every((r) => !r.ok && ['INVALID_TRANSITION'].includes(r.error.code))).toBe(true);
            }
          }
          const replayed = replay(wf, applied, null);
          if (status === null) expect(replayed.ok).toBe(false);
          else expect(replayed).toEqual({ ok: true, value: status });
        }),
      );
    });

    it('replay of arbitrary sequences either fails or lands on a reachable status', () => {
      fc.assert(
        fc.property(
          fc.constantFrom<S | null>(null, ...wf.statuses),
          fc.array(fc.constantFrom(...wf.events), { maxLength: 12 }),
          (initial, events) => {
            const result = replay(wf, events, initial);
            if (result.ok) expect(wf.statuses).toContain(result.value);
            if (result.ok && initial === null) expect(reachable.has(result.value)).toBe(true);
            if (!result.ok) expect(result.error.code).toBe('INVALID_TRANSITION');
          },
        ),
      );
    });

    it('once terminal, only the listed ways out are ever taken', () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...wf.events), { maxLength: 30 }), (events) => {
          let status: S | null = null;
          for (const event of events) {
            const rule = wf.transitions.find((r) => r.from === status && r.event === event);
            if (!rule) continue;
            if (status !== null && wf.statusInfo[status].terminal) {
              expect(terminal.outgoing[status] ?? []).toContain(event);
            }
            status = rule.to;
          }
        }),
      );
    });

    it('every status is reachable from creation', () => {
      expect([...reachable].sort()).toEqual([...wf.statuses].sort());
    });
  });
}
