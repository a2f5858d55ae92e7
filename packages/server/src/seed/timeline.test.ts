import {
  chinaDayOf,
  compileCalendar,
  isWorkingDay,
  REVIEW_KIND_WORKFLOWS,
  type ReviewKind,
  type ReviewStep,
} from '@leqi/domain';
import { describe, expect, it } from 'vitest';
import { caseDue } from '../features/review-queue/due.ts';
import type { QueueConfig } from '../platform/queue-config.ts';
import { type SeedDue, SeedTimeline } from './timeline.ts';

/** A deployment with holidays around the seeding days, a made-up Saturday and limits of its own per step. */
const CONFIG: QueueConfig = {
  dueLimits: {
    defaultDays: 5,
    dueSoonDays: 1,
    perStep: { 'ACCESS_APPLICATION.CONFIRMATION': 10, 'INVITATION.ACCEPTANCE': 2 },
  },
  calendar: {
    holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
    makeUpWorkdays: ['2025-09-28', '2025-10-11'],
  },
};
const NOWS = [
  '2025-10-09T08:30:00+08:00', // the first working day after 国庆, before office hours
  '2025-10-12T15:00:00+08:00', // a Sunday, the day after a made-up Saturday
  '2025-10-13T00:00:05+08:00', // seconds after midnight
  '2025-10-05T11:00:00+08:00', // inside the holidays
].map((text) => new Date(text));

/** Every step of every kind, with a status waiting there. */
const WAITING: [ReviewKind, ReviewStep, string][] = Object.entries(REVIEW_KIND_WORKFLOWS).flatMap(([kind, workflow]) =>
  Object.entries(workflow.statusInfo as Record<string, { step?: ReviewStep }>)
    .filter(([, info]) => info.step)
    .map(([status, info]) => [kind as ReviewKind, info.step as ReviewStep, status] as [ReviewKind, ReviewStep, string]),
);
const SHOWN: Record<SeedDue, string> = {
  FRESH: 'ON_TIME',
  ON_TIME: 'ON_TIME',
  DUE_SOON: 'DUE_SOON',
  OVERDUE: 'OVERDUE',
  LONG_OVERDUE: 'OVERDUE',
};

describe('the demo seed’s timeline', () => {
  it.each(NOWS)('puts a waiting case of every kind and step in the due state it asks for (now %s)', (now) => {
    const timeline = new SeedTimeline(now, CONFIG);
    for (const [kind, step, status] of WAITING) {
      for (const due of ['FRESH', 'ON_TIME', 'DUE_SOON', 'OVERDUE', 'LONG_OVERDUE'] as const) {
        for (const minute of [0, 200, 479]) {
          const stepEnteredAt = timeline.at(timeline.lastAge(kind, status, due), minute);
          const shown = caseDue(CONFIG, { kind, status, stepEnteredAt }, now);
          expect(shown?.dueState, `${kind} ${step} ${due} ${minute}`).toBe(SHOWN[due]);
          expect(stepEnteredAt.getTime()).toBeLessThan(now.getTime());
        }
      }
    }
  });

  it.each(NOWS)('tells a story on working days, in order, in office hours, before now (now %s)', (now) => {
    const timeline = new SeedTimeline(now, CONFIG);
    const calendar = compileCalendar(CONFIG.calendar);
    for (const key of ['91440100MA5000001X', '913100005432319483', 'subscription REVOKED']) {
      const story = timeline.story(5, 0, key);
      expect(story.map((moment) => moment.age).at(-1)).toBe(0);
      for (const [index, moment] of story.entries()) {
        expect(moment.at.getTime()).toBeLessThan(now.getTime());
        if (index > 0) expect(moment.at.getTime()).toBeGreaterThan((story[index - 1] as { at: Date }).at.getTime());
        const local = moment.at.toLocaleString('sv', { timeZone: 'Asia/Shanghai' });
        expect(isWorkingDay(chinaDayOf(moment.at), calendar), local).toBe(true);
        if (moment.age > 0) expect(local.slice(11) >= '09:00:00' && local.slice(11) < '17:00:00', local).toBe(true);
      }
    }
    expect(timeline.earliest.getTime()).toBeLessThan(timeline.story(5, 40, 'x')[0]?.at.getTime() ?? 0);
  });

  it('is the same story for the same moment of seeding', () => {
    const [now] = NOWS as [Date];
    const first = new SeedTimeline(now, CONFIG).story(4, 3, '91440100MA5000002X');
    expect(new SeedTimeline(new Date(now), CONFIG).story(4, 3, '91440100MA5000002X')).toEqual(first);
  });
});
