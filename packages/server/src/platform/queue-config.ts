import { readFileSync } from 'node:fs';
import {
  calendarProblems,
  DEFAULT_DUE_LIMITS,
  type DueLimits,
  dueLimitProblems,
  EMPTY_CALENDAR,
  type WorkingCalendar,
} from '@leqi/domain';

/** Due limits of the review queues and the working calendar they are counted in. */
export interface QueueConfig {
  dueLimits: DueLimits;
  calendar: WorkingCalendar;
}

class QueueConfigError extends Error {}

function fail(name: string, problem: string): never {
  throw new QueueConfigError(`环境变量 ${name} 无效：${problem} (${name} is invalid: ${problem})`);
}

function wholeDays(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > 365) fail(name, `应为 ${min}–365 之间的整数`);
  return value;
}

function json(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fail(name, 'not valid JSON');
  }
}

/**
 * QUEUE_DUE_DAYS (default 5 working days), QUEUE_DUE_SOON_DAYS (default 1),
 * QUEUE_DUE_DAYS_PER_STEP (JSON, e.g. {"ACCESS_APPLICATION.CONFIRMATION": 10}),
 * WORKING_CALENDAR_FILE (JSON { holidays: [YYYY-MM-DD], makeUpWorkdays: [YYYY-MM-DD] }).
 */
export function loadQueueConfig(env: NodeJS.ProcessEnv): QueueConfig {
  const defaultDays = wholeDays(env, 'QUEUE_DUE_DAYS', DEFAULT_DUE_LIMITS.defaultDays, 1);
  const dueSoonDays = wholeDays(env, 'QUEUE_DUE_SOON_DAYS', DEFAULT_DUE_LIMITS.dueSoonDays, 0);
  let perStep: DueLimits['perStep'] = {};
  if (env.QUEUE_DUE_DAYS_PER_STEP) {
    const value = json('QUEUE_DUE_DAYS_PER_STEP', env.QUEUE_DUE_DAYS_PER_STEP);
    const problems = dueLimitProblems(value);
    if (problems.length > 0) fail('QUEUE_DUE_DAYS_PER_STEP', problems.join('; '));
    perStep = value as DueLimits['perStep'];
  }
  let calendar: WorkingCalendar = EMPTY_CALENDAR;
  if (env.WORKING_CALENDAR_FILE) {
    let text: string;
    try {
      text = readFileSync(env.WORKING_CALENDAR_FILE, 'utf8');
    } catch {
      return fail('WORKING_CALENDAR_FILE', `cannot read ${env.WORKING_CALENDAR_FILE}`);
    }
    const value = json('WORKING_CALENDAR_FILE', text);
    const problems = calendarProblems(value);
    if (problems.length > 0) fail('WORKING_CALENDAR_FILE', problems.join('; '));
    const given = value as Partial<WorkingCalendar>;
    calendar = { holidays: given.holidays ?? [], makeUpWorkdays: given.makeUpWorkdays ?? [] };
  }
  return { dueLimits: { defaultDays, dueSoonDays, perStep }, calendar };
}
