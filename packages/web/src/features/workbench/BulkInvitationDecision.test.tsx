import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { connection, invitation, officerViewer, USE_UNIT } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';

const officer = officerViewer();

function queueRow(id: string, uscc: string, name: string, claim: unknown = null) {
  const i = invitation({ id, status: 'PENDING_ACCEPTANCE', version: 2 });
  return {
    __typename: 'Invitation',
    id,
    version: 2,
    status: i.status,
    statusLabel: '待受理',
    stepEnteredAt: i.stepEnteredAt,
    submittedAt: i.stepEnteredAt,
    claim,
    enterprise: { ...USE_UNIT, uscc },
    useUnitUscc: uscc,
    useUnitName: name,
    relationship: i.relationship,
    directUnit: i.directUnit,
  };
}

describe('批量受理 on the invitation queue', () => {
  it('accepts the selected invitations and lists each result; rows claimed by others say so', async () => {
    const rows = [
      queueRow('inv-a', '91440100792174218D', '甲公司'),
      queueRow('inv-b', '91310000757491186Q', '乙公司', { holder: { name: '天河二号' }, heldByViewer: false }),
      queueRow('inv-c', '91330100555979711M', '丙公司'),
    ];
    const sent: unknown[] = [];
    server.use(
      graphql.query('InvitationReviewQueue', () => HttpResponse.json({ data: { reviewQueue: connection(rows) } })),
      graphql.mutation('AcceptInvitations', ({ variables }) => {
        sent.push(variables.input);
        return HttpResponse.json({
          data: {
            acceptInvitations: {
              __typename: 'BulkInvitationDecisionSuccess',
              succeeded: [{ id: 'inv-a', status: 'PENDING_CONFIRMATION', version: 3, useUnitName: '甲公司' }],
              failed: [{ invitationId: 'inv-b', code: 'CLAIMED', message: '该案件已由 天河二号 认领' }],
            },
          },
        });
      }),
    );
    renderApp('/workbench/queue/ACCEPTANCE?kind=INVITATION', { viewer: officer });
    // the first render of the app is slow on a loaded machine
    const rowB = await screen.findByTestId('queue-row-91310000757491186Q', {}, { timeout: 20_000 });
    expect(within(rowB).getByTestId('claim-tag-inv-b').textContent).toBe('已被 天河二号 认领');
    expect(screen.queryByTestId('claim-tag-inv-a')).toBeNull();
    expect((screen.getByTestId('bulk-decide') as HTMLButtonElement).disabled).toBe(true);
    // the table reads again once the live subscription connects: select when its loading overlay is gone
    await waitFor(() => expect(document.querySelector('.ant-spin-spinning')).toBeNull());
    const user = userEvent.setup();
    await user.click(within(screen.getByTestId('queue-row-91440100792174218D')).getByRole('checkbox'));
    await user.click(within(rowB).getByRole('checkbox'));
    // selecting does not open the case
    expect(screen.getByTestId('queue-table')).toBeTruthy();
    expect(screen.getByTestId('bulk-selected').textContent).toBe('已选 2 件');
    await user.click(screen.getByTestId('bulk-decide'));
    await waitFor(() =>
      expect(sent).toEqual([
        {
          items: [
            { id: 'inv-a', expectedVersion: 2 },
            { id: 'inv-b', expectedVersion: 2 },
          ],
        },
      ]),
    );
    const result = await screen.findByTestId('bulk-result');
    expect(result.textContent).toContain('批量办理结果：成功 1 件，失败 1 件');
    expect(within(result).getByTestId('bulk-row-inv-a').textContent).toContain('办理成功');
    expect(within(result).getByTestId('bulk-row-inv-b').textContent).toContain('乙公司');
    expect(within(result).getByTestId('bulk-row-inv-b').textContent).toContain('该案件已由 天河二号 认领');
  });

  it('the 待确认 tab offers 批量确认 and shows a refusal of the whole call', async () => {
    const rows = [{ ...queueRow('inv-a', '91440100792174218D', '甲公司'), status: 'PENDING_CONFIRMATION' }];
    server.use(
      graphql.query('InvitationReviewQueue', () => HttpResponse.json({ data: { reviewQueue: connection(rows) } })),
      graphql.mutation('ConfirmInvitations', () =>
        HttpResponse.json({
          data: {
            confirmInvitations: { __typename: 'BaseError', code: 'FORBIDDEN', message: '您无权执行此操作' },
          },
        }),
      ),
    );
    renderApp('/workbench/queue/CONFIRMATION?kind=INVITATION', { viewer: officer });
    const row = await screen.findByTestId('queue-row-91440100792174218D', {}, { timeout: 20_000 });
    expect(screen.getByTestId('bulk-decide').textContent?.replace(/\s/g, '')).toBe('批量确认');
    await waitFor(() => expect(document.querySelector('.ant-spin-spinning')).toBeNull());
    const user = userEvent.setup();
    await user.click(within(row).getByRole('checkbox'));
    await user.click(screen.getByTestId('bulk-decide'));
    expect((await screen.findByTestId('bulk-error')).textContent).toContain('您无权执行此操作');
  });
});
