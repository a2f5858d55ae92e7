import { describe, expect, it } from 'vitest';
import { accessApplicationWorkflow } from './access-application.ts';
import { BINDING_STATUSES } from './binding.ts';
import { DCU_STATUS_LABELS, DCU_STATUSES, mayApplyForAccess } from './dcu-status.ts';
import { REVIEW_KIND_WORKFLOWS, WORKFLOWS } from './registry.ts';
import {
  availableEvents,
  decide,
  findTransition,
  REVIEW_KINDS,
  reachableStatuses,
  replay,
  statusesForStep,
  type Workflow,
} from './workflow.ts';

type S = 'A' | 'B' | 'C';
type E = 'go' | 'stop';
const toy: Workflow<S, E> = {
  name: 'toy',
  statuses: ['A', 'B', 'C'],
  events: ['go', 'stop'],
  statusInfo: {
    A: { zh: '甲', en: 'A', terminal: false, step: 'ACCEPTANCE' },
    B: { zh: '乙', en: 'B', terminal: false },
    C: { zh: '丙', en: 'C', terminal: true },
  },
  transitions: [
    { from: null, event: 'go', to: 'A', performer: 'OWNER_ENTERPRISE', needsReason: false, fourEyes: false },
    { from: 'A', event: 'go', to: 'B', performer: 'LOCAL_OFFICER', needsReason: false, fourEyes: false },
    // two rules for one (from, event): one per performer
    { from: 'B', event: 'stop', to: 'C', performer: 'OWNER_ENTERPRISE', needsReason: false, fourEyes: false },
    { from: 'B', event: 'stop', to: 'C', performer: 'USE_UNIT', needsReason: false, fourEyes: false },
  ],
};

describe('workflow machinery', () => {
  it('finds transitions and derives events', () => {
    expect(findTransition(toy, null, 'go')?.to).toBe('A');
    expect(findTransition(toy, 'C', 'go')).toBeUndefined();
    expect(availableEvents(toy, 'B')).toEqual(['stop']);
    expect(availableEvents(toy, 'B', 'USE_UNIT')).toEqual(['stop']);
    expect(availableEvents(toy, 'B', 'LOCAL_OFFICER')).toEqual([]);
  });

  it('picks the rule of the caller’s performer when several exist', () => {
    expect(decide(toy, 'stop', { status: 'B', performer: 'USE_UNIT' })).toMatchObject({
      ok: true,
      value: { performer: 'USE_UNIT' },
    });
    expect(decide(toy, 'stop', { status: 'B', performer: 'SYSTEM' })).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('reports creation-time invalid transitions with status NONE', () => {
    expect(decide(toy, 'stop', { status: null, performer: 'OWNER_ENTERPRISE' })).toMatchObject({
      error: { code: 'INVALID_TRANSITION', params: { status: 'NONE', event: 'stop' } },
    });
  });

  it('replays', () => {
    expect(replay(toy, ['go', 'go', 'stop'], null)).toEqual({ ok: true, value: 'C' });
    expect(replay(toy, ['stop'], 'B')).toEqual({ ok: true, value: 'C' });
    expect(replay(toy, [], 'B')).toEqual({ ok: true, value: 'B' });
    expect(replay(toy, [], null).ok).toBe(false);
    expect(replay(toy, ['go', 'stop'], null)).toMatchObject({ ok: false, error: { params: { status: 'A' } } });
  });

  it('computes reachability and steps', () => {
    expect([...reachableStatuses(toy)].sort()).toEqual(['A', 'B', 'C']);
    expect(statusesForStep(toy, 'ACCEPTANCE')).toEqual(['A']);
  });

  it('four eyes does not apply without a previous decider', () => {
    const wf = accessApplicationWorkflow;
    expect(
      decide(wf, 'approveReview', { status: 'PENDING_REVIEW', performer: 'LOCAL_OFFICER', actorUserId: 'u' }).ok,
    ).toBe(true);
  });
});

describe('registry', () => {
  it('exposes the four workflows by name and by review kind', () => {
    expect(Object.keys(WORKFLOWS).sort()).toEqual(
      ['accessApplication', 'capabilitySubscription', 'exitApplication', 'invitation'].sort(),
    );
    for (const [name, wf] of Object.entries(WORKFLOWS)) expect(wf.name).toBe(name);
    expect(Object.keys(REVIEW_KIND_WORKFLOWS).sort()).toEqual([...REVIEW_KINDS].sort());
    for (const wf of Object.values(WORKFLOWS) as Workflow<string, string>[]) {
      for (const rule of wf.transitions) {
        expect(wf.statuses).toContain(rule.to);
        if (rule.from !== null) expect(wf.statuses).toContain(rule.from);
        expect(wf.events).toContain(rule.event);
        if (rule.step) expect(wf.statusInfo[rule.from as string]?.step).toBe(rule.step);
      }
    }
  });
});

describe('binding and DCU statuses', () => {
  it('labels DCU statuses', () => {
    expect(DCU_STATUSES).toEqual(['NOT_CONNECTED', 'ACTIVE', 'EXITING', 'EXITED']);
    expect(DCU_STATUSES.map((s) => DCU_STATUS_LABELS[s].zh)).toEqual(['未接入', '已接入', '退出中', '已退出']);
    expect(BINDING_STATUSES).toEqual(['ACTIVE', 'UNBOUND']);
  });

  it('allows access applications only when not (or no longer) a DCU', () => {
    expect(DCU_STATUSES.filter(mayApplyForAccess)).toEqual(['NOT_CONNECTED', 'EXITED']);
  });
});
