import { act, screen, waitFor } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { liveState } from '../app/client.ts';
import { dashboardHandlers, NOT_CONNECTED } from '../features/dashboard/fixtures.ts';
import { enterpriseViewer, officerViewer } from '../test/fixtures.ts';
import { renderApp } from '../test/render.tsx';
import { server } from '../test/server.ts';

// the pages are lazy chunks: load them once before the first test so a busy machine does not time it out
beforeAll(async () => {
  await Promise.all([
    import('../features/workbench/QueuePage.tsx'),
    import('../features/workbench/WorkbenchShell.tsx'),
    import('../features/dashboard/DashboardPage.tsx'),
    import('../features/enterprise/EnterpriseShell.tsx'),
  ]);
}, 60_000);

describe('live connection', () => {
  it('the indicator says 连接已断开，重新连接中 while the socket is down, 实时 when back', async () => {
    server.use(
      graphql.query('ReviewQueue', () =>
        HttpResponse.json({
          data: { reviewQueue: { totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } } },
        }),
      ),
    );
    renderApp('/workbench/queue/ACCEPTANCE', { viewer: officerViewer() });
    const indicator = await screen.findByTestId('live-indicator');
    act(() => liveState.set('connected'));
    expect(indicator.textContent).toBe('实时');
    act(() => liveState.set('closed'));
    expect(indicator.textContent).toBe('连接已断开，重新连接中');
    expect(indicator.getAttribute('data-state')).toBe('closed');
  });

  it('a page whose subscription had no cursor yet refetches when the socket comes back', async () => {
    let asked = 0;
    server.use(...dashboardHandlers(NOT_CONNECTED));
    server.use(
      graphql.query('EnterpriseOverview', () => {
        asked += 1;
        return HttpResponse.json({ data: { enterpriseOverview: NOT_CONNECTED } });
      }),
    );
    renderApp('/access/overview', { viewer: enterpriseViewer() });
    await screen.findByTestId('card-dcu');
    const before = asked;
    act(() => {
      liveState.set('closed');
      liveState.reconnected();
      liveState.set('connected');
    });
    await waitFor(() => expect(asked).toBeGreaterThan(before));
  });
});
