import { describe, expect, it } from 'vitest';
import {
  afterFailedAttempt,
  DEFAULT_WEBHOOK_RETRY_SCHEDULE,
  isDelivered,
  parseRetrySchedule,
} from './webhook-retry.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;

describe('webhook retry schedule', () => {
  it('reads the default: 5s, 30s, 2m, 10m, 30m, 2h, 6h, 12h', () => {
    expect(parseRetrySchedule(DEFAULT_WEBHOOK_RETRY_SCHEDULE)).toEqual({
      ok: true,
      waitsMs: [5 * S, 30 * S, 2 * M, 10 * M, 30 * M, 2 * H, 6 * H, 12 * H],
    });
  });

  it('reads every unit and tolerates spaces and a trailing comma', () => {
    expect(parseRetrySchedule(' 250ms, 1s ,1m,1h,1d,')).toEqual({
      ok: true,
      waitsMs: [250, S, M, H, 24 * H],
    });
  });

  it('refuses an empty schedule, an unreadable or zero step, a step over 7 days and more than 30 steps', () => {
    expect(parseRetrySchedule('')).toEqual({ ok: false, problem: { kind: 'EMPTY' } });
    expect(parseRetrySchedule(' , ')).toEqual({ ok: false, problem: { kind: 'EMPTY' } });
    for (const step of ['5', '5 s', '5sec', '-5s', '1.5m', 's', '0s', '5S', '1w'])
      expect(parseRetrySchedule(`1s,${step}`), step).toEqual({
        ok: false,
        problem: { kind: 'UNREADABLE_STEP', step: step.trim() },
      });
    expect(parseRetrySchedule('7d')).toMatchObject({ ok: true });
    expect(parseRetrySchedule('169h')).toEqual({ ok: false, problem: { kind: 'STEP_TOO_LONG', step: '169h' } });
    expect(parseRetrySchedule(Array(30).fill('1s').join(','))).toMatchObject({ ok: true });
    expect(parseRetrySchedule(Array(31).fill('1s').join(','))).toEqual({
      ok: false,
      problem: { kind: 'TOO_MANY_STEPS', count: 31 },
    });
  });
});

describe('after a failed attempt', () => {
  const failedAt = new Date('2026-12-07T08:00:00Z');
  const waits = [5 * S, 30 * S];

  it('waits the step of that attempt, and stops after the last step (n steps, n + 1 attempts)', () => {
    expect(afterFailedAttempt(waits, 1, failedAt)).toEqual({ retry: true, retryAt: new Date('2026-12-07T08:00:05Z') });
    expect(afterFailedAttempt(waits, 2, failedAt)).toEqual({ retry: true, retryAt: new Date('2026-12-07T08:00:30Z') });
    expect(afterFailedAttempt(waits, 3, failedAt)).toEqual({ retry: false });
    expect(afterFailedAttempt([], 1, failedAt)).toEqual({ retry: false });
  });

  it('refuses an attempt number below 1 or not whole', () => {
    expect(() => afterFailedAttempt(waits, 0, failedAt)).toThrow(RangeError);
    expect(() => afterFailedAttempt(waits, 1.5, failedAt)).toThrow(RangeError);
  });

  it('counts only a 2xx answer as delivered', () => {
    for (const status of [200, 201, 204, 299]) expect(isDelivered(status), String(status)).toBe(true);
    for (const status of [null, 100, 199, 300, 301, 304, 400, 404, 410, 500, 503])
      expect(isDelivered(status), String(status)).toBe(false);
  });
});
