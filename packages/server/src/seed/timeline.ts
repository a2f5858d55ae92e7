// When the demo's cases happened. Every seeded case tells its story over the past working days (China time, in the
// deployment's working calendar and due limits), so the officers' queues and dashboard show fresh, 即将到期 (due soon)
// and 已超期 (overdue) cases exactly as they count them, and finished cases have their 响应 / 办结 times in the past,
// after the steps before them. Deterministic: the same story relative to the moment of seeding, no randomness.
import {
  type CompiledCalendar,
  chinaDayOf,
  compileCalendar,
  dueLimitFor,
  REVIEW_KIND_WORKFLOWS,
  type ReviewKind,
  type ReviewStep,
  startOfChinaDay,
  workingDayBefore,
} from '@leqi/domain';
import type { Tx } from '../platform/db/database.ts';
import { appendCaseEvents, type CaseEventInput } from '../platform/events/audit.ts';
import type { QueueConfig } from '../platform/queue-config.ts';

/** How a waiting case stands in its step: its queue tags it 按时 (fresh or on time), 即将到期 or 已超期 (long past). */
export type SeedDue = 'FRESH' | 'ON_TIME' | 'DUE_SOON' | 'OVERDUE' | 'LONG_OVERDUE';

/** When a case's last event happened: a due state for a case waiting at a bureau step, else working days ago. */
export type SeedWhen = SeedDue | number;

/** One event's time: `age` working days before the seeding, and the instant. */
export interface Moment {
  age: number;
  at: Date;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** office hours, China time: events happen between 09:00 and 17:00 */
const OFFICE_OPENS_MINUTE = 9 * 60;
const OFFICE_MINUTES = 8 * 60;
/** no seeded case is older than this many working days: shared materials were uploaded then */
const HORIZON_WORKING_DAYS = 60;

export class SeedTimeline {
  private readonly calendar: CompiledCalendar;

  constructor(
    readonly now: Date,
    private readonly queue: QueueConfig,
  ) {
    this.calendar = compileCalendar(queue.calendar);
  }

  /**
   * `minute` minutes into office hours (wrapped to them) on the working day `age` working days before now. On today's
   * date the office day is squeezed into the part of the day already past, so every instant precedes now.
   */
  at(age: number, minute: number): Date {
    const day = workingDayBefore(this.now, age, this.calendar);
    const start = startOfChinaDay(day).getTime();
    const offset = (OFFICE_OPENS_MINUTE + (minute % OFFICE_MINUTES)) * MINUTE_MS;
    if (day < chinaDayOf(this.now)) return new Date(start + offset);
    return new Date(start + Math.floor(((this.now.getTime() - start) * offset) / DAY_MS));
  }

  /** Before every seeded case. */
  get earliest(): Date {
    return this.at(HORIZON_WORKING_DAYS, 0);
  }

  /** The age in working days at which a case waiting at `step` of `kind` shows `due` under the configured limits. */
  ageFor(kind: ReviewKind, step: ReviewStep, due: SeedDue): number {
    const limit = dueLimitFor(this.queue.dueLimits, kind, step);
    const soon = this.queue.dueLimits.dueSoonDays;
    if (due === 'FRESH') return 0;
    if (due === 'ON_TIME') return Math.max(0, Math.min(2, limit - soon - 1));
    if (due === 'DUE_SOON') return Math.max(0, limit - soon);
    if (due === 'OVERDUE') return limit + 3;
    return 2 * limit + 3;
  }

  /** The age of the last event of a case of `kind` now in `status`. */
  lastAge(kind: ReviewKind, status: string, when: SeedWhen): number {
    if (typeof when === 'number') return when;
    const step = (REVIEW_KIND_WORKFLOWS[kind].statusInfo as Record<string, { step?: ReviewStep }>)[status]?.step;
    if (!step) throw new Error(`seed: ${kind} ${status} waits at no bureau step, so it has no due state`);
    return this.ageFor(kind, step, when);
  }

  /**
   * The moments of a case's `count` events, oldest first: the last `lastAge` working days ago, each earlier one 1–3
   * working days before the next; `key` (the company's USCC, say) varies the gaps and the times of day.
   */
  story(count: number, lastAge: number, key: string): Moment[] {
    const serial = variationOf(key);
    const ages: number[] = Array.from({ length: count }, () => lastAge);
    for (let index = count - 2; index >= 0; index -= 1) {
      ages[index] = (ages[index + 1] as number) + 1 + ((serial + index) % 3);
    }
    if ((ages[0] ?? 0) > HORIZON_WORKING_DAYS) throw new Error('seed: a story older than the horizon');
    return ages.map((age, index) => ({ age, at: this.at(age, serial * 137 + index * 61) }));
  }
}

/** A small number that differs from company to company and is the same on every run. */
function variationOf(key: string): number {
  let sum = 0;
  for (const [index, char] of [...key].entries()) sum += (index + 1) * (char.codePointAt(0) ?? 0);
  return sum % 997;
}

/**
 * The demo's audit events, appended together once every case is written, in the order they happened: a case's own
 * events in story order (its hash chain), and ids and times rising together across cases, as in a real run.
 */
export class SeedEvents {
  private readonly events: CaseEventInput[] = [];

  add(at: Date, event: CaseEventInput): void {
    this.events.push({ ...event, occurredAt: at });
  }

  async append(tx: Tx): Promise<void> {
    // sort is stable: events of one instant keep the order they were told in
    const ordered = [...this.events].sort(
      (a, b) => (a.occurredAt as Date).getTime() - (b.occurredAt as Date).getTime(),
    );
    await appendCaseEvents(tx, ordered);
  }
}

/** What every part of the seed shares: the clock of the story and the events it tells. */
export interface SeedStory {
  timeline: SeedTimeline;
  events: SeedEvents;
}
