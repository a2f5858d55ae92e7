import { describe, expect, it } from 'vitest';
import { issueMessage } from '../errors.ts';
import {
  DEFAULT_PASSWORD_POLICY,
  nextPasswordHistory,
  passwordChangeReason,
  passwordClasses,
  passwordExpiresAt,
  passwordIssue,
} from './password-policy.ts';

const policy = DEFAULT_PASSWORD_POLICY;

describe('password policy', () => {
  it('counts lower case, upper case, digits and other characters as four classes', () => {
    expect(passwordClasses('abc')).toBe(1);
    expect(passwordClasses('abcDEF')).toBe(2);
    expect(passwordClasses('abcDEF123')).toBe(3);
    expect(passwordClasses('abcDEF123@')).toBe(4);
    expect(passwordClasses('密码密码')).toBe(1);
  });

  it('by default: 8–64 characters of at least three classes', () => {
    expect(passwordIssue('Leqi@2026', policy)).toBeNull();
    expect(passwordIssue('Officer2026', policy)).toBeNull();
    expect(passwordIssue('Ab1@', policy)).toEqual({
      field: 'password',
      code: 'OUT_OF_RANGE',
      params: { min: 8, max: 64 },
    });
    expect(passwordIssue(`Aa1${'x'.repeat(62)}`, policy)?.code).toBe('OUT_OF_RANGE');
    expect(passwordIssue('letters1234', policy)).toEqual({
      field: 'password',
      code: 'WEAK_PASSWORD',
      params: { minClasses: 3 },
    });
  });

  it('follows the configured length and classes, and names the field it was given', () => {
    const strict = { ...policy, minLength: 12, minClasses: 4 };
    expect(passwordIssue('Leqi@2026', strict, { field: 'newPassword' })).toMatchObject({
      field: 'newPassword',
      code: 'OUT_OF_RANGE',
    });
    expect(passwordIssue('LeqiLeqi2026x', strict)?.code).toBe('WEAK_PASSWORD');
    expect(passwordIssue('Leqi@2026-Ops', strict)).toBeNull();
    expect(passwordIssue('password', { ...policy, minClasses: 1 })).toBeNull();
  });

  it('refuses a password containing the user name, in any case', () => {
    expect(passwordIssue('Th.Officer1@x', policy, { username: 'th.officer1' })).toMatchObject({
      code: 'WEAK_PASSWORD',
      params: { username: 'th.officer1' },
    });
    expect(passwordIssue('Leqi@2026', policy, { username: 'th.officer1' })).toBeNull();
  });

  it('explains each refusal in Chinese and English', () => {
    expect(issueMessage({ field: 'p', code: 'WEAK_PASSWORD', params: { minClasses: 3 } }, 'zh-CN')).toBe(
      '密码须包含大写字母、小写字母、数字、其他字符中的至少 3 类',
    );
    expect(
      issueMessage({ field: 'p', code: 'WEAK_PASSWORD', params: { minClasses: 3, username: 'sl.clerk' } }, 'en'),
    ).toBe('The password must not contain the user name (sl.clerk)');
    expect(issueMessage({ field: 'p', code: 'PASSWORD_REUSED', params: { history: 5 } }, 'zh-CN')).toBe(
      '不能使用最近 5 次用过的密码',
    );
  });

  it('a temporary password must be changed at once, any other after its maximum age', () => {
    const changedAt = new Date('2026-01-01T00:00:00Z');
    const day = 86_400_000;
    expect(passwordExpiresAt(changedAt, policy)).toEqual(new Date(changedAt.getTime() + 90 * day));
    expect(passwordChangeReason({ changedAt, temporary: true }, policy, changedAt)).toBe('TEMPORARY');
    expect(
      passwordChangeReason({ changedAt, temporary: false }, policy, new Date(changedAt.getTime() + 89 * day)),
    ).toBe(null);
    expect(
      passwordChangeReason({ changedAt, temporary: false }, policy, new Date(changedAt.getTime() + 90 * day)),
    ).toBe('EXPIRED');
    const ageless = { ...policy, maxAgeDays: 0 };
    expect(passwordExpiresAt(changedAt, ageless)).toBeNull();
    expect(passwordChangeReason({ changedAt, temporary: false }, ageless, new Date('2099-01-01'))).toBeNull();
  });

  it('keeps the replaced password first: with the new one, the last `history` passwords', () => {
    expect(nextPasswordHistory('h3', ['h2', 'h1'], policy)).toEqual(['h3', 'h2', 'h1']);
    expect(nextPasswordHistory('h6', ['h5', 'h4', 'h3', 'h2'], policy)).toEqual(['h6', 'h5', 'h4', 'h3']);
    expect(nextPasswordHistory('h2', ['h1'], { ...policy, history: 1 })).toEqual([]);
    expect(nextPasswordHistory('h2', ['h1'], { ...policy, history: 0 })).toEqual([]);
  });
});
