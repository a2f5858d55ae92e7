// Webhook delivery attempts (issue 21, Standard Webhooks): an attempt succeeds on a 2xx answer within the timeout;
// after a failed attempt the next one waits the schedule's next step; when the schedule is exhausted the event's
// delivery has failed for good and the endpoint is disabled (its owner is told in the notification inbox).

/** `WEBHOOK_RETRY_SCHEDULE`'s default: the waits after the 1st, 2nd … failed attempt. */
export const DEFAULT_WEBHOOK_RETRY_SCHEDULE = '5s,30s,2m,10m,30m,2h,6h,12h';

/** How long one attempt may take, from connecting to the last byte of the answer. */
export const WEBHOOK_ATTEMPT_TIMEOUT_MS = 10_000;

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const STEP = /^(\d{1,6})(ms|s|m|h|d)$/;
/** a step longer than this is a typo, not a policy */
const LONGEST_STEP_MS = 7 * UNIT_MS.d;
const MOST_STEPS = 30;

export type RetryScheduleProblem =
  | { kind: 'EMPTY' }
  | { kind: 'UNREADABLE_STEP'; step: string }
  | { kind: 'STEP_TOO_LONG'; step: string }
  | { kind: 'TOO_MANY_STEPS'; count: number };

/**
 * Reads a schedule such as `5s,30s,2m`: each step a whole number with a unit (ms, s, m, h, d), above zero and at most
 * seven days, at most 30 steps. The waits in milliseconds, or what is wrong with it.
 */
export function parseRetrySchedule(
  text: string,
): { ok: true; waitsMs: number[] } | { ok: false; problem: RetryScheduleProblem } {
  const steps = text
    .split(',')
    .map((step) => step.trim())
    .filter((step) => step !== '');
  if (steps.length === 0) return { ok: false, problem: { kind: 'EMPTY' } };
  if (steps.length > MOST_STEPS) return { ok: false, problem: { kind: 'TOO_MANY_STEPS', count: steps.length } };
  const waitsMs: number[] = [];
  for (const step of steps) {
    const match = STEP.exec(step);
    if (!match) return { ok: false, problem: { kind: 'UNREADABLE_STEP', step } };
    const wait = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
    if (wait <= 0) return { ok: false, problem: { kind: 'UNREADABLE_STEP', step } };
    if (wait > LONGEST_STEP_MS) return { ok: false, problem: { kind: 'STEP_TOO_LONG', step } };
    waitsMs.push(wait);
  }
  return { ok: true, waitsMs };
}

/** A 2xx answer delivers the event; anything else (another status, a timeout, a refused connection) fails. */
export function isDelivered(status: number | null): boolean {
  return status !== null && status >= 200 && status <= 299;
}

export type AfterFailedAttempt = { retry: true; retryAt: Date } | { retry: false };

/**
 * What follows the `attempt`-th failed attempt (1 for the first) made at `failedAt`: the next attempt's time, or none
 * when the schedule is exhausted — a schedule of n steps allows n + 1 attempts in all.
 */
export function afterFailedAttempt(waitsMs: readonly number[], attempt: number, failedAt: Date): AfterFailedAttempt {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be 1 or more, not ${attempt}`);
  const wait = waitsMs[attempt - 1];
  if (wait === undefined) return { retry: false };
  return { retry: true, retryAt: new Date(failedAt.getTime() + wait) };
}
