import { describe, expect, it } from 'vitest';
import { utcTimestamp } from './driver.ts';

describe('utcTimestamp', () => {
  it('reads what PostgreSQL writes for a timestamp as the UTC instant, with 0 to 6 fraction digits', () => {
    const cases: [string, string][] = [
      ['2026-12-04 14:09:30', '2026-12-04T14:09:30.000Z'],
      ['2026-12-04 14:09:30.1', '2026-12-04T14:09:30.100Z'],
      ['2026-12-04 14:09:30.12', '2026-12-04T14:09:30.120Z'],
      ['2026-12-04 14:09:30.123', '2026-12-04T14:09:30.123Z'],
      ['2026-12-04 14:09:30.123456', '2026-12-04T14:09:30.123Z'],
      ['2024-02-29 23:59:59.999', '2024-02-29T23:59:59.999Z'],
      ['1970-01-01 00:00:00', '1970-01-01T00:00:00.000Z'],
    ];
    for (const [text, iso] of cases) expect(utcTimestamp(text).toISOString(), text).toBe(iso);
  });

  it('leaves what the digit reader cannot take to Date: early years, infinity', () => {
    // Date.UTC would read the year 0099 as 1999
    expect(utcTimestamp('0099-01-01 00:00:00').toISOString()).toBe('0099-01-01T00:00:00.000Z');
    expect(Number.isNaN(utcTimestamp('infinity').getTime())).toBe(true);
  });
});
