// DESIGN §3.1 and §4 rules of the access application, enforced by the server whatever the client does.
import { requiredAccessMaterials } from '@leqi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPLETE_DRAFT, caseIn, createEnterprise, saveDraft, transition, upload, uploadRequired } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

const REPORT =
  '{ passed livelihoodThresholdsApplied checks { code passed label actual required message } ruleApplied { provinceCode minRevenue } }';
const CJK = /[\u4e00-\u9fff]/;

describe(`access application rules (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  const eligibility = async (token: string, claimsLivelihood: boolean, headers?: Record<string, string>) => {
    const result = await server.gql(
      `query($l: Boolean!) { eligibilityCheck(input: {claimsLivelihood: $l}) ${REPORT} }`,
      { l: claimsLivelihood },
      token,
      headers,
    );
    expect(result.errors).toBeUndefined();
    return result.data?.eligibilityCheck;
  };
  const byCode = (report: { checks: { code: string }[] }) =>
    Object.fromEntries(report.checks.map((check) => [check.code, check])) as Record<string, any>;

  describe('eligibility (核验)', () => {
    it('广州南粤小商品 fails with every failed check reported, each with actual vs required', async () => {
      const report = await eligibility(await server.signIn('ny.clerk'), false);
      expect(report.passed).toBe(false);
      // every check is always reported, passed or not
      expect(report.checks.map((check: { code: string }) => check.code).sort()).toEqual(
        [
          'COMBINED_INVOICES',
          'COMBINED_REVENUE',
          'CREDIT_RATING',
          'IN_PILOT',
          'NO_MAJOR_VIOLATION',
          'PROVINCE_RULE_PRESENT',
        ].sort(),
      );
      const failed = report.checks
        .filter((check: { passed: boolean }) => !check.passed)
        .map((check: { code: string }) => check.code);
      expect(failed.sort()).toEqual(['COMBINED_INVOICES', 'COMBINED_REVENUE', 'IN_PILOT']);
      const checks = byCode(report);
      expect(checks.IN_PILOT).toMatchObject({ actual: 'no', required: 'yes' });
      expect(checks.COMBINED_REVENUE).toMatchObject({ actual: '3500000.00', required: '>=300000000.00' });
      expect(checks.COMBINED_INVOICES).toMatchObject({
        actual: 'count=1200;amount=4000000.00',
        required: 'count>=50000|amount>=500000000.00',
      });
      expect(checks.CREDIT_RATING.passed).toBe(true);
      expect(checks.COMBINED_REVENUE.message).toContain('3,500,000.00');
      expect(checks.COMBINED_REVENUE.message).toContain('300,000,000.00');
      expect(report.ruleApplied).toMatchObject({ provinceCode: '14400000000', minRevenue: 300_000_000 });
    });

    it('广州白云公交 fails without the livelihood claim and passes with it (lowered thresholds)', async () => {
      const token = await server.signIn('by.finance');
      const without = await eligibility(token, false);
      expect(without.passed).toBe(false);
      expect(without.livelihoodThresholdsApplied).toBe(false);
      expect(
        without.checks
          .filter((check: { passed: boolean }) => !check.passed)
          .map((check: { code: string }) => check.code)
          .sort(),
      ).toEqual(['COMBINED_INVOICES', 'COMBINED_REVENUE']);
      const withClaim = await eligibility(token, true);
      expect(withClaim.passed).toBe(true);
      expect(withClaim.livelihoodThresholdsApplied).toBe(true);
      expect(byCode(withClaim).COMBINED_REVENUE).toMatchObject({
        passed: true,
        actual: '120000000.00',
        required: '>=50000000.00',
      });
    });

    it('a livelihood claim by an enterprise outside those industries lowers nothing', async () => {
      const report = await eligibility(await server.signIn('ny.clerk'), true);
      expect(report.livelihoodThresholdsApplied).toBe(false);
      expect(byCode(report).COMBINED_REVENUE.required).toBe('>=300000000.00');
    });

    it('listed use units count towards the combined thresholds only when named, related and free', async () => {
      const token = await server.signIn('by.finance');
      const run = async (input: Record<string, unknown>) => {
        const result = await server.gql(
          `query($input: EligibilityCheckInput!) { eligibilityCheck(input: $input) ${REPORT} }`,
          { input: { claimsLivelihood: false, ...input } },
          token,
        );
        expect(result.errors).toBeUndefined();
        return byCode(result.data?.eligibilityCheck).COMBINED_REVENUE;
      };
      // 云帆科技集团 (820M) under its registered name with a declared relationship counts (lower-case USCC normalised)
      const named = await run({
        useUnits: [{ uscc: '91440100628194821m', name: '广州云帆科技集团有限公司', relationship: 'OTHER_CONTROL' }],
      });
      expect(named).toMatchObject({ passed: true, actual: 'own=120000000.00;useUnits=1;combined=MET' });
      // a bare USCC (the deprecated field) has no name and no relationship: it never counts
      expect(await run({ useUnitUsccs: ['91440100628194821m'] })).toMatchObject({
        passed: false,
        actual: '120000000.00',
      });
    });

    it('officers and anonymous callers cannot run an enterprise verification', async () => {
      const officer = await server.gql(
        '{ eligibilityCheck(input: {claimsLivelihood: false}) { passed } }',
        {},
        await server.signIn('th.officer1'),
      );
      expect(officer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const anonymous = await server.gql('{ eligibilityCheck(input: {claimsLivelihood: false}) { passed } }');
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('submission is verified server-side', () => {
    it('广州南粤小商品: a complete draft is refused on submit with NOT_ELIGIBLE and the report', async () => {
      const token = await server.signIn('ny.clerk');
      const materialIds = await uploadRequired(server, token);
      const draft = await saveDraft(server, token, { ...COMPLETE_DRAFT, materialIds });
      expect(draft.__typename).toBe('AccessApplicationSuccess');
      const result = await transition(
        server,
        token,
        'submit',
        draft.accessApplication.id,
        draft.accessApplication.version,
      );
      expect(result).toMatchObject({ __typename: 'NotEligibleError', code: 'NOT_ELIGIBLE', report: { passed: false } });
      expect(
        result.report.checks
          .filter((check: { passed: boolean }) => !check.passed)
          .map((check: { code: string }) => check.code)
          .sort(),
      ).toEqual(['COMBINED_INVOICES', 'COMBINED_REVENUE', 'IN_PILOT']);
      expect(result.message).toBe('未通过接入条件核验，请查看未通过的项目');
      const after = await server.gql(
        `query($id: ID!) { accessApplication(id: $id) { status version } }`,
        { id: draft.accessApplication.id },
        token,
      );
      expect(after.data?.accessApplication).toEqual({ status: 'DRAFT', version: draft.accessApplication.version });
    });

    it('广州白云公交: refused without the livelihood claim, accepted for review with it; the report is kept', async () => {
      const token = await server.signIn('by.finance');
      const materialIds = await uploadRequired(server, token);
      const draft = (await saveDraft(server, token, { ...COMPLETE_DRAFT, claimsLivelihood: false, materialIds }))
        .accessApplication;
      const refused = await transition(server, token, 'submit', draft.id, draft.version);
      expect(refused.code).toBe('NOT_ELIGIBLE');
      const edited = (
        await saveDraft(server, token, {
          ...COMPLETE_DRAFT,
          id: draft.id,
          expectedVersion: draft.version,
          claimsLivelihood: true,
        })
      ).accessApplication;
      const submitted = await transition(server, token, 'submit', edited.id, edited.version);
      expect(submitted.__typename, JSON.stringify(submitted)).toBe('AccessApplicationSuccess');
      expect(submitted.accessApplication.status).toBe('PENDING_ACCEPTANCE');
      const stored = await server.gql(
        `query($id: ID!) { accessApplication(id: $id) { claimsLivelihood eligibilityReport { passed livelihoodThresholdsApplied } } }`,
        { id: draft.id },
        token,
      );
      expect(stored.data?.accessApplication).toEqual({
        claimsLivelihood: true,
        eligibilityReport: { passed: true, livelihoodThresholdsApplied: true },
      });
    });

    it('missing required materials → MATERIALS_MISSING with one issue per missing kind', async () => {
      const enterprise = await createEnterprise(server);
      const some = await uploadRequired(server, enterprise.token, ['ACCESS_INFO_FORM', 'PROJECT_REPORT']);
      const draft = (await saveDraft(server, enterprise.token, { ...COMPLETE_DRAFT, materialIds: some }))
        .accessApplication;
      const result = await transition(server, enterprise.token, 'submit', draft.id, draft.version);
      expect(result).toMatchObject({ __typename: 'ValidationError', code: 'MATERIALS_MISSING' });
      expect(result.issues.map((issue: { field: string; code: string }) => `${issue.field}:${issue.code}`)).toEqual([
        'materials.SERVICE_AGREEMENT:REQUIRED',
        'materials.SOFTWARE_COPYRIGHT:REQUIRED',
        'materials.NETWORK_ADDRESS_FORM:REQUIRED',
      ]);
      // a system built by a third party also needs the power of attorney
      const rest = await uploadRequired(server, enterprise.token, [
        'SERVICE_AGREEMENT',
        'SOFTWARE_COPYRIGHT',
        'NETWORK_ADDRESS_FORM',
      ]);
      const thirdParty = (
        await saveDraft(server, enterprise.token, {
          ...COMPLETE_DRAFT,
          id: draft.id,
          expectedVersion: draft.version,
          builtByThirdParty: true,
          materialIds: [...some, ...rest],
        })
      ).accessApplication;
      const again = await transition(server, enterprise.token, 'submit', thirdParty.id, thirdParty.version);
      expect(again.code).toBe('MATERIALS_MISSING');
      expect(again.issues.map((issue: { field: string }) => issue.field)).toEqual(['materials.POWER_OF_ATTORNEY']);
      const required = await server.gql(
        'query($id: ID!) { accessApplication(id: $id) { requiredMaterialKinds } }',
        { id: draft.id },
        enterprise.token,
      );
      expect(required.data?.accessApplication.requiredMaterialKinds).toEqual(
        requiredAccessMaterials({ builtByThirdParty: true }),
      );
      const power = await uploadRequired(server, enterprise.token, ['POWER_OF_ATTORNEY']);
      const complete = (
        await saveDraft(server, enterprise.token, {
          ...COMPLETE_DRAFT,
          id: draft.id,
          expectedVersion: thirdParty.version,
          builtByThirdParty: true,
          materialIds: [...some, ...rest, ...power],
        })
      ).accessApplication;
      expect(
        (await transition(server, enterprise.token, 'submit', complete.id, complete.version)).accessApplication.status,
      ).toBe('PENDING_ACCEPTANCE');
    });

    it('missing required fields → VALIDATION_FAILED with one issue per field', async () => {
      const enterprise = await createEnterprise(server);
      const materialIds = await uploadRequired(server, enterprise.token);
      const draft = (
        await saveDraft(server, enterprise.token, {
          claimsLivelihood: false,
          unitInfoConfirmed: false,
          materialIds,
          basicInfo: { contactName: '   ' },
        })
      ).accessApplication;
      const result = await transition(server, enterprise.token, 'submit', draft.id, draft.version);
      expect(result).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED' });
      expect(
        Object.fromEntries(result.issues.map((issue: { field: string; code: string }) => [issue.field, issue.code])),
      ).toEqual({
        contactName: 'REQUIRED',
        contactPhone: 'REQUIRED',
        systemName: 'REQUIRED',
        developerName: 'REQUIRED',
        networkAddress: 'REQUIRED',
        unitInfoConfirmed: 'REQUIRED',
      });
      for (const issue of result.issues) expect(issue.message).toBe('此项为必填项');
    });

    it('invalid USCC of a use unit, bad phone and e-mail → VALIDATION_FAILED with field paths; nothing is saved', async () => {
      const enterprise = await createEnterprise(server);
      const result = await saveDraft(server, enterprise.token, {
        ...COMPLETE_DRAFT,
        basicInfo: { contactName: '张', contactPhone: 'call me', contactEmail: 'not-an-email' },
        useUnits: [
          { uscc: '91440100993518190W', name: '广州云帆物流有限公司', relationship: 'PARENT_SUBSIDIARY' },
          { uscc: '91440100993518190X', name: '校验位错', relationship: 'HQ_BRANCH' },
          { uscc: '9144', name: '太短', relationship: 'HQ_BRANCH' },
          { uscc: '91440100993518190w', name: '重复', relationship: 'HQ_BRANCH' },
          { uscc: '91330100555979711M', name: ' ', relationship: 'SAME_REGULATOR' },
        ],
      });
      expect(result).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED' });
      const issues = Object.fromEntries(
        result.issues.map((issue: { field: string; code: string }) => [issue.field, issue.code]),
      );
      expect(issues).toEqual({
        contactPhone: 'INVALID_FORMAT',
        contactEmail: 'INVALID_FORMAT',
        'useUnits.1.uscc': 'INVALID_USCC',
        'useUnits.2.uscc': 'INVALID_USCC',
        'useUnits.3.uscc': 'DUPLICATE',
        'useUnits.4.name': 'REQUIRED',
      });
      expect(result.issues.find((issue: { field: string }) => issue.field === 'useUnits.1.uscc').message).toBe(
        '统一社会信用代码校验位不正确',
      );
      expect(await server.running.app.db.accessApplication.count({ where: { enterpriseId: enterprise.id } })).toBe(0);
    });
  });

  describe('one application at a time', () => {
    it('a second new application while one is in flight → ALREADY_IN_FLIGHT (draft, then pending)', async () => {
      const enterprise = await createEnterprise(server);
      const materialIds = await uploadRequired(server, enterprise.token);
      const draft = (await saveDraft(server, enterprise.token, { ...COMPLETE_DRAFT, materialIds })).accessApplication;
      expect(await saveDraft(server, enterprise.token, COMPLETE_DRAFT)).toMatchObject({ code: 'ALREADY_IN_FLIGHT' });
      await transition(server, enterprise.token, 'submit', draft.id, draft.version);
      expect(await saveDraft(server, enterprise.token, COMPLETE_DRAFT)).toMatchObject({ code: 'ALREADY_IN_FLIGHT' });
      // a submitted application is no longer a draft to edit
      expect(
        await saveDraft(server, enterprise.token, {
          ...COMPLETE_DRAFT,
          id: draft.id,
          expectedVersion: draft.version + 1,
        }),
      ).toMatchObject({
        code: 'INVALID_TRANSITION',
      });
    });

    it('an ACTIVE direct-connect unit (上海申联数据, sl.legal) cannot start a new application', async () => {
      const token = await server.signIn('sl.legal');
      const viewer = await server.gql('{ viewer { enterprise { dcuStatus } } }', {}, token);
      expect(viewer.data?.viewer.enterprise.dcuStatus).toBe('ACTIVE');
      expect(await saveDraft(server, token, COMPLETE_DRAFT)).toMatchObject({ code: 'ALREADY_IN_FLIGHT' });
    });

    it('after a rejection a new draft is prefilled from the last application (basic info, system info, use units, materials)', async () => {
      const enterprise = await createEnterprise(server);
      const rejected = await caseIn(server, 'REVIEW_REJECTED', enterprise);
      const fields = `basicInfo { contactName contactPhone contactEmail } systemInfo { systemName developerName networkAddress } useUnits { uscc name relationship } materials { id kind } builtByThirdParty`;
      const previous = (
        await server.gql(
          `query($id: ID!) { accessApplication(id: $id) { ${fields} } }`,
          { id: rejected.id },
          enterprise.token,
        )
      ).data?.accessApplication;
      const fresh = await server.gql(
        `mutation { saveAccessApplicationDraft(input: {claimsLivelihood: false, unitInfoConfirmed: false}) { __typename ... on Error { code message } ... on AccessApplicationSuccess { accessApplication { id status version ${fields} } } } }`,
        {},
        enterprise.token,
      );
      const next = fresh.data?.saveAccessApplicationDraft.accessApplication;
      expect(next, JSON.stringify(fresh)).toBeTruthy();
      expect(next.id).not.toBe(rejected.id);
      expect(next.status).toBe('DRAFT');
      expect(next.basicInfo).toEqual(COMPLETE_DRAFT.basicInfo);
      expect(next.systemInfo).toEqual(COMPLETE_DRAFT.systemInfo);
      expect(next.useUnits).toEqual(previous.useUnits);
      expect(next.materials.map((m: { id: string }) => m.id).sort()).toEqual(
        previous.materials.map((m: { id: string }) => m.id).sort(),
      );
      expect(next.materials).toHaveLength(requiredAccessMaterials({ builtByThirdParty: false }).length);
      // and the prefilled draft can be submitted as it is, once the unit info is confirmed
      const confirmed = (
        await saveDraft(server, enterprise.token, {
          id: next.id,
          expectedVersion: next.version,
          claimsLivelihood: false,
          unitInfoConfirmed: true,
        })
      ).accessApplication;
      const submitted = await transition(server, enterprise.token, 'submit', confirmed.id, confirmed.version);
      expect(submitted.accessApplication.status).toBe('PENDING_ACCEPTANCE');
      const list = await server.gql('{ viewer { accessApplications { status } } }', {}, enterprise.token);
      expect(list.data?.viewer.accessApplications.map((a: { status: string }) => a.status)).toEqual([
        'PENDING_ACCEPTANCE',
        'REVIEW_REJECTED',
      ]);
    });

    it('after each kind of rejection the enterprise may apply again', async () => {
      for (const status of ['NOT_ACCEPTED', 'CONFIRMATION_REJECTED'] as const) {
        const enterprise = await createEnterprise(server);
        await caseIn(server, status, enterprise);
        const again = await saveDraft(server, enterprise.token, COMPLETE_DRAFT);
        expect(again.__typename, `${status}: ${JSON.stringify(again)}`).toBe('AccessApplicationSuccess');
      }
    });
  });

  describe('messages', () => {
    it('are Chinese by default and English with Accept-Language: en', async () => {
      const token = await server.signIn('sl.legal');
      const zh = await saveDraft(server, token, COMPLETE_DRAFT);
      const en = await saveDraft(server, token, COMPLETE_DRAFT, { 'accept-language': 'en' });
      expect(zh.message).toBe('已有正在办理中的申请，请勿重复申请');
      expect(en.message).toBe('An application is already in progress');

      const enterprise = await createEnterprise(server);
      const bad = {
        ...COMPLETE_DRAFT,
        basicInfo: { contactEmail: 'x' },
        useUnits: [{ uscc: '91440100993518190X', name: 'x', relationship: 'HQ_BRANCH' }],
      };
      const zhIssues = await saveDraft(server, enterprise.token, bad);
      const enIssues = await saveDraft(server, enterprise.token, bad, { 'accept-language': 'en-US,en;q=0.9' });
      expect(zhIssues.message).toMatch(CJK);
      expect(enIssues.message).toBe('Some fields are invalid; please check and submit again');
      for (const issue of zhIssues.issues) expect(issue.message).toMatch(CJK);
      for (const issue of enIssues.issues) expect(issue.message).not.toMatch(CJK);
      expect(enIssues.issues.find((issue: { field: string }) => issue.field === 'useUnits.0.uscc').message).toBe(
        'Unified social credit code has a wrong check character',
      );

      const nanyue = await server.signIn('ny.clerk');
      const zhReport = await eligibility(nanyue, false);
      const enReport = await eligibility(nanyue, false, { 'accept-language': 'en' });
      for (const check of zhReport.checks) {
        expect(check.label).toMatch(CJK);
        expect(check.message).toMatch(CJK);
      }
      for (const check of enReport.checks) {
        expect(check.label).not.toMatch(CJK);
        expect(check.message).not.toMatch(CJK);
      }

      const walked = await caseIn(server, 'CONFIRMED');
      const enTransition = await transition(
        server,
        await server.signIn('th.officer1'),
        'accept',
        walked.id,
        walked.version,
        undefined,
        { 'accept-language': 'en' },
      );
      expect(enTransition.message).toBe('This action (accept) is not possible in the current status (Confirmed)');
      const zhTransition = await transition(
        server,
        await server.signIn('th.officer1'),
        'accept',
        walked.id,
        walked.version,
      );
      expect(zhTransition.message).toBe('当前状态（确认通过）下不能执行该操作（accept）');
      const upload_ = await upload(server, enterprise.token, 'OTHER', 'plain text', 'x.pdf');
      expect(upload_.message).toBe('填写内容有误，请检查后重新提交');
    });
  });
});
