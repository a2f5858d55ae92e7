import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';
import { adminConnection, adminViewer } from './test-kit.ts';

const account = (overrides: Record<string, unknown> = {}) => ({
  __typename: 'UserAccount',
  id: 'u-ny',
  username: 'ny.clerk',
  displayName: '南粤 办税员',
  role: 'ENTERPRISE',
  identityType: 'TAX_CLERK',
  enterprise: { __typename: 'Enterprise', id: 'ent-ny', uscc: '91440100787789328C', name: '广州南粤小商品有限公司' },
  authority: null,
  disabled: false,
  twoFactorEnabled: false,
  signInLockedUntil: null,
  version: 3,
  ...overrides,
});

const listHandler = (rows = [account()]) =>
  graphql.query('UserAccounts', () =>
    HttpResponse.json({ data: { userAccounts: adminConnection('UserAccount', rows) } }),
  );

describe('用户账号', () => {
  it('creates an enterprise user and shows the temporary password once', async () => {
    const sent: Record<string, unknown>[] = [];
    server.use(
      listHandler(),
      graphql.mutation('CreateUserAccount', ({ variables }) => {
        sent.push(variables.input);
        return HttpResponse.json({
          data: {
            createUserAccount: {
              __typename: 'CreateUserAccountSuccess',
              credentials: {
                __typename: 'AccountCredentials',
                temporaryPassword: 'LqAbcdEfgh23459',
                account: account({ id: 'u-new', username: 'yf.new' }),
              },
            },
          },
        });
      }),
    );
    renderApp('/admin/accounts', { viewer: adminViewer });
    expect(await screen.findByText('南粤 办税员', {}, { timeout: 20_000 })).toBeTruthy();
    expect(screen.getByText(/广州南粤小商品有限公司 · 办税员/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('add-account'));
    const form = await screen.findByTestId('account-form');
    fireEvent.change(within(form).getByLabelText('用户名'), { target: { value: 'yf.new' } });
    fireEvent.change(within(form).getByLabelText('姓名'), { target: { value: '新办税员' } });
    // the enterprise field follows the role chosen (ENTERPRISE by default) and may render a moment after the form
    fireEvent.change(await within(form).findByLabelText('所属企业（统一社会信用代码）'), {
      target: { value: '91440100628194821M' },
    });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect((await screen.findByTestId('temporary-password')).textContent).toContain('LqAbcdEfgh23459');
    expect(sent[0]).toMatchObject({
      username: 'yf.new',
      displayName: '新办税员',
      role: 'ENTERPRISE',
      enterpriseUscc: '91440100628194821M',
    });
  }, 60_000);

  it('disables after confirmation with the version read, and resets a password', async () => {
    const disabled: Record<string, unknown>[] = [];
    const resets: Record<string, unknown>[] = [];
    server.use(
      listHandler(),
      graphql.mutation('SetUserAccountDisabled', ({ variables }) => {
        disabled.push(variables.input);
        return HttpResponse.json({
          data: {
            setUserAccountDisabled: {
              __typename: 'SetUserAccountDisabledSuccess',
              account: account({ disabled: true, version: 4 }),
            },
          },
        });
      }),
      graphql.mutation('ResetUserPassword', ({ variables }) => {
        resets.push(variables.input);
        return HttpResponse.json({
          data: {
            resetUserPassword: {
              __typename: 'ResetUserPasswordSuccess',
              credentials: {
                __typename: 'AccountCredentials',
                temporaryPassword: 'LqTempPass23459',
                account: account(),
              },
            },
          },
        });
      }),
    );
    renderApp('/admin/accounts', { viewer: adminViewer });
    fireEvent.click(await screen.findByTestId('toggle-ny.clerk', {}, { timeout: 20_000 }));
    expect(await screen.findByText('停用后该用户不能登录，已登录的会话立即失效。确定停用？')).toBeTruthy();
    expect(disabled).toHaveLength(0);
    fireEvent.click(screen.getAllByRole('button', { name: /确\s*定|OK/ }).at(-1) as HTMLElement);
    await waitFor(() => expect(disabled).toEqual([{ id: 'u-ny', disabled: true, expectedVersion: 3 }]));

    fireEvent.click(screen.getByTestId('reset-ny.clerk'));
    // the dialog's own button (the row's button has the same name)
    await waitFor(() => expect(screen.getAllByRole('button', { name: '重置密码' }).length).toBeGreaterThan(1));
    fireEvent.click(screen.getAllByRole('button', { name: '重置密码' }).at(-1) as HTMLElement);
    expect((await screen.findByTestId('temporary-password')).textContent).toContain('LqTempPass23459');
    expect(resets).toEqual([{ id: 'u-ny', newPassword: null }]);
  }, 60_000);

  it('resets the two factors of a user who has them, after a warning, with the version read', async () => {
    const resets: Record<string, unknown>[] = [];
    server.use(
      listHandler([account({ twoFactorEnabled: true }), account({ id: 'u-2', username: 'ny.other' })]),
      graphql.mutation('ResetUserTwoFactor', ({ variables }) => {
        resets.push(variables.input);
        return HttpResponse.json({
          data: {
            resetUserTwoFactor: { __typename: 'ResetUserTwoFactorSuccess', account: account({ version: 4 }) },
          },
        });
      }),
    );
    renderApp('/admin/accounts', { viewer: adminViewer });
    expect((await screen.findByTestId('two-factor-ny.clerk', {}, { timeout: 20_000 })).textContent).toBe('双因素认证');
    // nothing to reset for a user without two factors
    expect(screen.queryByTestId('two-factor-ny.other')).toBeNull();
    expect(screen.queryByTestId('reset-two-factor-ny.other')).toBeNull();
    fireEvent.click(screen.getByTestId('reset-two-factor-ny.clerk'));
    expect(await screen.findByText(/身份验证器密钥与恢复码全部作废/)).toBeTruthy();
    expect(resets).toHaveLength(0);
    fireEvent.click(screen.getAllByRole('button', { name: /确\s*定|OK/ }).at(-1) as HTMLElement);
    await waitFor(() => expect(resets).toEqual([{ id: 'u-ny', expectedVersion: 3 }]));
    expect(await screen.findByText('双因素认证已重置，该用户的登录会话均已失效')).toBeTruthy();
  }, 60_000);
});
