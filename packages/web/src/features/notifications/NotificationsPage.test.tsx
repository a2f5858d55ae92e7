import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { enterpriseViewer } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';
import { dashboardHandlers, NOT_CONNECTED, notification, notificationsData } from '../dashboard/fixtures.ts';

const viewer = enterpriseViewer();

// the pages are lazy chunks: load them once before the first test so a busy machine does not time it out
beforeAll(async () => {
  await Promise.all([
    import('./NotificationsPage.tsx'),
    import('../dashboard/DashboardPage.tsx'),
    import('../enterprise/EnterpriseShell.tsx'),
  ]);
}, 60_000);

describe('消息通知 inbox', () => {
  it('the bell leads to the inbox, newest first, unread ones marked', async () => {
    const items = [
      notification(2, { message: '接入申请复核通过，当前状态：待确认。' }),
      notification(1, { read: true }),
    ];
    server.use(...dashboardHandlers(NOT_CONNECTED, items, 1));
    renderApp('/access/overview', { viewer });
    await userEvent.setup().click(await screen.findByTestId('notification-bell'));
    // the inbox page (not the dashboard's latest-notifications card)
    expect((await screen.findByTestId('unread-count')).textContent).toBe('1 条未读');
    const list = await screen.findByTestId('notification-list');
    const rows = within(list).getAllByTestId('notification');
    expect(rows.map((r) => r.getAttribute('data-read'))).toEqual(['false', 'true']);
    expect(rows[0]?.textContent).toContain('接入申请复核通过，当前状态：待确认。');
    expect(
      within(rows[0] as HTMLElement)
        .getByRole('link')
        .getAttribute('href'),
    ).toBe('/access/application');
    expect(screen.getByTestId('unread-count').textContent).toBe('1 条未读');
  });

  it('全部标为已读 waits for the server, then shows none unread', async () => {
    let unread = 2;
    const marked: unknown[] = [];
    let answer: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      answer = resolve;
    });
    server.use(...dashboardHandlers(NOT_CONNECTED));
    server.use(
      graphql.query('Notifications', () =>
        HttpResponse.json({
          data: notificationsData(
            [notification(5, { read: unread === 0 }), notification(4, { read: unread === 0 })],
            unread,
          ),
        }),
      ),
      graphql.mutation('MarkNotificationsRead', async ({ variables }) => {
        marked.push(variables.upTo);
        await gate;
        unread = 0;
        return HttpResponse.json({
          data: {
            markNotificationsRead: { __typename: 'MarkNotificationsReadSuccess', lastReadCursor: '5', unreadCount: 0 },
          },
        });
      }),
    );
    renderApp('/access/notifications', { viewer });
    const button = await screen.findByTestId('mark-all-read');
    await userEvent.setup().click(button);
    await waitFor(() => expect(marked).toEqual(['5']));
    // no optimistic update: still unread until the server has answered
    expect(screen.getByTestId('unread-count').textContent).toBe('2 条未读');
    answer();
    await waitFor(() => expect(screen.getByTestId('unread-count').textContent).toBe('0 条未读'));
    expect(screen.getAllByTestId('notification').map((r) => r.getAttribute('data-read'))).toEqual(['true', 'true']);
  });

  it('只看未读 asks the server for unread ones only; an empty inbox says so', async () => {
    const asked: unknown[] = [];
    server.use(...dashboardHandlers(NOT_CONNECTED));
    server.use(
      graphql.query('Notifications', ({ variables }) => {
        asked.push(variables.unreadOnly);
        return HttpResponse.json({ data: notificationsData(variables.unreadOnly ? [] : [notification(1)], 0) });
      }),
    );
    renderApp('/access/notifications', { viewer });
    await screen.findByTestId('notification-list');
    await userEvent.setup().click(screen.getByTestId('unread-only'));
    expect(await screen.findByTestId('empty-state')).toBeTruthy();
    expect(screen.getByText('暂无消息')).toBeTruthy();
    expect(asked).toContain(true);
    expect(screen.getByLabelText('只看未读')).toBeTruthy();
  });

  it('shows the server’s refusal when marking fails, and the load error with 重试', async () => {
    server.use(...dashboardHandlers(NOT_CONNECTED, [notification(1)], 1));
    server.use(
      graphql.mutation('MarkNotificationsRead', () =>
        HttpResponse.json({
          data: { markNotificationsRead: { __typename: 'BaseError', code: 'FORBIDDEN', message: '无权执行此操作' } },
        }),
      ),
    );
    const view = renderApp('/access/notifications', { viewer });
    await userEvent.setup().click(await screen.findByTestId('mark-all-read'));
    expect((await screen.findByTestId('mark-read-error')).textContent).toContain('无权执行此操作');
    view.unmount();

    server.use(graphql.query('Notifications', () => HttpResponse.json({ errors: [{ message: '网络错误' }] })));
    renderApp('/access/notifications', { viewer });
    expect((await screen.findByTestId('load-error')).textContent).toContain('网络错误');
  });

  it('加载更多 asks for the next page', async () => {
    const firsts: unknown[] = [];
    server.use(...dashboardHandlers(NOT_CONNECTED));
    server.use(
      graphql.query('Notifications', ({ variables }) => {
        firsts.push(variables.first);
        return HttpResponse.json({ data: notificationsData([notification(1)], 0, variables.first === 20) });
      }),
    );
    renderApp('/access/notifications', { viewer, lang: 'en' });
    await userEvent.setup().click(await screen.findByTestId('load-more'));
    await waitFor(() => expect(firsts).toContain(40));
    expect(screen.getByText('Notifications')).toBeTruthy();
  });

  it('an endpoint the platform disabled after every retry failed is in the inbox, with the way to 开发者设置', async () => {
    const endpoint = (id: string, url: string, disabledReason: string | null) => ({
      __typename: 'WebhookEndpoint',
      id,
      url,
      description: '',
      eventTypes: [],
      status: disabledReason ? 'DISABLED' : 'ENABLED',
      disabledReason,
      previousSecretValidUntil: null,
      version: 2,
      createdAt: '2026-12-01T08:00:00.000Z',
      updatedAt: '2026-12-02T09:30:00.000Z',
    });
    server.use(...dashboardHandlers(NOT_CONNECTED, [notification(1)], 1));
    server.use(
      graphql.query('WebhookEndpoints', () =>
        HttpResponse.json({
          data: {
            webhookEventTypes: [],
            webhookEndpoints: {
              __typename: 'WebhookEndpointConnection',
              totalCount: 3,
              pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
              edges: [
                endpoint('ep-1', 'https://erp.example.com/hooks', 'RETRIES_EXHAUSTED'),
                endpoint('ep-2', 'https://paused.example.com/hooks', 'BY_OWNER'),
                endpoint('ep-3', 'https://ok.example.com/hooks', null),
              ].map((node) => ({ __typename: 'WebhookEndpointEdge', node })),
            },
          },
        }),
      ),
    );
    renderApp('/access/notifications', { viewer });
    const alerts = await screen.findByTestId('webhook-alerts');
    // only the endpoint the platform turned off: one its enterprise paused is not news
    expect(within(alerts).getAllByRole('alert')).toHaveLength(1);
    expect(alerts.textContent).toContain('Webhook 端点已自动停用');
    expect(alerts.textContent).toContain('https://erp.example.com/hooks');
    expect(alerts.textContent).not.toContain('paused.example.com');
    await userEvent.setup().click(within(alerts).getByRole('button', { name: '开发者设置' }));
    expect(await screen.findByText('开发者设置 · Webhooks')).toBeTruthy();
  });

  it('a tax clerk, who may not turn an endpoint on again, is not asked about webhooks', async () => {
    const asked: string[] = [];
    server.use(...dashboardHandlers(NOT_CONNECTED, [notification(1)], 1));
    server.use(
      graphql.query('WebhookEndpoints', () => {
        asked.push('WebhookEndpoints');
        return HttpResponse.json({ errors: [{ message: 'refused', extensions: { code: 'IDENTITY_NOT_ALLOWED' } }] });
      }),
    );
    renderApp('/access/notifications', { viewer: enterpriseViewer({ identityType: 'TAX_CLERK' }) });
    await screen.findByTestId('notification-list');
    expect(asked).toEqual([]);
    expect(screen.queryByTestId('webhook-alerts')).toBeNull();
  });
});
