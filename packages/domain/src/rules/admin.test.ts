import { describe, expect, it } from 'vitest';
import {
  accountIssues,
  addDays,
  authorityIssues,
  breaksAdminAccess,
  businessDate,
  provinceRuleIssues,
  validateRegistryEntry,
} from './admin.ts';
import { selectProvinceRule } from './eligibility.ts';

const RULE = {
  provinceCode: '14400000000',
  minRevenue: 100,
  minInvoiceCount: 10,
  minInvoiceAmount: 100,
  livelihoodMinRevenue: 50,
  livelihoodMinInvoiceCount: 5,
  livelihoodMinInvoiceAmount: 50,
  effectiveFrom: '2026-11-25',
};

describe('business date (China time)', () => {
  it('is the UTC+8 calendar date', () => {
    expect(businessDate(new Date('2026-11-25T15:59:59Z'))).toBe('2026-11-25');
    expect(businessDate(new Date('2026-11-25T16:00:00Z'))).toBe('2026-11-26');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('province rule input', () => {
  it('accepts a rule effective today', () => {
    expect(provinceRuleIssues(RULE, '2026-11-25')).toEqual([]);
  });
  it('refuses a back-dated rule, a local code, negative thresholds and livelihood above normal', () => {
    const issues = provinceRuleIssues(
      { ...RULE, provinceCode: '14401060000', minInvoiceCount: -1, livelihoodMinRevenue: 101 },
      '2026-11-26',
    );
    expect(issues.map((i) => `${i.field}:${i.code}`).sort()).toEqual([
      'effectiveFrom:DATE_IN_PAST',
      'livelihoodMinRevenue:ABOVE_NORMAL_THRESHOLD',
      'minInvoiceCount:OUT_OF_RANGE',
      'provinceCode:INVALID_AUTHORITY_CODE',
    ]);
    expect(provinceRuleIssues({ ...RULE, effectiveFrom: '2026-02-30' }, '2026-01-01')[0]?.code).toBe('INVALID_FORMAT');
  });
  it('a rule takes effect no later than the last sane date (2200-12-31)', () => {
    expect(provinceRuleIssues({ ...RULE, effectiveFrom: '2200-12-31' }, '2026-01-01')).toEqual([]);
    expect(provinceRuleIssues({ ...RULE, effectiveFrom: '9999-12-31' }, '2026-01-01')).toEqual([
      { field: 'effectiveFrom', code: 'OUT_OF_RANGE', params: { min: '1949-01-01', max: '2200-12-31' } },
    ]);
  });
  it('the latest rule effective on or before the day applies; a later one of the same day wins', () => {
    const rules = [
      { ...RULE, effectiveFrom: '2024-01-01', minRevenue: 1 },
      { ...RULE, effectiveFrom: '2026-11-26', minRevenue: 3 },
      { ...RULE, effectiveFrom: '2026-11-25', minRevenue: 2 },
      { ...RULE, effectiveFrom: '2026-11-25', minRevenue: 4 },
    ];
    expect(selectProvinceRule(rules, '14400000000', '2026-11-25')?.minRevenue).toBe(4);
    expect(selectProvinceRule(rules, '14400000000', '2026-11-24')?.minRevenue).toBe(1);
    expect(selectProvinceRule(rules, '14400000000', '2026-11-26')?.minRevenue).toBe(3);
  });
});

describe('authorities', () => {
  it('a local authority belongs to its own province', () => {
    expect(authorityIssues({ code: '14401060000', name: '天河', level: 'LOCAL', parentCode: '14400000000' })).toEqual(
      [],
    );
    expect(
      authorityIssues({ code: '14401060000', name: '天河', level: 'LOCAL', parentCode: '13100000000' })[0]?.field,
    ).toBe('parentCode');
    expect(
      authorityIssues({ code: '1440106', name: '', level: 'LOCAL', parentCode: null }).map((i) => i.field),
    ).toEqual(['code', 'name']);
    expect(authorityIssues({ code: '14401060000', name: 'x', level: 'PROVINCIAL', parentCode: null })[0]?.field).toBe(
      'level',
    );
  });
});

describe('registry entries', () => {
  const entry = {
    uscc: '91350100m000100y43',
    name: ' 测试企业 ',
    competentAuthorityCode: '14401060000',
    creditRating: 'a',
    inPilot: true,
    majorViolation: false,
    livelihoodIndustry: false,
    priorYearRevenue: 1,
    invoiceCount12m: 2,
    invoiceAmount12m: 3,
  };
  it('normalises USCC, name and rating', () => {
    const result = validateRegistryEntry(entry);
    expect(result.ok && result.value).toMatchObject({
      uscc: '91350100M000100Y43',
      name: '测试企业',
      creditRating: 'A',
    });
  });
  it('reports every issue', () => {
    const result = validateRegistryEntry({ ...entry, uscc: 'X', creditRating: 'Z', invoiceCount12m: 1.5 });
    expect(result.ok ? [] : result.issues.map((i) => i.field)).toEqual(['uscc', 'creditRating', 'invoiceCount12m']);
  });
});

describe('accounts', () => {
  it('officers need an authority, enterprise users an enterprise and identity', () => {
    const base = { displayName: '张三', identityType: null, enterpriseId: null, authorityCode: null };
    expect(accountIssues({ ...base, role: 'OFFICER' }).map((i) => i.field)).toEqual(['authorityCode']);
    expect(accountIssues({ ...base, role: 'ENTERPRISE' }).map((i) => i.field)).toEqual([
      'enterpriseId',
      'identityType',
    ]);
    expect(accountIssues({ ...base, role: 'ADMIN' })).toEqual([]);
  });
  it('never disables yourself or the last admin', () => {
    const change = { viewerId: 'a', targetId: 'b', targetIsActiveAdmin: true, staysActiveAdmin: false };
    expect(breaksAdminAccess({ ...change, activeAdminCount: 2 })).toBe(false);
    expect(breaksAdminAccess({ ...change, activeAdminCount: 1 })).toBe(true);
    expect(breaksAdminAccess({ ...change, targetId: 'a', activeAdminCount: 3 })).toBe(true);
    expect(breaksAdminAccess({ ...change, targetIsActiveAdmin: false, activeAdminCount: 1 })).toBe(false);
  });
});
