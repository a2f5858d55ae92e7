/**
 * Working days (工作日) in China: Monday–Friday, minus public holidays, plus the weekend days that are
 * made up as working days (调休上班). The calendar is data (the State Council publishes it each year);
 * nothing here knows a particular year.
 */
export interface WorkingCalendar {
  /** days off that would otherwise be working days, `YYYY-MM-DD` */
  holidays: readonly string[];
  /** weekend days that are working days (调休), `YYYY-MM-DD` */
  makeUpWorkdays: readonly string[];
}

export const EMPTY_CALENDAR: WorkingCalendar = { holidays: [], makeUpWorkdays: [] };

/** China Standard Time has no daylight saving: UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of the calendar date in China at that instant. */
export function chinaDayOf(instant: Date): number {
  return Math.floor((instant.getTime() + CHINA_OFFSET_MS) / DAY_MS);
}

/** Day number of a `YYYY-MM-DD` date, or null when it is not a real date. */
export function dayOfIsoDate(text: string): number | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function isWeekend(day: number): boolean {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
}

/** A calendar turned into day-number sets once, so counting is cheap for every row of a page. */
export interface CompiledCalendar {
  holidays: ReadonlySet<number>;
  makeUpWorkdays: ReadonlySet<number>;
}

export function compileCalendar(calendar: WorkingCalendar): CompiledCalendar {
  const days = (list: readonly string[]) =>
    new Set(list.map(dayOfIsoDate).filter((day): day is number => day !== null));
  return { holidays: days(calendar.holidays), makeUpWorkdays: days(calendar.makeUpWorkdays) };
}

export function isWorkingDay(day: number, calendar: CompiledCalendar): boolean {
  if (calendar.makeUpWorkdays.has(day)) return true;
  if (calendar.holidays.has(day)) return false;
  return !isWeekend(day);
}

/** Monday–Friday count among the days `from+1 … to` (to ≥ from). */
function weekdaysAfter(from: number, to: number): number {
  const span = to - from;
  const fullWeeks = Math.floor(span / 7);
  let count = fullWeeks * 5;
  for (let day = from + fullWeeks * 7 + 1; day <= to; day += 1) if (!isWeekend(day)) count += 1;
  return count;
}

/**
 * Working days elapsed from `from` to `to`: the working days after `from`'s date up to and including `to`'s date
 * (China time). A case submitted on Friday and looked at on Monday is 1 working day old; 0 on its own day.
 */
export function workingDaysBetween(from: Date, to: Date, calendar: CompiledCalendar): number {
  const start = chinaDayOf(from);
  const end = chinaDayOf(to);
  if (end <= start) return 0;
  let count = weekdaysAfter(start, end);
  for (const day of calendar.holidays) {
    if (day > start && day <= end && !isWeekend(day) && !calendar.makeUpWorkdays.has(day)) count -= 1;
  }
  for (const day of calendar.makeUpWorkdays) if (day > start && day <= end && isWeekend(day)) count += 1;
  return count;
}

/** The instant the `count`-th working day after `from`'s date ends (midnight China time after it). */
export function endOfWorkingDaysAfter(from: Date, count: number, calendar: CompiledCalendar): Date {
  let day = chinaDayOf(from);
  let left = Math.max(0, Math.floor(count));
  while (left > 0) {
    day += 1;
    if (isWorkingDay(day, calendar)) left -= 1;
  }
  return new Date((day + 1) * DAY_MS - CHINA_OFFSET_MS);
}

/** The instant a China calendar day (a `chinaDayOf` number) begins: its midnight, China time. */
export function startOfChinaDay(day: number): Date {
  return new Date(day * DAY_MS - CHINA_OFFSET_MS);
}

/**
 * The latest working day (a `chinaDayOf` number) that lies `count` working days before `to`: a case that entered
 * its step at any time that day is `count` working days old at `to` (`workingDaysBetween`). For 0 that is `to`'s own
 * date when it is a working day, else the last working day before it.
 */
export function workingDayBefore(to: Date, count: number, calendar: CompiledCalendar): number {
  const wanted = Math.max(0, Math.floor(count));
  const today = chinaDayOf(to);
  let passed = 0;
  // a calendar is a few dozen holidays a year: a year without a working day is a broken calendar, not a loop
  for (let day = today; day > today - wanted * 7 - 366; day -= 1) {
    if (!isWorkingDay(day, calendar)) continue;
    if (passed === wanted) return day;
    passed += 1;
  }
  throw new Error(`no working day ${wanted} working days before ${to.toISOString()}`);
}

/** Validates a calendar given as configuration (e.g. a JSON file); returns the problems found. */
export function calendarProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return ['calendar must be an object'];
  const problems: string[] = [];
  for (const key of ['holidays', 'makeUpWorkdays'] as const) {
    const list = (value as Record<string, unknown>)[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      problems.push(`${key} must be a list of YYYY-MM-DD dates`);
      continue;
    }
    for (const item of list) {
      if (typeof item !== 'string' || dayOfIsoDate(item) === null)
        problems.push(`${key}: ${String(item)} is not a date`);
    }
  }
  return problems;
}
