import type { CaseStatus } from '@leqi/domain';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { accessApplication, enterpriseFacts, enterpriseViewer, hoursAgo } from '../../test/fixtures.ts';
import { myApplicationsHandler, success } from '../../test/handlers.ts';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';
import { emitSubscription } from '../../test/subscriptions.ts';

const viewer = enterpriseViewer();

function activeStep(): string | undefined {
  const steps = screen.getByTestId('application-steps');
  return steps.querySelector('.ant-steps-item-process, .ant-steps-item-error')?.textContent ?? undefined;
}

describe('接入申请 status page', () => {
  it('offers 我要申请 when the enterprise has no application', async () => {
    server.use(myApplicationsHandler([]));
    renderApp('/access/application', { viewer });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('apply-button'));
    expect(await screen.findByTestId('wizard-steps')).toBeTruthy();
  });

  it('offers 重新申请 and 我要申请 only when the server says a new application may start', async () => {
    const refused = accessApplication({ status: 'NOT_ACCEPTED', lastReason: '纸质材料不齐全' });
    server.use(myApplicationsHandler([refused], refused.enterprise, false));
    const { unmount } = renderApp('/access/application', { viewer });
    expect((await screen.findByTestId('application-status')).textContent).toBe('不予受理');
    expect(screen.queryByTestId('reapply-button')).toBeNull();
    unmount();
    server.use(myApplicationsHandler([], enterpriseFacts(), false));
    renderApp('/access/application', { viewer });
    expect(await screen.findByText('单位尚未接入乐企')).toBeTruthy();
    expect(screen.queryByTestId('apply-button')).toBeNull();
  });

  it('DRAFT: shows 草稿 and 继续填写', async () => {
    server.use(myApplicationsHandler([accessApplication({ status: 'DRAFT' })]));
    renderApp('/access/application', { viewer });
    expect((await screen.findByTestId('application-status')).textContent).toBe('草稿');
    expect(screen.getByTestId('continue-draft-button').textContent).toContain('继续填写');
    expect(screen.queryByTestId('reapply-button')).toBeNull();
    expect(activeStep()).toContain('提交');
  });

  it('NOT_ACCEPTED: shows the reason and 重新申请 starts a new draft without id', async () => {
    const refused = accessApplication({
      status: 'NOT_ACCEPTED',
      claimsLivelihood: true,
      lastReason: '纸质材料不齐全',
      auditTrail: [
        {
          id: 'ev-1',
          cursor: '1',
          event: 'refuse',
          fromStatus: 'PENDING_ACCEPTANCE',
          toStatus: 'NOT_ACCEPTED',
          actorName: '天河 审核员一',
          actorRole: 'OFFICER',
          reason: '纸质材料不齐全',
          createdAt: hoursAgo(2),
        },
      ],
    });
    let saved: unknown;
    server.use(
      myApplicationsHandler([refused]),
      graphql.mutation('SaveAccessApplicationDraft', ({ variables }) => {
        saved = variables;
        return HttpResponse.json({ data: { saveAccessApplicationDraft: success(accessApplication({ id: 'app-2' })) } });
      }),
    );
    renderApp('/access/application', { viewer });
    expect((await screen.findByTestId('application-status')).textContent).toBe('不予受理');
    expect(screen.getByTestId('rejection-reason').textContent).toContain('纸质材料不齐全');
    expect(within(screen.getByTestId('audit-timeline')).getByText(/天河 审核员一/)).toBeTruthy();
    expect(activeStep()).toContain('受理');
    expect(screen.queryByTestId('continue-draft-button')).toBeNull();

    await userEvent.setup().click(screen.getByTestId('reapply-button'));
    expect(await screen.findByTestId('wizard-steps')).toBeTruthy();
    expect(saved).toEqual({ input: { claimsLivelihood: true, unitInfoConfirmed: false } });
  });

  it('PENDING_REVIEW: shows 待复核 on the 复核 step and how long it has been there', async () => {
    server.use(myApplicationsHandler([accessApplication({ status: 'PENDING_REVIEW', stepEnteredAt: hoursAgo(27) })]));
    renderApp('/access/application', { viewer });
    expect((await screen.findByTestId('application-status')).textContent).toBe('待复核');
    expect(activeStep()).toContain('复核');
    expect(screen.getByTestId('time-in-step').textContent).toBe('1天3小时');
    expect(screen.queryByTestId('reapply-button')).toBeNull();
    expect(screen.queryByTestId('rejection-reason')).toBeNull();
  });

  it('shows the submitted form read-only: 单位基本信息, 拟邀请的使用单位 and 应用系统信息', async () => {
    server.use(myApplicationsHandler([accessApplication({ status: 'PENDING_REVIEW', stepEnteredAt: hoursAgo(2) })]));
    renderApp('/access/application', { viewer });
    const fields = await screen.findByTestId('application-fields');
    for (const shown of [
      '单位基本信息',
      '张三',
      '13800000000',
      'zhangsan@yunfan.example',
      '广州市天河区天河路1号',
      '软件开发',
      '91440100993518190W',
      '广州云帆物流有限公司',
      '母子公司关系',
      '应用系统信息',
      '云帆ERP',
      '3.2',
      '广州云帆科技集团有限公司',
      'https://erp.yunfan.example',
      '集团财务系统',
    ]) {
      expect(fields.textContent).toContain(shown);
    }
    // nothing on it can be edited
    expect(fields.querySelector('input, textarea, button')).toBeNull();
  });

  it('DRAFT: the form is still edited in the wizard, not shown as submitted', async () => {
    server.use(myApplicationsHandler([accessApplication({ status: 'DRAFT' })]));
    renderApp('/access/application', { viewer });
    await screen.findByTestId('continue-draft-button');
    expect(screen.queryByTestId('application-fields')).toBeNull();
  });

  it('CONFIRMED: shows 乐企ID and 有效期至', async () => {
    const enterprise = enterpriseFacts({
      dcuStatus: 'ACTIVE',
      leqiId: 'LQ440100202611240001',
      dcuExpiresAt: '2028-11-24T00:00:00.000Z',
    });
    server.use(myApplicationsHandler([accessApplication({ status: 'CONFIRMED', enterprise })], enterprise));
    renderApp('/access/application', { viewer });
    expect((await screen.findByTestId('application-status')).textContent).toBe('确认通过');
    expect(screen.getByTestId('leqi-id').textContent).toContain('LQ440100202611240001');
    expect(screen.getByTestId('dcu-expires-at').textContent).toBe('2028-11-24');
    // a finished application says when it ended, not how long it has stayed (issue 19 #9)
    expect(screen.queryByTestId('time-in-step')).toBeNull();
    expect(screen.getByTestId('finished-at').textContent).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  });

  it('reloads when a case event arrives', async () => {
    let status = 'PENDING_ACCEPTANCE';
    server.use(
      graphql.query('MyAccessApplications', () =>
        HttpResponse.json({
          data: {
            viewer: {
              __typename: 'Viewer',
              accountId: 'user-yf-legal',
              enterprise: enterpriseFacts(),
              accessApplications: [accessApplication({ status: status as CaseStatus })],
            },
          },
        }),
      ),
    );
    renderApp('/access/application', { viewer });
    expect((await screen.findByTestId('application-status')).textContent).toBe('待受理');
    status = 'PENDING_REVIEW';
    emitSubscription('caseEvents', { cursor: '9', caseKind: 'ACCESS_APPLICATION', caseId: 'app-1', event: 'accept' });
    expect(await screen.findByText('待复核', { selector: '[data-testid="application-status"]' })).toBeTruthy();
  });

  it('shows an error state when loading fails', async () => {
    server.use(graphql.query('MyAccessApplications', () => HttpResponse.json({ errors: [{ message: 'boom' }] })));
    renderApp('/access/application', { viewer });
    expect((await screen.findByTestId('load-error')).textContent).toContain('boom');
  });
});
