// 登录限流: failed sign-ins are counted per account and per client address, each over a window. Over a key's
// limit the key is locked for a while; every further lock within the window doubles the time, up to the key's
// cap. An attempt is counted *before* the password is checked (and forgiven when it succeeds), so a burst of
// parallel guesses cannot slip past the limit while the first ones are still being checked. During a lock even
// the right password is refused, and a refused attempt does not extend the lock.
//
// The address is judged more strictly than the account (fewer failures, longer locks): one attacking machine is
// stopped at its own address before it can lock the account, so only an attack from many addresses locks a real
// user out, and then only for minutes (the account's cap is short).

export interface ThrottlePolicy {
  /** failures within `windowMs` that are still allowed; the next attempt locks */
  maxFailures: number;
  windowMs: number;
  /** the first lock; each further lock within the window doubles it */
  lockMs: number;
  maxLockMs: number;
}

/** What is stored per key (an account or an address). */
export interface ThrottleState {
  /** attempts counted in the current window (failed ones, and ones still being checked) */
  failures: number;
  windowStartedAt: number;
  /** the end of the latest lock (kept after it ends: further locks within the window grow from it) */
  lockedUntil: number | null;
  /** locks within the current series */
  locks: number;
}

export type Admission =
  | { allowed: true; states: ThrottleState[] }
  | { allowed: false; retryAfterMs: number; states: ThrottleState[] };

const EMPTY: ThrottleState = { failures: 0, windowStartedAt: 0, lockedUntil: null, locks: 0 };

function lockedFor(state: ThrottleState | null, now: number): number {
  return state?.lockedUntil != null && state.lockedUntil > now ? state.lockedUntil - now : 0;
}

/** Counts one attempt on a key that is not locked; locks it when the attempt goes over the limit. */
function countAttempt(previous: ThrottleState | null, policy: ThrottlePolicy, now: number): ThrottleState {
  let state = previous ?? { ...EMPTY, windowStartedAt: now };
  if (now - state.windowStartedAt >= policy.windowMs) {
    // a quiet window ends the series of locks; a lock that ended recently still counts
    const seriesOver = state.lockedUntil == null || now - state.lockedUntil >= policy.windowMs;
    state = { failures: 0, windowStartedAt: now, lockedUntil: state.lockedUntil, locks: seriesOver ? 0 : state.locks };
  }
  const failures = state.failures + 1;
  if (failures <= policy.maxFailures) return { ...state, failures };
  const lockMs = Math.min(policy.maxLockMs, policy.lockMs * 2 ** Math.min(state.locks, 30));
  return { failures: 0, windowStartedAt: now, lockedUntil: now + lockMs, locks: state.locks + 1 };
}

/**
 * Whether a sign-in attempt may check its password, given the stored state of each of its keys (null: none yet)
 * and each key's policy, in the same order. The returned states are to be stored whatever the verdict.
 */
export function admitSignIn(
  states: readonly (ThrottleState | null)[],
  policies: readonly ThrottlePolicy[],
  now: number,
): Admission {
  const locked = Math.max(0, ...states.map((state) => lockedFor(state, now)));
  const current = states.map((state) => state ?? { ...EMPTY, windowStartedAt: now });
  if (locked > 0) return { allowed: false, retryAfterMs: locked, states: current };
  const counted = states.map((state, index) => countAttempt(state, policies[index] as ThrottlePolicy, now));
  const lockedNow = Math.max(0, ...counted.map((state) => lockedFor(state, now)));
  return lockedNow > 0
    ? { allowed: false, retryAfterMs: lockedNow, states: counted }
    : { allowed: true, states: counted };
}

/** Whole seconds to wait, never 0 while a lock is on. */
export function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}

/** The wait in words, for the refusal's message: "15 分钟" / "15 minutes", "40 秒" / "40 seconds". */
export function waitInWords(seconds: number): { waitZh: string; waitEn: string } {
  if (seconds < 60) return { waitZh: `${seconds} 秒`, waitEn: `${seconds} second${seconds === 1 ? '' : 's'}` };
  const minutes = Math.ceil(seconds / 60);
  return { waitZh: `${minutes} 分钟`, waitEn: `${minutes} minute${minutes === 1 ? '' : 's'}` };
}
