import { describe, expect, it } from 'vitest';
import {
  type EligibilityCheck,
  type EligibilityCheckCode,
  type EligibilityReport,
  type EnterpriseFacts,
  evaluateDirectUnitEligibility,
  evaluateUseUnitEligibility,
  failedChecks,
  formatAmount,
  type ProvinceRule,
  redactLegacyReport,
  selectProvinceRule,
} from './eligibility.ts';
import type { UseUnitDecision } from './listed-use-units.ts';

const rule: ProvinceRule = {
  provinceCode: '14400000000',
  minRevenue: 50_000_000,
  minInvoiceCount: 10_000,
  minInvoiceAmount: 30_000_000,
  livelihoodMinRevenue: 10_000_000,
  livelihoodMinInvoiceCount: 2_000,
  livelihoodMinInvoiceAmount: 5_000_000,
  effectiveFrom: '2024-01-01',
};

const facts = (over: Partial<EnterpriseFacts> = {}): EnterpriseFacts => ({
  uscc: '91440100628194821M',
  name: '广州云帆科技集团有限公司',
  inPilot: true,
  creditRating: 'A',
  majorViolation: false,
  priorYearRevenue: 80_000_000,
  invoiceCount12m: 20_000,
  invoiceAmount12m: 60_000_000,
  livelihoodIndustry: false,
  ...over,
});

const checkOf = (report: { checks: EligibilityCheck[] }, code: EligibilityCheckCode): EligibilityCheck => {
  const found = report.checks.find((c) => c.code === code);
  if (!found) throw new Error(`no check ${code}`);
  return found;
};

const dcu = (enterprise: EnterpriseFacts, extra: Partial<Parameters<typeof evaluateDirectUnitEligibility>[0]> = {}) =>
  evaluateDirectUnitEligibility({ enterprise, useUnits: [], rule, claimsLivelihood: false, ...extra });

const ALL_CODES: EligibilityCheckCode[] = [
  'IN_PILOT',
  'CREDIT_RATING',
  'NO_MAJOR_VIOLATION',
  'PROVINCE_RULE_PRESENT',
  'COMBINED_REVENUE',
  'COMBINED_INVOICES',
];

const failed = (report: EligibilityReport) => failedChecks(report).map((c) => c.code);

describe('direct-connect unit eligibility', () => {
  it('passes an eligible enterprise and reports every check', () => {
    const report = dcu(facts());
    expect(report.passed).toBe(true);
    expect(report.checks.map((c) => c.code).sort()).toEqual([...ALL_CODES].sort());
    expect(report.ruleApplied).toBe(rule);
    expect(report.livelihoodThresholdsApplied).toBe(false);
    for (const c of report.checks) {
      expect(c.passed).toBe(true);
      for (const text of [c.labelZh, c.labelEn, c.messageZh, c.messageEn, c.actual, c.required]) {
        expect(text.length).toBeGreaterThan(0);
      }
    }
  });

  it('never short-circuits: a hopeless enterprise fails every check at once', () => {
    const report = dcu(
      facts({
        inPilot: false,
        creditRating: 'D',
        majorViolation: true,
        priorYearRevenue: 1,
        invoiceCount12m: 1,
        invoiceAmount12m: 1,
      }),
    );
    expect(report.passed).toBe(false);
    expect(failed(report).sort()).toEqual(ALL_CODES.filter((c) => c !== 'PROVINCE_RULE_PRESENT').sort());
  });

  it('IN_PILOT', () => {
    const check = checkOf(dcu(facts({ inPilot: false })), 'IN_PILOT');
    expect(check).toMatchObject({ passed: false, actual: 'no', required: 'yes' });
    expect(check.messageZh).toContain('未纳入');
    expect(dcu(facts({ inPilot: false })).passed).toBe(false);
  });

  it.each([
    ['A', true],
    ['B', true],
    ['C', false],
    ['D', false],
    ['M', false],
  ] as const)('CREDIT_RATING %s → %s', (creditRating, passed) => {
    const report = dcu(facts({ creditRating }));
    expect(checkOf(report, 'CREDIT_RATING')).toMatchObject({ passed, actual: creditRating, required: 'A|B' });
    expect(report.passed).toBe(passed);
  });

  it('NO_MAJOR_VIOLATION', () => {
    const report = dcu(facts({ majorViolation: true }));
    expect(checkOf(report, 'NO_MAJOR_VIOLATION')).toMatchObject({ passed: false, actual: 'no', required: 'yes' });
    expect(failed(report)).toEqual(['NO_MAJOR_VIOLATION']);
  });

  it('COMBINED_REVENUE compares the sum with the threshold, boundary inclusive', () => {
    const failing = dcu(facts({ priorYearRevenue: 49_999_999.99 }));
    expect(checkOf(failing, 'COMBINED_REVENUE')).toMatchObject({
      passed: false,
      actual: '49999999.99',
      required: '>=50000000.00',
    });
    expect(checkOf(failing, 'COMBINED_REVENUE').messageZh).toContain('49,999,999.99');
    expect(checkOf(failing, 'COMBINED_REVENUE').messageZh).toContain('50,000,000.00');
    expect(failed(failing)).toEqual(['COMBINED_REVENUE']);
    expect(checkOf(dcu(facts({ priorYearRevenue: 50_000_000 })), 'COMBINED_REVENUE').passed).toBe(true);
  });

  it('COMBINED_INVOICES passes on count or on amount, fails when both fall short', () => {
    const countOnly = dcu(facts({ invoiceCount12m: 10_000, invoiceAmount12m: 0 }));
    expect(checkOf(countOnly, 'COMBINED_INVOICES').passed).toBe(true);
    const amountOnly = dcu(facts({ invoiceCount12m: 0, invoiceAmount12m: 30_000_000 }));
    expect(checkOf(amountOnly, 'COMBINED_INVOICES').passed).toBe(true);
    const neither = dcu(facts({ invoiceCount12m: 9_999, invoiceAmount12m: 29_999_999 }));
    expect(checkOf(neither, 'COMBINED_INVOICES')).toMatchObject({
      passed: false,
      actual: 'count=9999;amount=29999999.00',
      required: 'count>=10000|amount>=30000000.00',
    });
    expect(failed(neither)).toEqual(['COMBINED_INVOICES']);
  });

  describe('listed use units', () => {
    const small = facts({ priorYearRevenue: 20_000_000, invoiceCount12m: 4_000, invoiceAmount12m: 10_000_000 });
    const unit = (uscc: string, over: Partial<EnterpriseFacts> = {}) =>
      facts({ uscc, name: `使用单位${uscc}`, priorYearRevenue: 17_000_000, invoiceCount12m: 3_500, ...over });
    const counted = (f: EnterpriseFacts): UseUnitDecision => ({ uscc: f.uscc, name: f.name, counted: true, facts: f });
    const excluded = (uscc: string): UseUnitDecision => ({ uscc, name: '某公司', counted: false, exclusion: 'IS_DCU' });
    const a = unit('91440100993518190W', { invoiceAmount12m: 0 });
    const b = unit('91310000937865797H', { invoiceAmount12m: 0 });

    it('counted units make the combined thresholds pass', () => {
      expect(failed(dcu(small)).sort()).toEqual(['COMBINED_INVOICES', 'COMBINED_REVENUE']);
      const report = dcu(small, { useUnits: [counted(a), counted(b)] });
      expect(report.passed).toBe(true);
      // use units' own pilot/credit status does not enter the DCU checks
      const poor = unit('91310000937865797H', { creditRating: 'D', inPilot: false, invoiceAmount12m: 0 });
      expect(dcu(small, { useUnits: [counted(a), counted(poor)] }).passed).toBe(true);
    });

    it('units that do not count add nothing', () => {
      const report = dcu(small, { useUnits: [excluded(a.uscc), excluded(b.uscc)] });
      expect(failed(report).sort()).toEqual(['COMBINED_INVOICES', 'COMBINED_REVENUE']);
      // nothing counted: the figures shown are the applicant's own, as without any listed unit
      expect(checkOf(report, 'COMBINED_REVENUE').actual).toBe('20000000.00');
      expect(report.useUnits).toEqual([
        { uscc: a.uscc, name: '某公司', counted: false },
        { uscc: b.uscc, name: '某公司', counted: false },
      ]);
    });

    it('reports the own figures and pass/fail of the combined rule, never a combined sum', () => {
      for (const useUnits of [[counted(a), counted(b)], [counted(a)]]) {
        const report = dcu(small, { useUnits });
        const revenue = checkOf(report, 'COMBINED_REVENUE');
        const invoices = checkOf(report, 'COMBINED_INVOICES');
        const verdict = report.passed ? 'MET' : 'NOT_MET';
        expect(revenue.actual).toBe(`own=20000000.00;useUnits=${useUnits.length};combined=${verdict}`);
        expect(invoices.actual).toBe(`count=4000;amount=10000000.00;useUnits=${useUnits.length};combined=${verdict}`);
        const shown = [revenue, invoices].flatMap((c) => [c.actual, c.messageZh, c.messageEn]).join(' ');
        // the sums (37M / 54M revenue, 7,500 / 11,000 invoices) and the units' own figures appear nowhere
        for (const secret of ['37000000', '37,000,000', '54000000', '54,000,000', '17,000,000', '17000000']) {
          expect(shown).not.toContain(secret);
        }
        for (const secret of ['7500', '7,500', '11000', '11,000', '3,500', '3500']) {
          expect(shown).not.toContain(secret);
        }
        expect(revenue.messageZh).toContain('20,000,000.00');
        expect(revenue.messageZh).toContain(`连同计入的 ${useUnits.length} 家使用单位`);
      }
      expect(checkOf(dcu(small, { useUnits: [counted(a)] }), 'COMBINED_REVENUE')).toMatchObject({
        passed: false,
        actual: 'own=20000000.00;useUnits=1;combined=NOT_MET',
      });
      expect(checkOf(dcu(small, { useUnits: [counted(a)] }), 'COMBINED_REVENUE').messageZh).toContain('合计未达到');
    });

    it('lists every listed unit with whether it counted, without any of its figures', () => {
      const report = dcu(small, { useUnits: [counted(a), excluded(b.uscc)] });
      expect(report.useUnits).toEqual([
        { uscc: a.uscc, name: a.name, counted: true },
        { uscc: b.uscc, name: '某公司', counted: false },
      ]);
    });

    it('legacy stored reports keep only pass/fail of the combined checks when use units were listed', () => {
      const legacy: EligibilityReport = { ...dcu(small), useUnits: undefined };
      legacy.checks = legacy.checks.map((c) =>
        c.code === 'COMBINED_REVENUE'
          ? { ...c, passed: true, actual: '640000000.00', messageZh: '合计 640,000,000.00 元' }
          : c,
      );
      const redacted = redactLegacyReport(legacy, 2);
      expect(JSON.stringify(redacted)).not.toContain('640');
      expect(checkOf(redacted, 'COMBINED_REVENUE')).toMatchObject({ passed: true, actual: 'combined=MET' });
      expect(checkOf(redacted, 'COMBINED_INVOICES')).toMatchObject({ passed: false, actual: 'combined=NOT_MET' });
      // nothing listed: the figures were the applicant's own; new reports are never touched
      expect(redactLegacyReport(legacy, 0)).toBe(legacy);
      const current = dcu(small, { useUnits: [counted(a)] });
      expect(redactLegacyReport(current, 1)).toBe(current);
    });
  });

  describe('livelihood thresholds', () => {
    const bus = facts({
      name: '广州白云公交集团有限公司',
      creditRating: 'B',
      livelihoodIndustry: true,
      priorYearRevenue: 12_000_000,
      invoiceCount12m: 2_500,
      invoiceAmount12m: 1_000_000,
    });

    it('apply only when claimed and the enterprise is a livelihood taxpayer', () => {
      const both = dcu(bus, { claimsLivelihood: true });
      expect(both.passed).toBe(true);
      expect(both.livelihoodThresholdsApplied).toBe(true);
      expect(checkOf(both, 'COMBINED_REVENUE').required).toBe('>=10000000.00');

      const notClaimed = dcu(bus, { claimsLivelihood: false });
      expect(notClaimed.passed).toBe(false);
      expect(notClaimed.livelihoodThresholdsApplied).toBe(false);
      expect(failed(notClaimed).sort()).toEqual(['COMBINED_INVOICES', 'COMBINED_REVENUE']);

      const notLivelihood = dcu({ ...bus, livelihoodIndustry: false }, { claimsLivelihood: true });
      expect(notLivelihood.passed).toBe(false);
      expect(notLivelihood.livelihoodThresholdsApplied).toBe(false);
    });

    it('still require the lowered thresholds', () => {
      expect(dcu({ ...bus, priorYearRevenue: 9_000_000 }, { claimsLivelihood: true }).passed).toBe(false);
    });
  });

  it('fails PROVINCE_RULE_PRESENT and the thresholds when no rule is configured', () => {
    const report = dcu(facts(), { rule: null });
    expect(report.passed).toBe(false);
    expect(report.ruleApplied).toBeNull();
    expect(failed(report).sort()).toEqual(['COMBINED_INVOICES', 'COMBINED_REVENUE', 'PROVINCE_RULE_PRESENT']);
    expect(checkOf(report, 'PROVINCE_RULE_PRESENT').messageZh).toContain('未配置');
  });
});

describe('use unit eligibility', () => {
  it.each([
    ['A', true, false],
    ['B', true, true],
    ['M', true, true],
    ['C', false, false],
    ['D', false, false],
  ] as const)('credit %s → passed %s, periodic data %s', (creditRating, passed, needsPeriodicData) => {
    const report = evaluateUseUnitEligibility(facts({ creditRating }));
    expect(report.passed).toBe(passed);
    expect(report.needsPeriodicData).toBe(needsPeriodicData);
    expect(checkOf(report, 'CREDIT_RATING')).toMatchObject({ passed, actual: creditRating, required: 'A|B|M' });
  });

  it('checks pilot and violations, ignoring size', () => {
    const report = evaluateUseUnitEligibility(
      facts({ inPilot: false, majorViolation: true, priorYearRevenue: 0, invoiceCount12m: 0, invoiceAmount12m: 0 }),
    );
    expect(report.passed).toBe(false);
    expect(report.checks.map((c) => [c.code, c.passed])).toEqual([
      ['IN_PILOT', false],
      ['CREDIT_RATING', true],
      ['NO_MAJOR_VIOLATION', false],
    ]);
  });
});

describe('selectProvinceRule', () => {
  const r = (provinceCode: string, effectiveFrom: string, minRevenue = 1): ProvinceRule => ({
    ...rule,
    provinceCode,
    effectiveFrom,
    minRevenue,
  });
  const rules = [
    r('14400000000', '2024-01-01', 1),
    r('14400000000', '2025-07-01', 2),
    r('13100000000', '2023-01-01', 3),
    r('14400000000', '2026-01-01', 4),
  ];

  it('picks the latest rule in force on the date', () => {
    expect(selectProvinceRule(rules, '14400000000', '2025-06-30')?.minRevenue).toBe(1);
    expect(selectProvinceRule(rules, '14400000000', '2025-07-01')?.minRevenue).toBe(2);
    expect(selectProvinceRule(rules, '14400000000', '2025-12-31T23:59:59Z')?.minRevenue).toBe(2);
    expect(selectProvinceRule(rules, '14400000000', '2030-01-01')?.minRevenue).toBe(4);
    expect(selectProvinceRule(rules, '13100000000', '2030-01-01')?.minRevenue).toBe(3);
  });

  it('returns null before any rule or for another province', () => {
    expect(selectProvinceRule(rules, '14400000000', '2023-12-31')).toBeNull();
    expect(selectProvinceRule(rules, '13300000000', '2030-01-01')).toBeNull();
    expect(selectProvinceRule([], '14400000000', '2030-01-01')).toBeNull();
  });
});

describe('formatAmount', () => {
  it('groups thousands with two decimals', () => {
    expect(formatAmount(1234567.5)).toBe('1,234,567.50');
    expect(formatAmount(0)).toBe('0.00');
    expect(formatAmount(-1000)).toBe('-1,000.00');
  });
});
