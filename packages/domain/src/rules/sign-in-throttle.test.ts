import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  admitSignIn,
  retryAfterSeconds,
  type ThrottlePolicy,
  type ThrottleState,
  waitInWords,
} from './sign-in-throttle.ts';

const POLICY: ThrottlePolicy = { maxFailures: 3, windowMs: 10_000, lockMs: 1_000, maxLockMs: 4_000 };

/** Runs failed attempts on one key at the given instants; returns the verdicts and the final state. */
function failAt(instants: number[], policy = POLICY, start: ThrottleState | null = null) {
  let state = start;
  const verdicts: (number | 'ok')[] = [];
  for (const now of instants) {
    const admission = admitSignIn([state], [policy], now);
    state = admission.states[0] ?? null;
    verdicts.push(admission.allowed ? 'ok' : admission.retryAfterMs);
  }
  return { verdicts, state };
}

describe('sign-in throttle', () => {
  it('allows maxFailures attempts in a window and locks on the next', () => {
    expect(failAt([0, 1, 2, 3, 4]).verdicts).toEqual(['ok', 'ok', 'ok', 1_000, 999]);
  });

  it('refuses during the lock without extending it, and allows again when it ends', () => {
    const { state } = failAt([0, 1, 2, 3]);
    const during = admitSignIn([state], [POLICY], 900);
    expect(during).toMatchObject({ allowed: false, retryAfterMs: 103 });
    expect(during.states[0]).toEqual(state);
    expect(admitSignIn([state], [POLICY], 1_003).allowed).toBe(true);
  });

  it('doubles each further lock within the window up to the cap, and a quiet window ends the series', () => {
    // four failures per round, each round right after the previous lock ended
    const locks: number[] = [];
    let state: ThrottleState | null = null;
    let now = 0;
    for (let round = 0; round < 4; round++) {
      const result = failAt([now, now + 1, now + 2, now + 3], POLICY, state);
      state = result.state;
      locks.push(result.verdicts[3] as number);
      now = (state?.lockedUntil ?? 0) + 1;
    }
    expect(locks).toEqual([1_000, 2_000, 4_000, 4_000]);
    const afterQuiet = failAt([now + 30_000, now + 30_001, now + 30_002, now + 30_003], POLICY, state);
    expect(afterQuiet.verdicts[3]).toBe(1_000);
  });

  it('counts the window from its first failure: failures spread wider than the window never lock', () => {
    expect(failAt([0, 4_000, 8_000, 12_000, 16_000, 20_000, 24_000]).verdicts.every((v) => v === 'ok')).toBe(true);
  });

  it('is refused when any key is locked, with the longest wait, and counts on every key', () => {
    const address: ThrottlePolicy = { maxFailures: 1, windowMs: 10_000, lockMs: 5_000, maxLockMs: 5_000 };
    let states: (ThrottleState | null)[] = [null, null];
    const first = admitSignIn(states, [POLICY, address], 0);
    expect(first.allowed).toBe(true);
    states = first.states;
    const second = admitSignIn(states, [POLICY, address], 1);
    expect(second).toMatchObject({ allowed: false, retryAfterMs: 5_000 });
    expect(second.states[0]?.failures).toBe(2);
  });

  it('never lets more than maxFailures attempts through between locks, whatever the timing', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 200 }), (gaps) => {
        let now = 0;
        let state: ThrottleState | null = null;
        let allowedSinceWindowOrLock = 0;
        for (const gap of gaps) {
          now += gap;
          const admission = admitSignIn([state], [POLICY], now);
          const next = admission.states[0] as ThrottleState;
          if (next.windowStartedAt !== state?.windowStartedAt) allowedSinceWindowOrLock = 0;
          if (admission.allowed) allowedSinceWindowOrLock += 1;
          expect(allowedSinceWindowOrLock).toBeLessThanOrEqual(POLICY.maxFailures);
          if (!admission.allowed) expect(admission.retryAfterMs).toBeLessThanOrEqual(POLICY.maxLockMs);
          state = next;
        }
      }),
      { seed: 20261202, numRuns: 500 },
    );
  });

  it('words the wait in whole seconds or minutes', () => {
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(59_001)).toBe(60);
    expect(waitInWords(40)).toEqual({ waitZh: '40 秒', waitEn: '40 seconds' });
    expect(waitInWords(60)).toEqual({ waitZh: '1 分钟', waitEn: '1 minute' });
    expect(waitInWords(899)).toEqual({ waitZh: '15 分钟', waitEn: '15 minutes' });
  });
});
