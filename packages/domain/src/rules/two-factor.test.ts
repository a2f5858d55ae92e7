import { describe, expect, it } from 'vitest';
import { formatRecoveryCode, readOneTimeCode, twoFactorRequired } from './two-factor.ts';

describe('two factors', () => {
  it('are required of the configured roles only; API tokens and the system never', () => {
    expect(twoFactorRequired('OFFICER', ['OFFICER', 'ADMIN'])).toBe(true);
    expect(twoFactorRequired('ADMIN', ['OFFICER', 'ADMIN'])).toBe(true);
    expect(twoFactorRequired('ENTERPRISE', ['OFFICER', 'ADMIN'])).toBe(false);
    expect(twoFactorRequired('ENTERPRISE', ['ENTERPRISE'])).toBe(true);
    expect(twoFactorRequired('API_CLIENT', ['ENTERPRISE', 'OFFICER', 'ADMIN'])).toBe(false);
    expect(twoFactorRequired('SYSTEM', ['ENTERPRISE', 'OFFICER', 'ADMIN'])).toBe(false);
    expect(twoFactorRequired('OFFICER', [])).toBe(false);
  });

  it('read six digits as an app code and ten letters of the alphabet as a recovery code, however typed', () => {
    expect(readOneTimeCode('123456')).toEqual({ kind: 'TOTP', code: '123456' });
    expect(readOneTimeCode(' 123 456 ')).toEqual({ kind: 'TOTP', code: '123456' });
    expect(readOneTimeCode('abcde-fghjk')).toEqual({ kind: 'RECOVERY', code: 'abcde-fghjk' });
    expect(readOneTimeCode('ABCDEFGHJK')).toEqual({ kind: 'RECOVERY', code: 'abcde-fghjk' });
    expect(readOneTimeCode('abcde fghjk')).toEqual({ kind: 'RECOVERY', code: 'abcde-fghjk' });
    // letters that look like digits are not in the alphabet, and lengths must be exact
    expect(readOneTimeCode('abcde-fghij')).toBeNull();
    expect(readOneTimeCode('abcd0-fghjk')).toBeNull();
    expect(readOneTimeCode('12345')).toBeNull();
    expect(readOneTimeCode('1234567')).toBeNull();
    expect(readOneTimeCode('')).toBeNull();
    expect(readOneTimeCode('a'.repeat(10_000))).toBeNull();
  });

  it('show a recovery code as two groups of five', () => {
    expect(formatRecoveryCode('abcdefghjk')).toBe('abcde-fghjk');
  });
});
