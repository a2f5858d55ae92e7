import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';
import { adminConnection, adminViewer } from './test-kit.ts';

const entry = (overrides: Record<string, unknown> = {}) => ({
  __typename: 'SecurityLogEntry',
  sequence: '41',
  occurredAt: '2026-12-07T08:15:00.000Z',
  type: 'signInFailed',
  outcome: 'FAILURE',
  username: 'th.officer1',
  actorName: null,
  actorRole: null,
  address: '10.1.2.3',
  object: '安全事件 th.officer1',
  reason: 'WRONG_PASSWORD',
  ...overrides,
});

describe('安全审计', () => {
  it('lists the records with the manual’s words, filters them on the server, and exports what is selected', async () => {
    const asked: unknown[] = [];
    const exported: unknown[] = [];
    server.use(
      graphql.query('SecurityLog', ({ variables }) => {
        asked.push(variables.filter);
        const rows = [
          entry(),
          entry({
            sequence: '40',
            type: 'signInSucceeded',
            outcome: 'SUCCESS',
            actorName: '天河 审核员一',
            actorRole: 'OFFICER',
            reason: null,
          }),
        ];
        return HttpResponse.json({ data: { securityLog: adminConnection('SecurityLogEntry', rows) } });
      }),
      graphql.query('SecurityLogExportUrl', ({ variables }) => {
        exported.push(variables.filter);
        return HttpResponse.json({ data: { securityLogExportUrl: '/security-log/e30.xlsx?u=x&e=1&s=y' } });
      }),
    );
    renderApp('/admin/security-log', { viewer: adminViewer });
    const table = await screen.findByTestId('security-log', {}, { timeout: 20_000 });
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBe(3));
    const [failure, success] = within(table).getAllByRole('row').slice(1);
    expect(failure?.textContent).toContain('登录失败');
    expect(failure?.textContent).toContain('密码错误');
    expect(failure?.textContent).toContain('10.1.2.3');
    expect(success?.textContent).toContain('天河 审核员一（税务人员）');
    expect(asked[0]).toEqual({});

    const user = userEvent.setup();
    await user.type(within(screen.getByTestId('security-filter-user')).getByRole('searchbox'), 'TH.officer1{Enter}');
    await waitFor(() => expect(asked.at(-1)).toEqual({ username: 'TH.officer1' }));
    fireEvent.mouseDown(within(screen.getByTestId('security-filter-outcome')).getByRole('combobox'));
    await user.click(await screen.findByTitle('失败'));
    await waitFor(() => expect(asked.at(-1)).toEqual({ username: 'TH.officer1', outcome: 'FAILURE' }));

    await user.click(screen.getByTestId('security-export'));
    await waitFor(() => expect(exported).toEqual([{ username: 'TH.officer1', outcome: 'FAILURE' }]));
  }, 60_000);
});
