import { describe, expect, it } from 'vitest';
import type { Actor } from '../actors.ts';
import { domainError, messageFor } from '../errors.ts';
import { accessApplicationWorkflow } from '../workflows/access-application.ts';
import { invitationWorkflow } from '../workflows/invitation.ts';
import type { AnyWorkflow } from '../workflows/workflow.ts';
import {
  blockReasonOf,
  type Claim,
  claimConflict,
  claimExpiry,
  decisionsOpenTo,
  isClaimLive,
  isClaimSupervisor,
  mayClaim,
} from './claim.ts';

const now = new Date('2026-11-25T10:00:00Z');
const claim = (over: Partial<Claim> = {}): Claim => ({
  holderId: 'u1',
  holderName: '张三',
  status: 'PENDING_ACCEPTANCE',
  expiresAt: new Date(now.getTime() + 60_000),
  ...over,
});
const officer = (userId: string, authorityCode = '14401060000', level: 'LOCAL' | 'PROVINCIAL' = 'LOCAL'): Actor => ({
  role: 'OFFICER',
  userId,
  authorityCode,
  authorityLevel: level,
});
const invitation = invitationWorkflow as unknown as AnyWorkflow;
const access = accessApplicationWorkflow as unknown as AnyWorkflow;

describe('claim liveness and expiry', () => {
  it('is live only in the status it was taken in and before it lapses', () => {
    expect(isClaimLive(claim(), 'PENDING_ACCEPTANCE', now)).toBe(true);
    expect(isClaimLive(claim(), 'PENDING_CONFIRMATION', now)).toBe(false);
    expect(isClaimLive(claim({ expiresAt: now }), 'PENDING_ACCEPTANCE', now)).toBe(false);
    expect(isClaimLive(null, 'PENDING_ACCEPTANCE', now)).toBe(false);
  });

  it('expires the configured idle minutes after the last activity', () => {
    expect(claimExpiry(now, 30).toISOString()).toBe('2026-11-25T10:30:00.000Z');
  });

  it('conflicts only with a live claim of someone else, naming the holder', () => {
    expect(claimConflict(claim(), 'PENDING_ACCEPTANCE', 'u1', now)).toBeNull();
    expect(claimConflict(claim({ expiresAt: now }), 'PENDING_ACCEPTANCE', 'u2', now)).toBeNull();
    const conflict = claimConflict(claim(), 'PENDING_ACCEPTANCE', 'u2', now);
    expect(conflict).toEqual(domainError('CLAIMED', { holder: '张三' }));
    expect(messageFor(conflict ?? { code: 'CLAIMED' }, 'zh-CN')).toBe('该案件已由 张三 认领');
    expect(messageFor(conflict ?? { code: 'CLAIMED' }, 'en')).toBe('This case is claimed by 张三');
  });
});

describe('who may claim', () => {
  it('an officer who may decide at the current step', () => {
    expect(
      mayClaim(officer('u1'), {
        workflow: invitation,
        status: 'PENDING_ACCEPTANCE',
        lastDeciderId: null,
        performer: 'LOCAL_OFFICER',
      }),
    ).toEqual({ ok: true, value: true });
  });

  it('not outside the jurisdiction, not under four-eyes, not when nothing is to be decided, not a non-officer', () => {
    const outside = mayClaim(officer('u1'), {
      workflow: invitation,
      status: 'PENDING_ACCEPTANCE',
      lastDeciderId: null,
      performer: domainError('NOT_JURISDICTION'),
    });
    expect(!outside.ok && outside.error.code).toBe('NOT_JURISDICTION');
    const fourEyes = mayClaim(officer('u1'), {
      workflow: invitation,
      status: 'PENDING_CONFIRMATION',
      lastDeciderId: 'u1',
      performer: 'LOCAL_OFFICER',
    });
    expect(!fourEyes.ok && fourEyes.error.code).toBe('FOUR_EYES');
    const done = mayClaim(officer('u1'), {
      workflow: invitation,
      status: 'CONFIRMED',
      lastDeciderId: 'u2',
      performer: 'LOCAL_OFFICER',
    });
    expect(!done.ok && done.error.code).toBe('INVALID_TRANSITION');
    const admin = mayClaim(
      { role: 'ADMIN', userId: 'a' },
      {
        workflow: invitation,
        status: 'PENDING_ACCEPTANCE',
        lastDeciderId: null,
        performer: 'LOCAL_OFFICER',
      },
    );
    expect(!admin.ok && admin.error.code).toBe('FORBIDDEN');
  });

  it('a local officer cannot claim the provincial confirmation step of an access application', () => {
    const result = mayClaim(officer('u1'), {
      workflow: access,
      status: 'PENDING_CONFIRMATION',
      lastDeciderId: null,
      performer: 'LOCAL_OFFICER',
    });
    expect(!result.ok && result.error.code).toBe('INVALID_TRANSITION');
  });

  it('hidden events do not count as decisions', () => {
    const result = decisionsOpenTo('u1', {
      workflow: invitation,
      status: 'CONFIRMED',
      lastDeciderId: null,
      performer: 'OWNER_ENTERPRISE',
      hiddenEvents: ['unbindByDirectUnit'],
    });
    expect(result.ok).toBe(false);
  });
});

describe('supervisors and reasons', () => {
  it('the provincial bureau of the case and the admin supervise; local officers and other provinces do not', () => {
    expect(isClaimSupervisor(officer('p', '14400000000', 'PROVINCIAL'), '14401060000')).toBe(true);
    expect(isClaimSupervisor(officer('p', '13100000000', 'PROVINCIAL'), '14401060000')).toBe(false);
    expect(isClaimSupervisor(officer('l', '14401060000'), '14401060000')).toBe(false);
    expect(isClaimSupervisor({ role: 'ADMIN', userId: 'a' }, null)).toBe(true);
    expect(isClaimSupervisor(officer('p', '14400000000', 'PROVINCIAL'), null)).toBe(false);
  });

  it('maps refusals to reason codes', () => {
    expect(blockReasonOf(domainError('NOT_JURISDICTION'))).toBe('NOT_YOUR_JURISDICTION');
    expect(blockReasonOf(domainError('FOUR_EYES'))).toBe('FOUR_EYES');
    expect(blockReasonOf(domainError('CLAIMED'))).toBe('CLAIMED_BY_OTHER');
    expect(blockReasonOf(domainError('INVALID_TRANSITION'))).toBe('INVALID_STATUS');
    expect(blockReasonOf(domainError('UNAUTHENTICATED'))).toBe('NOT_SIGNED_IN');
    expect(blockReasonOf(domainError('FORBIDDEN'))).toBe('NOT_AN_OFFICER');
  });
});
