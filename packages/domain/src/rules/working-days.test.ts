import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calendarProblems,
  chinaDayOf,
  compileCalendar,
  dayOfIsoDate,
  EMPTY_CALENDAR,
  endOfWorkingDaysAfter,
  isWorkingDay,
  startOfChinaDay,
  workingDayBefore,
  workingDaysBetween,
} from './working-days.ts';

/** 2025 国庆/中秋: 10-01…10-08 off, 09-28 (Sun) and 10-11 (Sat) made up (国办发明电〔2024〕12号). */
const NATIONAL_DAY_2025 = compileCalendar({
  holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
  makeUpWorkdays: ['2025-09-28', '2025-10-11'],
});
const plain = compileCalendar(EMPTY_CALENDAR);
const cst = (text: string) => new Date(`${text}+08:00`);

/** The obvious definition, one day at a time: the property tests hold the fast one to it. */
function naiveCount(from: Date, to: Date, calendar: ReturnType<typeof compileCalendar>): number {
  let count = 0;
  for (let day = chinaDayOf(from) + 1; day <= chinaDayOf(to); day += 1) if (isWorkingDay(day, calendar)) count += 1;
  return count;
}

const instant = fc.date({
  min: new Date('2020-01-01T00:00:00Z'),
  max: new Date('2030-12-31T00:00:00Z'),
  noInvalidDate: true,
});
const isoDay = fc
  .integer({ min: dayOfIsoDate('2020-01-01') as number, max: dayOfIsoDate('2030-12-31') as number })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));
const calendar = fc
  .record({ holidays: fc.array(isoDay, { maxLength: 40 }), makeUpWorkdays: fc.array(isoDay, { maxLength: 15 }) })
  .map(compileCalendar);

describe('working days (工作日)', () => {
  it('skips weekends: Friday → Monday is one working day, the same day none', () => {
    expect(workingDaysBetween(cst('2026-11-20T09:00'), cst('2026-11-23T08:00'), plain)).toBe(1);
    expect(workingDaysBetween(cst('2026-11-23T09:00'), cst('2026-11-23T23:59'), plain)).toBe(0);
    expect(workingDaysBetween(cst('2026-11-16T09:00'), cst('2026-11-23T09:00'), plain)).toBe(5);
    expect(workingDaysBetween(cst('2026-11-23T09:00'), cst('2026-11-16T09:00'), plain)).toBe(0);
  });

  it('counts days in China time, not UTC', () => {
    // both instants fall on 23 Nov in UTC (15:30 and 16:30), but on the 23rd and the 24th in Beijing
    expect(workingDaysBetween(cst('2026-11-23T23:30'), cst('2026-11-24T00:30'), plain)).toBe(1);
  });

  it('skips holidays and counts 调休 make-up weekend days', () => {
    expect(workingDaysBetween(cst('2025-09-30T10:00'), cst('2025-10-08T18:00'), NATIONAL_DAY_2025)).toBe(0);
    expect(workingDaysBetween(cst('2025-09-30T10:00'), cst('2025-10-09T10:00'), NATIONAL_DAY_2025)).toBe(1);
    expect(workingDaysBetween(cst('2025-09-30T10:00'), cst('2025-10-11T10:00'), NATIONAL_DAY_2025)).toBe(3);
    // Friday 26th → Sunday 28th (make-up) is one working day
    expect(workingDaysBetween(cst('2025-09-26T10:00'), cst('2025-09-28T10:00'), NATIONAL_DAY_2025)).toBe(1);
  });

  it('finds the end of the N-th working day after a date', () => {
    // 5 working days after Tue 30 Sep 2025: 9, 10, 11 (Sat, make-up), 13, 14 Oct → due at 15 Oct 00:00 Beijing
    expect(endOfWorkingDaysAfter(cst('2025-09-30T10:00'), 5, NATIONAL_DAY_2025)).toEqual(cst('2025-10-15T00:00'));
    expect(endOfWorkingDaysAfter(cst('2026-11-20T10:00'), 1, plain)).toEqual(cst('2026-11-24T00:00'));
    expect(endOfWorkingDaysAfter(cst('2026-11-20T10:00'), 0, plain)).toEqual(cst('2026-11-21T00:00'));
  });

  it('agrees with counting one day at a time, for any calendar', () => {
    fc.assert(
      fc.property(instant, instant, calendar, (from, to, cal) => {
        expect(workingDaysBetween(from, to, cal)).toBe(naiveCount(from, to, cal));
      }),
      { numRuns: 300 },
    );
  });

  it('is additive and never more than the calendar days between', () => {
    fc.assert(
      fc.property(instant, instant, instant, calendar, (a, b, c, cal) => {
        const [x, y, z] = [a, b, c].sort((p, q) => p.getTime() - q.getTime()) as [Date, Date, Date];
        expect(workingDaysBetween(x, z, cal)).toBe(workingDaysBetween(x, y, cal) + workingDaysBetween(y, z, cal));
        expect(workingDaysBetween(x, z, cal)).toBeLessThanOrEqual(Math.max(0, chinaDayOf(z) - chinaDayOf(x)));
      }),
      { numRuns: 200 },
    );
  });

  it('ends the N-th working day exactly N working days later, on a working day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 }), calendar, (from, days, cal) => {
        const due = endOfWorkingDaysAfter(from, days, cal);
        const lastMoment = new Date(due.getTime() - 1);
        expect(workingDaysBetween(from, lastMoment, cal)).toBe(days);
        expect(isWorkingDay(chinaDayOf(lastMoment), cal)).toBe(true);
        expect(workingDaysBetween(from, due, cal)).toBeGreaterThanOrEqual(days);
      }),
      { numRuns: 200 },
    );
  });

  it('finds the working day N working days back, over weekends, holidays and 调休', () => {
    const isoOf = (day: number) => startOfChinaDay(day).toLocaleDateString('sv', { timeZone: 'Asia/Shanghai' });
    // Monday 2026-11-23: 0 is that Monday, 1 the Friday before; on a Sunday, 0 is the Friday before
    expect(isoOf(workingDayBefore(cst('2026-11-23T10:00'), 0, plain))).toBe('2026-11-23');
    expect(isoOf(workingDayBefore(cst('2026-11-23T10:00'), 1, plain))).toBe('2026-11-20');
    expect(isoOf(workingDayBefore(cst('2026-11-22T10:00'), 0, plain))).toBe('2026-11-20');
    expect(isoOf(workingDayBefore(cst('2026-11-22T10:00'), 5, plain))).toBe('2026-11-13');
    // 2025-10-09 (Thu): the 国庆 holidays are skipped, the made-up Sunday 09-28 counts
    expect(isoOf(workingDayBefore(cst('2025-10-09T10:00'), 1, NATIONAL_DAY_2025))).toBe('2025-09-30');
    expect(isoOf(workingDayBefore(cst('2025-10-09T10:00'), 3, NATIONAL_DAY_2025))).toBe('2025-09-28');
    expect(startOfChinaDay(chinaDayOf(cst('2025-10-09T10:00')))).toEqual(cst('2025-10-09T00:00'));
  });

  it('goes back to a working day from which exactly N working days have passed', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 60 }), calendar, (to, days, cal) => {
        const day = workingDayBefore(to, days, cal);
        expect(isWorkingDay(day, cal)).toBe(true);
        expect(day).toBeLessThanOrEqual(chinaDayOf(to));
        expect(workingDaysBetween(startOfChinaDay(day), to, cal)).toBe(days);
        // the latest such day: every working day after it (up to `to`) is younger
        for (let later = day + 1; later <= chinaDayOf(to); later += 1) {
          if (isWorkingDay(later, cal)) expect(workingDaysBetween(startOfChinaDay(later), to, cal)).toBeLessThan(days);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('validates a calendar given as configuration', () => {
    expect(calendarProblems({ holidays: ['2026-01-01'], makeUpWorkdays: [] })).toEqual([]);
    expect(calendarProblems({ holidays: ['2026-02-30', 'x'] })).toEqual([
      'holidays: 2026-02-30 is not a date',
      'holidays: x is not a date',
    ]);
    expect(calendarProblems({ makeUpWorkdays: '2026-01-04' })).toEqual([
      'makeUpWorkdays must be a list of YYYY-MM-DD dates',
    ]);
    expect(calendarProblems(null)).toEqual(['calendar must be an object']);
  });
});
