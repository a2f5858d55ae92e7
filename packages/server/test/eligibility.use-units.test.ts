// Issue 13, finding 4: listed use units in 核验 and 提交 — no other enterprise's figures derivable from any answer, and
// units of other groups (a DCU, a unit bound to one, a made-up name) never help an applicant pass. Raw HTTP, real server.
import { formatAmount, formatCount } from '@leqi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPLETE_DRAFT, createEnterprise, rawId, saveDraft, transition, uploadRequired } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

const SHENLIAN = { uscc: '913100005432319483', name: '上海申联数据服务有限公司' }; // ACTIVE DCU of another group
const SHENLIAN_GZ = { uscc: '91440100792174218D', name: '广州申联信息技术有限公司' }; // bound to 申联数据
const YUNFAN_WL = { uscc: '91440100993518190W', name: '广州云帆物流有限公司' }; // neither DCU nor bound
const BAIYUN = '91440100096792908X'; // by.finance's enterprise

const REPORT = `{ passed livelihoodThresholdsApplied
  checks { code passed label actual required message }
  ruleApplied { provinceCode minRevenue }
  useUnits { uscc name counted message } }`;
const CHECK = `query($input: EligibilityCheckInput!) { eligibilityCheck(input: $input) ${REPORT} }`;

interface Figures {
  priorYearRevenue: number;
  invoiceCount12m: number;
  invoiceAmount12m: number;
}

/** Every way a figure could be written in an answer: raw, two decimals, grouped. */
function spellings(value: number): string[] {
  return [String(value), value.toFixed(2), formatAmount(value), formatCount(value)];
}

/** `figure` written as a number of its own in `text` (not part of a longer one such as an authority code). */
function mentions(text: string, figure: string): boolean {
  const escaped = figure.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\d,.])${escaped}(?![\\d]|[.,]\\d)`).test(text);
}

function expectNoneOf(text: string, secrets: string[]) {
  for (const secret of secrets) expect(mentions(text, secret), `${secret} in ${text}`).toBe(false);
}

/** The figures of `unit` and of the applicant plus `unit`: either would give the unit's figures away. */
function secretsOf(unit: Figures, own: Figures): string[] {
  return [
    unit.priorYearRevenue,
    unit.invoiceCount12m,
    unit.invoiceAmount12m,
    own.priorYearRevenue + unit.priorYearRevenue,
    own.invoiceCount12m + unit.invoiceCount12m,
    own.invoiceAmount12m + unit.invoiceAmount12m,
  ].flatMap(spellings);
}

describe(`listed use units in verification and submission (${databaseKind()})`, () => {
  let server: TestServer;
  let baiyun: string;
  const figuresOf = (uscc: string) =>
    server.running.app.db.enterprise.findUniqueOrThrow({
      where: { uscc },
      select: { priorYearRevenue: true, invoiceCount12m: true, invoiceAmount12m: true },
    });

  beforeAll(async () => {
    server = await startTestServer();
    baiyun = await server.signIn('by.finance');
  });
  afterAll(async () => server?.close());

  async function check(token: string, input: Record<string, unknown>, headers?: Record<string, string>) {
    const result = await server.gql(CHECK, { input }, token, headers);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data?.eligibilityCheck;
  }
  const combined = (report: { checks: { code: string; passed: boolean }[] }) =>
    report.checks.filter((c) => c.code.startsWith('COMBINED_'));

  it('the issue’s leak: 上海申联数据’s 640,000,000 (and invoice figures) cannot be derived from the answer', async () => {
    const own = await figuresOf(BAIYUN);
    const shenlian = await figuresOf(SHENLIAN.uscc);
    expect(shenlian.priorYearRevenue).toBe(640_000_000);
    // exactly as reported: the deprecated bare-USCC field and the report's fields as they were
    for (const claimsLivelihood of [false, true]) {
      const reported = await server.gql(
        `query($u: [String!]) { eligibilityCheck(input: {claimsLivelihood: ${claimsLivelihood}, useUnitUsccs: $u}) {
          passed checks { code passed actual required message } } }`,
        { u: [SHENLIAN.uscc] },
        baiyun,
      );
      expectNoneOf(JSON.stringify(reported), secretsOf(shenlian, own));
      expect(reported.data?.eligibilityCheck.passed).toBe(claimsLivelihood); // alone: fails, passes with the claim
    }
    const alone = await check(baiyun, { claimsLivelihood: false });
    const attempts = [
      { claimsLivelihood: false, useUnitUsccs: [SHENLIAN.uscc] }, // the attack as reported (deprecated field)
      { claimsLivelihood: true, useUnitUsccs: [SHENLIAN.uscc.toLowerCase()] },
      { claimsLivelihood: false, useUnits: [{ ...SHENLIAN, relationship: 'PARENT_SUBSIDIARY' }] }, // its real name
      { claimsLivelihood: false, useUnits: [{ uscc: SHENLIAN.uscc, name: '随便写的名字', relationship: 'HQ_BRANCH' }] },
    ];
    for (const input of attempts) {
      for (const headers of [undefined, { 'accept-language': 'en' }]) {
        const report = await check(baiyun, input, headers);
        const text = JSON.stringify(report);
        expectNoneOf(text, secretsOf(shenlian, own));
        // it counted nothing: the combined checks are exactly the applicant's own
        expect(report.useUnits.map((u: { counted: boolean }) => u.counted)).toEqual([false]);
        if (!headers && !input.claimsLivelihood) expect(combined(report)).toEqual(combined(alone));
      }
    }
  });

  it('a unit that counts still gives none of its figures away: only pass/fail of the combined rule', async () => {
    const own = await figuresOf(BAIYUN);
    const unit = await figuresOf(YUNFAN_WL.uscc);
    for (const headers of [undefined, { 'accept-language': 'en' }]) {
      const report = await check(
        baiyun,
        { claimsLivelihood: false, useUnits: [{ ...YUNFAN_WL, relationship: 'OTHER_CONTROL' }] },
        headers,
      );
      expect(report.useUnits).toEqual([
        expect.objectContaining({ uscc: YUNFAN_WL.uscc, name: YUNFAN_WL.name, counted: true }),
      ]);
      const text = JSON.stringify(report);
      expectNoneOf(text, secretsOf(unit, own));
      const revenue = report.checks.find((c: { code: string }) => c.code === 'COMBINED_REVENUE');
      // 120M + 210M ≥ 300M: passes, shown as the own figure and the verdict
      expect(revenue).toMatchObject({ passed: true, actual: 'own=120000000.00;useUnits=1;combined=MET' });
      expect(revenue.message).toContain('120,000,000.00');
    }
  });

  it('the issue’s bypass: another group’s DCU under a made-up name and a unit bound to it → fails, submit NOT_ELIGIBLE', async () => {
    const useUnits = [
      { uscc: SHENLIAN.uscc, name: '随便写的名字', relationship: 'PARENT_SUBSIDIARY' },
      { uscc: SHENLIAN_GZ.uscc, name: SHENLIAN_GZ.name, relationship: 'PARENT_SUBSIDIARY' },
    ];
    const materialIds = await uploadRequired(server, baiyun);
    const draft = await saveDraft(server, baiyun, {
      ...COMPLETE_DRAFT,
      claimsLivelihood: false,
      useUnits,
      materialIds,
    });
    expect(draft.__typename, JSON.stringify(draft)).toBe('AccessApplicationSuccess');
    const submitted = await transition(
      server,
      baiyun,
      'submit',
      draft.accessApplication.id,
      draft.accessApplication.version,
    );
    expect(submitted).toMatchObject({
      __typename: 'NotEligibleError',
      code: 'NOT_ELIGIBLE',
      report: { passed: false },
    });
    const shenlian = await figuresOf(SHENLIAN.uscc);
    const gz = await figuresOf(SHENLIAN_GZ.uscc);
    const own = await figuresOf(BAIYUN);
    const text = JSON.stringify(submitted);
    expectNoneOf(text, [...secretsOf(shenlian, own), ...secretsOf(gz, own)]);
    const row = await server.running.app.db.accessApplication.findUniqueOrThrow({
      where: { id: rawId(draft.accessApplication.id) },
    });
    expect(row.status).toBe('DRAFT');

    const report = await check(baiyun, { claimsLivelihood: false, useUnits });
    expect(report.passed).toBe(false);
    expect(combined(report).map((c: { code: string; passed: boolean }) => [c.code, c.passed])).toEqual([
      ['COMBINED_REVENUE', false],
      ['COMBINED_INVOICES', false],
    ]);
    // one wording for every exclusion: nothing about why (a DCU, bound elsewhere, a wrong name)
    expect(report.useUnits).toEqual([
      {
        uscc: SHENLIAN.uscc,
        name: '随便写的名字',
        counted: false,
        message: '无法计入合并指标（信息不符或不满足条件）',
      },
      {
        uscc: SHENLIAN_GZ.uscc,
        name: SHENLIAN_GZ.name,
        counted: false,
        message: '无法计入合并指标（信息不符或不满足条件）',
      },
    ]);
  });

  it('the stored report of a submitted application holds no figure of its use units, for the applicant or its officer', async () => {
    const applicant = await createEnterprise(server);
    const unit = await createEnterprise(server, { name: '广州计入测试使用单位有限公司' });
    await server.running.app.db.enterprise.update({
      where: { id: unit.id },
      data: { priorYearRevenue: 123_456_789, invoiceCount12m: 4_321, invoiceAmount12m: 98_765_432.1 },
    });
    const materialIds = await uploadRequired(server, applicant.token);
    const draft = await saveDraft(server, applicant.token, {
      ...COMPLETE_DRAFT,
      useUnits: [{ uscc: unit.uscc, name: unit.name, relationship: 'HQ_BRANCH' }],
      materialIds,
    });
    const id = draft.accessApplication.id;
    const submitted = await transition(server, applicant.token, 'submit', id, draft.accessApplication.version);
    expect(submitted.__typename, JSON.stringify(submitted)).toBe('AccessApplicationSuccess');
    const secrets = secretsOf(await figuresOf(unit.uscc), await figuresOf(applicant.uscc));
    for (const token of [applicant.token, await server.signIn('th.officer1')]) {
      const stored = await server.gql(
        `query($id: ID!) { accessApplication(id: $id) { eligibilityReport ${REPORT} } }`,
        { id },
        token,
      );
      const report = stored.data?.accessApplication.eligibilityReport;
      expect(report.passed).toBe(true);
      expect(report.useUnits).toEqual([expect.objectContaining({ uscc: unit.uscc, counted: true })]);
      expectNoneOf(JSON.stringify(report), secrets);
    }
  });

  it('a report stored before this rule (with combined sums) is shown without them', async () => {
    const applicant = await createEnterprise(server);
    const draft = await saveDraft(server, applicant.token, {
      ...COMPLETE_DRAFT,
      useUnits: [{ ...YUNFAN_WL, relationship: 'HQ_BRANCH' }],
    });
    const id = draft.accessApplication.id;
    const legacy = {
      passed: true,
      livelihoodThresholdsApplied: false,
      ruleApplied: null,
      checks: [
        {
          code: 'COMBINED_REVENUE',
          passed: true,
          actual: '660000000.00',
          required: '>=300000000.00',
          labelZh: '上一年度营业收入合计',
          labelEn: 'Combined prior-year revenue',
          messageZh: '直连单位及其 1 家使用单位上一年度营业收入合计 660,000,000.00 元',
          messageEn: 'Combined prior-year revenue is 660,000,000.00 yuan',
        },
      ],
    };
    await server.running.app.db.accessApplication.update({
      where: { id: rawId(id) },
      data: { eligibilityReport: legacy },
    });
    const stored = await server.gql(
      `query($id: ID!) { accessApplication(id: $id) { eligibilityReport ${REPORT} } }`,
      { id },
      applicant.token,
    );
    const report = stored.data?.accessApplication.eligibilityReport;
    expect(JSON.stringify(report)).not.toContain('660');
    expect(report.checks[0]).toMatchObject({ passed: true, actual: 'combined=MET' });
  });

  it('listed units are validated: a bad USCC, a missing name, more than 200 → VALIDATION_FAILED with issues', async () => {
    const bad = await server.gql(
      CHECK,
      {
        input: {
          claimsLivelihood: false,
          useUnits: [
            { uscc: '91440100993518190X', name: '广州云帆物流有限公司', relationship: 'HQ_BRANCH' },
            { uscc: YUNFAN_WL.uscc, name: ' ', relationship: 'HQ_BRANCH' },
          ],
        },
      },
      baiyun,
      { 'accept-language': 'en' },
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [
        { field: 'useUnits.0.uscc', code: 'INVALID_USCC' },
        { field: 'useUnits.1.name', code: 'REQUIRED', message: 'This field is required' },
      ],
    });
    const many = await server.gql(
      CHECK,
      { input: { claimsLivelihood: false, useUnitUsccs: Array.from({ length: 201 }, () => YUNFAN_WL.uscc) } },
      baiyun,
    );
    expect(many.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ field: 'useUnits', code: 'OUT_OF_RANGE' }],
    });
  });
});
