import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { enterpriseViewer, invitation, invitationConnection, RESPONSE_ACTIONS, USE_UNIT } from '../../test/fixtures.ts';
import { invitationHandlers, invitationSuccess, invitationViewerHandler } from '../../test/handlers.ts';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';
import type { Invitation } from './fields.ts';

const useUnitUser = enterpriseViewer({
  accountId: 'user-slgz',
  username: 'slgz.clerk',
  identityType: 'TAX_CLERK',
  enterprise: { id: USE_UNIT.id, uscc: USE_UNIT.uscc, name: USE_UNIT.name },
});

describe('乐企移动端 接入确认 → 待确认', () => {
  it('lists pending invitations as cards and responds from one', async () => {
    const seen: unknown[] = [];
    const sent: unknown[] = [];
    let rows: Invitation[] = [invitation({ id: 'inv-1', version: 2, availableActions: RESPONSE_ACTIONS })];
    server.use(
      invitationViewerHandler({ ...USE_UNIT, dcuStatus: 'NOT_CONNECTED' }),
      ...invitationHandlers,
      graphql.query('PendingInvitationResponses', ({ variables }) => {
        seen.push(variables);
        return HttpResponse.json({ data: { receivedInvitations: invitationConnection(rows) } });
      }),
      graphql.mutation('RespondToInvitation', ({ variables }) => {
        sent.push(variables);
        const next = invitation({ id: 'inv-1', version: 3, status: 'PENDING_ACCEPTANCE' });
        rows = [];
        return HttpResponse.json({ data: { respondToInvitation: invitationSuccess(next) } });
      }),
    );
    renderApp('/m/confirm', { viewer: useUnitUser });
    const card = await screen.findByTestId('mobile-card-inv-1');
    expect(seen[0]).toEqual({ status: 'PENDING_RESPONSE', first: 50 });
    expect(card.textContent).toContain('上海申联数据服务有限公司');
    expect(card.textContent).toContain('母子公司关系');
    expect(within(card).getByTestId('material-mat-proof-1')).toBeTruthy();
    expect(screen.getByTestId('mobile-tab-pending').textContent).toBe('待确认');
    // no desktop shell: no side menu
    expect(screen.queryByTestId('menu-access-application')).toBeNull();

    const user = userEvent.setup();
    await user.click(within(card).getByTestId('mobile-respond-inv-1'));
    const submit = await within(card).findByTestId('respond-submit');
    expect(submit.style.minHeight).toBe('44px');
    await waitFor(() =>
      expect(within(card).getByTestId('respond-authority').textContent).toContain('广州市天河区税务局'),
    );
    await user.click(submit);
    expect((await screen.findByTestId('respond-result')).textContent).toContain('已提交，状态：待受理');
    expect(sent).toEqual([
      {
        input: {
          id: 'inv-1',
          expectedVersion: 2,
          relationship: 'PARENT_SUBSIDIARY',
        },
      },
    ]);
    expect((await screen.findByTestId('empty-state')).textContent).toContain('没有待确认的接入邀请');
  });

  it('declines from a card after confirmation', async () => {
    const sent: unknown[] = [];
    server.use(
      invitationViewerHandler({ ...USE_UNIT, dcuStatus: 'NOT_CONNECTED' }),
      ...invitationHandlers,
      graphql.query('PendingInvitationResponses', () =>
        HttpResponse.json({
          data: {
            receivedInvitations: invitationConnection([
              invitation({ id: 'inv-1', availableActions: RESPONSE_ACTIONS }),
            ]),
          },
        }),
      ),
      graphql.mutation('DeclineInvitation', ({ variables }) => {
        sent.push(variables);
        return HttpResponse.json({
          data: { declineInvitation: invitationSuccess(invitation({ id: 'inv-1', status: 'DECLINED' })) },
        });
      }),
    );
    renderApp('/m/confirm', { viewer: useUnitUser });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('mobile-respond-inv-1'));
    await user.click(await screen.findByTestId('decline-button'));
    await user.click(await screen.findByTestId('decline-confirm'));
    expect((await screen.findByTestId('respond-result')).textContent).toContain('已拒绝该邀请');
    expect(sent).toEqual([{ input: { id: 'inv-1', expectedVersion: 1 } }]);
  });

  it('sends a visitor without a session to sign in and back to 接入确认 afterwards', async () => {
    server.use(
      invitationViewerHandler({ ...USE_UNIT, dcuStatus: 'NOT_CONNECTED' }),
      ...invitationHandlers,
      graphql.mutation('SignIn', () =>
        HttpResponse.json({
          data: {
            signIn: { __typename: 'SignInSuccess', token: 'tok-uu', viewer: { __typename: 'Viewer', ...useUnitUser } },
          },
        }),
      ),
      graphql.query('SessionViewer', ({ request }) =>
        HttpResponse.json({
          data: {
            viewer:
              request.headers.get('authorization') === 'Bearer tok-uu'
                ? { __typename: 'Viewer', ...useUnitUser }
                : null,
          },
        }),
      ),
      graphql.query('PendingInvitationResponses', () =>
        HttpResponse.json({
          data: {
            receivedInvitations: invitationConnection([
              invitation({ id: 'inv-1', availableActions: RESPONSE_ACTIONS }),
            ]),
          },
        }),
      ),
    );
    renderApp('/m/confirm');
    const user = userEvent.setup();
    await user.type(await screen.findByTestId('signin-username'), 'slgz.clerk');
    await user.type(screen.getByTestId('signin-password'), 'Leqi@2026');
    await user.click(screen.getByTestId('signin-submit'));
    expect(await screen.findByTestId('mobile-card-inv-1')).toBeTruthy();
    expect(screen.getByTestId('mobile-confirm')).toBeTruthy();
  });

  it('offers 响应 on a card only when the server offers respond or decline, whatever the status says', async () => {
    server.use(
      invitationViewerHandler({ ...USE_UNIT, dcuStatus: 'NOT_CONNECTED' }),
      ...invitationHandlers,
      graphql.query('PendingInvitationResponses', () =>
        HttpResponse.json({
          data: {
            receivedInvitations: invitationConnection([
              invitation({ id: 'inv-1', availableActions: RESPONSE_ACTIONS }),
              // still PENDING_RESPONSE in this read, but the server offers nothing (e.g. another clerk answered)
              invitation({ id: 'inv-2' }),
            ]),
          },
        }),
      ),
    );
    renderApp('/m/confirm', { viewer: useUnitUser });
    expect(await screen.findByTestId('mobile-respond-inv-1')).toBeTruthy();
    const card = screen.getByTestId('mobile-card-inv-2');
    expect(card.textContent).toContain('待使用单位响应');
    expect(within(card).queryByTestId('mobile-respond-inv-2')).toBeNull();
  });
});
