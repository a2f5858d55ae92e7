import { describe, expect, it } from 'vitest';
import {
  INVITATION_STATUSES,
  type InvitationEvent,
  type InvitationStatus,
  invitationStatusFromOfficialCode,
  LIVE_INVITATION_STATUSES,
  officialInvitationStatusCode,
  PENDING_INVITATION_STATUSES,
  proofReplaceableIn,
  invitationWorkflow as wf,
} from './invitation.ts';
import { describeWorkflowTable, type ExpectedRule } from './test-kit.ts';
import { decide, replay, statusesForStep } from './workflow.ts';

const expected: ExpectedRule<InvitationStatus, InvitationEvent>[] = [
  [null, 'invite', 'PENDING_RESPONSE', 'OWNER_ENTERPRISE', { mutation: 'inviteUseUnits' }],
  ['PENDING_RESPONSE', 'decline', 'DECLINED', 'USE_UNIT', { mutation: 'declineInvitation' }],
  ['PENDING_RESPONSE', 'respond', 'PENDING_ACCEPTANCE', 'USE_UNIT', { mutation: 'respondToInvitation' }],
  ['PENDING_ACCEPTANCE', 'accept', 'PENDING_CONFIRMATION', 'LOCAL_OFFICER', { mutation: 'acceptInvitation' }],
  ['PENDING_ACCEPTANCE', 'refuse', 'NOT_ACCEPTED', 'LOCAL_OFFICER', { reason: true, mutation: 'refuseInvitation' }],
  [
    'PENDING_CONFIRMATION',
    'confirm',
    'CONFIRMED',
    'LOCAL_OFFICER',
    { fourEyes: true, mutation: 'confirmInvitation', effects: ['createBinding'] },
  ],
  [
    'PENDING_CONFIRMATION',
    'rejectConfirmation',
    'CONFIRMATION_REJECTED',
    'LOCAL_OFFICER',
    { reason: true, fourEyes: true, mutation: 'rejectInvitationConfirmation' },
  ],
  ['PENDING_RESPONSE', 'cancel', 'CANCELLED', 'SYSTEM', { reason: true }],
  ['PENDING_ACCEPTANCE', 'cancel', 'CANCELLED', 'SYSTEM', { reason: true }],
  ['PENDING_CONFIRMATION', 'cancel', 'CANCELLED', 'SYSTEM', { reason: true }],
  [
    'CONFIRMED',
    'unbindByDirectUnit',
    'UNBOUND',
    'OWNER_ENTERPRISE',
    { mutation: 'unbindUseUnits', effects: ['revokeBindingAuthorisations'] },
  ],
  [
    'CONFIRMED',
    'unbindByUseUnit',
    'UNBOUND',
    'USE_UNIT',
    { mutation: 'unbindDirectUnit', effects: ['revokeBindingAuthorisations'] },
  ],
];

describeWorkflowTable(wf, expected, {
  statuses: ['NOT_ACCEPTED', 'CONFIRMED', 'CONFIRMATION_REJECTED', 'UNBOUND', 'DECLINED', 'CANCELLED'],
  outgoing: { CONFIRMED: ['unbindByDirectUnit', 'unbindByUseUnit'] },
});

describe('invitation statuses', () => {
  it('carry the official 接入状态 codes and labels', () => {
    const official: Record<InvitationStatus, [number, string]> = {
      PENDING_RESPONSE: [0, '待使用单位响应'],
      PENDING_ACCEPTANCE: [1, '待受理'],
      NOT_ACCEPTED: [2, '不予受理'],
      PENDING_CONFIRMATION: [3, '待确认'],
      CONFIRMED: [4, '确认通过'],
      CONFIRMATION_REJECTED: [5, '确认不通过'],
      UNBOUND: [6, '已解除'],
      DECLINED: [8, '已拒绝'],
      CANCELLED: [10, '已失效'],
    };
    for (const status of wf.statuses) {
      const [code, zh] = official[status];
      expect(officialInvitationStatusCode(status)).toBe(code);
      expect(wf.statusInfo[status].zh).toBe(zh);
      expect(invitationStatusFromOfficialCode(code)).toBe(status);
    }
    expect(invitationStatusFromOfficialCode(7)).toBeUndefined();
  });

  it('lists live and pending statuses', () => {
    expect([...LIVE_INVITATION_STATUSES].sort()).toEqual(
      ['CONFIRMED', 'PENDING_ACCEPTANCE', 'PENDING_CONFIRMATION', 'PENDING_RESPONSE'].sort(),
    );
    expect([...PENDING_INVITATION_STATUSES].sort()).toEqual(
      ['PENDING_ACCEPTANCE', 'PENDING_CONFIRMATION', 'PENDING_RESPONSE'].sort(),
    );
  });

  it('opens proof replacement while pending or bound only', () => {
    expect(INVITATION_STATUSES.filter(proofReplaceableIn).sort()).toEqual([...LIVE_INVITATION_STATUSES].sort());
  });

  it('queues acceptance and confirmation with the use unit’s authority', () => {
    expect(statusesForStep(wf, 'ACCEPTANCE')).toEqual(['PENDING_ACCEPTANCE']);
    expect(statusesForStep(wf, 'CONFIRMATION')).toEqual(['PENDING_CONFIRMATION']);
    expect(statusesForStep(wf, 'REVIEW')).toEqual([]);
  });

  it('the officer who accepted cannot also confirm', () => {
    const ctx = {
      status: 'PENDING_CONFIRMATION' as const,
      performer: 'LOCAL_OFFICER' as const,
      previousDeciderUserId: 'hzq1',
    };
    expect(decide(wf, 'confirm', { ...ctx, actorUserId: 'hzq1' })).toMatchObject({ error: { code: 'FOUR_EYES' } });
    expect(decide(wf, 'confirm', { ...ctx, actorUserId: 'hzq2' }).ok).toBe(true);
  });

  it('replays a full life: invite, respond, accept, confirm, unbind', () => {
    expect(replay(wf, ['invite', 'respond', 'accept', 'confirm', 'unbindByUseUnit'], null)).toEqual({
      ok: true,
      value: 'UNBOUND',
    });
    expect(replay(wf, ['invite', 'decline', 'respond'], null)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_TRANSITION', params: { status: 'DECLINED', event: 'respond' } },
    });
  });
});
