import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from './coalesce.ts';

describe('coalesce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once, with the last arguments, after a burst falls quiet', () => {
    const fn = vi.fn();
    const reload = coalesce(fn, 150, 1_000);
    for (let i = 0; i < 20; i++) {
      reload(i);
      vi.advanceTimersByTime(40);
    }
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(150);
    expect(fn.mock.calls).toEqual([[19]]);
  });

  it('a steady stream still runs it every max wait, and calls spaced apart each run', () => {
    const fn = vi.fn();
    const reload = coalesce(fn, 150, 1_000);
    for (let i = 0; i < 60; i++) {
      reload(i);
      vi.advanceTimersByTime(50);
    }
    vi.advanceTimersByTime(150);
    // 3,000 ms of calls 50 ms apart: one run per second, and the tail
    expect(fn.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(fn.mock.calls.length).toBeLessThanOrEqual(4);
    fn.mockClear();
    reload('a');
    vi.advanceTimersByTime(200);
    reload('b');
    vi.advanceTimersByTime(200);
    expect(fn.mock.calls).toEqual([['a'], ['b']]);
  });

  it('cancel drops a pending run (an unmounted page reloads nothing)', () => {
    const fn = vi.fn();
    const reload = coalesce(fn, 150, 1_000);
    reload();
    reload.cancel();
    vi.advanceTimersByTime(2_000);
    expect(fn).not.toHaveBeenCalled();
  });
});
