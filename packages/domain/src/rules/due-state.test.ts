import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AGE_BUCKETS,
  ageBucketOf,
  DEFAULT_DUE_LIMITS,
  dueLimitFor,
  dueLimitProblems,
  dueStateOf,
} from './due-state.ts';

describe('due state (按时 / 即将到期 / 已超期)', () => {
  it('is on time well before the limit, due soon near it, overdue past it', () => {
    expect(dueStateOf(0, 5, 1)).toBe('ON_TIME');
    expect(dueStateOf(3, 5, 1)).toBe('ON_TIME');
    expect(dueStateOf(4, 5, 1)).toBe('DUE_SOON');
    expect(dueStateOf(5, 5, 1)).toBe('DUE_SOON');
    expect(dueStateOf(6, 5, 1)).toBe('OVERDUE');
    expect(dueStateOf(0, 2, 2)).toBe('DUE_SOON');
  });

  it('only gets worse as a case ages', () => {
    const rank = { ON_TIME: 0, DUE_SOON: 1, OVERDUE: 2 } as const;
    fc.assert(
      fc.property(fc.nat(100), fc.nat(100), fc.integer({ min: 1, max: 60 }), fc.nat(10), (a, b, limit, soon) => {
        const [young, old] = a <= b ? [a, b] : [b, a];
        expect(rank[dueStateOf(young, limit, soon)]).toBeLessThanOrEqual(rank[dueStateOf(old, limit, soon)]);
        expect(dueStateOf(old, limit, soon) === 'OVERDUE').toBe(old > limit);
      }),
    );
  });

  it('uses the per-step limit when configured and the default otherwise', () => {
    const limits = { ...DEFAULT_DUE_LIMITS, perStep: { 'ACCESS_APPLICATION.CONFIRMATION': 10 } };
    expect(dueLimitFor(limits, 'ACCESS_APPLICATION', 'CONFIRMATION')).toBe(10);
    expect(dueLimitFor(limits, 'ACCESS_APPLICATION', 'ACCEPTANCE')).toBe(5);
  });

  it('puts every age in exactly one bucket', () => {
    fc.assert(
      fc.property(fc.nat(1000), (age) => {
        const matching = AGE_BUCKETS.filter(([, low, high]) => age >= low && (high === null || age <= high));
        expect(matching).toHaveLength(1);
        expect(ageBucketOf(age)).toBe(matching[0]?.[0]);
      }),
    );
  });

  it('validates per-step limits given as configuration', () => {
    expect(dueLimitProblems({ 'INVITATION.ACCEPTANCE': 3 })).toEqual([]);
    expect(dueLimitProblems({ 'INVITATION.SOMETHING': 3, 'EXIT_APPLICATION.REVIEW': 0 })).toEqual([
      'INVITATION.SOMETHING is not KIND.STEP',
      'EXIT_APPLICATION.REVIEW: 0 is not a whole number of days between 1 and 365',
    ]);
    expect(dueLimitProblems([1])).toEqual(['must be a JSON object']);
  });
});
