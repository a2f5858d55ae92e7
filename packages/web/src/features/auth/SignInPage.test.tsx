import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { enterpriseViewer } from '../../test/fixtures.ts';
import { myApplicationsHandler } from '../../test/handlers.ts';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';
import { dashboardHandlers, NOT_CONNECTED } from '../dashboard/fixtures.ts';

describe('登录', () => {
  it('lists the demo users and fills the form with the clicked one', async () => {
    renderApp('/login');
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('demo-user-th.officer1'));
    expect(screen.getByTestId('signin-username')).toHaveProperty('value', 'th.officer1');
    expect(screen.getByTestId('signin-password')).toHaveProperty('value', 'Leqi@2026');
    expect(screen.getByTestId('demo-user-gd.confirmer').textContent).toContain('广东省局 确认岗');
  });

  it('is just the sign-in form where the deployment has no demo users (production), and says why sign-in waits', async () => {
    server.use(
      graphql.query('DemoUsers', () => HttpResponse.json({ data: { demoUsers: [] } })),
      graphql.mutation('SignIn', () =>
        HttpResponse.json({
          data: {
            signIn: {
              __typename: 'RetryLaterError',
              code: 'LIMIT_EXCEEDED',
              message: '登录尝试过于频繁，请 1 分钟后再试',
            },
          },
        }),
      ),
    );
    renderApp('/login');
    const user = userEvent.setup();
    await user.type(await screen.findByTestId('signin-username'), 'platform.admin');
    await user.type(screen.getByTestId('signin-password'), 'Leqi@2026');
    await user.click(screen.getByTestId('signin-submit'));
    expect((await screen.findByTestId('signin-error')).textContent).toContain('请 1 分钟后再试');
    expect(screen.queryByTestId('demo-users-card')).toBeNull();
    expect(screen.queryByText('演示用户')).toBeNull();
    expect(document.body.textContent).not.toContain('Leqi@2026');
  });

  it('says why when the server ended the stored session, and only then', async () => {
    localStorage.setItem('leqi.token', 'tok-ended');
    server.use(graphql.query('SessionViewer', () => HttpResponse.json({ data: { viewer: null } })));
    renderApp('/workbench');
    expect((await screen.findByTestId('session-ended')).textContent).toContain('您的登录已失效');
    expect(localStorage.getItem('leqi.token')).toBeNull();
  });

  it('shows no session notice on an ordinary visit', async () => {
    renderApp('/login');
    await screen.findByTestId('demo-user-th.officer1');
    expect(screen.queryByTestId('session-ended')).toBeNull();
  });

  it('shows the server message when sign-in fails', async () => {
    let sent: unknown;
    server.use(
      graphql.mutation('SignIn', ({ variables }) => {
        sent = variables;
        return HttpResponse.json({
          data: { signIn: { __typename: 'BaseError', code: 'UNAUTHENTICATED', message: '用户名或密码错误' } },
        });
      }),
    );
    renderApp('/login');
    const user = userEvent.setup();
    await user.type(await screen.findByTestId('signin-username'), 'yf.legal');
    await user.type(screen.getByTestId('signin-password'), 'wrong');
    await user.click(screen.getByTestId('signin-submit'));
    expect((await screen.findByTestId('signin-error')).textContent).toContain('用户名或密码错误');
    expect(sent).toEqual({ input: { username: 'yf.legal', password: 'wrong' } });
    expect(localStorage.getItem('leqi.token')).toBeNull();
  });

  it('stores the token and routes an enterprise user to 企业概览', async () => {
    // after a session the server ended: signing in again clears the notice
    sessionStorage.setItem('leqi.sessionEnded', '1');
    const viewer = enterpriseViewer();
    server.use(
      graphql.mutation('SignIn', () =>
        HttpResponse.json({
          data: {
            signIn: { __typename: 'SignInSuccess', token: 'tok-1', viewer: { __typename: 'Viewer', ...viewer } },
          },
        }),
      ),
      graphql.query('SessionViewer', ({ request }) =>
        HttpResponse.json({
          data: {
            viewer:
              request.headers.get('authorization') === 'Bearer tok-1' ? { __typename: 'Viewer', ...viewer } : null,
          },
        }),
      ),
      myApplicationsHandler([]),
      ...dashboardHandlers(NOT_CONNECTED),
    );
    renderApp('/login');
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('demo-user-yf.legal'));
    await user.click(screen.getByTestId('signin-submit'));
    expect(await screen.findByTestId('dashboard')).toBeTruthy();
    expect(localStorage.getItem('leqi.token')).toBe('tok-1');
    expect(sessionStorage.getItem('leqi.sessionEnded')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('enterprise-name').textContent).toBe('广州云帆科技集团有限公司'));
    expect(screen.getByTestId('identity-type').textContent).toBe('法定代表人');
  });

  it('asks for the code of an account with two factors, and puts a wrong one under its field', async () => {
    const viewer = enterpriseViewer({ twoFactorEnabled: true });
    const sent: unknown[] = [];
    server.use(
      graphql.mutation('SignIn', ({ variables }) => {
        sent.push(variables);
        const code = variables.input.oneTimeCode;
        if (!code) {
          return HttpResponse.json({
            data: { signIn: { __typename: 'BaseError', code: 'TWO_FACTOR_REQUIRED', message: '请输入验证码' } },
          });
        }
        if (code !== '123456') {
          return HttpResponse.json({
            data: {
              signIn: {
                __typename: 'ValidationError',
                code: 'VALIDATION_FAILED',
                message: '输入有误',
                issues: [
                  {
                    __typename: 'FieldIssue',
                    field: 'oneTimeCode',
                    code: 'INCORRECT_ONE_TIME_CODE',
                    message: '动态验证码或恢复码不正确',
                  },
                ],
              },
            },
          });
        }
        return HttpResponse.json({
          data: {
            signIn: { __typename: 'SignInSuccess', token: 'tok-2', viewer: { __typename: 'Viewer', ...viewer } },
          },
        });
      }),
      graphql.query('SessionViewer', () =>
        HttpResponse.json({ data: { viewer: { __typename: 'Viewer', ...viewer } } }),
      ),
      myApplicationsHandler([]),
      ...dashboardHandlers(NOT_CONNECTED),
    );
    renderApp('/login');
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('demo-user-yf.legal'));
    expect(screen.queryByTestId('signin-code')).toBeNull();
    await user.click(screen.getByTestId('signin-submit'));
    expect((await screen.findByTestId('signin-code-needed')).textContent).toContain('密码正确');
    expect(screen.queryByTestId('signin-error')).toBeNull();
    await user.type(screen.getByTestId('signin-code'), '000000');
    await user.click(screen.getByTestId('signin-submit'));
    expect(await screen.findByText('动态验证码或恢复码不正确')).toBeTruthy();
    expect(screen.getByTestId('signin-code')).toHaveProperty('value', '');
    await user.type(screen.getByTestId('signin-code'), '123456');
    await user.click(screen.getByTestId('signin-submit'));
    expect(await screen.findByTestId('dashboard')).toBeTruthy();
    expect(sent).toEqual([
      { input: { username: 'yf.legal', password: 'Leqi@2026' } },
      { input: { username: 'yf.legal', password: 'Leqi@2026', oneTimeCode: '000000' } },
      { input: { username: 'yf.legal', password: 'Leqi@2026', oneTimeCode: '123456' } },
    ]);
  });
});
