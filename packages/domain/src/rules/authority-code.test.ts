import { describe, expect, it } from 'vitest';
import type { Actor } from '../actors.ts';
import {
  isCompetentOfficer,
  isProvincialCode,
  isProvincialOfficerFor,
  provinceCodeOf,
  validateAuthorityCode,
} from './authority-code.ts';

const local = (authorityCode: string): Actor => ({
  role: 'OFFICER',
  userId: 'o',
  authorityCode,
  authorityLevel: 'LOCAL',
});
const provincial = (authorityCode: string): Actor => ({
  role: 'OFFICER',
  userId: 'p',
  authorityCode,
  authorityLevel: 'PROVINCIAL',
});

describe('authority codes', () => {
  it('validates 11 digits starting with 1', () => {
    expect(validateAuthorityCode(' 14401060000 ')).toEqual({ ok: true, value: '14401060000' });
    for (const bad of ['24401060000', '1440106000', '144010600000', '1440106000A']) {
      expect(validateAuthorityCode(bad)).toEqual({
        ok: false,
        error: { field: 'authorityCode', code: 'INVALID_AUTHORITY_CODE' },
      });
    }
    expect(validateAuthorityCode('', 'x')).toEqual({ ok: false, error: { field: 'x', code: 'REQUIRED' } });
  });

  it('derives the province', () => {
    expect(provinceCodeOf('14401060000')).toBe('14400000000');
    expect(provinceCodeOf('13101150000')).toBe('13100000000');
    expect(provinceCodeOf('13301060000')).toBe('13300000000');
    expect(isProvincialCode('14400000000')).toBe(true);
    expect(isProvincialCode('13100000000')).toBe(true);
    expect(isProvincialCode('14401060000')).toBe(false);
    expect(isProvincialCode('04400000000')).toBe(false);
  });

  it('recognises the competent local officer only', () => {
    expect(isCompetentOfficer(local('14401060000'), '14401060000')).toBe(true);
    expect(isCompetentOfficer(local('14401050000'), '14401060000')).toBe(false);
    expect(isCompetentOfficer(provincial('14401060000'), '14401060000')).toBe(false);
    expect(isCompetentOfficer({ role: 'ADMIN', userId: 'a' }, '14401060000')).toBe(false);
    expect(isCompetentOfficer({ role: 'SYSTEM' }, '14401060000')).toBe(false);
  });

  it('recognises the provincial officer of the competent authority’s province only', () => {
    expect(isProvincialOfficerFor(provincial('14400000000'), '14401060000')).toBe(true);
    expect(isProvincialOfficerFor(provincial('13100000000'), '14401060000')).toBe(false);
    expect(isProvincialOfficerFor(local('14400000000'), '14401060000')).toBe(false);
    expect(
      isProvincialOfficerFor(
        { role: 'ENTERPRISE', userId: 'e', enterpriseId: 'x', identityType: 'LEGAL_REPRESENTATIVE' },
        '14401060000',
      ),
    ).toBe(false);
  });
});
