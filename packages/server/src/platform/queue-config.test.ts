import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseDue } from '../features/review-queue/due.ts';
import { loadQueueConfig } from './queue-config.ts';

const cst = (text: string) => new Date(`${text}+08:00`);

describe('queue due limits and working calendar from the environment', () => {
  it('defaults to 5 working days, due soon 1 day before, no holidays', () => {
    expect(loadQueueConfig({})).toEqual({
      dueLimits: { defaultDays: 5, dueSoonDays: 1, perStep: {} },
      calendar: { holidays: [], makeUpWorkdays: [] },
    });
  });

  it('applies a per-step limit and the holidays of WORKING_CALENDAR_FILE to a case', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leqi-calendar-'));
    const file = join(dir, 'calendar.json');
    writeFileSync(file, JSON.stringify({ holidays: ['2026-01-01', '2026-01-02'], makeUpWorkdays: ['2026-01-04'] }));
    const config = loadQueueConfig({
      QUEUE_DUE_DAYS_PER_STEP: '{"ACCESS_APPLICATION.CONFIRMATION": 2}',
      WORKING_CALENDAR_FILE: file,
    });
    const row = { kind: 'ACCESS_APPLICATION' as const, stepEnteredAt: cst('2025-12-31T10:00') };
    // 1–2 Jan off, Sat 3 Jan off, Sun 4 Jan made up, Mon 5 Jan: two working days by Monday
    expect(caseDue(config, { ...row, status: 'PENDING_CONFIRMATION' }, cst('2026-01-05T09:00'))).toMatchObject({
      step: 'CONFIRMATION',
      limitDays: 2,
      ageInWorkingDays: 2,
      dueState: 'DUE_SOON',
      dueAt: cst('2026-01-06T00:00'),
    });
    expect(caseDue(config, { ...row, status: 'PENDING_ACCEPTANCE' }, cst('2026-01-05T09:00'))?.limitDays).toBe(5);
    expect(caseDue(config, { ...row, status: 'CONFIRMED' })).toBeNull();
  });

  it('names the variable of an invalid value', () => {
    expect(() => loadQueueConfig({ QUEUE_DUE_DAYS: '0' })).toThrow(/QUEUE_DUE_DAYS/);
    expect(() => loadQueueConfig({ QUEUE_DUE_DAYS_PER_STEP: '{"X.Y": 3}' })).toThrow(/QUEUE_DUE_DAYS_PER_STEP.*X\.Y/);
    expect(() => loadQueueConfig({ QUEUE_DUE_DAYS_PER_STEP: 'nope' })).toThrow(/not valid JSON/);
    expect(() => loadQueueConfig({ WORKING_CALENDAR_FILE: '/nonexistent/calendar.json' })).toThrow(
      /WORKING_CALENDAR_FILE/,
    );
  });
});
