import { type AnyWorkflow, LIFECYCLES, WORKFLOWS } from '@leqi/domain';
import { describe, expect, it } from 'vitest';
import { DECISION_EFFECTS, isDecisionEffect } from './decision-effects.ts';
import { CASE_KINDS } from './index.ts';

const TABLES: Record<string, AnyWorkflow> = { ...WORKFLOWS, ...LIFECYCLES } as unknown as Record<string, AnyWorkflow>;

const named = Object.entries(TABLES).flatMap(([table, workflow]) =>
  workflow.transitions.flatMap((rule) =>
    (rule.effects ?? []).map((effect) => ({ table, rule: `${rule.from ?? '∅'} —${rule.event}→ ${rule.to}`, effect })),
  ),
);

describe('named decision effects', () => {
  it('the tables name effects (the check below is not vacuous)', () => {
    expect(named.length).toBeGreaterThan(10);
    expect(Object.keys(TABLES)).toEqual(
      expect.arrayContaining(['accessApplication', 'exitApplication', 'invitation', 'dcuStatus', 'binding']),
    );
  });

  it.each(named)('$table: $rule names $effect, which the server implements', ({ effect }) => {
    expect(isDecisionEffect(effect)).toBe(true);
  });

  it('implements no effect that no table names', () => {
    const names = new Set(named.map(({ effect }) => effect));
    expect(Object.keys(DECISION_EFFECTS).filter((effect) => !names.has(effect))).toEqual([]);
  });

  it('every declared kind writes its decisions through one versioned write', () => {
    for (const kind of CASE_KINDS) expect(typeof kind.writeDecision, kind.kind).toBe('function');
  });
});
