import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { enterpriseViewer } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';
import { emitSubscription } from '../../test/subscriptions.ts';
import { dashboardHandlers, NOT_CONNECTED, notification, overview } from './fixtures.ts';

const slClerk = enterpriseViewer({
  username: 'sl.clerk',
  identityType: 'TAX_CLERK',
  enterprise: { id: 'ent-sl', uscc: '913100005432319483', name: '上海申联数据服务有限公司' },
});

// the pages are lazy chunks: load them once before the first test so a busy machine does not time it out
beforeAll(async () => {
  await Promise.all([
    import('./DashboardPage.tsx'),
    import('../enterprise/EnterpriseShell.tsx'),
    import('../auth/SignInPage.tsx'),
  ]);
}, 60_000);

describe('企业概览 dashboard', () => {
  it('is where an enterprise user lands', async () => {
    server.use(...dashboardHandlers(NOT_CONNECTED));
    renderApp('/', { viewer: enterpriseViewer() });
    expect(await screen.findByTestId('dashboard')).toBeTruthy();
    expect(screen.getByTestId('menu-overview')).toBeTruthy();
  });

  it('shows a DCU its 乐企ID, the validity end and the renewal reminder, counts in the manual’s words', async () => {
    server.use(...dashboardHandlers(overview(), [notification(3)], 1));
    renderApp('/access', { viewer: slClerk });
    const dcu = await screen.findByTestId('card-dcu');
    expect(within(dcu).getByTestId('leqi-id').textContent).toContain('LQ310000250101123456');
    expect(within(dcu).getByTestId('dcu-status').textContent).toBe('已接入');
    expect(within(dcu).getByTestId('valid-until').textContent).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const reminder = screen.getByTestId('renewal-reminder');
    expect(reminder.textContent).toContain('接入即将到期，请在到期前申请续期');
    expect(reminder.textContent).toContain('还剩 90 天');
    expect(within(screen.getByTestId('card-access')).getByTestId('case-status').textContent).toBe('确认通过');
    const sent = screen.getByTestId('card-sent-invitations');
    expect(within(sent).getByTestId('count-CONFIRMED').textContent).toBe('确认通过 2');
    expect(within(sent).getByTestId('count-PENDING_RESPONSE').textContent).toBe('待使用单位响应 1');
    expect(within(sent).queryByTestId('count-UNBOUND')).toBeNull();
    expect(within(screen.getByTestId('card-received-invitations')).getByText('暂无邀请')).toBeTruthy();
    expect(within(screen.getByTestId('card-bindings')).getByTestId('active-bindings').textContent).toContain('2');
    const exit = screen.getByTestId('card-exit');
    expect(within(exit).getByTestId('case-none').textContent).toBe('未申请退出');
    expect(within(exit).getByRole('link', { name: '申请退出' }).getAttribute('href')).toBe('/access/exit');
    const inbox = screen.getByTestId('card-inbox');
    expect(await within(inbox).findByText('接入申请已受理，当前状态：待复核。')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('notification-count').textContent).toContain('1'));
    expect(screen.getByTestId('notification-bell').getAttribute('aria-label')).toBe('消息通知，1 条未读');
  });

  it('offers 申请退出 only when the server says the viewer may apply, even for an ACTIVE DCU', async () => {
    const base = overview();
    server.use(...dashboardHandlers(overview({ enterprise: { ...base.enterprise, mayApplyForExit: false } })));
    renderApp('/access/overview', { viewer: enterpriseViewer() });
    const exit = await screen.findByTestId('card-exit');
    expect(within(exit).getByTestId('case-none').textContent).toBe('未申请退出');
    expect(within(exit).queryByRole('link')).toBeNull();
  });

  it('an enterprise that has not applied: no 乐企ID, no reminder, a link to apply, an empty inbox', async () => {
    server.use(...dashboardHandlers(NOT_CONNECTED));
    renderApp('/access/overview', { viewer: enterpriseViewer() });
    const dcu = await screen.findByTestId('card-dcu');
    expect(within(dcu).queryByTestId('leqi-id')).toBeNull();
    expect(dcu.textContent).toContain('确认通过后生成');
    expect(screen.queryByTestId('renewal-reminder')).toBeNull();
    const access = screen.getByTestId('card-access');
    expect(within(access).getByTestId('case-none').textContent).toBe('尚未提出接入申请');
    expect(within(access).getByRole('link', { name: '去申请' }).getAttribute('href')).toBe('/access/application');
    expect(within(screen.getByTestId('card-exit')).queryByRole('link')).toBeNull();
    expect(await within(screen.getByTestId('card-inbox')).findByTestId('empty-state')).toBeTruthy();
  });

  it('shows how long the application has waited at its step', async () => {
    const since = new Date(Date.now() - (2 * 24 + 3) * 3_600_000).toISOString();
    server.use(
      ...dashboardHandlers(
        overview({
          ...NOT_CONNECTED,
          accessApplication: {
            caseId: 'a',
            status: 'PENDING_REVIEW',
            statusLabel: '待复核',
            step: 'REVIEW',
            since,
            lastReason: null,
          },
        }),
      ),
    );
    renderApp('/access/overview', { viewer: enterpriseViewer() });
    const access = await screen.findByTestId('card-access');
    expect(within(access).getByTestId('case-status').textContent).toBe('待复核');
    expect(within(access).getByTestId('case-elapsed').textContent).toBe('2天3小时');
  });

  it('after a confirmed exit shows the exit, not the direct-unit information, and no dwell time (manual §3.6.3)', async () => {
    const exitedOn = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const base = overview();
    server.use(
      ...dashboardHandlers(
        overview({
          enterprise: { ...base.enterprise, mayApplyForExit: false },
          dcuStatus: 'EXITED',
          leqiId: null,
          accessValidity: null,
          exitApplication: {
            caseId: 'e',
            status: 'CONFIRMED',
            statusLabel: '确认通过',
            step: null,
            since: exitedOn,
            lastReason: null,
          },
          activeBindingCount: 0,
        }),
      ),
    );
    renderApp('/access/overview', { viewer: slClerk });
    const dcu = await screen.findByTestId('card-dcu');
    expect(within(dcu).getByTestId('dcu-status').textContent).toBe('已退出');
    expect(dcu.textContent).not.toContain('确认通过后生成');
    expect(dcu.textContent).not.toContain('确认通过时间');
    expect(within(dcu).getByTestId('dcu-exited-at').textContent).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(within(dcu).getByTestId('dcu-exited-hint').textContent).toContain('不再显示直连单位信息');
    const access = screen.getByTestId('card-access');
    expect(within(access).getByTestId('case-status').textContent).toBe('已退出');
    expect(within(access).queryByText('确认通过')).toBeNull();
    expect(within(access).getByRole('link', { name: '重新申请' }).getAttribute('href')).toBe('/access/application');
    const exit = screen.getByTestId('card-exit');
    expect(within(exit).getByTestId('case-status').textContent).toBe('确认通过');
    expect(within(exit).getByTestId('case-finished-at').textContent).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(screen.queryByTestId('case-elapsed')).toBeNull();
    expect(screen.getByTestId('dashboard').textContent).not.toContain('已停留');
  });

  it('a finished application (not accepted) shows when it finished, not how long it has stayed', async () => {
    server.use(
      ...dashboardHandlers(
        overview({
          ...NOT_CONNECTED,
          accessApplication: {
            caseId: 'a',
            status: 'NOT_ACCEPTED',
            statusLabel: '不予受理',
            step: null,
            since: new Date(Date.now() - 5 * 60_000).toISOString(),
            lastReason: '材料不全',
          },
        }),
      ),
    );
    renderApp('/access/overview', { viewer: enterpriseViewer() });
    const access = await screen.findByTestId('card-access');
    expect(within(access).getByTestId('case-status').textContent).toBe('不予受理');
    expect(within(access).queryByTestId('case-elapsed')).toBeNull();
    expect(access.textContent).not.toContain('已停留');
    expect(within(access).getByTestId('case-finished-at')).toBeTruthy();
    expect(access.textContent).toContain('材料不全');
  });

  it('an expired access shows the error reminder', async () => {
    const base = overview();
    server.use(
      ...dashboardHandlers(
        overview({
          accessValidity: {
            ...(base.accessValidity as NonNullable<typeof base.accessValidity>),
            state: 'EXPIRED',
            daysLeft: 0,
          },
        }),
      ),
    );
    renderApp('/access/overview', { viewer: slClerk });
    expect((await screen.findByTestId('renewal-reminder')).textContent).toContain('接入已到期');
  });

  it('shows an error with 重试 when the overview cannot be loaded, and recovers', async () => {
    let calls = 0;
    server.use(...dashboardHandlers(overview()));
    server.use(
      graphql.query('EnterpriseOverview', () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json({ errors: [{ message: '服务暂不可用' }] })
          : HttpResponse.json({ data: { enterpriseOverview: overview() } });
      }),
    );
    renderApp('/access/overview', { viewer: slClerk });
    const failed = await screen.findByTestId('load-error');
    expect(failed.textContent).toContain('服务暂不可用');
    await userEvent.setup().click(within(failed).getByRole('button'));
    expect(await screen.findByTestId('card-dcu')).toBeTruthy();
  });

  it('shows the loading state until the server answers', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    server.use(...dashboardHandlers(overview()));
    server.use(
      graphql.query('EnterpriseOverview', async () => {
        await gate;
        return HttpResponse.json({ data: { enterpriseOverview: overview() } });
      }),
    );
    renderApp('/access/overview', { viewer: slClerk });
    await waitFor(() => expect(screen.getAllByTestId('loading').length).toBeGreaterThan(0));
    expect(screen.queryByTestId('card-dcu')).toBeNull();
    release();
    expect(await screen.findByTestId('card-dcu')).toBeTruthy();
  });

  it('refreshes when a case event arrives (the bell too)', async () => {
    let bindings = 2;
    let unread = 0;
    server.use(...dashboardHandlers(overview()));
    server.use(
      graphql.query('EnterpriseOverview', () =>
        HttpResponse.json({ data: { enterpriseOverview: overview({ activeBindingCount: bindings }) } }),
      ),
      graphql.query('UnreadNotificationCount', () => HttpResponse.json({ data: { unreadNotificationCount: unread } })),
    );
    renderApp('/access/overview', { viewer: slClerk });
    const card = await screen.findByTestId('card-bindings');
    expect(within(card).getByTestId('active-bindings').textContent).toContain('2');
    bindings = 3;
    unread = 4;
    emitSubscription('caseEvents', {
      cursor: '99',
      caseKind: 'ACCESS_APPLICATION',
      caseId: 'x',
      event: 'confirm',
      fromStatus: 'PENDING_CONFIRMATION',
      toStatus: 'CONFIRMED',
      actorName: null,
      reason: null,
      createdAt: new Date().toISOString(),
    });
    await waitFor(() =>
      expect(within(screen.getByTestId('card-bindings')).getByTestId('active-bindings').textContent).toContain('3'),
    );
    await waitFor(() => expect(screen.getByTestId('notification-count').textContent).toContain('4'));
  });

  it('switches to English', async () => {
    server.use(...dashboardHandlers(overview()));
    renderApp('/access/overview', { viewer: slClerk, lang: 'en' });
    expect(await screen.findByText('Overview', { selector: 'h3' })).toBeTruthy();
    expect(screen.getByTestId('dcu-status').textContent).toBe('Connected');
    expect(screen.getByTestId('renewal-reminder').textContent).toContain('apply for renewal');
    expect(screen.getByTestId('case-status').textContent).toBe('Confirmed');
  });
});
