import {
  type CompiledCalendar,
  compileCalendar,
  type DueState,
  dueLimitFor,
  dueStateOf,
  endOfWorkingDaysAfter,
  REVIEW_KIND_WORKFLOWS,
  type ReviewKind,
  type ReviewStep,
  type WorkingCalendar,
  workingDaysBetween,
} from '@leqi/domain';
import type { QueueConfig } from '../../platform/queue-config.ts';

/** How long a case has waited in its step, in working days, and when it falls due there. */
interface CaseDue {
  step: ReviewStep;
  limitDays: number;
  ageInWorkingDays: number;
  dueAt: Date;
  dueState: DueState;
}

const compiled = new WeakMap<WorkingCalendar, CompiledCalendar>();
export function calendarOf(config: QueueConfig): CompiledCalendar {
  let calendar = compiled.get(config.calendar);
  if (!calendar) {
    calendar = compileCalendar(config.calendar);
    compiled.set(config.calendar, calendar);
  }
  return calendar;
}

function stepOfCase(kind: ReviewKind, status: string): ReviewStep | null {
  const info = (REVIEW_KIND_WORKFLOWS[kind].statusInfo as Record<string, { step?: ReviewStep } | undefined>)[status];
  return info?.step ?? null;
}

/** Null when the case waits at no bureau step (a draft, a decided case). */
export function caseDue(
  config: QueueConfig,
  row: { kind: ReviewKind; status: string; stepEnteredAt: Date },
  now: Date = new Date(),
): CaseDue | null {
  const step = stepOfCase(row.kind, row.status);
  if (!step) return null;
  const calendar = calendarOf(config);
  const limitDays = dueLimitFor(config.dueLimits, row.kind, step);
  const ageInWorkingDays = workingDaysBetween(row.stepEnteredAt, now, calendar);
  return {
    step,
    limitDays,
    ageInWorkingDays,
    dueAt: endOfWorkingDaysAfter(row.stepEnteredAt, limitDays, calendar),
    dueState: dueStateOf(ageInWorkingDays, limitDays, config.dueLimits.dueSoonDays),
  };
}
