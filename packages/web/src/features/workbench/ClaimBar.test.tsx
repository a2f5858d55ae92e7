import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { invitation, officerViewer } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';

const officer = officerViewer();
const ID = 'SW52aXRhdGlvbjoxMjM=';
const route = `/workbench/invitations/${encodeURIComponent(ID)}`;
const ACTIONS = [
  { event: 'accept' as const, label: '受理', needsReason: false },
  { event: 'refuse' as const, label: '不予受理', needsReason: true },
];
const FREE = { canClaim: true, canRelease: false, canReassign: false };

function invitationCase(overrides: Record<string, unknown> = {}) {
  return {
    ...invitation({ id: ID, status: 'PENDING_ACCEPTANCE', version: 4, availableActions: ACTIONS }),
    blockedReasonCode: null,
    claim: null,
    claimOptions: FREE,
    ...overrides,
  };
}

function caseHandler(get: () => Record<string, unknown>) {
  server.use(graphql.query('Capabilities', () => HttpResponse.json({ data: { capabilities: [] } })));
  return graphql.query('Invitation', () => HttpResponse.json({ data: { invitation: get() } }));
}

describe('认领 on a case', () => {
  it('claims with the case version; the bar then shows the viewer holds it and offers 释放', async () => {
    let current = invitationCase();
    const sent: unknown[] = [];
    server.use(
      caseHandler(() => current),
      graphql.mutation('ClaimCase', ({ variables }) => {
        sent.push(variables.input);
        const claim = {
          holder: { name: '天河一号', username: 'th.officer1' },
          expiresAt: new Date(Date.now() + 30 * 60_000).toISOString(),
          heldByViewer: true,
        };
        current = invitationCase({ claim, claimOptions: { canClaim: true, canRelease: true, canReassign: false } });
        return HttpResponse.json({
          data: {
            claimCase: {
              __typename: 'CaseClaimSuccess',
              case: { id: ID, version: 4, status: 'PENDING_ACCEPTANCE' },
              claim,
            },
          },
        });
      }),
    );
    renderApp(route, { viewer: officer });
    // the first render of the app is slow on a loaded machine
    expect((await screen.findByTestId('claim-status', {}, { timeout: 20_000 })).textContent).toBe('尚未认领');
    expect(screen.getByTestId('action-accept')).toBeTruthy();
    await userEvent.setup().click(screen.getByTestId('claim-button'));
    await waitFor(() => expect(screen.getByTestId('claim-status').textContent).toMatch(/^由您认领，.+ 前有效$/));
    expect(sent).toEqual([{ id: ID, expectedVersion: 4 }]);
    expect(screen.getByTestId('claim-result').textContent).toContain('已认领');
    expect(screen.getByTestId('release-button')).toBeTruthy();
    expect(screen.queryByTestId('claim-button')).toBeNull();
  });

  it('after a decision shows only that it is done: no 尚未认领 and no earlier 已认领 beside 已办理', async () => {
    const claim = {
      holder: { name: '天河一号', username: 'th.officer1' },
      expiresAt: new Date(Date.now() + 30 * 60_000).toISOString(),
      heldByViewer: true,
    };
    let current = invitationCase();
    server.use(
      caseHandler(() => current),
      graphql.mutation('ClaimCase', () => {
        current = invitationCase({ claim, claimOptions: { canClaim: true, canRelease: true, canReassign: false } });
        return HttpResponse.json({
          data: {
            claimCase: {
              __typename: 'CaseClaimSuccess',
              case: { id: ID, version: 4, status: 'PENDING_ACCEPTANCE' },
              claim,
            },
          },
        });
      }),
      graphql.mutation('acceptInvitation', () => {
        // accepted: the claim ends with the step, the next step is another officer's
        current = invitationCase({
          ...invitation({ id: ID, status: 'PENDING_CONFIRMATION', version: 5, availableActions: [] }),
          claim: null,
          claimOptions: { canClaim: false, canRelease: false, canReassign: false },
        });
        return HttpResponse.json({
          data: { acceptInvitation: { __typename: 'InvitationSuccess', invitation: current } },
        });
      }),
    );
    renderApp(route, { viewer: officer });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('claim-button', {}, { timeout: 20_000 }));
    expect((await screen.findByTestId('claim-result')).textContent).toContain('已认领');
    await user.click(screen.getByTestId('action-accept'));
    expect((await screen.findByTestId('decision-result')).textContent).toContain('已办理');
    await waitFor(() => expect(screen.queryByTestId('claim-status')).toBeNull());
    const panel = screen.getByTestId('decision-panel');
    expect(within(panel).queryByTestId('claim-result')).toBeNull();
    expect(panel.textContent).not.toContain('尚未认领');
    expect(panel.textContent).not.toContain('已认领');
  });

  it('a case another officer holds: no decision buttons, the reason in words, and a refused claim names the holder', async () => {
    const base = invitationCase();
    const taken = invitationCase({
      auditTrail: [
        ...(base.auditTrail as object[]),
        {
          __typename: 'AuditEvent',
          id: 'ev-claim',
          cursor: '9',
          event: 'claim',
          fromStatus: 'PENDING_ACCEPTANCE',
          toStatus: 'PENDING_ACCEPTANCE',
          actorName: '天河二号',
          actorRole: 'OFFICER',
          reason: null,
          createdAt: new Date().toISOString(),
        },
      ],
      availableActions: [],
      blockedReason: '该案件已由 天河二号 认领',
      blockedReasonCode: 'CLAIMED_BY_OTHER',
      claim: {
        holder: { name: '天河二号', username: 'th.officer2' },
        expiresAt: new Date().toISOString(),
        heldByViewer: false,
      },
      // the view may be older than the claim: the server still answers with the typed error
      claimOptions: FREE,
    });
    server.use(
      caseHandler(() => taken),
      graphql.mutation('ClaimCase', () =>
        HttpResponse.json({
          data: {
            claimCase: {
              __typename: 'ClaimedError',
              code: 'CLAIMED',
              message: '该案件已由 天河二号 认领',
              holder: { name: '天河二号', username: 'th.officer2' },
            },
          },
        }),
      ),
    );
    renderApp(route, { viewer: officer });
    expect((await screen.findByTestId('claim-status')).textContent).toBe('已被 天河二号 认领');
    expect(screen.queryByTestId('action-accept')).toBeNull();
    expect(screen.getByTestId('blocked-reason').textContent).toContain('该案件已由 天河二号 认领');
    // the claim is named by its event (the status did not change)
    expect(screen.getByTestId('audit-timeline').textContent).toMatch(/认领\s*\d{4}-/);
    expect(screen.getByTestId('audit-timeline').textContent).toContain('天河二号');
    await userEvent.setup().click(screen.getByTestId('claim-button'));
    expect((await screen.findByTestId('claim-error')).textContent).toContain('该案件已由 天河二号 认领');
  });

  it('a supervisor releases and reassigns; the reassignment asks for the officer', async () => {
    const claim = {
      holder: { name: '天河一号', username: 'th.officer1' },
      expiresAt: new Date().toISOString(),
      heldByViewer: false,
    };
    const supervisorView = invitationCase({
      availableActions: [],
      blockedReason: '该事项不属于您所在税务机关的管辖范围',
      blockedReasonCode: 'NOT_YOUR_JURISDICTION',
      claim,
      claimOptions: { canClaim: false, canRelease: true, canReassign: true },
    });
    const released: unknown[] = [];
    const reassigned: unknown[] = [];
    server.use(
      caseHandler(() => supervisorView),
      graphql.mutation('ReleaseCaseClaim', ({ variables }) => {
        released.push(variables.input);
        return HttpResponse.json({
          data: {
            releaseCaseClaim: {
              __typename: 'CaseClaimSuccess',
              case: { id: ID, version: 4, status: 'PENDING_ACCEPTANCE' },
              claim: null,
            },
          },
        });
      }),
      graphql.mutation('ReassignCaseClaim', ({ variables }) => {
        reassigned.push(variables.input);
        return HttpResponse.json({
          data: {
            reassignCaseClaim: {
              __typename: 'CaseClaimSuccess',
              case: { id: ID, version: 4, status: 'PENDING_ACCEPTANCE' },
              claim: {
                holder: { name: '天河二号', username: 'th.officer2' },
                expiresAt: new Date().toISOString(),
                heldByViewer: false,
              },
            },
          },
        });
      }),
    );
    renderApp(route, { viewer: officerViewer({ username: 'gd.confirmer' }) });
    const user = userEvent.setup();
    expect(screen.queryByTestId('claim-button')).toBeNull();
    await user.click(await screen.findByTestId('release-button'));
    await waitFor(() => expect(released).toEqual([{ id: ID }]));
    expect((await screen.findByTestId('claim-result')).textContent).toContain('已释放');
    await user.click(screen.getByTestId('reassign-button'));
    await user.click(await screen.findByTestId('reassign-submit'));
    expect(await screen.findByText('请输入税务人员用户名')).toBeTruthy();
    await user.type(screen.getByTestId('reassign-username'), 'th.officer2');
    await user.click(screen.getByTestId('reassign-submit'));
    await waitFor(() => expect(reassigned).toEqual([{ id: ID, officerUsername: 'th.officer2' }]));
    expect((await screen.findByTestId('claim-result')).textContent).toContain('已改派给 天河二号');
    expect(within(screen.getByTestId('claim-bar')).getByTestId('claim-status').textContent).toBe('已被 天河一号 认领');
  });
});
