import {
  AGE_BUCKETS,
  ageBucketOf,
  chinaDayOf,
  domainError,
  dueLimitFor,
  dueStateOf,
  err,
  ok,
  REVIEW_STEPS,
  type Result,
  type ReviewKind,
  type ReviewStep,
  workingDaysBetween,
} from '@leqi/domain';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { CASE_KINDS } from '../cases/index.ts';
import { calendarOf } from '../review-queue/due.ts';
import { decisionsByDaySql, waitingByDaySql } from './aggregates-sql.ts';

export interface QueueSize {
  kind: ReviewKind;
  step: ReviewStep;
  count: number;
  dueSoonCount: number;
  overdueCount: number;
}

export interface DayCount {
  date: string;
  count: number;
}

/** 工作台概览: what waits where in the viewer's jurisdiction, how old it is, and how many decisions were made. */
export interface BureauDashboard {
  generatedAt: Date;
  queues: QueueSize[];
  decisionsPerDay: DayCount[];
  ageBuckets: { label: string; count: number }[];
  dueSoonCount: number;
  overdueCount: number;
}

const DECISION_DAYS = 30;
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a China day number. */
function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A day's start in China, as the instant ages are counted from (any time of that day gives the same age). */
function instantOfIsoDay(date: string): Date {
  return new Date(`${date}T12:00:00+08:00`);
}

export async function bureauDashboard(
  app: AppServices,
  viewer: Viewer,
  now: Date = new Date(),
): Promise<Result<BureauDashboard>> {
  const actor = viewer.actor;
  if (actor.role !== 'OFFICER' && actor.role !== 'ADMIN') return err(domainError('FORBIDDEN'));
  const config = app.config.queue;
  const calendar = calendarOf(config);
  const sizes = new Map<string, QueueSize>();
  for (const { kind, workflow } of CASE_KINDS) {
    for (const step of REVIEW_STEPS) {
      const hasStep = Object.values(workflow.statusInfo).some((info) => info.step === step);
      if (hasStep) sizes.set(`${kind}.${step}`, { kind, step, count: 0, dueSoonCount: 0, overdueCount: 0 });
    }
  }
  const buckets = new Map<string, number>(AGE_BUCKETS.map(([label]) => [label, 0]));
  const ageOfDay = new Map<string, number>();
  const workflows = new Map(CASE_KINDS.map(({ kind, workflow }) => [kind as string, workflow]));
  const today = chinaDayOf(now);
  const [groups, perDay] = await Promise.all([
    app.db.$queryRaw<{ kind: ReviewKind; status: string; day: string; count: number }[]>(waitingByDaySql(actor)),
    app.db.$queryRaw<{ day: string; count: number }[]>(
      decisionsByDaySql(actor, new Date((today - DECISION_DAYS + 1) * DAY_MS - 8 * 3_600_000)),
    ),
  ]);
  for (const group of groups) {
    const step = workflows.get(group.kind)?.statusInfo[group.status]?.step;
    const size = step ? sizes.get(`${group.kind}.${step}`) : undefined;
    if (!size) continue;
    let age = ageOfDay.get(group.day);
    if (age === undefined) {
      age = workingDaysBetween(instantOfIsoDay(group.day), now, calendar);
      ageOfDay.set(group.day, age);
    }
    const count = Number(group.count);
    const state = dueStateOf(age, dueLimitFor(config.dueLimits, group.kind, size.step), config.dueLimits.dueSoonDays);
    size.count += count;
    if (state === 'OVERDUE') size.overdueCount += count;
    if (state === 'DUE_SOON') size.dueSoonCount += count;
    const bucket = ageBucketOf(age);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + count);
  }
  const decided = new Map(perDay.map((row) => [row.day, Number(row.count)]));
  const decisionsPerDay = Array.from({ length: DECISION_DAYS }, (_, index) => {
    const date = isoOfDay(today - DECISION_DAYS + 1 + index);
    return { date, count: decided.get(date) ?? 0 };
  });
  const queues = [...sizes.values()];
  return ok({
    generatedAt: now,
    queues,
    decisionsPerDay,
    ageBuckets: [...buckets.entries()].map(([label, count]) => ({ label, count })),
    dueSoonCount: queues.reduce((sum, queue) => sum + queue.dueSoonCount, 0),
    overdueCount: queues.reduce((sum, queue) => sum + queue.overdueCount, 0),
  });
}
