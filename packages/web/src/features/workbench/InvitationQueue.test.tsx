import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { connection, invitation, officerViewer, queueCase, USE_UNIT } from '../../test/fixtures.ts';
import { invitationHandlers, invitationSuccess } from '../../test/handlers.ts';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';
import { emitSubscription } from '../../test/subscriptions.ts';
import type { Invitation } from '../invitations/fields.ts';

const officer = officerViewer();

function invitationQueueCase(overrides: Record<string, unknown> = {}) {
  const i = invitation({
    id: 'inv-1',
    status: 'PENDING_ACCEPTANCE',
    version: 3,
    submittedAt: new Date().toISOString(),
  });
  return {
    __typename: 'Invitation',
    id: i.id,
    version: i.version,
    status: i.status,
    statusLabel: '待受理',
    stepEnteredAt: i.stepEnteredAt,
    submittedAt: i.submittedAt,
    enterprise: USE_UNIT,
    useUnitUscc: i.useUnitUscc,
    useUnitName: i.useUnitName,
    relationship: i.relationship,
    directUnit: i.directUnit,
    ...overrides,
  };
}

describe('审核工作台: 使用单位邀请', () => {
  // load the lazy workbench chunks once up front so the first test is not timed on a cold import
  beforeAll(async () => {
    await Promise.all([import('./QueuePage.tsx'), import('./WorkbenchShell.tsx')]);
  }, 60_000);

  it('the kind switch queries kind INVITATION with 待受理 and 待确认 tabs only', async () => {
    const access: unknown[] = [];
    const invitations: unknown[] = [];
    server.use(
      graphql.query('ReviewQueue', ({ variables }) => {
        access.push(variables);
        return HttpResponse.json({ data: { reviewQueue: connection([queueCase()]) } });
      }),
      graphql.query('InvitationReviewQueue', ({ query, variables }) => {
        invitations.push({ variables, kind: /kind: INVITATION/.test(query) });
        return HttpResponse.json({ data: { reviewQueue: connection([invitationQueueCase()]) } });
      }),
    );
    renderApp('/workbench/queue/REVIEW', { viewer: officer });
    await screen.findByTestId('queue-row-91440100628194821M');
    const user = userEvent.setup();
    await user.click(screen.getByTestId('queue-kind-INVITATION'));
    const row = await screen.findByTestId(`queue-row-${USE_UNIT.uscc}`);
    expect(row.textContent).toContain('广州申联信息技术有限公司');
    expect(row.textContent).toContain('上海申联数据服务有限公司');
    expect(row.textContent).toContain('母子公司关系');
    expect(row.textContent).toContain('待受理');
    // 复核 does not exist for invitations: the queue falls back to 待受理
    expect(invitations).toEqual([{ variables: { step: 'ACCEPTANCE', first: 50 }, kind: true }]);
    expect(screen.queryByTestId('queue-tab-REVIEW')).toBeNull();
    await user.click(screen.getByTestId('queue-tab-CONFIRMATION'));
    await waitFor(() =>
      expect(invitations.at(-1)).toEqual({ variables: { step: 'CONFIRMATION', first: 50 }, kind: true }),
    );

    await user.click(screen.getByTestId('queue-kind-ACCESS_APPLICATION'));
    await waitFor(() => expect(access.at(-1)).toEqual({ kind: 'ACCESS_APPLICATION', step: 'CONFIRMATION', first: 50 }));
  });

  it('refreshes the invitation queue on a queue change', async () => {
    let rows = [invitationQueueCase()];
    server.use(
      graphql.query('InvitationReviewQueue', () => HttpResponse.json({ data: { reviewQueue: connection(rows) } })),
    );
    renderApp('/workbench/queue/ACCEPTANCE?kind=INVITATION', { viewer: officer });
    await screen.findByTestId(`queue-row-${USE_UNIT.uscc}`);
    rows = [];
    act(() => {
      emitSubscription('queueChanges', {
        cursor: '7',
        caseKind: 'INVITATION',
        caseId: 'inv-1',
        event: 'accept',
        fromStatus: 'PENDING_ACCEPTANCE',
        toStatus: 'PENDING_CONFIRMATION',
      });
    });
    await waitFor(() => expect(screen.queryByTestId(`queue-row-${USE_UNIT.uscc}`)).toBeNull());
  });

  it('has the access queue’s search, filters, saved views and working-day column', async () => {
    const seen: Record<string, unknown>[] = [];
    server.use(
      graphql.query('InvitationReviewQueue', ({ variables }) => {
        seen.push(variables);
        const rows = [
          invitationQueueCase({ ageInWorkingDays: 6, dueAt: '2026-11-20T09:00:00.000Z', dueState: 'OVERDUE' }),
          invitationQueueCase({
            id: 'inv-2',
            useUnitUscc: '91440100MA5D7K2X1Q',
            useUnitName: '广州申联物流有限公司',
            ageInWorkingDays: 1,
            dueAt: null,
            dueState: 'ON_TIME',
          }),
        ];
        const found = variables.search ? rows.filter((row) => row.useUnitName.includes(variables.search)) : rows;
        return HttpResponse.json({ data: { reviewQueue: connection(found) } });
      }),
    );
    renderApp('/workbench/queue/ACCEPTANCE?kind=INVITATION', { viewer: officer });
    const overdue = await screen.findByTestId('due-inv-1');
    expect(overdue.textContent).toBe('6 个工作日已超期');
    expect(overdue.querySelector('.ant-tag-red')).toBeTruthy();
    expect(screen.getByTestId('due-inv-2').textContent).toBe('1 个工作日');
    expect(screen.getByTestId('queue-filters')).toBeTruthy();
    expect(screen.getByText('已保存视图')).toBeTruthy();
    const user = userEvent.setup();
    await user.type(within(screen.getByTestId('filter-search')).getByRole('searchbox'), '物流{Enter}');
    await waitFor(() => expect(screen.queryByTestId(`queue-row-${USE_UNIT.uscc}`)).toBeNull());
    expect(screen.getByTestId('queue-row-91440100MA5D7K2X1Q')).toBeTruthy();
    expect(seen.at(-1)).toEqual({ step: 'ACCEPTANCE', first: 50, search: '物流' });
  });

  it('the case page shows the invitation and decides with the version and a reason', async () => {
    let current: Invitation = invitation({
      id: 'inv-1',
      version: 3,
      status: 'PENDING_ACCEPTANCE',
      useUnitAuthority: { code: '14401060000', name: '广州市天河区税务局', level: 'LOCAL' },
      availableActions: [
        { event: 'accept', label: '受理', needsReason: false },
        { event: 'refuse', label: '不予受理', needsReason: true },
      ],
    });
    const accepted: unknown[] = [];
    const refused: unknown[] = [];
    server.use(
      ...invitationHandlers,
      graphql.query('InvitationReviewQueue', () =>
        HttpResponse.json({ data: { reviewQueue: connection([invitationQueueCase()]) } }),
      ),
      graphql.query('Invitation', () => HttpResponse.json({ data: { invitation: current } })),
      graphql.mutation('acceptInvitation', ({ variables }) => {
        accepted.push(variables);
        current = {
          ...current,
          version: 4,
          status: 'PENDING_CONFIRMATION',
          statusLabel: '待确认',
          officialStatusCode: 3,
          availableActions: [{ event: 'rejectConfirmation', label: '确认不通过', needsReason: true }],
        };
        return HttpResponse.json({ data: { acceptInvitation: invitationSuccess(current) } });
      }),
      graphql.mutation('rejectInvitationConfirmation', ({ variables }) => {
        refused.push(variables);
        current = { ...current, version: 5, status: 'CONFIRMATION_REJECTED', availableActions: [] };
        return HttpResponse.json({ data: { rejectInvitationConfirmation: invitationSuccess(current) } });
      }),
    );
    renderApp('/workbench/queue/ACCEPTANCE?kind=INVITATION', { viewer: officer });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId(`queue-row-${USE_UNIT.uscc}`));
    expect((await screen.findByTestId('case-status')).textContent).toBe('待受理（1）');
    expect(screen.getByTestId('case-enterprise-name').textContent).toBe('广州申联信息技术有限公司');
    expect(screen.getByTestId('detail-direct-unit').textContent).toBe('上海申联数据服务有限公司');
    expect(screen.getByTestId('material-mat-proof-1')).toBeTruthy();
    expect(screen.getByTestId('audit-timeline')).toBeTruthy();
    // the relationship proof (a PDF) is previewed inline from its signed link
    expect(screen.queryByTestId('preview-pdf')).toBeNull();
    await user.click(screen.getByTestId('preview-mat-proof-1'));
    expect(screen.getByTestId('preview-pdf').getAttribute('src')).toBe(current.proofMaterials[0]?.downloadUrl);

    await user.click(screen.getByTestId('action-accept'));
    expect((await screen.findByTestId('decision-result')).textContent).toContain('待确认');
    expect(accepted).toEqual([{ input: { id: 'inv-1', expectedVersion: 3 } }]);

    await user.click(await screen.findByTestId('action-rejectConfirmation'));
    await user.type(await screen.findByTestId('reason-input'), '关系证明材料不清晰');
    await user.click(screen.getByTestId('reason-submit'));
    await waitFor(() =>
      expect(refused).toEqual([{ input: { id: 'inv-1', expectedVersion: 4, reason: '关系证明材料不清晰' } }]),
    );
    expect((await screen.findByTestId('decision-result')).textContent).toContain('确认不通过');
  });
});
