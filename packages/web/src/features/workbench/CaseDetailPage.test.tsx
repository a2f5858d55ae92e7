import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { accessApplication, check, eligibilityReport, officerViewer } from '../../test/fixtures.ts';
import { success } from '../../test/handlers.ts';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';
import type { AccessApplication } from '../access-application/api.ts';

const officer = officerViewer();

const pending = accessApplication({
  id: 'QWNjZXNzQXBwbGljYXRpb246MQ==',
  version: 3,
  status: 'PENDING_ACCEPTANCE',
  availableActions: [
    { event: 'accept', label: '受理', needsReason: false },
    { event: 'refuse', label: '不予受理', needsReason: true },
  ],
  eligibilityReport: eligibilityReport([check({ label: '已纳入数电票开票试点' })]),
  materials: [
    {
      id: 'mat-1',
      kind: 'PROJECT_REPORT',
      fileName: '项目报告.pdf',
      mimeType: 'application/pdf',
      size: 20480,
      createdAt: new Date().toISOString(),
      downloadUrl: '/files/mat-1?expires=1&signature=abc',
    },
  ],
});

function caseHandler(get: () => AccessApplication, counter?: { n: number }) {
  return graphql.query('AccessApplicationCase', ({ variables }) => {
    if (counter) counter.n++;
    const a = get();
    return HttpResponse.json({ data: { accessApplication: variables.id === a.id ? a : null } });
  });
}

const route = `/workbench/cases/${encodeURIComponent(pending.id)}`;

describe('case detail', () => {
  // load the lazy workbench chunks once up front so the first test is not timed on a cold import
  beforeAll(async () => {
    await Promise.all([import('./case-page/CasePage.tsx'), import('./WorkbenchShell.tsx')]);
  }, 60_000);

  it('shows the application, materials with download links and the verification', async () => {
    server.use(caseHandler(() => pending));
    renderApp(route, { viewer: officer });
    expect((await screen.findByTestId('case-status', {}, { timeout: 15_000 })).textContent).toBe('待受理');
    expect(screen.getByText('13800000000')).toBeTruthy();
    expect(screen.getByText('云帆ERP')).toBeTruthy();
    expect(screen.getByText('母子公司关系')).toBeTruthy();
    expect(screen.getByTestId('material-mat-1').getAttribute('href')).toBe('/files/mat-1?expires=1&signature=abc');
    expect(screen.getByTestId('material-mat-1').getAttribute('download')).toBe('项目报告.pdf');
    expect(within(screen.getByTestId('eligibility-report')).getByText('已纳入数电票开票试点')).toBeTruthy();
    expect(screen.getByTestId('action-accept').textContent?.replace(/\s/g, '')).toBe('受理');
  });

  // the report exactly as the server stores and sends it: locale-neutral figures (issue 19 item 5)
  const machineReport = eligibilityReport([
    check({ code: 'IN_PILOT', passed: false, actual: 'no', required: 'yes', label: '已纳入数电票试点' }),
    check({ code: 'CREDIT_RATING', passed: true, actual: 'B', required: 'A|B', label: '纳税信用等级' }),
    check({
      code: 'PROVINCE_RULE_PRESENT',
      passed: true,
      actual: '14400000000@2024-01-01',
      required: 'configured',
      label: '本省接入标准',
    }),
    check({
      code: 'COMBINED_REVENUE',
      passed: false,
      actual: '4000000.00',
      required: '>=500000000.00',
      label: '上一年度营业收入合计',
    }),
    check({
      code: 'COMBINED_INVOICES',
      passed: false,
      actual: 'count=1200;amount=4000000.00',
      required: 'count>=50000|amount>=500000000.00',
      label: '前12个月开受票量合计',
    }),
  ]);

  it('phrases every check’s actual and required values for people, no machine text', async () => {
    server.use(caseHandler(() => ({ ...pending, eligibilityReport: machineReport })));
    renderApp(route, { viewer: officer });
    const report = await screen.findByTestId('eligibility-report', {}, { timeout: 15_000 });
    const figures = (code: string) => within(report).getByTestId(`check-figures-${code}`).textContent;
    expect(figures('IN_PILOT')).toBe('实际：否；要求：是');
    expect(figures('CREDIT_RATING')).toBe('实际：B 级；要求：A 或 B 级');
    expect(figures('PROVINCE_RULE_PRESENT')).toBe(
      '实际：本省乐企自用接入标准（2024年1月1日起施行）；要求：本省已配置接入标准',
    );
    expect(figures('COMBINED_REVENUE')).toBe('实际：400万元；要求：不低于 5亿元');
    expect(figures('COMBINED_INVOICES')).toBe(
      '实际：开受票 1,200 份，开票金额 400万元；要求：开受票不少于 50,000 份，或开票金额不低于 5亿元',
    );
    expect(report.textContent).not.toMatch(/\byes\b|\bno\b|count=|amount=|>=|@|configured/);
  });

  it('the same checks in English', async () => {
    server.use(caseHandler(() => ({ ...pending, eligibilityReport: machineReport })));
    renderApp(route, { viewer: officer, lang: 'en' });
    const report = await screen.findByTestId('eligibility-report', {}, { timeout: 15_000 });
    expect(within(report).getByTestId('check-figures-IN_PILOT').textContent).toBe('Actual: No; Required: Yes');
    expect(within(report).getByTestId('check-figures-COMBINED_REVENUE').textContent).toBe(
      'Actual: 4 million yuan; Required: At least 500 million yuan',
    );
  });

  it('shows the time in step of a pending case, never the version kept for optimistic locking', async () => {
    server.use(caseHandler(() => pending));
    renderApp(route, { viewer: officer });
    const header = await screen.findByTestId('case-time-in-step', {}, { timeout: 15_000 });
    expect(header.textContent).not.toBe('');
    const detail = screen.getByTestId('case-detail');
    expect(detail.textContent).not.toMatch(/version/i);
  });

  it('a finished case shows no time in step', async () => {
    const confirmed = { ...pending, status: 'CONFIRMED' as const, statusLabel: '确认通过', availableActions: [] };
    server.use(caseHandler(() => confirmed));
    renderApp(route, { viewer: officer });
    expect((await screen.findByTestId('case-status', {}, { timeout: 15_000 })).textContent).toBe('确认通过');
    expect(screen.queryByTestId('case-time-in-step')).toBeNull();
    expect(screen.queryByText('在本环节时长')).toBeNull();
  });

  it('tax facts the server withholds (null) are not shown; the rest of the case is', async () => {
    const withheld = { ...pending, enterprise: { ...pending.enterprise, creditRating: null, majorViolation: null } };
    server.use(caseHandler(() => withheld));
    renderApp(route, { viewer: officer });
    expect((await screen.findByTestId('case-status', {}, { timeout: 15_000 })).textContent).toBe('待受理');
    expect(screen.getByTestId('case-enterprise-name').textContent).toBe(pending.enterprise.name);
    expect(screen.queryByText('纳税信用等级')).toBeNull();
  });

  it('shows the credit rating to those who may read it', async () => {
    server.use(caseHandler(() => pending));
    renderApp(route, { viewer: officer });
    expect(await screen.findByText('纳税信用等级', {}, { timeout: 15_000 })).toBeTruthy();
  });

  it('an action calls its mutation with the case version and shows the result', async () => {
    let current = pending;
    const sent: unknown[] = [];
    server.use(
      caseHandler(() => current),
      graphql.mutation('acceptAccessApplication', ({ variables }) => {
        sent.push(variables);
        current = { ...pending, version: 4, status: 'PENDING_REVIEW', statusLabel: '待复核', availableActions: [] };
        return HttpResponse.json({ data: { acceptAccessApplication: success(current) } });
      }),
    );
    renderApp(route, { viewer: officer });
    await userEvent.setup().click(await screen.findByTestId('action-accept'));
    expect((await screen.findByTestId('decision-result')).textContent).toContain('待复核');
    expect(sent).toEqual([{ input: { id: pending.id, expectedVersion: 3 } }]);
    await waitFor(() => expect(screen.getByTestId('case-status').textContent).toBe('待复核'));
    expect(screen.queryByTestId('action-accept')).toBeNull();
  });

  it('a refusal needs a reason before it is sent', async () => {
    const sent: unknown[] = [];
    server.use(
      caseHandler(() => pending),
      graphql.mutation('refuseAccessApplication', ({ variables }) => {
        sent.push(variables);
        return HttpResponse.json({
          data: {
            refuseAccessApplication: success({ ...pending, version: 4, status: 'NOT_ACCEPTED', availableActions: [] }),
          },
        });
      }),
    );
    renderApp(route, { viewer: officer });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('action-refuse'));
    await user.click(await screen.findByTestId('reason-submit'));
    expect(await screen.findByText('请填写原因')).toBeTruthy();
    expect(sent).toHaveLength(0);

    await user.type(screen.getByTestId('reason-input'), '材料与实际不符');
    await user.click(screen.getByTestId('reason-submit'));
    expect((await screen.findByTestId('decision-result')).textContent).toContain('不予受理');
    expect(sent).toEqual([{ input: { id: pending.id, expectedVersion: 3, reason: '材料与实际不符' } }]);
  });

  it('STALE_VERSION: says someone else handled it and reloads', async () => {
    const loads = { n: 0 };
    server.use(
      caseHandler(() => pending, loads),
      graphql.mutation('acceptAccessApplication', () =>
        HttpResponse.json({
          data: {
            acceptAccessApplication: {
              __typename: 'StaleVersionError',
              code: 'STALE_VERSION',
              message: '版本已变化',
              currentVersion: 4,
            },
          },
        }),
      ),
    );
    renderApp(route, { viewer: officer });
    await userEvent.setup().click(await screen.findByTestId('action-accept'));
    expect((await screen.findByTestId('stale-version')).textContent).toContain('该事项已被他人处理');
    await waitFor(() => expect(loads.n).toBeGreaterThanOrEqual(2));
  });

  it('shows blockedReason and other errors from the server', async () => {
    server.use(
      caseHandler(() => ({
        ...pending,
        status: 'PENDING_REVIEW',
        availableActions: [{ event: 'approveReview', label: '复核通过', needsReason: false }],
        blockedReason: null,
      })),
      graphql.mutation('approveAccessApplicationReview', () =>
        HttpResponse.json({
          data: {
            approveAccessApplicationReview: {
              __typename: 'BaseError',
              code: 'FOUR_EYES',
              message: '受理人不能复核同一事项',
            },
          },
        }),
      ),
    );
    renderApp(route, { viewer: officer });
    await userEvent.setup().click(await screen.findByTestId('action-approveReview'));
    expect((await screen.findByTestId('decision-error')).textContent).toContain('受理人不能复核同一事项');
  });

  it('shows why the viewer cannot act', async () => {
    server.use(caseHandler(() => ({ ...pending, availableActions: [], blockedReason: '该企业不属于本局管辖' })));
    renderApp(route, { viewer: officer });
    expect((await screen.findByTestId('blocked-reason')).textContent).toContain('该企业不属于本局管辖');
    expect(screen.queryByTestId('action-accept')).toBeNull();
  });

  it('says so when the case does not exist', async () => {
    server.use(caseHandler(() => pending));
    renderApp('/workbench/cases/unknown', { viewer: officer });
    expect((await screen.findByTestId('empty-state')).textContent).toContain('未找到该事项');
  });
});
