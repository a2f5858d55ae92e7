import type { FieldIssue } from '../errors.ts';

/**
 * The dates any input may name. Nothing in this product happened before the People's Republic's tax system existed
 * or is planned past 2200; a date outside is a mistake or an attack (JavaScript accepts years −271821 to 275760,
 * PostgreSQL refuses most of them with an error the caller should never see).
 */
export const EARLIEST_DATE = '1949-01-01';
export const LATEST_DATE = '2200-12-31';

const EARLIEST_INSTANT = Date.parse(`${EARLIEST_DATE}T00:00:00.000Z`);
const LATEST_INSTANT = Date.parse(`${LATEST_DATE}T23:59:59.999Z`);

/** An instant on or between EARLIEST_DATE and LATEST_DATE (UTC days). */
export function isWithinDateRange(instant: Date): boolean {
  const time = instant.getTime();
  return !Number.isNaN(time) && time >= EARLIEST_INSTANT && time <= LATEST_INSTANT;
}

/** A business date YYYY-MM-DD on or between EARLIEST_DATE and LATEST_DATE. */
export function isDateWithinRange(date: string): boolean {
  return date >= EARLIEST_DATE && date <= LATEST_DATE;
}

/** The field issue for a date outside the range, with the bounds the message names. */
export function dateOutOfRangeIssue(field: string): FieldIssue {
  return { field, code: 'OUT_OF_RANGE', params: { min: EARLIEST_DATE, max: LATEST_DATE } };
}
