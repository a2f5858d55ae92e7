import { describe, expect, it } from 'vitest';
import { issueMessage } from '../errors.ts';
import { dateOutOfRangeIssue, isDateWithinRange, isWithinDateRange } from './dates.ts';

describe('the sane date range 1949-01-01 … 2200-12-31', () => {
  it.each([
    ['1949-01-01T00:00:00.000Z', true],
    ['2200-12-31T23:59:59.999Z', true],
    ['2026-06-01T08:00:00+08:00', true],
    ['1948-12-31T23:59:59.999Z', false],
    ['2201-01-01T00:00:00.000Z', false],
    ['-271821-04-20T00:00:00Z', false],
    ['+275760-09-13T00:00:00Z', false],
  ])('instant %s → %s', (text, within) => {
    expect(isWithinDateRange(new Date(text))).toBe(within);
  });

  it('an invalid Date is outside', () => {
    expect(isWithinDateRange(new Date('nonsense'))).toBe(false);
  });

  it.each([
    ['1949-01-01', true],
    ['2200-12-31', true],
    ['1948-12-31', false],
    ['2201-01-01', false],
    ['9999-12-31', false],
  ])('business date %s → %s', (date, within) => {
    expect(isDateWithinRange(date)).toBe(within);
  });

  it('names the bounds in both languages', () => {
    const issue = dateOutOfRangeIssue('validUntil');
    expect(issueMessage(issue, 'zh-CN')).toBe('取值应在 1949-01-01 至 2200-12-31 之间');
    expect(issueMessage(issue, 'en')).toBe('Must be between 1949-01-01 and 2200-12-31');
  });
});
