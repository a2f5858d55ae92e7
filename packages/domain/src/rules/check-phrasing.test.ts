import { describe, expect, it } from 'vitest';
import {
  checkFigures,
  type EligibilityCheck,
  type EligibilityCheckCode,
  type EnterpriseFacts,
  evaluateDirectUnitEligibility,
  formatIsoDate,
  formatYuan,
  type ProvinceRule,
  phraseCheck,
  redactLegacyReport,
} from './eligibility.ts';

const rule: ProvinceRule = {
  provinceCode: '14400000000',
  minRevenue: 500_000_000,
  minInvoiceCount: 50_000,
  minInvoiceAmount: 500_000_000,
  livelihoodMinRevenue: 10_000_000,
  livelihoodMinInvoiceCount: 2_000,
  livelihoodMinInvoiceAmount: 5_000_000,
  effectiveFrom: '2024-01-01',
};

const smallShop: EnterpriseFacts = {
  uscc: '91440100787789328C',
  name: '广州南粤小商品有限公司',
  inPilot: false,
  creditRating: 'B',
  majorViolation: false,
  priorYearRevenue: 4_000_000,
  invoiceCount12m: 1_200,
  invoiceAmount12m: 4_000_000,
  livelihoodIndustry: false,
};

const zh = {
  locale: 'zh-CN' as const,
  provinceName: (code: string) => (code === '14400000000' ? '广东省' : undefined),
};
const en = { locale: 'en' as const, provinceName: zh.provinceName };

const checkOf = (checks: EligibilityCheck[], code: EligibilityCheckCode) => {
  const found = checks.find((c) => c.code === code);
  if (!found) throw new Error(`no check ${code}`);
  return found;
};

// Machine text the issue found on screen: none of it may reach a person.
const MACHINE_TEXT = /\byes\b|\bno\b|count=|amount=|>=|\||@|configured|own=|useUnits=|combined=|MET/;

describe('formatYuan', () => {
  it('uses 万元 and 亿元, exact figures without needless decimals', () => {
    expect(formatYuan(4_000_000, 'zh-CN')).toBe('400万元');
    expect(formatYuan(500_000_000, 'zh-CN')).toBe('5亿元');
    expect(formatYuan(150_000_000, 'zh-CN')).toBe('1.5亿元');
    expect(formatYuan(14_400_000_000, 'zh-CN')).toBe('144亿元');
    expect(formatYuan(9_999.5, 'zh-CN')).toBe('9,999.50元');
    expect(formatYuan(0, 'zh-CN')).toBe('0元');
  });

  it('cuts a figure two decimals cannot hold and says so, never rounding it up to a threshold', () => {
    expect(formatYuan(123_456_789.12, 'zh-CN')).toBe('约1.23亿元');
    expect(formatYuan(499_999_999.99, 'zh-CN')).toBe('约4.99亿元');
  });

  it('English: million and billion yuan', () => {
    expect(formatYuan(4_000_000, 'en')).toBe('4 million yuan');
    expect(formatYuan(500_000_000, 'en')).toBe('500 million yuan');
    expect(formatYuan(14_400_000_000, 'en')).toBe('14.4 billion yuan');
    expect(formatYuan(12_345.6, 'en')).toBe('12,345.60 yuan');
  });
});

describe('formatIsoDate', () => {
  it('writes the date as people do', () => {
    expect(formatIsoDate('2024-01-01', 'zh-CN')).toBe('2024年1月1日');
    expect(formatIsoDate('2024-01-01T00:00:00.000Z', 'en')).toBe('1 January 2024');
  });
});

describe('phraseCheck', () => {
  const report = evaluateDirectUnitEligibility({ enterprise: smallShop, useUnits: [], rule, claimsLivelihood: false });

  it('phrases every check of a failing applicant for people (the figures of issue 19)', () => {
    const phrase = (code: EligibilityCheckCode) => phraseCheck(checkOf(report.checks, code), zh);
    expect(phrase('IN_PILOT')).toEqual({ actual: '否', required: '是' });
    expect(phrase('CREDIT_RATING')).toEqual({ actual: 'B 级', required: 'A 或 B 级' });
    expect(phrase('NO_MAJOR_VIOLATION')).toEqual({ actual: '是', required: '是' });
    expect(phrase('PROVINCE_RULE_PRESENT')).toEqual({
      actual: '广东省乐企自用接入标准（2024年1月1日起施行）',
      required: '本省已配置接入标准',
    });
    expect(phrase('COMBINED_REVENUE')).toEqual({ actual: '400万元', required: '不低于 5亿元' });
    expect(phrase('COMBINED_INVOICES')).toEqual({
      actual: '开受票 1,200 份，开票金额 400万元',
      required: '开受票不少于 50,000 份，或开票金额不低于 5亿元',
    });
    for (const check of report.checks) {
      const phrased = phraseCheck(check, zh);
      expect(phrased.actual).not.toMatch(MACHINE_TEXT);
      expect(phrased.required).not.toMatch(MACHINE_TEXT);
    }
  });

  it('English is available', () => {
    const phrase = (code: EligibilityCheckCode) => phraseCheck(checkOf(report.checks, code), en);
    expect(phrase('IN_PILOT')).toEqual({ actual: 'No', required: 'Yes' });
    expect(phrase('CREDIT_RATING')).toEqual({ actual: 'B', required: 'A or B' });
    expect(phrase('PROVINCE_RULE_PRESENT').actual).toBe('Access rule of 广东省, in force since 1 January 2024');
    expect(phrase('COMBINED_REVENUE')).toEqual({ actual: '4 million yuan', required: 'At least 500 million yuan' });
    expect(phrase('COMBINED_INVOICES').required).toBe(
      'At least 50,000 invoices issued and received, or at least 500 million yuan invoiced',
    );
  });

  it('with counted use units: the applicant’s own figure and only whether the combined ones meet the rule', () => {
    const withUnit = evaluateDirectUnitEligibility({
      enterprise: { ...smallShop, inPilot: true },
      useUnits: [
        {
          uscc: '91440100993518190W',
          name: '广州云帆物流有限公司',
          counted: true,
          facts: { ...smallShop, uscc: '91440100993518190W', priorYearRevenue: 600_000_000 },
        },
      ],
      rule,
      claimsLivelihood: false,
    });
    const revenue = phraseCheck(checkOf(withUnit.checks, 'COMBINED_REVENUE'), zh);
    expect(revenue.actual).toBe('直连单位 400万元；连同计入的 1 家使用单位，合计达到要求');
    const invoices = phraseCheck(checkOf(withUnit.checks, 'COMBINED_INVOICES'), zh);
    expect(invoices.actual).toBe('直连单位 开受票 1,200 份，开票金额 400万元；连同计入的 1 家使用单位，合计未达到要求');
    expect(revenue.actual).not.toMatch(/6亿|6\.04亿/);
  });

  it('a province without a rule', () => {
    const none = evaluateDirectUnitEligibility({
      enterprise: smallShop,
      useUnits: [],
      rule: null,
      claimsLivelihood: false,
    });
    expect(phraseCheck(checkOf(none.checks, 'PROVINCE_RULE_PRESENT'), zh)).toEqual({
      actual: '未配置',
      required: '本省已配置接入标准',
    });
    expect(phraseCheck(checkOf(none.checks, 'COMBINED_REVENUE'), zh)).toEqual({
      actual: '400万元',
      required: '未配置',
    });
  });

  it('reports stored before use units were vetted keep only the verdict, phrased too', () => {
    const legacy = redactLegacyReport({ ...report, useUnits: undefined } as never, 2);
    const revenue = phraseCheck(checkOf(legacy.checks, 'COMBINED_REVENUE'), zh);
    expect(revenue.actual).toBe('连同使用单位，合计未达到要求');
    expect(revenue.actual).not.toMatch(MACHINE_TEXT);
  });

  it('every check the rules produce is read back into figures (none left unknown)', () => {
    const variants = [
      report,
      evaluateDirectUnitEligibility({ enterprise: smallShop, useUnits: [], rule: null, claimsLivelihood: false }),
      evaluateDirectUnitEligibility({
        enterprise: { ...smallShop, creditRating: 'A' },
        useUnits: [],
        rule,
        claimsLivelihood: true,
      }),
    ];
    for (const variant of variants) {
      for (const check of variant.checks) {
        const figures = checkFigures(check);
        expect(figures.required.kind, `${check.code} required ${check.required}`).not.toBe('unknown');
        expect(figures.actual?.kind, `${check.code} actual ${check.actual}`).not.toBe('unknown');
      }
    }
  });

  it('an unknown form is shown as it is rather than lost', () => {
    expect(phraseCheck({ code: 'IN_PILOT', actual: 'perhaps', required: 'yes' }, zh)).toEqual({
      actual: 'perhaps',
      required: '是',
    });
  });
});
