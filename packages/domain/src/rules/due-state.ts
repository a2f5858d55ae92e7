import type { Label } from '../actors.ts';
import type { ReviewKind, ReviewStep } from '../workflows/workflow.ts';

/** 按时 / 即将到期 / 已超期 */
export type DueState = 'ON_TIME' | 'DUE_SOON' | 'OVERDUE';
export const DUE_STATES: readonly DueState[] = ['ON_TIME', 'DUE_SOON', 'OVERDUE'];
export const DUE_STATE_LABELS: Record<DueState, Label> = {
  ON_TIME: { zh: '按时', en: 'On time' },
  DUE_SOON: { zh: '即将到期', en: 'Due soon' },
  OVERDUE: { zh: '已超期', en: 'Overdue' },
};

/**
 * How many working days a step may take, per kind and step, with a default; and how many working days before
 * the limit a case counts as due soon. Configuration (deployment), never constants in the rules.
 */
export interface DueLimits {
  defaultDays: number;
  dueSoonDays: number;
  perStep: Partial<Record<`${ReviewKind}.${ReviewStep}`, number>>;
}

export const DEFAULT_DUE_LIMITS: DueLimits = { defaultDays: 5, dueSoonDays: 1, perStep: {} };

export function dueLimitFor(limits: DueLimits, kind: ReviewKind, step: ReviewStep): number {
  return limits.perStep[`${kind}.${step}`] ?? limits.defaultDays;
}

/** Over the limit is overdue; within `dueSoonDays` of it (inclusive) is due soon. */
export function dueStateOf(ageInWorkingDays: number, limitDays: number, dueSoonDays: number): DueState {
  if (ageInWorkingDays > limitDays) return 'OVERDUE';
  if (limitDays - ageInWorkingDays <= dueSoonDays) return 'DUE_SOON';
  return 'ON_TIME';
}

/** Age buckets of the bureau dashboard, in working days: [label, lowest age, highest age or null]. */
export const AGE_BUCKETS = [
  ['0-1', 0, 1],
  ['2-3', 2, 3],
  ['4-5', 4, 5],
  ['6-10', 6, 10],
  ['>10', 11, null],
] as const satisfies readonly (readonly [string, number, number | null])[];

export function ageBucketOf(ageInWorkingDays: number): string {
  const bucket = AGE_BUCKETS.find(
    ([, low, high]) => ageInWorkingDays >= low && (high === null || ageInWorkingDays <= high),
  );
  return (bucket ?? AGE_BUCKETS[0])[0];
}

const KEY =
  /^(ACCESS_APPLICATION|EXIT_APPLICATION|INVITATION|CAPABILITY_SUBSCRIPTION)\.(ACCEPTANCE|REVIEW|CONFIRMATION)$/;

/** Validates per-step limits given as configuration, e.g. `{"ACCESS_APPLICATION.ACCEPTANCE": 3}`. */
export function dueLimitProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['must be a JSON object'];
  const problems: string[] = [];
  for (const [key, days] of Object.entries(value)) {
    if (!KEY.test(key)) problems.push(`${key} is not KIND.STEP`);
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 365) {
      problems.push(`${key}: ${String(days)} is not a whole number of days between 1 and 365`);
    }
  }
  return problems;
}
