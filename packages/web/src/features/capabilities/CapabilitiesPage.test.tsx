import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { dayInput, pickDay, weekdayHeads } from '../../test/date-picker.ts';
import {
  activeBinding,
  CAPABILITIES,
  capabilitySubscription,
  DCU,
  enterpriseViewer,
  SHENLIAN,
  USE_UNIT,
} from '../../test/fixtures.ts';
import { renderApp } from '../../test/render.tsx';
import { chooseOption, shownOptions } from '../../test/select.ts';
import { server } from '../../test/server.ts';
import { renewalDue } from './api.ts';

const legal = enterpriseViewer({
  username: 'sl.legal',
  enterprise: { id: 'ent-sl', uscc: SHENLIAN.uscc, name: SHENLIAN.name },
});

type PageOptions = {
  dcuStatus?: string;
  maySubscribeCapabilities?: boolean;
  dcuExpiresAt?: string;
  subscriptions?: unknown[];
  /** what the server says may still be granted to the bound use unit */
  authorisable?: string[];
  /** capabilities granted since (listed as ACTIVE authorisations) */
  granted?: string[];
  /** the viewer's enterprise: the DCU, or the use unit of the binding */
  viewerEnterprise?: { id: string; uscc: string; name: string };
};

const pageHandler = (options: PageOptions = {}) =>
  graphql.query('CapabilitiesPage', () => HttpResponse.json(pageBody(options)));

/** The page's answer (`{ data }`) for the options. */
function pageBody({
  dcuStatus = 'ACTIVE',
  maySubscribeCapabilities = dcuStatus === 'ACTIVE',
  dcuExpiresAt = '2028-11-25T00:00:00.000Z',
  subscriptions = [capabilitySubscription({ status: 'APPROVED' })],
  authorisable = [] as string[],
  granted = [] as string[],
  viewerEnterprise = { id: 'ent-sl', uscc: SHENLIAN.uscc, name: SHENLIAN.name },
}: PageOptions = {}) {
  const binding = activeBinding();
  return {
    data: {
      viewer: {
        __typename: 'Viewer',
        accountId: 'user-sl-legal',
        enterprise: {
          __typename: 'Enterprise',
          ...viewerEnterprise,
          dcuStatus,
          maySubscribeCapabilities,
          leqiId: SHENLIAN.leqiId,
          dcuExpiresAt,
        },
        capabilitySubscriptions: subscriptions,
      },
      capabilities: CAPABILITIES,
      bindings: {
        __typename: 'BindingConnection',
        totalCount: 1,
        edges: [
          {
            __typename: 'BindingEdge',
            cursor: 'c0',
            node: {
              ...binding,
              directUnit: DCU,
              useUnit: USE_UNIT,
              authorisableCapabilityCodes: authorisable,
              authorisations: [
                ...binding.authorisations,
                ...granted.map((code) => ({
                  ...binding.authorisations[0],
                  id: `auth-${code}`,
                  capabilityCode: code,
                  capabilityName: CAPABILITIES.find((c) => c.code === code)?.name ?? code,
                })),
              ].map((a) => ({ ...a, holder: USE_UNIT })),
            },
          },
        ],
      },
    },
  };
}

describe('能力订阅', () => {
  it('shows 乐企ID, 有效期至, subscriptions with status and reason, and the authorisations', async () => {
    server.use(
      pageHandler({
        subscriptions: [
          capabilitySubscription({ id: 'sub-2', status: 'REJECTED', lastReason: '日使用量与业务规模不匹配' }),
          capabilitySubscription({ id: 'sub-1', status: 'APPROVED' }),
          capabilitySubscription({ id: 'sub-3', status: 'CANCELLED', lastReason: '直连单位已提交退出申请' }),
          capabilitySubscription({ id: 'sub-4', status: 'REVOKED' }),
          capabilitySubscription({ id: 'sub-5', status: 'PENDING_APPROVAL' }),
        ],
      }),
    );
    renderApp('/access/capabilities', { viewer: legal });
    expect((await screen.findByTestId('leqi-id')).textContent).toBe('LQ310000261125123436');
    expect(screen.getByTestId('dcu-expires-at').textContent).toBe('2028-11-25');
    expect(screen.queryByTestId('renewal-reminder')).toBeNull();
    const labels = ['sub-1', 'sub-2', 'sub-3', 'sub-4', 'sub-5'].map(
      (id) => screen.getByTestId(`subscription-status-${id}`).textContent,
    );
    expect(labels).toEqual(['审核通过', '审核不通过', '已失效', '已取消', '待审核']);
    expect(screen.getByTestId('subscription-reason-sub-2').textContent).toBe('日使用量与业务规模不匹配');
    expect(screen.getByTestId('subscription-row-sub-1').textContent).toContain('乐企自用基础版开票能力（202007）');
    const auth = screen.getByTestId('authorisation-row-auth-1');
    expect(auth.textContent).toContain(USE_UNIT.name);
    expect(auth.textContent).toContain('2099-01-01');
    expect(auth.textContent).toContain('已授权');
  });

  it('reminds to renew within three months of the end of access', async () => {
    const soon = new Date(Date.now() + 40 * 24 * 3600_000).toISOString();
    expect(renewalDue(soon)).toBe(true);
    expect(renewalDue(new Date(Date.now() + 120 * 24 * 3600_000).toISOString())).toBe(false);
    server.use(pageHandler({ dcuExpiresAt: soon }));
    renderApp('/access/capabilities', { viewer: legal });
    expect((await screen.findByTestId('renewal-reminder')).textContent).toContain('申请续期');
  });

  it('follows the server on whether the viewer may subscribe, whatever the DCU status says', async () => {
    server.use(pageHandler({ dcuStatus: 'ACTIVE', maySubscribeCapabilities: false }));
    renderApp('/access/capabilities', { viewer: legal });
    expect(await screen.findByTestId('subscription-gate')).toBeTruthy();
    expect((screen.getByTestId('subscribe-button') as HTMLButtonElement).disabled).toBe(true);
  });

  it('an exiting DCU cannot apply and is told why', async () => {
    server.use(pageHandler({ dcuStatus: 'EXITING' }));
    renderApp('/access/capabilities', { viewer: legal });
    expect((await screen.findByTestId('subscription-gate')).textContent).toContain('退出申请办理中');
    expect((screen.getByTestId('subscribe-button') as HTMLButtonElement).disabled).toBe(true);
  });

  it('validates the form in the page, then sends every field and shows the server field errors', async () => {
    const sent: unknown[] = [];
    server.use(
      pageHandler(),
      graphql.mutation('ApplyCapabilitySubscription', ({ variables }) => {
        sent.push(variables.input);
        if (sent.length === 1)
          return HttpResponse.json({
            data: {
              applyCapabilitySubscription: {
                __typename: 'ValidationError',
                code: 'VALIDATION_FAILED',
                message: '提交的信息有误',
                issues: [
                  {
                    __typename: 'FieldIssue',
                    field: 'dailyVolumes.1',
                    code: 'OUT_OF_RANGE',
                    message: '日使用量超出范围',
                  },
                ],
              },
            },
          });
        return HttpResponse.json({
          data: {
            applyCapabilitySubscription: {
              __typename: 'CapabilitySubscriptionSuccess',
              capabilitySubscription: capabilitySubscription(),
            },
          },
        });
      }),
    );
    renderApp('/access/capabilities', { viewer: legal });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('subscribe-button'));
    const form = await screen.findByTestId('subscription-form');
    await user.click(screen.getByTestId('sub-submit'));
    await waitFor(() => expect(form.textContent).toContain('请填写拟嵌入自有业务系统名称'));
    expect(form.querySelectorAll('.ant-form-item-explain-error').length).toBe(4);
    expect(sent).toHaveLength(0);

    // the public 使用单位管理能力 needs no subscription and is not offered
    await chooseOption('sub-capabilities', '乐企自用基础版开票能力（202007）');
    expect(shownOptions('sub-capabilities')).toEqual(['乐企自用基础版开票能力（202007）', '发票查验能力（203059）']);
    await chooseOption('sub-capabilities', '发票查验能力（203059）');
    expect(dayInput('sub-valid-until').getAttribute('type')).not.toBe('date');
    expect(await weekdayHeads('sub-valid-until')).toEqual(['一', '二', '三', '四', '五', '六', '日']);
    await pickDay('sub-valid-until', '2030-06-30');
    await user.type(screen.getByTestId('sub-system-name'), '申联财务共享平台');
    await user.type(screen.getByTestId('sub-volume-202007'), '5000');
    await user.type(screen.getByTestId('sub-volume-203059'), '100000');
    await user.type(screen.getByTestId('sub-business-scope'), '集团内开票与发票查验');
    await user.click(screen.getByTestId('sub-submit'));
    await waitFor(() => expect(form.textContent).toContain('日使用量为 1–99999 的整数'));
    expect(sent).toHaveLength(0);

    await user.clear(screen.getByTestId('sub-volume-203059'));
    await user.type(screen.getByTestId('sub-volume-203059'), '20000');
    await user.click(screen.getByTestId('sub-submit'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      capabilityCodes: ['202007', '203059'],
      validUntil: new Date('2030-06-30T23:59:59').toISOString(),
      businessSystemName: '申联财务共享平台',
      dailyVolumes: [
        { capabilityCode: '202007', volume: 5000 },
        { capabilityCode: '203059', volume: 20000 },
      ],
      businessScope: '集团内开票与发票查验',
    });
    // the server's issue is shown under the field it names
    expect((await screen.findByTestId('sub-error')).textContent).toContain('提交的信息有误');
    await waitFor(() => expect(form.textContent).toContain('日使用量超出范围'));

    await user.click(screen.getByTestId('sub-submit'));
    expect((await screen.findByTestId('subscription-submitted')).textContent).toContain('等待主管税务机关审核');
    expect(sent).toHaveLength(2);
    expect(screen.queryByTestId('subscription-form')).toBeNull();
    expect(within(screen.getByTestId('subscription-table')).getAllByText('审核通过').length).toBeGreaterThan(0);
  });

  it('授权能力: the DCU grants a bound use unit what the server offers, and sees the refusal in its words', async () => {
    const sent: unknown[] = [];
    let granted: string[] = [];
    server.use(
      graphql.query('CapabilitiesPage', () =>
        HttpResponse.json(pageBody({ authorisable: granted.length ? [] : ['100010', '203059'], granted })),
      ),
      graphql.mutation('AuthoriseCapabilities', ({ variables }) => {
        sent.push(variables.input);
        if (sent.length === 1)
          return HttpResponse.json({
            data: {
              authoriseCapabilities: {
                __typename: 'BaseError',
                code: 'DUPLICATE',
                message: '该使用单位已获授权且在有效期内的能力不能重复授权：100010',
              },
            },
          });
        granted = ['203059'];
        return HttpResponse.json({
          data: {
            authoriseCapabilities: {
              __typename: 'AuthoriseCapabilitiesSuccess',
              authorisations: [
                {
                  __typename: 'CapabilityAuthorisation',
                  id: 'auth-203059',
                  capabilityCode: '203059',
                  status: 'ACTIVE',
                },
              ],
            },
          },
        });
      }),
    );
    renderApp('/access/capabilities', { viewer: legal });
    const user = userEvent.setup();
    const row = await screen.findByTestId('bound-use-unit-bind-1');
    expect(row.textContent).toContain(USE_UNIT.name);
    expect(row.textContent).toContain('乐企自用基础版开票能力（202007）');
    await user.click(within(row).getByRole('button', { name: '授权能力' }));
    const choices = await screen.findByTestId('authorise-choices');
    expect(within(choices).getAllByRole('checkbox')).toHaveLength(2);
    expect(choices.textContent).toContain('发票查验能力（203059）');
    // nothing chosen: told so, nothing sent
    await user.click(screen.getByTestId('authorise-submit'));
    expect((await screen.findByTestId('authorise-problem')).textContent).toBe('请选择要授权的能力');
    expect(sent).toHaveLength(0);
    // the server refuses: its message is shown, the dialog stays
    await user.click(within(choices).getByLabelText(/100010/));
    await user.click(screen.getByTestId('authorise-submit'));
    await waitFor(() => expect(screen.getByTestId('authorise-problem').textContent).toContain('不能重复授权：100010'));
    await user.click(within(choices).getByLabelText(/100010/));
    await user.click(within(choices).getByLabelText(/203059/));
    await user.click(screen.getByTestId('authorise-submit'));
    expect((await screen.findByTestId('authorised')).textContent).toBe(`已向 ${USE_UNIT.name} 授权能力：203059`);
    expect(sent).toEqual([
      { bindingId: 'bind-1', capabilityCodes: ['100010'] },
      { bindingId: 'bind-1', capabilityCodes: ['203059'] },
    ]);
    // reloaded: the new authorisation is listed, and nothing is left to grant
    await waitFor(() => expect(screen.getByTestId('authorisation-row-auth-203059').textContent).toContain('已授权'));
    expect((screen.getByTestId('authorise-bind-1') as HTMLButtonElement).disabled).toBe(true);
  });

  it("a use unit's page shows no 授权能力 (its binding is to its DCU)", async () => {
    const useUnit = { id: USE_UNIT.id, uscc: USE_UNIT.uscc, name: USE_UNIT.name };
    server.use(pageHandler({ dcuStatus: 'NOT_CONNECTED', viewerEnterprise: useUnit }));
    renderApp('/access/capabilities', {
      viewer: enterpriseViewer({
        username: 'slgz.clerk',
        enterprise: { id: USE_UNIT.id, uscc: USE_UNIT.uscc, name: USE_UNIT.name },
      }),
    });
    expect(await screen.findByTestId('authorisation-row-auth-1')).toBeTruthy();
    expect(screen.queryByTestId('bound-use-units')).toBeNull();
  });
});
