import { describe, expect, it } from 'vitest';
import {
  AUTHORISATION_STATUSES,
  type CapabilitySubscriptionEvent,
  type CapabilitySubscriptionStatus,
  capabilitySubscriptionWorkflow as wf,
} from './capability-subscription.ts';
import { describeWorkflowTable, type ExpectedRule } from './test-kit.ts';
import { statusesForStep } from './workflow.ts';

const expected: ExpectedRule<CapabilitySubscriptionStatus, CapabilitySubscriptionEvent>[] = [
  [null, 'apply', 'PENDING_APPROVAL', 'OWNER_ENTERPRISE', { mutation: 'applyCapabilitySubscription' }],
  [
    'PENDING_APPROVAL',
    'approve',
    'APPROVED',
    'LOCAL_OFFICER',
    { mutation: 'approveCapabilitySubscription', effects: ['authoriseDcu'] },
  ],
  [
    'PENDING_APPROVAL',
    'reject',
    'REJECTED',
    'LOCAL_OFFICER',
    { reason: true, mutation: 'rejectCapabilitySubscription' },
  ],
  ['PENDING_APPROVAL', 'cancel', 'CANCELLED', 'SYSTEM'],
  ['APPROVED', 'revoke', 'REVOKED', 'SYSTEM'],
];

describeWorkflowTable(wf, expected, {
  statuses: ['APPROVED', 'REJECTED', 'CANCELLED', 'REVOKED'],
  outgoing: { APPROVED: ['revoke'] },
});

describe('capability subscription', () => {
  it('carries the labels', () => {
    expect(Object.fromEntries(wf.statuses.map((s) => [s, wf.statusInfo[s].zh]))).toEqual({
      PENDING_APPROVAL: '待审核',
      APPROVED: '审核通过',
      REJECTED: '审核不通过',
      CANCELLED: '已失效',
      REVOKED: '已取消',
    });
  });

  it('is queued as a single review step', () => {
    expect(statusesForStep(wf, 'REVIEW')).toEqual(['PENDING_APPROVAL']);
    expect(statusesForStep(wf, 'ACCEPTANCE')).toEqual([]);
    expect(statusesForStep(wf, 'CONFIRMATION')).toEqual([]);
  });

  it('exports authorisation statuses', () => {
    expect(AUTHORISATION_STATUSES).toEqual(['ACTIVE', 'REVOKED']);
  });
});
