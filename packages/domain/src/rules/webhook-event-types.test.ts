import { describe, expect, it } from 'vitest';
import { REVIEW_KIND_WORKFLOWS } from '../workflows/registry.ts';
import { REVIEW_KINDS } from '../workflows/workflow.ts';
import { BUREAU_ONLY_CASE_EVENTS } from './case-visibility.ts';
import { checkEventTypeFilter, eventTypeWanted, WEBHOOK_EVENT_TYPES, webhookEventType } from './webhook-event-types.ts';

describe('webhook event types', () => {
  it('names a type <caseKind>.<event>', () => {
    expect(webhookEventType('ACCESS_APPLICATION', 'accept')).toBe('ACCESS_APPLICATION.accept');
  });

  it('lists every event of every review kind’s table, draft saves and invitation annotations, each once', () => {
    for (const kind of REVIEW_KINDS)
      for (const event of REVIEW_KIND_WORKFLOWS[kind].events as readonly string[])
        expect(WEBHOOK_EVENT_TYPES, `${kind}.${event}`).toContain(`${kind}.${event}`);
    for (const type of ['ACCESS_APPLICATION.saveDraft', 'INVITATION.replaceProof', 'INVITATION.authoriseCapabilities'])
      expect(WEBHOOK_EVENT_TYPES).toContain(type);
    expect(new Set(WEBHOOK_EVENT_TYPES).size).toBe(WEBHOOK_EVENT_TYPES.length);
  });

  it('never lists the bureau’s own work on a case', () => {
    for (const type of WEBHOOK_EVENT_TYPES)
      expect(BUREAU_ONLY_CASE_EVENTS as readonly string[], type).not.toContain(type.split('.')[1]);
    expect(WEBHOOK_EVENT_TYPES).not.toContain('INVITATION.claim');
  });

  it('takes known types and kind wildcards, names the unknown entries', () => {
    expect(checkEventTypeFilter([' INVITATION.* ', 'ACCESS_APPLICATION.accept', 'ACCESS_APPLICATION.accept'])).toEqual({
      ok: true,
      types: ['INVITATION.*', 'ACCESS_APPLICATION.accept'],
    });
    expect(checkEventTypeFilter([])).toEqual({ ok: true, types: [] });
    expect(checkEventTypeFilter(['ACCESS_APPLICATION.claim', 'ADMIN_USER.*', '*', 'INVITATION.accept'])).toEqual({
      ok: false,
      unknown: ['ACCESS_APPLICATION.claim', 'ADMIN_USER.*', '*'],
    });
  });

  it('delivers to an empty filter everything, otherwise the listed types and the kinds under a wildcard', () => {
    expect(eventTypeWanted([], 'EXIT_APPLICATION.submit')).toBe(true);
    expect(eventTypeWanted(['INVITATION.*'], 'INVITATION.accept')).toBe(true);
    expect(eventTypeWanted(['INVITATION.*'], 'EXIT_APPLICATION.submit')).toBe(false);
    expect(eventTypeWanted(['EXIT_APPLICATION.submit'], 'EXIT_APPLICATION.submit')).toBe(true);
    expect(eventTypeWanted(['EXIT_APPLICATION.submit'], 'EXIT_APPLICATION.withdraw')).toBe(false);
  });
});
