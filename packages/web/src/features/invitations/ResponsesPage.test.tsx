import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  activeBinding,
  enterpriseViewer,
  invitation,
  invitationConnection,
  material,
  RESPONSE_ACTIONS,
  UNBIND_BY_USE_UNIT,
  USE_UNIT,
} from '../../test/fixtures.ts';
import { invitationHandlers, invitationSuccess, invitationViewerHandler } from '../../test/handlers.ts';
import { renderApp } from '../../test/render.tsx';
import { chooseOption } from '../../test/select.ts';
import { server } from '../../test/server.ts';
import type { Invitation } from './fields.ts';

const useUnitUser = enterpriseViewer({
  accountId: 'user-slgz',
  username: 'slgz.clerk',
  identityType: 'TAX_CLERK',
  enterprise: { id: USE_UNIT.id, uscc: USE_UNIT.uscc, name: USE_UNIT.name },
});
const pending = invitation({ id: 'inv-1', version: 4, availableActions: RESPONSE_ACTIONS });
const useUnitEnterprise = { ...USE_UNIT, dcuStatus: 'NOT_CONNECTED' as const };

function invitationHandler(get: () => Invitation) {
  return graphql.query('Invitation', () => HttpResponse.json({ data: { invitation: get() } }));
}

describe('接入管理 → 响应邀请', () => {
  it('lists the received invitations and links the mobile page', async () => {
    const seen: unknown[] = [];
    server.use(
      invitationViewerHandler(useUnitEnterprise),
      ...invitationHandlers,
      graphql.query('ReceivedInvitations', ({ variables }) => {
        seen.push(variables);
        return HttpResponse.json({ data: { receivedInvitations: invitationConnection([pending]) } });
      }),
      invitationHandler(() => pending),
    );
    renderApp('/access/responses', { viewer: useUnitUser });
    const row = await screen.findByTestId('response-row-inv-1');
    expect(row.textContent).toContain('上海申联数据服务有限公司');
    expect(row.textContent).toContain('待使用单位响应（0）');
    expect(seen[0]).toEqual({ first: 20 });
    expect(screen.getByTestId('open-on-phone').getAttribute('href')).toBe('/m/confirm');
    await chooseOption('response-status-filter', '确认通过（4）');
    await waitFor(() => expect(seen.at(-1)).toEqual({ status: 'CONFIRMED', first: 20 }));
  });

  it('shows the DCU, its proof and the registered authority (not a choice); 提交 sends the relationship and the version', async () => {
    const sent: unknown[] = [];
    let current = pending;
    server.use(
      invitationViewerHandler(useUnitEnterprise),
      ...invitationHandlers,
      invitationHandler(() => current),
      graphql.mutation('UploadMaterial', () =>
        HttpResponse.json({
          data: { uploadMaterial: { __typename: 'UploadMaterialSuccess', material: material({ id: 'mat-uu' }) } },
        }),
      ),
      graphql.mutation('RespondToInvitation', ({ variables }) => {
        sent.push(variables);
        current = invitation({ id: 'inv-1', version: 5, status: 'PENDING_ACCEPTANCE' });
        return HttpResponse.json({ data: { respondToInvitation: invitationSuccess(current) } });
      }),
    );
    renderApp('/access/responses/inv-1', { viewer: useUnitUser });
    expect((await screen.findByTestId('summary-direct-unit')).textContent).toBe('上海申联数据服务有限公司');
    expect(screen.getAllByTestId('material-mat-proof-1')[0]?.getAttribute('href')).toBe(
      '/files/mat-proof-1?expires=1&signature=abc',
    );
    // the competent authority is the enterprise's registered one (天河), shown and not chosen
    await waitFor(() =>
      expect(screen.getByTestId('respond-authority').textContent).toBe('广州市天河区税务局（14401060000）'),
    );
    expect(screen.getByTestId('respond-authority').tagName).not.toBe('INPUT');
    expect(screen.getByTestId('respond-form').querySelector('[aria-label="主管税务机关"]')).toBeNull();
    await chooseOption('respond-relationship', '总分公司关系');
    const user = userEvent.setup();
    const proof = screen.getByTestId('respond-proof');
    await user.upload(proof.querySelector('input[type="file"]') as HTMLInputElement, new File(['%PDF'], '证明.pdf'));
    await within(proof).findByTestId('respond-proof-file-mat-uu');
    await user.click(screen.getByTestId('respond-submit'));
    expect((await screen.findByTestId('respond-result')).textContent).toContain('已提交，状态：待受理');
    expect(sent).toEqual([
      {
        input: {
          id: 'inv-1',
          expectedVersion: 4,
          relationship: 'HQ_BRANCH',
          proofMaterialIds: ['mat-uu'],
        },
      },
    ]);
    await waitFor(() => expect(screen.queryByTestId('respond-form')).toBeNull());
  });

  it('拒绝 asks for confirmation and sends the optional reason', async () => {
    const sent: unknown[] = [];
    server.use(
      invitationViewerHandler(useUnitEnterprise),
      ...invitationHandlers,
      invitationHandler(() => pending),
      graphql.mutation('DeclineInvitation', ({ variables }) => {
        sent.push(variables);
        return HttpResponse.json({
          data: { declineInvitation: invitationSuccess(invitation({ id: 'inv-1', version: 5, status: 'DECLINED' })) },
        });
      }),
    );
    renderApp('/access/responses/inv-1', { viewer: useUnitUser });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('decline-button'));
    expect(await screen.findByText('确定拒绝该接入邀请？')).toBeTruthy();
    expect(sent).toHaveLength(0);
    await user.type(screen.getByTestId('decline-reason'), '已与其他直连单位合作');
    await user.click(screen.getByTestId('decline-confirm'));
    expect((await screen.findByTestId('respond-result')).textContent).toContain('已拒绝该邀请');
    expect(sent).toEqual([{ input: { id: 'inv-1', expectedVersion: 4, reason: '已与其他直连单位合作' } }]);
  });

  it('a stale version says so and reloads', async () => {
    let loads = 0;
    server.use(
      invitationViewerHandler(useUnitEnterprise),
      ...invitationHandlers,
      graphql.query('Invitation', () => {
        loads++;
        return HttpResponse.json({ data: { invitation: pending } });
      }),
      graphql.mutation('RespondToInvitation', () =>
        HttpResponse.json({
          data: {
            respondToInvitation: {
              __typename: 'StaleVersionError',
              code: 'STALE_VERSION',
              message: '版本已变化',
              currentVersion: 5,
            },
          },
        }),
      ),
    );
    renderApp('/access/responses/inv-1', { viewer: useUnitUser });
    await waitFor(() =>
      expect(
        within(screen.getByTestId('respond-authority')).getByText('广州市天河区税务局（14401060000）'),
      ).toBeTruthy(),
    );
    await userEvent.setup().click(screen.getByTestId('respond-submit'));
    expect((await screen.findByTestId('respond-error')).textContent).toContain('该邀请已变化');
    await waitFor(() => expect(loads).toBeGreaterThanOrEqual(2));
  });

  it('once confirmed: the binding, and 解除绑定 after confirmation', async () => {
    const sent: unknown[] = [];
    let current = invitation({
      id: 'inv-1',
      status: 'CONFIRMED',
      binding: activeBinding({ id: 'bind-1', availableActions: UNBIND_BY_USE_UNIT }),
    });
    server.use(
      invitationViewerHandler(useUnitEnterprise),
      ...invitationHandlers,
      invitationHandler(() => current),
      graphql.mutation('UnbindDirectUnit', ({ variables }) => {
        sent.push(variables);
        current = invitation({
          id: 'inv-1',
          status: 'UNBOUND',
          binding: activeBinding({ id: 'bind-1', status: 'UNBOUND', unboundAt: new Date().toISOString() }),
        });
        return HttpResponse.json({
          data: {
            unbindDirectUnit: {
              __typename: 'BindingSuccess',
              binding: {
                __typename: 'Binding',
                id: 'bind-1',
                version: 2,
                status: 'UNBOUND',
                boundAt: new Date().toISOString(),
                unboundAt: new Date().toISOString(),
              },
            },
          },
        });
      }),
    );
    renderApp('/access/responses/inv-1', { viewer: useUnitUser });
    const user = userEvent.setup();
    expect((await screen.findByTestId('binding-status')).textContent).toBe('已绑定');
    expect(screen.getByTestId('replace-proof')).toBeTruthy();
    await user.click(screen.getByTestId('unbind-direct-unit'));
    expect(await screen.findByText(/确定解除与直连单位 上海申联数据服务有限公司 的绑定关系/)).toBeTruthy();
    await user.click(screen.getByTestId('unbind-direct-confirm'));
    expect((await screen.findByTestId('respond-result')).textContent).toContain('已解除绑定');
    expect(sent).toEqual([{ input: { bindingId: 'bind-1' } }]);
    await waitFor(() => expect(screen.getByTestId('invitation-status').textContent).toBe('已解除（6）'));
    expect(screen.queryByTestId('unbind-direct-unit')).toBeNull();
  });

  it('the list links 响应 only on the rows where the server offers respond or decline, whatever the status says', async () => {
    server.use(
      invitationViewerHandler(useUnitEnterprise),
      ...invitationHandlers,
      graphql.query('ReceivedInvitations', () =>
        HttpResponse.json({
          data: {
            receivedInvitations: invitationConnection([
              pending,
              // still PENDING_RESPONSE in this read, but the server offers nothing (e.g. another clerk answered)
              invitation({ id: 'inv-2', version: 4 }),
            ]),
          },
        }),
      ),
    );
    renderApp('/access/responses', { viewer: useUnitUser });
    expect((await screen.findByTestId('response-open-inv-1')).textContent).toBe('响应邀请');
    expect(screen.getByTestId('response-row-inv-2').textContent).toContain('待使用单位响应（0）');
    expect(screen.getByTestId('response-open-inv-2').textContent).toBe('查看详情');
  });

  it('offers 响应 only when the server offers the use unit respond or decline, whatever the status says', async () => {
    server.use(
      invitationViewerHandler(useUnitEnterprise),
      ...invitationHandlers,
      // e.g. another clerk answered a moment ago: still PENDING_RESPONSE in this read, but nothing left to do
      invitationHandler(() => ({ ...pending, availableActions: [] })),
    );
    renderApp('/access/responses/inv-1', { viewer: useUnitUser });
    await screen.findByTestId('response-detail', {}, { timeout: 15_000 });
    expect(screen.getByTestId('invitation-status').getAttribute('data-status')).toBe('PENDING_RESPONSE');
    expect(screen.queryByTestId('respond-form')).toBeNull();
  });

  it('offers 解除绑定 and 更换证明材料 only when the server does, whatever the status says', async () => {
    server.use(
      invitationViewerHandler(useUnitEnterprise),
      ...invitationHandlers,
      invitationHandler(() =>
        invitation({
          id: 'inv-1',
          status: 'CONFIRMED',
          mayReplaceProof: false,
          binding: activeBinding({ id: 'bind-1', availableActions: [] }),
        }),
      ),
    );
    renderApp('/access/responses/inv-1', { viewer: useUnitUser });
    expect((await screen.findByTestId('binding-status')).textContent).toBe('已绑定');
    expect(screen.queryByTestId('bound-actions')).toBeNull();
    expect(screen.queryByTestId('unbind-direct-unit')).toBeNull();
    expect(screen.queryByTestId('replace-proof')).toBeNull();
  });
});
