import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { dashboardHandlers, NOT_CONNECTED } from '../features/dashboard/fixtures.ts';
import { enterpriseFacts, enterpriseViewer, officerViewer } from '../test/fixtures.ts';
import { myApplicationsHandler } from '../test/handlers.ts';
import { renderApp } from '../test/render.tsx';
import { server } from '../test/server.ts';

describe('app shell', () => {
  it('sends the token, the CSRF header and the language with every request; English is remembered', async () => {
    const headers: Headers[] = [];
    server.use(
      graphql.query('MyAccessApplications', ({ request }) => {
        headers.push(request.headers);
        return HttpResponse.json({
          data: {
            viewer: {
              __typename: 'Viewer',
              accountId: 'v',
              // not yet a DCU: the server says a first application may start
              enterprise: { ...enterpriseFacts(), mayStartAccessApplication: true },
              accessApplications: [],
            },
          },
        });
      }),
    );
    renderApp('/access/application', { viewer: enterpriseViewer() });
    expect((await screen.findByTestId('apply-button')).textContent).toContain('我要申请');
    const first = headers[0];
    expect(first?.get('authorization')).toBe('Bearer token-yf.legal');
    expect(first?.get('x-leqi-csrf')).toBe('1');
    expect(first?.get('accept-language')).toBe('zh-CN');

    await userEvent.setup().click(screen.getByTestId('language-switch'));
    expect((await screen.findByTestId('apply-button')).textContent).toContain('Apply');
    expect(localStorage.getItem('leqi.lang')).toBe('en');
    await waitFor(() => expect(headers.at(-1)?.get('accept-language')).toBe('en'));
    expect(screen.getByTestId('identity-type').textContent).toBe('Legal representative');
  });

  it('keeps officers out of enterprise pages and enterprises out of the workbench', async () => {
    server.use(
      graphql.query('ReviewQueue', () =>
        HttpResponse.json({
          data: { reviewQueue: { totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } } },
        }),
      ),
    );
    const officer = renderApp('/access/application', { viewer: officerViewer() });
    expect(await screen.findByTestId('queue-table')).toBeTruthy();
    expect(screen.queryByTestId('apply-button')).toBeNull();
    officer.unmount();

    server.use(myApplicationsHandler([]), ...dashboardHandlers(NOT_CONNECTED));
    renderApp('/workbench/queue/ACCEPTANCE', { viewer: enterpriseViewer() });
    expect(await screen.findByTestId('dashboard')).toBeTruthy();
    expect(screen.queryByTestId('queue-table')).toBeNull();
  });

  it('sends a visitor without a session to 登录', async () => {
    renderApp('/workbench');
    expect(await screen.findByTestId('signin-submit')).toBeTruthy();
  });

  it('drops a token the server no longer accepts', async () => {
    localStorage.setItem('leqi.token', 'expired');
    renderApp('/access/application');
    expect(await screen.findByTestId('signin-submit')).toBeTruthy();
    expect(localStorage.getItem('leqi.token')).toBeNull();
  });
});
