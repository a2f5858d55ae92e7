import { act, screen, waitFor } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { DCU, enterpriseViewer, invitation, invitationConnection, USE_UNIT } from '../../test/fixtures.ts';
import { invitationHandlers, invitationViewerHandler } from '../../test/handlers.ts';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';
import { emitSubscription, openSubscriptions } from '../../test/subscriptions.ts';
import type { Invitation } from './fields.ts';

const partiesHandler = graphql.query('InvitationParties', ({ variables }) =>
  HttpResponse.json({
    data: {
      invitation: {
        __typename: 'Invitation',
        id: variables.id,
        status: 'PENDING_RESPONSE',
        statusLabel: '待使用单位响应',
        useUnitName: USE_UNIT.name,
        directUnit: { __typename: 'Enterprise', id: DCU.id, name: DCU.name },
      },
    },
  }),
);

describe('live invitation events in the enterprise shell', () => {
  it('the use unit is told about a new invitation and its 响应邀请 list refreshes', async () => {
    let rows: Invitation[] = [];
    server.use(
      invitationViewerHandler({ ...USE_UNIT, dcuStatus: 'NOT_CONNECTED' }),
      ...invitationHandlers,
      partiesHandler,
      graphql.query('ReceivedInvitations', () =>
        HttpResponse.json({ data: { receivedInvitations: invitationConnection(rows) } }),
      ),
    );
    renderApp('/access/responses', {
      viewer: enterpriseViewer({
        username: 'slgz.clerk',
        enterprise: { id: USE_UNIT.id, uscc: USE_UNIT.uscc, name: USE_UNIT.name },
      }),
    });
    expect((await screen.findByTestId('empty-state')).textContent).toContain('暂无接入邀请');
    await waitFor(() => expect(openSubscriptions('caseEvents')).toBeGreaterThan(0));
    rows = [invitation({ id: 'inv-7' })];
    act(() => {
      emitSubscription('caseEvents', {
        cursor: '100',
        caseKind: 'INVITATION',
        caseId: 'inv-7',
        event: 'invite',
        fromStatus: null,
        toStatus: 'PENDING_RESPONSE',
        actorName: '申联 经办人',
        reason: null,
        createdAt: new Date().toISOString(),
      });
    });
    expect(await screen.findByText('收到新的接入邀请')).toBeTruthy();
    expect(screen.getByText('上海申联数据服务有限公司 邀请贵单位接入乐企')).toBeTruthy();
    expect(await screen.findByTestId('response-row-inv-7')).toBeTruthy();
  });

  it('the DCU is told each status change of its invitations', async () => {
    server.use(
      ...invitationHandlers,
      partiesHandler,
      graphql.query('SentInvitations', () =>
        HttpResponse.json({ data: { sentInvitations: invitationConnection([invitation()]) } }),
      ),
    );
    renderApp('/access/invitations', {
      viewer: enterpriseViewer({ username: 'sl.legal', enterprise: { id: DCU.id, uscc: DCU.uscc, name: DCU.name } }),
    });
    await screen.findByTestId('invitation-row-inv-1');
    await waitFor(() => expect(openSubscriptions('caseEvents')).toBeGreaterThan(0));
    act(() => {
      emitSubscription('caseEvents', {
        cursor: '101',
        caseKind: 'INVITATION',
        caseId: 'inv-1',
        event: 'accept',
        fromStatus: 'PENDING_ACCEPTANCE',
        toStatus: 'PENDING_CONFIRMATION',
        actorName: '天河 审核员一',
        reason: null,
        createdAt: new Date().toISOString(),
      });
    });
    expect(await screen.findByText('邀请状态已更新：待确认')).toBeTruthy();
    expect(screen.queryByText('收到新的接入邀请')).toBeNull();
  });

  it('the use unit is told what actually happened (an unbind is no invitation), clear of the header', async () => {
    server.use(
      invitationViewerHandler({ ...USE_UNIT, dcuStatus: 'NOT_CONNECTED' }),
      ...invitationHandlers,
      partiesHandler,
      graphql.query('ReceivedInvitations', () =>
        HttpResponse.json({ data: { receivedInvitations: invitationConnection([]) } }),
      ),
    );
    renderApp('/access/responses', {
      viewer: enterpriseViewer({
        username: 'slgz.clerk',
        enterprise: { id: USE_UNIT.id, uscc: USE_UNIT.uscc, name: USE_UNIT.name },
      }),
    });
    await screen.findByTestId('empty-state');
    await waitFor(() => expect(openSubscriptions('caseEvents')).toBeGreaterThan(0));
    act(() => {
      emitSubscription('caseEvents', {
        cursor: '102',
        caseKind: 'INVITATION',
        caseId: 'inv-1',
        event: 'unbindByDirectUnit',
        fromStatus: 'CONFIRMED',
        toStatus: 'UNBOUND',
        actorName: '申联 法人',
        reason: null,
        createdAt: new Date().toISOString(),
      });
    });
    expect(await screen.findByText('邀请状态已更新：已解除')).toBeTruthy();
    const description = screen.getByText('上海申联数据服务有限公司 已解除与贵单位的绑定关系，相关能力授权同时取消');
    expect(screen.queryByText(/邀请贵单位接入乐企/)).toBeNull();
    // antd places the toast list in a container named after its placement: not the top right, over the header
    const container = description.closest(
      '[class*="ant-notification-"][class*="Right"], [class*="ant-notification-"][class*="Left"]',
    );
    expect(container?.className).toContain('ant-notification-bottomRight');
  });

  it('an officer’s refusal reaches the use unit with its reason', async () => {
    server.use(
      invitationViewerHandler({ ...USE_UNIT, dcuStatus: 'NOT_CONNECTED' }),
      ...invitationHandlers,
      partiesHandler,
      graphql.query('ReceivedInvitations', () =>
        HttpResponse.json({ data: { receivedInvitations: invitationConnection([]) } }),
      ),
    );
    renderApp('/access/responses', {
      viewer: enterpriseViewer({
        username: 'slgz.clerk',
        enterprise: { id: USE_UNIT.id, uscc: USE_UNIT.uscc, name: USE_UNIT.name },
      }),
    });
    await screen.findByTestId('empty-state');
    await waitFor(() => expect(openSubscriptions('caseEvents')).toBeGreaterThan(0));
    act(() => {
      emitSubscription('caseEvents', {
        cursor: '103',
        caseKind: 'INVITATION',
        caseId: 'inv-1',
        event: 'refuse',
        fromStatus: 'PENDING_ACCEPTANCE',
        toStatus: 'NOT_ACCEPTED',
        actorName: '天河 审核员一',
        reason: '关系证明材料不清晰',
        createdAt: new Date().toISOString(),
      });
    });
    expect(
      await screen.findByText('主管税务机关对 上海申联数据服务有限公司 的接入邀请不予受理。原因：关系证明材料不清晰'),
    ).toBeTruthy();
  });
});
