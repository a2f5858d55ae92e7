import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { SessionViewer } from '../../app/viewer.ts';
import { enterpriseViewer, officerViewer } from '../../test/fixtures.ts';
import { myApplicationsHandler } from '../../test/handlers.ts';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';
import { dashboardHandlers, NOT_CONNECTED } from '../dashboard/fixtures.ts';

const POLICY = { minLength: 8, maxLength: 64, minClasses: 3, maxAgeDays: 90, history: 5 };

/** The session's viewer as the server tells it, changing once the password is changed; what each change sent. */
function passwordServer(before: SessionViewer, answers: Record<string, unknown>[]) {
  let current = before;
  const sent: unknown[] = [];
  localStorage.setItem('leqi.token', 'tok-pw');
  server.use(
    graphql.query('SessionViewer', () => HttpResponse.json({ data: { viewer: { __typename: 'Viewer', ...current } } })),
    graphql.query('PasswordPolicy', () =>
      HttpResponse.json({ data: { passwordPolicy: { __typename: 'PasswordPolicy', ...POLICY } } }),
    ),
    graphql.mutation('ChangePassword', ({ variables }) => {
      sent.push(variables);
      const answer = answers.shift() ?? { __typename: 'BaseError', code: 'FORBIDDEN', message: '无权' };
      if (answer.__typename === 'ChangePasswordSuccess') {
        current = { ...current, passwordChangeRequired: null };
        return HttpResponse.json({
          data: {
            changePassword: { __typename: 'ChangePasswordSuccess', viewer: { __typename: 'Viewer', ...current } },
          },
        });
      }
      return HttpResponse.json({ data: { changePassword: answer } });
    }),
    myApplicationsHandler([]),
    ...dashboardHandlers(NOT_CONNECTED),
  );
  return sent;
}

describe('修改密码', () => {
  it('a user whose password was set by the admin is sent to 修改密码 from any page, and on from there once changed', async () => {
    const sent = passwordServer(enterpriseViewer({ passwordChangeRequired: 'TEMPORARY' }), [
      {
        __typename: 'ValidationError',
        code: 'VALIDATION_FAILED',
        message: '输入有误',
        issues: [
          { __typename: 'FieldIssue', field: 'currentPassword', code: 'INCORRECT_PASSWORD', message: '当前密码不正确' },
        ],
      },
      { __typename: 'ChangePasswordSuccess' },
    ]);
    renderApp('/access/overview');
    expect((await screen.findByTestId('password-change-required')).textContent).toContain('您的密码由管理员设置');
    expect((await screen.findByTestId('password-policy')).textContent).toBe(
      '8–64 个字符，须包含大写字母、小写字母、数字、其他字符中的至少 3 类，不能包含用户名；不能与最近 5 次用过的密码相同',
    );
    // no way around it: no 返回, and the page asks before anything else
    expect(screen.queryByTestId('change-password-back')).toBeNull();
    expect(screen.queryByTestId('dashboard')).toBeNull();
    const user = userEvent.setup();
    await user.type(screen.getByTestId('current-password'), 'LqTemp123459');
    await user.type(screen.getByTestId('new-password'), 'Mine-2026-ok');
    await user.type(screen.getByTestId('confirm-password'), 'Mine-2026-no');
    await user.click(screen.getByTestId('change-password-submit'));
    expect(await screen.findByText('两次输入的新密码不一致')).toBeTruthy();
    expect(sent).toEqual([]);

    await user.clear(screen.getByTestId('confirm-password'));
    await user.type(screen.getByTestId('confirm-password'), 'Mine-2026-ok');
    await user.click(screen.getByTestId('change-password-submit'));
    expect(await screen.findByText('当前密码不正确')).toBeTruthy();
    expect(sent).toEqual([{ input: { currentPassword: 'LqTemp123459', newPassword: 'Mine-2026-ok' } }]);
    expect(screen.queryByTestId('change-password-error')).toBeNull();

    await user.clear(screen.getByTestId('current-password'));
    await user.type(screen.getByTestId('current-password'), 'LqTemp12345A');
    await user.click(screen.getByTestId('change-password-submit'));
    expect(await screen.findByTestId('dashboard')).toBeTruthy();
    expect(sent).toHaveLength(2);
  });

  it('an expired password says so; a refusal without a field (throttled) shows as the form’s problem', async () => {
    passwordServer(officerViewer({ passwordChangeRequired: 'EXPIRED' }), [
      {
        __typename: 'RetryLaterError',
        code: 'LIMIT_EXCEEDED',
        message: '尝试过于频繁，请 1 分钟后再试',
        retryAfterSeconds: 60,
      },
    ]);
    renderApp('/workbench/queue/ACCEPTANCE');
    expect((await screen.findByTestId('password-change-required')).textContent).toContain('已超过最长使用期限');
    const user = userEvent.setup();
    await user.type(screen.getByTestId('current-password'), 'Old-Pass-2026');
    await user.type(screen.getByTestId('new-password'), 'New-Pass-2026');
    await user.type(screen.getByTestId('confirm-password'), 'New-Pass-2026');
    await user.click(screen.getByTestId('change-password-submit'));
    expect((await screen.findByTestId('change-password-error')).textContent).toContain('请 1 分钟后再试');
  });

  it('reached from the header by any user, says when the password runs out, and goes back', async () => {
    passwordServer(enterpriseViewer(), []);
    renderApp('/access/overview');
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('change-password'));
    expect((await screen.findByTestId('password-expires')).textContent).toMatch(/^当前密码将于 2027-03-01/);
    expect(screen.queryByTestId('password-change-required')).toBeNull();
    await user.click(screen.getByTestId('change-password-back'));
    expect(await screen.findByTestId('dashboard')).toBeTruthy();
  });

  it('speaks English', async () => {
    passwordServer(enterpriseViewer({ passwordChangeRequired: 'TEMPORARY' }), []);
    renderApp('/account/password', { lang: 'en' });
    expect((await screen.findByTestId('password-change-required')).textContent).toContain(
      'Your password was set by an administrator',
    );
    await waitFor(() =>
      expect(screen.getByTestId('password-policy').textContent).toContain('mixing at least 3 of upper case'),
    );
  });
});
