import type { CaseStatus } from '@leqi/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CAPABILITIES,
  capabilitySubscription,
  connection,
  exitApplication,
  officerViewer,
  queueCase,
  SHENLIAN,
} from '../../test/fixtures.ts';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';

const pudong = officerViewer({
  username: 'pd.officer1',
  displayName: '浦东 审核员一',
  authority: { code: '13101150000', name: '国家税务总局上海市浦东新区税务局', level: 'LOCAL' },
});
const slCase = { id: 'ent-sl', uscc: SHENLIAN.uscc, name: SHENLIAN.name, __typename: 'Enterprise' };

describe('审核工作台: 退出申请 and 能力订阅', () => {
  // load the lazy workbench chunks once up front so the first test is not timed on a cold import
  beforeAll(async () => {
    await Promise.all([import('./QueuePage.tsx'), import('./WorkbenchShell.tsx')]);
  }, 60_000);

  it('the kind switch queries EXIT_APPLICATION on three steps and CAPABILITY_SUBSCRIPTION on 待审核 (REVIEW) only', async () => {
    const asked: { kind: string; step: string }[] = [];
    server.use(
      graphql.query('ReviewQueue', ({ variables }) => {
        asked.push({ kind: variables.kind as string, step: variables.step as string });
        const node =
          variables.kind === 'CAPABILITY_SUBSCRIPTION'
            ? queueCase({ id: 'sub-1', status: 'PENDING_APPROVAL', statusLabel: '待审核', enterprise: slCase })
            : queueCase({ id: 'exit-1', status: 'PENDING_ACCEPTANCE', statusLabel: '待受理', enterprise: slCase });
        return HttpResponse.json({ data: { reviewQueue: connection([node]) } });
      }),
    );
    renderApp('/workbench/queue/ACCEPTANCE', { viewer: pudong });
    const user = userEvent.setup();
    await screen.findByTestId(`queue-row-${SHENLIAN.uscc}`);

    await user.click(screen.getByTestId('queue-kind-EXIT_APPLICATION'));
    await waitFor(() => expect(asked.at(-1)).toEqual({ kind: 'EXIT_APPLICATION', step: 'ACCEPTANCE' }));
    expect(screen.getByTestId('queue-tab-REVIEW').textContent).toBe('待复核');
    expect(screen.getByTestId('queue-tab-CONFIRMATION').textContent).toBe('待确认');
    await user.click(screen.getByTestId('queue-tab-CONFIRMATION'));
    await waitFor(() => expect(asked.at(-1)).toEqual({ kind: 'EXIT_APPLICATION', step: 'CONFIRMATION' }));

    await user.click(screen.getByTestId('queue-kind-CAPABILITY_SUBSCRIPTION'));
    await waitFor(() => expect(asked.at(-1)).toEqual({ kind: 'CAPABILITY_SUBSCRIPTION', step: 'REVIEW' }));
    expect(screen.getByTestId('queue-tab-REVIEW').textContent).toBe('待审核');
    expect(screen.queryByTestId('queue-tab-ACCEPTANCE')).toBeNull();
    expect(screen.queryByTestId('queue-tab-CONFIRMATION')).toBeNull();
    expect((await screen.findByTestId(`queue-row-${SHENLIAN.uscc}`)).textContent).toContain('待审核');
  });

  it('an exit case: the signed form is downloadable and 受理 sends the version it was shown', async () => {
    let version = 2;
    const decisions: unknown[] = [];
    const current = () =>
      exitApplication({
        version,
        status: version === 2 ? 'PENDING_ACCEPTANCE' : 'PENDING_REVIEW',
        availableActions:
          version === 2
            ? [
                { event: 'accept', label: '受理', needsReason: false },
                { event: 'refuse', label: '不予受理', needsReason: true },
              ]
            : [],
        blockedReason: version === 2 ? null : '同一事项的连续两个环节不能由同一人办理',
      });
    server.use(
      graphql.query('ReviewQueue', () =>
        HttpResponse.json({
          data: { reviewQueue: connection([queueCase({ id: 'exit-1', enterprise: slCase })]) },
        }),
      ),
      graphql.query('ExitApplicationCase', ({ variables }) => {
        expect(variables.id).toBe('exit-1');
        return HttpResponse.json({ data: { node: current() } });
      }),
      graphql.mutation('acceptExitApplication', ({ variables }) => {
        decisions.push(variables.input);
        version = 3;
        return HttpResponse.json({
          data: { acceptExitApplication: { __typename: 'ExitApplicationSuccess', exitApplication: current() } },
        });
      }),
    );
    renderApp('/workbench/queue/ACCEPTANCE?kind=EXIT_APPLICATION', { viewer: pudong });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId(`queue-row-${SHENLIAN.uscc}`));
    await screen.findByTestId('case-detail');
    expect(screen.getByTestId('case-status').textContent).toBe('待受理');
    expect(screen.getByTestId('case-enterprise-name').textContent).toBe(SHENLIAN.name);
    const form = within(screen.getByTestId('material-list'))
      .getByText(/直连单位退出申请表\.pdf/)
      .closest('a');
    expect(form?.getAttribute('href')).toContain('/files/');

    await user.click(screen.getByTestId('action-accept'));
    expect((await screen.findByTestId('decision-result')).textContent).toContain('待复核');
    expect(decisions).toEqual([{ id: 'exit-1', expectedVersion: 2 }]);
    expect((await screen.findByTestId('blocked-reason')).textContent).toContain('不能由同一人办理');
  });

  it('an exit refusal asks for the reason; a stale version is reported', async () => {
    const decisions: unknown[] = [];
    server.use(
      graphql.query('ExitApplicationCase', () =>
        HttpResponse.json({
          data: {
            node: exitApplication({
              version: 5,
              status: 'PENDING_CONFIRMATION',
              availableActions: [
                { event: 'confirm', label: '确认通过', needsReason: false },
                { event: 'rejectConfirmation', label: '确认不通过', needsReason: true },
              ],
            }),
          },
        }),
      ),
      graphql.mutation('rejectExitApplicationConfirmation', ({ variables }) => {
        decisions.push(variables.input);
        return HttpResponse.json({
          data: {
            rejectExitApplicationConfirmation: {
              __typename: 'StaleVersionError',
              code: 'STALE_VERSION',
              message: '该事项已被他人处理',
              currentVersion: 6,
            },
          },
        });
      }),
    );
    renderApp('/workbench/exits/exit-1', { viewer: officerViewer({ username: 'sh.confirmer' }) });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('action-rejectConfirmation'));
    await user.type(await screen.findByTestId('reason-input'), '退出原因说明不充分');
    await user.click(screen.getByTestId('reason-submit'));
    expect(await screen.findByTestId('stale-version')).toBeTruthy();
    expect(decisions).toEqual([{ id: 'exit-1', expectedVersion: 5, reason: '退出原因说明不充分' }]);
  });

  it('a subscription case shows what is asked for and 审核通过 sends expectedVersion', async () => {
    const decisions: unknown[] = [];
    let status: CaseStatus = 'PENDING_APPROVAL';
    const current = () =>
      capabilitySubscription({
        version: status === 'PENDING_APPROVAL' ? 1 : 2,
        status,
        availableActions:
          status === 'PENDING_APPROVAL'
            ? [
                { event: 'approve', label: '审核通过', needsReason: false },
                { event: 'reject', label: '审核不通过', needsReason: true },
              ]
            : [],
      });
    server.use(
      graphql.query('CapabilitySubscriptionCase', () =>
        HttpResponse.json({ data: { node: current(), capabilities: CAPABILITIES } }),
      ),
      graphql.mutation('approveCapabilitySubscription', ({ variables }) => {
        decisions.push(variables.input);
        status = 'APPROVED';
        return HttpResponse.json({
          data: {
            approveCapabilitySubscription: {
              __typename: 'CapabilitySubscriptionSuccess',
              capabilitySubscription: current(),
            },
          },
        });
      }),
    );
    renderApp('/workbench/subscriptions/sub-1', { viewer: pudong });
    const detail = await screen.findByTestId('subscription-detail');
    expect(screen.getByTestId('case-status').textContent).toBe('待审核');
    expect(detail.textContent).toContain('申联财务共享平台');
    expect(detail.textContent).toContain('2027-12-31');
    expect(within(screen.getByTestId('subscription-capabilities')).getByText('发票查验能力')).toBeTruthy();
    expect(screen.getByTestId('subscription-capabilities').textContent).toContain('20000');
    await userEvent.setup().click(screen.getByTestId('action-approve'));
    expect((await screen.findByTestId('decision-result')).textContent).toContain('审核通过');
    expect(decisions).toEqual([{ id: 'sub-1', expectedVersion: 1 }]);
  });
});
