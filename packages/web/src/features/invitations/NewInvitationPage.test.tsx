import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { CAPABILITIES, enterpriseViewer, GD_PROVINCE, invitation, material } from '../../test/fixtures.ts';
import { invitationHandlers } from '../../test/handlers.ts';
import { renderApp } from '../../test/render.tsx';
import { chooseOption, shownOptions } from '../../test/select.ts';
import { server } from '../../test/server.ts';

const dcuUser = enterpriseViewer({
  username: 'sl.legal',
  enterprise: { id: 'ent-sl', uscc: '913100005432319483', name: '上海申联数据服务有限公司' },
});

const optionsHandler = graphql.query('InviteFormOptions', () =>
  HttpResponse.json({
    data: { taxAuthorities: [GD_PROVINCE], capabilities: CAPABILITIES, subscribedCapabilityCodes: ['202007'] },
  }),
);

describe('接入邀请 → 新增邀请', () => {
  it('sends the rows and the batch proof, then shows the succeeded count and the failures', async () => {
    const sent: Record<string, any>[] = [];
    server.use(
      ...invitationHandlers,
      optionsHandler,
      graphql.mutation('UploadMaterial', () =>
        HttpResponse.json({
          data: { uploadMaterial: { __typename: 'UploadMaterialSuccess', material: material({ id: 'mat-9' }) } },
        }),
      ),
      graphql.mutation('InviteUseUnits', ({ variables }) => {
        sent.push(variables.input);
        return HttpResponse.json({
          data: {
            inviteUseUnits: {
              __typename: 'InviteUseUnitsSuccess',
              succeeded: [
                {
                  __typename: 'Invitation',
                  id: 'inv-9',
                  useUnitUscc: '91440100792174218D',
                  useUnitName: '广州申联信息技术有限公司',
                },
              ],
              failed: [
                {
                  __typename: 'InvitationRowFailure',
                  row: 2,
                  uscc: '91330100471049746R',
                  code: 'NOT_ELIGIBLE',
                  message: '该单位暂不符合使用单位条件',
                },
              ],
            },
          },
        });
      }),
    );
    renderApp('/access/invitations/new', { viewer: dcuUser });
    const user = userEvent.setup();
    await user.type(await screen.findByTestId('invite-uscc-0'), '91440100792174218d');
    await user.type(screen.getByTestId('invite-name-0'), '广州申联信息技术有限公司');
    await chooseOption('invite-authority-0', '国家税务总局广东省税务局');
    await chooseOption('invite-relationship-0', '母子公司关系');
    await chooseOption('invite-capabilities-0', '202007 乐企自用基础版开票能力');
    // only subscribed and public capabilities are offered
    const offered = shownOptions('invite-capabilities-0');
    expect(offered).toContain('100010 使用单位管理能力');
    expect(offered).not.toContain('203059 发票查验能力');

    await user.click(screen.getByTestId('invite-add-row'));
    await user.type(screen.getByTestId('invite-uscc-1'), '91330100471049746R');
    await user.type(screen.getByTestId('invite-name-1'), '杭州云帆咨询有限公司');
    await chooseOption('invite-authority-1', '国家税务总局广东省税务局');
    await chooseOption('invite-relationship-1', '总分公司关系');

    const proof = screen.getByTestId('invite-proof');
    await user.upload(proof.querySelector('input[type="file"]') as HTMLInputElement, new File(['%PDF'], '证明.pdf'));
    expect(await within(proof).findByTestId('invite-proof-file-mat-9')).toBeTruthy();

    await user.click(screen.getByTestId('invite-submit'));
    const result = await screen.findByTestId('invite-result');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.invitations).toEqual([
      {
        uscc: '91440100792174218D',
        name: '广州申联信息技术有限公司',
        provinceAuthorityCode: '14400000000',
        relationship: 'PARENT_SUBSIDIARY',
        capabilityCodes: ['202007'],
      },
      {
        uscc: '91330100471049746R',
        name: '杭州云帆咨询有限公司',
        provinceAuthorityCode: '14400000000',
        relationship: 'HQ_BRANCH',
        capabilityCodes: [],
      },
    ]);
    expect(sent[0]?.proofMaterialIds).toEqual(['mat-9']);
    expect(typeof sent[0]?.idempotencyKey).toBe('string');
    expect(within(result).getByTestId('invited-count').textContent).toContain('邀请发起成功 1 个');
    expect(within(result).getByTestId('failed-count').textContent).toContain('邀请发起失败 1 个');
    const failure = within(result).getByTestId('invite-failure-2');
    expect(failure.textContent).toContain('91330100471049746R');
    expect(failure.textContent).toContain('杭州云帆咨询有限公司');
    expect(failure.textContent).toContain('该单位暂不符合使用单位条件');

    // 下载失败记录: the refused rows as sent, with their reasons, saved as the server's .xlsx
    const reportRequests: Record<string, any>[] = [];
    server.use(
      graphql.query('InvitationFailureReport', ({ variables }) => {
        reportRequests.push(variables);
        return HttpResponse.json({ data: { invitationFailureReport: btoa('PK-xlsx') } });
      }),
    );
    const saved: { name: string; blob: Blob }[] = [];
    const blobs = new Map<string, Blob>();
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.set('blob:report', blob as Blob);
      return 'blob:report';
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, blob: blobs.get(this.getAttribute('href') ?? '') as Blob });
    });
    try {
      await user.click(within(result).getByTestId('download-failures'));
      await vi.waitFor(() => expect(saved).toHaveLength(1));
    } finally {
      createObjectURL.mockRestore();
      click.mockRestore();
    }
    expect(reportRequests[0]?.rows).toEqual([
      {
        uscc: '91330100471049746R',
        name: '杭州云帆咨询有限公司',
        provinceAuthorityCode: '14400000000',
        relationship: 'HQ_BRANCH',
        capabilityCodes: [],
        reason: '该单位暂不符合使用单位条件',
      },
    ]);
    expect(saved[0]?.name).toMatch(/^失败记录-新增邀请-\d{8}-\d{4}\.xlsx$/);
    expect(saved[0]?.blob.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(await saved[0]?.blob.text()).toBe('PK-xlsx');

    // 修改失败的使用单位: the form comes back with the failed row only
    await user.click(within(result).getByTestId('edit-failed-rows'));
    expect(((await screen.findByTestId('invite-uscc-0')) as HTMLInputElement).value).toBe('91330100471049746R');
    expect(screen.queryByTestId('invite-uscc-1')).toBeNull();
  });

  it('stops at 50 rows', async () => {
    server.use(...invitationHandlers, optionsHandler);
    renderApp('/access/invitations/new', { viewer: dcuUser });
    const add = await screen.findByTestId('invite-add-row');
    // one render for the 49 additions (happy-dom renders 50 rows of selects slowly)
    act(() => {
      for (let i = 1; i < 50; i++) fireEvent.click(add);
    });
    expect(screen.getByTestId('invite-uscc-49')).toBeTruthy();
    expect((add as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('max-rows').textContent).toContain('每次提交只允许添加 50 个使用单位');
    expect(screen.getByTestId('row-count').textContent).toBe('50 / 50');
    fireEvent.click(add);
    expect(screen.queryByTestId('invite-uscc-50')).toBeNull();
  });

  it('checks required fields before sending and shows a refusal of the whole batch', async () => {
    const sent: unknown[] = [];
    server.use(
      ...invitationHandlers,
      optionsHandler,
      graphql.mutation('InviteUseUnits', ({ variables }) => {
        sent.push(variables);
        return HttpResponse.json({
          data: {
            inviteUseUnits: { __typename: 'BaseError', code: 'DCU_NOT_ACTIVE', message: '直连单位退出申请办理中' },
          },
        });
      }),
    );
    renderApp('/access/invitations/new', { viewer: dcuUser });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('invite-submit'));
    expect(await screen.findByText('请填写统一社会信用代码')).toBeTruthy();
    expect(sent).toHaveLength(0);

    await user.type(screen.getByTestId('invite-uscc-0'), '91440100792174218D');
    await user.type(screen.getByTestId('invite-name-0'), '广州申联信息技术有限公司');
    await chooseOption('invite-authority-0', '国家税务总局广东省税务局');
    await chooseOption('invite-relationship-0', '母子公司关系');
    await user.click(screen.getByTestId('invite-submit'));
    expect((await screen.findByTestId('invite-error')).textContent).toContain('直连单位退出申请办理中');
    expect(sent).toHaveLength(1);
    expect(invitation()).toBeTruthy();
  });
});
