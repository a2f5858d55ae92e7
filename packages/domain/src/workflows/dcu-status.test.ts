import { describe, expect, it } from 'vitest';
import {
  DCU_EVENT_OF_EXIT,
  DCU_STATUSES,
  type DcuEvent,
  type DcuStatus,
  dcuStatusAfterExit,
  mayApplyForExit,
  dcuStatusWorkflow as wf,
} from './dcu-status.ts';
import { exitApplicationWorkflow } from './exit-application.ts';
import { describeWorkflowTable, type ExpectedRule } from './test-kit.ts';
import { findTransition } from './workflow.ts';

const expected: ExpectedRule<DcuStatus, DcuEvent>[] = [
  [null, 'register', 'NOT_CONNECTED', 'SYSTEM', { mutation: 'saveRegistryEntry' }],
  [
    'NOT_CONNECTED',
    'accessConfirmed',
    'ACTIVE',
    'SYSTEM',
    { mutation: 'confirmAccessApplication', effects: ['activateDcu'] },
  ],
  ['EXITED', 'accessConfirmed', 'ACTIVE', 'SYSTEM', { mutation: 'confirmAccessApplication', effects: ['activateDcu'] }],
  [
    'ACTIVE',
    'exitSubmitted',
    'EXITING',
    'SYSTEM',
    { mutation: 'submitExitApplication', effects: ['startExit', 'cancelInFlight'] },
  ],
  [
    'EXITING',
    'exitConfirmed',
    'EXITED',
    'SYSTEM',
    { mutation: 'confirmExitApplication', effects: ['endDcu', 'revokeAuthorisations'] },
  ],
  ['EXITING', 'exitRefused', 'ACTIVE', 'SYSTEM', { mutation: 'refuseExitApplication', effects: ['resumeDcu'] }],
  [
    'EXITING',
    'exitReviewRejected',
    'ACTIVE',
    'SYSTEM',
    { mutation: 'rejectExitApplicationReview', effects: ['resumeDcu'] },
  ],
  [
    'EXITING',
    'exitConfirmationRejected',
    'ACTIVE',
    'SYSTEM',
    { mutation: 'rejectExitApplicationConfirmation', effects: ['resumeDcu'] },
  ],
];

describeWorkflowTable(wf, expected, { statuses: [], outgoing: {} });

describe('DCU status and the exit application', () => {
  it('each exit event that moves the DCU lands where dcuStatusAfterExit says', () => {
    for (const [event, dcuEvent] of Object.entries(DCU_EVENT_OF_EXIT)) {
      const exitRule = exitApplicationWorkflow.transitions.find((r) => r.event === event);
      const dcuRule =
        findTransition(wf, 'EXITING', dcuEvent as DcuEvent) ?? findTransition(wf, 'ACTIVE', dcuEvent as DcuEvent);
      expect(exitRule && dcuRule, event).toBeTruthy();
      if (exitRule && dcuRule) expect(dcuRule.to, event).toBe(dcuStatusAfterExit(exitRule.to));
    }
  });
});

describe('mayApplyForExit', () => {
  it('only an ACTIVE DCU, and only its legal representative or finance manager', () => {
    const open = DCU_STATUSES.filter((status) => mayApplyForExit('LEGAL_REPRESENTATIVE', status));
    expect(open).toEqual(['ACTIVE']);
    expect(mayApplyForExit('FINANCE_MANAGER', 'ACTIVE')).toBe(true);
    expect(mayApplyForExit('TAX_CLERK', 'ACTIVE')).toBe(false);
  });
});
