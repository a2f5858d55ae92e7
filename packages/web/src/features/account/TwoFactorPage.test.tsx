import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { SessionViewer } from '../../app/viewer.ts';
import { enterpriseViewer } from '../../test/fixtures.ts';
import { myApplicationsHandler } from '../../test/handlers.ts';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';
import { dashboardHandlers, NOT_CONNECTED } from '../dashboard/fixtures.ts';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const CODES = Array.from({ length: 10 }, (_, index) => `abcde-fgh${String.fromCharCode(106 + index)}k`);
const WRONG_CODE = {
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
};

/** The session's viewer as the server tells it, following enrolment and turning off; what each mutation sent. */
function twoFactorServer(before: SessionViewer) {
  let current = before;
  const sent: { operation: string; variables: unknown }[] = [];
  const viewer = () => ({ __typename: 'Viewer', ...current });
  localStorage.setItem('leqi.token', 'tok-2fa');
  server.use(
    graphql.query('SessionViewer', () => HttpResponse.json({ data: { viewer: viewer() } })),
    graphql.mutation('BeginTwoFactorEnrolment', () => {
      sent.push({ operation: 'begin', variables: {} });
      return HttpResponse.json({
        data: {
          beginTwoFactorEnrolment: {
            __typename: 'TwoFactorEnrolmentOffer',
            secret: SECRET,
            otpauthUri: `otpauth://totp/x:${current.username}?secret=${SECRET}`,
          },
        },
      });
    }),
    graphql.mutation('ConfirmTwoFactorEnrolment', ({ variables }) => {
      sent.push({ operation: 'confirm', variables });
      if (variables.input.oneTimeCode !== '123456')
        return HttpResponse.json({ data: { confirmTwoFactorEnrolment: WRONG_CODE } });
      current = { ...current, twoFactorEnabled: true };
      return HttpResponse.json({
        data: {
          confirmTwoFactorEnrolment: { __typename: 'TwoFactorEnrolled', recoveryCodes: CODES, viewer: viewer() },
        },
      });
    }),
    graphql.mutation('RegenerateRecoveryCodes', ({ variables }) => {
      sent.push({ operation: 'regenerate', variables });
      return HttpResponse.json({
        data: {
          regenerateRecoveryCodes: {
            __typename: 'RecoveryCodes',
            recoveryCodes: CODES.map((code) => code.toUpperCase()),
          },
        },
      });
    }),
    graphql.mutation('DisableTwoFactor', ({ variables }) => {
      sent.push({ operation: 'disable', variables });
      if (variables.input.oneTimeCode !== '654321')
        return HttpResponse.json({ data: { disableTwoFactor: WRONG_CODE } });
      current = { ...current, twoFactorEnabled: false };
      return HttpResponse.json({ data: { disableTwoFactor: { __typename: 'TwoFactorDisabled', viewer: viewer() } } });
    }),
    myApplicationsHandler([]),
    ...dashboardHandlers(NOT_CONNECTED),
  );
  return sent;
}

describe('双因素认证', () => {
  it('a user whose role requires two factors is sent to set them up from any page, and on once they are', async () => {
    const sent = twoFactorServer(enterpriseViewer({ twoFactorRequired: true }));
    renderApp('/access/overview');
    expect((await screen.findByTestId('two-factor-required')).textContent).toContain('须设置双因素认证');
    expect(screen.queryByTestId('two-factor-back')).toBeNull();
    expect(screen.queryByTestId('dashboard')).toBeNull();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('two-factor-start'));
    expect((await screen.findByTestId('two-factor-secret')).textContent).toBe(
      'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP',
    );
    expect(screen.getByTestId('two-factor-qr').querySelector('canvas')).toBeTruthy();

    await user.click(screen.getByTestId('two-factor-confirm'));
    expect(await screen.findByText('请输入 6 位动态验证码或恢复码')).toBeTruthy();
    await user.type(screen.getByTestId('one-time-code'), '000000');
    await user.click(screen.getByTestId('two-factor-confirm'));
    expect(await screen.findByText('动态验证码或恢复码不正确')).toBeTruthy();
    expect(screen.queryByTestId('two-factor-error')).toBeNull();

    await user.clear(screen.getByTestId('one-time-code'));
    await user.type(screen.getByTestId('one-time-code'), ' 123456 ');
    await user.click(screen.getByTestId('two-factor-confirm'));
    const list = await screen.findByTestId('recovery-codes');
    expect([...list.querySelectorAll('li')].map((item) => item.textContent)).toEqual(CODES);
    expect(sent.map((entry) => entry.operation)).toEqual(['begin', 'confirm', 'confirm']);
    expect(sent[2]?.variables).toEqual({ input: { oneTimeCode: '123456' } });
    await user.click(screen.getByTestId('recovery-codes-saved'));
    expect(await screen.findByTestId('dashboard')).toBeTruthy();
  });

  it('once on, makes new recovery codes and turns off with a code, reached from the header', async () => {
    const sent = twoFactorServer(enterpriseViewer({ twoFactorEnabled: true }));
    renderApp('/access/overview');
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('two-factor'));
    expect((await screen.findByTestId('two-factor-state')).textContent).toContain('已开启');
    await user.type(screen.getByTestId('one-time-code'), '111111');
    await user.click(screen.getByTestId('recovery-codes-regenerate'));
    const list = await screen.findByTestId('recovery-codes');
    expect(list.querySelectorAll('li')[0]?.textContent).toBe('ABCDE-FGHJK');
    await user.click(screen.getByTestId('recovery-codes-saved'));
    await screen.findByTestId('dashboard');

    await user.click(screen.getByTestId('two-factor'));
    await user.type(await screen.findByTestId('one-time-code'), '000000');
    await user.click(screen.getByTestId('two-factor-disable'));
    expect(await screen.findByText('动态验证码或恢复码不正确')).toBeTruthy();
    await user.clear(screen.getByTestId('one-time-code'));
    await user.type(screen.getByTestId('one-time-code'), '654321');
    await user.click(screen.getByTestId('two-factor-disable'));
    await waitFor(() => expect(screen.getByTestId('two-factor-state').textContent).toContain('未开启'));
    expect(sent.map((entry) => entry.operation)).toEqual(['regenerate', 'disable', 'disable']);
  });

  it('what the role requires offers no way to turn it off', async () => {
    twoFactorServer(enterpriseViewer({ twoFactorEnabled: true, twoFactorRequired: true }));
    renderApp('/account/two-factor');
    expect((await screen.findByTestId('two-factor-state')).textContent).toContain('已开启');
    expect(screen.getByText(/不能关闭/)).toBeTruthy();
    expect(screen.queryByTestId('two-factor-disable')).toBeNull();
    expect(screen.getByTestId('two-factor-back')).toBeTruthy();
  });

  it('speaks English', async () => {
    twoFactorServer(enterpriseViewer({ twoFactorRequired: true }));
    renderApp('/account/two-factor', { lang: 'en' });
    expect((await screen.findByTestId('two-factor-required')).textContent).toContain('set up two factors');
    expect(screen.getByTestId('two-factor-start').textContent).toBe('Set up');
  });
});
