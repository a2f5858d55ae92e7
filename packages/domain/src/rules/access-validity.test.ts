import { describe, expect, it } from 'vitest';
import { accessValidity, accessValidityEnd, addMonthsClamped } from './access-validity.ts';

const at = (iso: string) => new Date(iso);

describe('access validity (two natural years, renewal reminder three months before)', () => {
  it('ends two years after confirmation, to the day', () => {
    expect(accessValidityEnd(at('2026-03-15T08:30:00Z')).toISOString()).toBe('2028-03-15T08:30:00.000Z');
  });

  it('confirmation on 29 February ends on 28 February', () => {
    expect(accessValidityEnd(at('2028-02-29T00:00:00Z')).toISOString()).toBe('2030-02-28T00:00:00.000Z');
  });

  it('month arithmetic clamps to the last day of a shorter month', () => {
    expect(addMonthsClamped(at('2027-05-31T00:00:00Z'), -3).toISOString()).toBe('2027-02-28T00:00:00.000Z');
  });

  it('is VALID until three months before the end', () => {
    const v = accessValidity(at('2028-03-15T00:00:00Z'), at('2027-12-14T23:59:59Z'));
    expect(v.state).toBe('VALID');
    expect(v.remindRenewal).toBe(false);
    expect(v.renewalRemindFrom.toISOString()).toBe('2027-12-15T00:00:00.000Z');
  });

  it('reminds from exactly three months before the end', () => {
    const v = accessValidity(at('2028-03-15T00:00:00Z'), at('2027-12-15T00:00:00Z'));
    expect(v.state).toBe('RENEWAL_DUE');
    expect(v.remindRenewal).toBe(true);
    expect(v.daysLeft).toBe(91);
  });

  it('is EXPIRED at the end and keeps reminding', () => {
    const v = accessValidity(at('2028-03-15T00:00:00Z'), at('2028-03-15T00:00:00Z'));
    expect(v.state).toBe('EXPIRED');
    expect(v.remindRenewal).toBe(true);
    expect(v.daysLeft).toBe(0);
  });
});
