import { describe, expect, it } from 'vitest';
import { dcuStatusAfterExit } from './dcu-status.ts';
import {
  type ExitApplicationEvent,
  type ExitApplicationStatus,
  IN_FLIGHT_EXIT_STATUSES,
  exitApplicationWorkflow as wf,
} from './exit-application.ts';
import { describeWorkflowTable, type ExpectedRule } from './test-kit.ts';
import { statusesForStep } from './workflow.ts';

const expected: ExpectedRule<ExitApplicationStatus, ExitApplicationEvent>[] = [
  [
    null,
    'submit',
    'PENDING_ACCEPTANCE',
    'OWNER_ENTERPRISE',
    { mutation: 'submitExitApplication', effects: ['startExit', 'cancelInFlight'] },
  ],
  ['PENDING_ACCEPTANCE', 'accept', 'PENDING_REVIEW', 'LOCAL_OFFICER', { mutation: 'acceptExitApplication' }],
  [
    'PENDING_ACCEPTANCE',
    'refuse',
    'NOT_ACCEPTED',
    'LOCAL_OFFICER',
    { reason: true, mutation: 'refuseExitApplication', effects: ['resumeDcu'] },
  ],
  [
    'PENDING_REVIEW',
    'approveReview',
    'PENDING_CONFIRMATION',
    'LOCAL_OFFICER',
    { fourEyes: true, mutation: 'approveExitApplicationReview' },
  ],
  [
    'PENDING_REVIEW',
    'rejectReview',
    'REVIEW_REJECTED',
    'LOCAL_OFFICER',
    { reason: true, fourEyes: true, mutation: 'rejectExitApplicationReview', effects: ['resumeDcu'] },
  ],
  [
    'PENDING_CONFIRMATION',
    'confirm',
    'CONFIRMED',
    'PROVINCIAL_OFFICER',
    { mutation: 'confirmExitApplication', effects: ['endDcu', 'revokeAuthorisations'] },
  ],
  [
    'PENDING_CONFIRMATION',
    'rejectConfirmation',
    'CONFIRMATION_REJECTED',
    'PROVINCIAL_OFFICER',
    { reason: true, mutation: 'rejectExitApplicationConfirmation', effects: ['resumeDcu'] },
  ],
];

describeWorkflowTable(wf, expected, {
  statuses: ['NOT_ACCEPTED', 'REVIEW_REJECTED', 'CONFIRMED', 'CONFIRMATION_REJECTED'],
  outgoing: {},
});

describe('exit application', () => {
  it('has no draft and the access application’s labels', () => {
    expect(wf.statuses).not.toContain('DRAFT');
    expect(wf.statusInfo.PENDING_REVIEW.zh).toBe('待复核');
    expect(wf.statusInfo.CONFIRMATION_REJECTED.zh).toBe('确认不通过');
  });

  it('groups statuses by review step', () => {
    expect(statusesForStep(wf, 'ACCEPTANCE')).toEqual(['PENDING_ACCEPTANCE']);
    expect(statusesForStep(wf, 'REVIEW')).toEqual(['PENDING_REVIEW']);
    expect(statusesForStep(wf, 'CONFIRMATION')).toEqual(['PENDING_CONFIRMATION']);
    expect([...IN_FLIGHT_EXIT_STATUSES].sort()).toEqual([
      'PENDING_ACCEPTANCE',
      'PENDING_CONFIRMATION',
      'PENDING_REVIEW',
    ]);
  });

  it('moves the DCU to EXITING, back to ACTIVE on rejection, EXITED on confirmation', () => {
    expect(dcuStatusAfterExit('PENDING_ACCEPTANCE')).toBe('EXITING');
    expect(dcuStatusAfterExit('PENDING_CONFIRMATION')).toBe('EXITING');
    expect(dcuStatusAfterExit('CONFIRMED')).toBe('EXITED');
    for (const s of ['NOT_ACCEPTED', 'REVIEW_REJECTED', 'CONFIRMATION_REJECTED'] as const) {
      expect(dcuStatusAfterExit(s)).toBe('ACTIVE');
    }
  });
});
