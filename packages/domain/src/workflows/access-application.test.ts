import { describe, expect, it } from 'vitest';
import {
  ACCESS_TYPE,
  ACCESS_TYPE_LABEL,
  type AccessApplicationEvent,
  type AccessApplicationStatus,
  IN_FLIGHT_ACCESS_STATUSES,
  accessApplicationWorkflow as wf,
} from './access-application.ts';
import { describeWorkflowTable, type ExpectedRule } from './test-kit.ts';
import { decide, statusesForStep, stepOf } from './workflow.ts';

const expected: ExpectedRule<AccessApplicationStatus, AccessApplicationEvent>[] = [
  [null, 'saveDraft', 'DRAFT', 'OWNER_ENTERPRISE', { mutation: 'saveAccessApplicationDraft' }],
  ['DRAFT', 'saveDraft', 'DRAFT', 'OWNER_ENTERPRISE', { mutation: 'saveAccessApplicationDraft' }],
  ['DRAFT', 'submit', 'PENDING_ACCEPTANCE', 'OWNER_ENTERPRISE', { mutation: 'submitAccessApplication' }],
  ['PENDING_ACCEPTANCE', 'accept', 'PENDING_REVIEW', 'LOCAL_OFFICER', { mutation: 'acceptAccessApplication' }],
  [
    'PENDING_ACCEPTANCE',
    'refuse',
    'NOT_ACCEPTED',
    'LOCAL_OFFICER',
    { reason: true, mutation: 'refuseAccessApplication' },
  ],
  [
    'PENDING_REVIEW',
    'approveReview',
    'PENDING_CONFIRMATION',
    'LOCAL_OFFICER',
    { fourEyes: true, mutation: 'approveAccessApplicationReview' },
  ],
  [
    'PENDING_REVIEW',
    'rejectReview',
    'REVIEW_REJECTED',
    'LOCAL_OFFICER',
    { reason: true, fourEyes: true, mutation: 'rejectAccessApplicationReview' },
  ],
  [
    'PENDING_CONFIRMATION',
    'confirm',
    'CONFIRMED',
    'PROVINCIAL_OFFICER',
    { mutation: 'confirmAccessApplication', effects: ['activateDcu'] },
  ],
  [
    'PENDING_CONFIRMATION',
    'rejectConfirmation',
    'CONFIRMATION_REJECTED',
    'PROVINCIAL_OFFICER',
    { reason: true, mutation: 'rejectAccessApplicationConfirmation' },
  ],
];

describeWorkflowTable(wf, expected, {
  statuses: ['NOT_ACCEPTED', 'REVIEW_REJECTED', 'CONFIRMED', 'CONFIRMATION_REJECTED'],
  outgoing: {},
});

describe('access application statuses', () => {
  it('carries the manual’s labels', () => {
    expect(Object.fromEntries(wf.statuses.map((s) => [s, wf.statusInfo[s].zh]))).toEqual({
      DRAFT: '草稿',
      PENDING_ACCEPTANCE: '待受理',
      NOT_ACCEPTED: '不予受理',
      PENDING_REVIEW: '待复核',
      REVIEW_REJECTED: '复核不通过',
      PENDING_CONFIRMATION: '待确认',
      CONFIRMED: '确认通过',
      CONFIRMATION_REJECTED: '确认不通过',
    });
    for (const s of wf.statuses) expect(wf.statusInfo[s].en.length).toBeGreaterThan(0);
  });

  it('maps pending statuses to review steps', () => {
    expect(stepOf(wf, 'PENDING_ACCEPTANCE')).toBe('ACCEPTANCE');
    expect(stepOf(wf, 'DRAFT')).toBeUndefined();
    expect(statusesForStep(wf, 'ACCEPTANCE')).toEqual(['PENDING_ACCEPTANCE']);
    expect(statusesForStep(wf, 'REVIEW')).toEqual(['PENDING_REVIEW']);
    expect(statusesForStep(wf, 'CONFIRMATION')).toEqual(['PENDING_CONFIRMATION']);
    for (const rule of wf.transitions) {
      if (rule.performer.endsWith('OFFICER')) expect(rule.step).toBe(stepOf(wf, rule.from as AccessApplicationStatus));
    }
  });

  it('lists in-flight statuses', () => {
    expect([...IN_FLIGHT_ACCESS_STATUSES].sort()).toEqual(
      ['DRAFT', 'PENDING_ACCEPTANCE', 'PENDING_CONFIRMATION', 'PENDING_REVIEW'].sort(),
    );
  });

  it('reports status and event on an invalid transition', () => {
    expect(decide(wf, 'confirm', { status: 'DRAFT', performer: 'PROVINCIAL_OFFICER' })).toEqual({
      ok: false,
      error: {
        code: 'INVALID_TRANSITION',
        params: { status: 'DRAFT', event: 'confirm', statusZh: '草稿', statusEn: 'Draft' },
      },
    });
  });

  it('the accepting officer cannot also review', () => {
    const ctx = {
      status: 'PENDING_REVIEW' as const,
      performer: 'LOCAL_OFFICER' as const,
      previousDeciderUserId: 'th1',
    };
    expect(decide(wf, 'approveReview', { ...ctx, actorUserId: 'th1' })).toMatchObject({ error: { code: 'FOUR_EYES' } });
    expect(decide(wf, 'approveReview', { ...ctx, actorUserId: 'th2' })).toMatchObject({
      ok: true,
      value: { to: 'PENDING_CONFIRMATION' },
    });
  });

  it('exports the self-use access type', () => {
    expect(ACCESS_TYPE).toBe('SELF_USE');
    expect(ACCESS_TYPE_LABEL.zh).toBe('乐企自用');
  });
});
