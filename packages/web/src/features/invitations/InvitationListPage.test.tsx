import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  activeBinding,
  CAPABILITIES,
  DCU,
  enterpriseViewer,
  GD_PROVINCE,
  invitation,
  invitationConnection,
  material,
  UNBIND_BY_DCU,
  USE_UNIT,
} from '../../test/fixtures.ts';
import { invitationHandlers, invitationSuccess, invitationViewerHandler } from '../../test/handlers.ts';
import { renderApp } from '../../test/render.tsx';
import { chooseOption, shownOptions } from '../../test/select.ts';
import { server } from '../../test/server.ts';
import type { Invitation } from './fields.ts';

const dcuUser = enterpriseViewer({
  username: 'sl.legal',
  enterprise: { id: 'ent-sl', uscc: '913100005432319483', name: '上海申联数据服务有限公司' },
});

const pending = invitation({ id: 'inv-1' });
const confirmedA = invitation({
  id: 'inv-2',
  status: 'CONFIRMED',
  useUnitUscc: '91310000757491186Q',
  useUnitName: '上海申联网络科技有限公司',
  binding: activeBinding({ id: 'bind-a', availableActions: UNBIND_BY_DCU }),
});
const confirmedB = invitation({
  id: 'inv-3',
  status: 'CONFIRMED',
  binding: activeBinding({ id: 'bind-b', availableActions: UNBIND_BY_DCU }),
});

function listHandler(rows: () => Invitation[], seen?: unknown[]) {
  return graphql.query('SentInvitations', ({ variables }) => {
    seen?.push(variables);
    return HttpResponse.json({ data: { sentInvitations: invitationConnection(rows()) } });
  });
}

describe('接入邀请 → 邀请列表', () => {
  it('lists the sent invitations with status names and codes; the 邀请状态 filter and search reach the server', async () => {
    const seen: Record<string, unknown>[] = [];
    server.use(
      ...invitationHandlers,
      listHandler(() => [pending, confirmedA], seen),
    );
    renderApp('/access/invitations', { viewer: dcuUser });
    const row = await screen.findByTestId('invitation-row-inv-1');
    expect(row.textContent).toContain('广州申联信息技术有限公司');
    expect(row.textContent).toContain('待使用单位响应（0）');
    expect(row.textContent).toContain('母子公司关系');
    expect(screen.getByTestId('invitation-row-inv-2').textContent).toContain('确认通过（4）');
    expect(seen[0]).toEqual({ first: 20 });

    await chooseOption('status-filter', '确认通过（4）');
    await waitFor(() => expect(seen.at(-1)).toEqual({ status: 'CONFIRMED', first: 20 }));

    const user = userEvent.setup();
    await user.type(screen.getByRole('searchbox', { name: '统一社会信用代码或单位名称' }), '申联网络{Enter}');
    await waitFor(() => expect(seen.at(-1)).toEqual({ status: 'CONFIRMED', search: '申联网络', first: 20 }));
    expect(screen.getByTestId('menu-invitations')).toBeTruthy();
  });

  it('重新邀请 on a row that ended without a binding opens 新增邀请 filled with that use unit', async () => {
    const declined = invitation({
      id: 'inv-9',
      status: 'DECLINED',
      useUnitUscc: '91330100471049746R',
      useUnitName: '杭州云帆咨询有限公司',
      relationship: 'HQ_BRANCH',
      capabilityCodes: ['202007'],
    });
    server.use(
      ...invitationHandlers,
      listHandler(() => [pending, declined, confirmedA]),
      graphql.query('InviteFormOptions', () =>
        HttpResponse.json({
          data: { taxAuthorities: [GD_PROVINCE], capabilities: CAPABILITIES, subscribedCapabilityCodes: ['202007'] },
        }),
      ),
    );
    renderApp('/access/invitations', { viewer: dcuUser });
    await screen.findByTestId('invitation-row-inv-9');
    // only finished rows without a binding offer it
    expect(screen.queryByTestId('reinvite-inv-1')).toBeNull();
    expect(screen.queryByTestId('reinvite-inv-2')).toBeNull();
    await userEvent.setup().click(screen.getByTestId('reinvite-inv-9'));
    expect(((await screen.findByTestId('invite-uscc-0')) as HTMLInputElement).value).toBe('91330100471049746R');
    expect((screen.getByTestId('invite-name-0') as HTMLInputElement).value).toBe('杭州云帆咨询有限公司');
    expect(screen.getByTestId('invite-authority-0').textContent).toContain('国家税务总局广东省税务局');
    expect(screen.getByTestId('invite-relationship-0').textContent).toContain('总分公司关系');
    expect(screen.getByTestId('invite-capabilities-0').textContent).toContain('202007');
    expect(screen.queryByTestId('invite-uscc-1')).toBeNull();
  });

  it('offers every status of the manual with its official code', async () => {
    server.use(
      ...invitationHandlers,
      listHandler(() => []),
    );
    renderApp('/access/invitations', { viewer: dcuUser });
    expect((await screen.findByTestId('empty-state')).textContent).toContain('暂无接入邀请');
    await chooseOption('status-filter', '已失效（10）');
    expect(shownOptions('status-filter')).toEqual([
      '待使用单位响应（0）',
      '待受理（1）',
      '不予受理（2）',
      '待确认（3）',
      '确认通过（4）',
      '确认不通过（5）',
      '已解除（6）',
      '已拒绝（8）',
      '已失效（10）',
    ]);
  });

  it('pages with cursors', async () => {
    const seen: Record<string, unknown>[] = [];
    server.use(
      ...invitationHandlers,
      graphql.query('SentInvitations', ({ variables }) => {
        seen.push(variables);
        return HttpResponse.json({
          data: {
            sentInvitations: invitationConnection(variables.after ? [confirmedA] : [pending], !variables.after, 21),
          },
        });
      }),
    );
    renderApp('/access/invitations', { viewer: dcuUser });
    await screen.findByTestId('invitation-row-inv-1');
    expect(screen.getByTestId('invitation-total').textContent).toContain('共 21 条');
    await userEvent.setup().click(screen.getByTestId('next-page'));
    expect(await screen.findByTestId('invitation-row-inv-2')).toBeTruthy();
    expect(seen.at(-1)).toEqual({ first: 20, after: 'c0' });
  });

  it('explains that only a connected DCU can invite', async () => {
    server.use(
      invitationViewerHandler({
        id: 'ent-yf',
        uscc: '91440100628194821M',
        name: '广州云帆科技集团有限公司',
        dcuStatus: 'NOT_CONNECTED',
      }),
    );
    renderApp('/access/invitations', { viewer: enterpriseViewer() });
    expect((await screen.findByTestId('dcu-required')).textContent).toContain(
      '只有已接入乐企的直连单位才能邀请使用单位',
    );
    expect(screen.queryByTestId('new-invitation-button')).toBeNull();
  });

  it('follows the server on whether the viewer may invite, whatever the DCU status says', async () => {
    server.use(invitationViewerHandler({ ...DCU, dcuStatus: 'ACTIVE', mayInviteUseUnits: false }));
    renderApp('/access/invitations', { viewer: enterpriseViewer() });
    expect(await screen.findByTestId('dcu-required')).toBeTruthy();
    expect(screen.queryByTestId('new-invitation-button')).toBeNull();
  });

  it('查看详情 shows every field, the proof, the binding with authorisations and the timeline', async () => {
    const detailed = {
      ...confirmedA,
      useUnitAuthority: { code: '13101150000', name: '上海市浦东新区税务局', level: 'LOCAL' },
    };
    server.use(
      ...invitationHandlers,
      listHandler(() => [confirmedA]),
      graphql.query('Invitation', ({ variables }) =>
        HttpResponse.json({ data: { invitation: variables.id === 'inv-2' ? detailed : null } }),
      ),
    );
    renderApp('/access/invitations', { viewer: dcuUser });
    await userEvent.setup().click(await screen.findByTestId('detail-inv-2'));
    const detail = await screen.findByTestId('invitation-detail');
    expect(within(detail).getByTestId('invitation-status').textContent).toBe('确认通过（4）');
    expect(detail.textContent).toContain('上海市浦东新区税务局（13101150000）');
    expect(detail.textContent).toContain('国家税务总局广东省税务局（14400000000）');
    expect(detail.textContent).toContain('母子公司关系（02）');
    expect(within(detail).getByTestId('material-mat-proof-1').getAttribute('href')).toBe(
      '/files/mat-proof-1?expires=1&signature=abc',
    );
    expect(within(detail).getByTestId('binding-status').textContent).toBe('已绑定');
    expect(within(detail).getByTestId('authorisations').textContent).toContain('乐企自用基础版开票能力');
    // the authorisation's status in the manual's words, as on the capabilities page
    expect(within(detail).getByTestId('authorisations').textContent).toContain('已授权');
    expect(within(detail).getByTestId('authorisations').textContent).not.toContain('ACTIVE');
    expect(within(detail).getByTestId('audit-timeline').textContent).toContain('待使用单位响应');
    expect(within(detail).getByTestId('audit-timeline').textContent).toContain('申联 经办人');
    await waitFor(() =>
      expect(within(detail).getByTestId('capability-tags').textContent).toContain('202007 乐企自用基础版开票能力'),
    );
  });

  it('查看详情 of an invitation that ended without confirmation does not promise a binding', async () => {
    const declined = invitation({ id: 'inv-7', status: 'DECLINED', binding: null });
    server.use(
      ...invitationHandlers,
      listHandler(() => [declined, pending]),
      graphql.query('Invitation', ({ variables }) =>
        HttpResponse.json({ data: { invitation: variables.id === 'inv-7' ? declined : pending } }),
      ),
    );
    renderApp('/access/invitations', { viewer: dcuUser });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('detail-inv-7'));
    expect((await screen.findByTestId('no-binding')).textContent).toBe('邀请已办结，未建立绑定关系');
  });

  it('更换证明材料 uploads the new proof and replaces it on the invitation', async () => {
    const replaced: unknown[] = [];
    let current: Invitation = confirmedA;
    server.use(
      ...invitationHandlers,
      listHandler(() => [confirmedA]),
      graphql.query('Invitation', () => HttpResponse.json({ data: { invitation: current } })),
      graphql.mutation('UploadMaterial', () =>
        HttpResponse.json({
          data: {
            uploadMaterial: {
              __typename: 'UploadMaterialSuccess',
              material: material({ id: 'mat-new', fileName: '新证明.pdf' }),
            },
          },
        }),
      ),
      graphql.mutation('ReplaceRelationshipProof', ({ variables }) => {
        replaced.push(variables);
        current = { ...confirmedA, proofMaterials: [material({ id: 'mat-new', fileName: '新证明.pdf' })] };
        return HttpResponse.json({ data: { replaceRelationshipProof: invitationSuccess(current) } });
      }),
    );
    renderApp('/access/invitations', { viewer: dcuUser });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('detail-inv-2'));
    await user.click(await screen.findByTestId('replace-proof'));
    const files = await screen.findByTestId('replace-proof-files');
    await user.upload(files.querySelector('input[type="file"]') as HTMLInputElement, new File(['%PDF'], '新证明.pdf'));
    expect(await within(files).findByTestId('replace-proof-files-file-mat-new')).toBeTruthy();
    await user.click(screen.getByTestId('replace-proof-submit'));
    await waitFor(() => expect(replaced).toEqual([{ input: { invitationId: 'inv-2', materialIds: ['mat-new'] } }]));
    expect(await screen.findByTestId('material-mat-new')).toBeTruthy();
  });

  it('批量解除 sends the selected bindings and shows the result of each row', async () => {
    const sent: unknown[] = [];
    server.use(
      ...invitationHandlers,
      listHandler(() => [pending, confirmedA, confirmedB]),
      graphql.mutation('UnbindUseUnits', ({ variables }) => {
        sent.push(variables);
        return HttpResponse.json({
          data: {
            unbindUseUnits: {
              __typename: 'UnbindUseUnitsSuccess',
              unbound: [{ __typename: 'Binding', id: 'bind-a', status: 'UNBOUND' }],
              failed: [
                {
                  __typename: 'UnbindFailure',
                  bindingId: 'bind-b',
                  uscc: USE_UNIT.uscc,
                  code: 'INVALID_TRANSITION',
                  message: '绑定关系已解除',
                },
              ],
            },
          },
        });
      }),
    );
    renderApp('/access/invitations', { viewer: dcuUser });
    const user = userEvent.setup();
    await screen.findByTestId('invitation-row-inv-1');
    // only confirmed rows with an active binding can be selected
    expect((screen.getByTestId('select-inv-1') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByTestId('batch-unbind') as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByTestId('select-inv-2'));
    await user.click(screen.getByTestId('select-inv-3'));
    await user.click(screen.getByTestId('batch-unbind'));
    expect(await screen.findByText('确认解除所选 2 个使用单位的绑定关系？')).toBeTruthy();
    await user.click(screen.getByTestId('unbind-confirm'));
    const results = await screen.findByTestId('unbind-results');
    expect(sent).toEqual([{ input: { bindingIds: ['bind-a', 'bind-b'] } }]);
    expect(within(results).getByTestId('unbind-result-91310000757491186Q').textContent).toContain('已解除');
    expect(within(results).getByTestId(`unbind-result-${USE_UNIT.uscc}`).textContent).toContain('绑定关系已解除');
  });

  it('解除绑定 in 查看详情 of a bound invitation confirms and sends its binding, as 批量解除 does', async () => {
    const sent: unknown[] = [];
    server.use(
      ...invitationHandlers,
      listHandler(() => [confirmedA]),
      graphql.query('Invitation', () => HttpResponse.json({ data: { invitation: confirmedA } })),
      graphql.mutation('UnbindUseUnits', ({ variables }) => {
        sent.push(variables);
        return HttpResponse.json({
          data: {
            unbindUseUnits: {
              __typename: 'UnbindUseUnitsSuccess',
              unbound: [{ __typename: 'Binding', id: 'bind-a', status: 'UNBOUND' }],
              failed: [],
            },
          },
        });
      }),
    );
    renderApp('/access/invitations', { viewer: dcuUser });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('detail-inv-2'));
    await user.click(await screen.findByTestId('drawer-unbind'));
    expect(await screen.findByText('确认解除与上海申联网络科技有限公司的绑定关系？')).toBeTruthy();
    expect(screen.queryByText(/确认解除所选/)).toBeNull();
    await user.click(screen.getByTestId('unbind-confirm'));
    const results = await screen.findByTestId('unbind-results');
    expect(sent).toEqual([{ input: { bindingIds: ['bind-a'] } }]);
    expect(within(results).getByTestId('unbind-result-91310000757491186Q').textContent).toContain('已解除');
  });

  it('查看详情 offers no 解除绑定 without a binding the server lets the DCU end', async () => {
    server.use(
      ...invitationHandlers,
      listHandler(() => [pending]),
      graphql.query('Invitation', () => HttpResponse.json({ data: { invitation: pending } })),
    );
    renderApp('/access/invitations', { viewer: dcuUser });
    await userEvent.setup().click(await screen.findByTestId('detail-inv-1'));
    expect(await screen.findByTestId('invitation-detail')).toBeTruthy();
    expect(screen.queryByTestId('drawer-unbind')).toBeNull();
  });

  it('offers 批量解除 and 更换证明材料 only where the server does, whatever the status says', async () => {
    // bound by status, but the server offers neither (e.g. the DCU is exiting and the binding is being ended)
    const boundButClosed = invitation({
      id: 'inv-4',
      status: 'CONFIRMED',
      mayReplaceProof: false,
      binding: activeBinding({ id: 'bind-c', availableActions: [] }),
    });
    server.use(
      ...invitationHandlers,
      listHandler(() => [boundButClosed, confirmedA]),
      graphql.query('Invitation', () => HttpResponse.json({ data: { invitation: boundButClosed } })),
    );
    renderApp('/access/invitations', { viewer: dcuUser });
    const user = userEvent.setup();
    await screen.findByTestId('invitation-row-inv-4');
    expect((screen.getByTestId('select-inv-4') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByTestId('select-inv-2') as HTMLInputElement).disabled).toBe(false);
    await user.click(screen.getByTestId('detail-inv-4'));
    expect(await screen.findByTestId('binding-status')).toBeTruthy();
    expect(screen.queryByTestId('replace-proof')).toBeNull();
    expect(screen.queryByTestId('drawer-unbind')).toBeNull();
  });
});
