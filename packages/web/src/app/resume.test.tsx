import { describe, expect, it } from 'vitest';
import { cursorOf, resumable } from './resume.ts';

const QUERY = 'subscription Q($after: String) { queueChanges(after: $after) { cursor } }';
const sinkOf = (received: unknown[]) => ({
  next: (v: unknown) => received.push(v),
  error: () => {},
  complete: () => {},
});

describe('resumable subscriptions', () => {
  it('keeps `after` at the cursor of the last event, in the payload object graphql-ws resends on reconnect', () => {
    const received: unknown[] = [];
    const { payload, sink } = resumable({ query: QUERY, variables: { kind: 'INVITATION' } }, sinkOf(received));
    expect(payload.variables).toEqual({ kind: 'INVITATION' });
    sink.next({ data: { queueChanges: { cursor: '41' } } });
    sink.next({ data: { queueChanges: { cursor: '42' } } });
    expect(JSON.parse(JSON.stringify(payload)).variables).toEqual({ kind: 'INVITATION', after: '42' });
    expect(received).toHaveLength(2);
  });

  it('leaves subscriptions without an `$after` variable alone', () => {
    const request = { query: 'subscription { importProgress(importRecordId: "x") { done } }' };
    const { payload, sink } = resumable(request, sinkOf([]));
    sink.next({ data: { importProgress: { cursor: '9' } } });
    expect(payload).toBe(request);
    expect(payload).not.toHaveProperty('variables');
  });

  it('finds the cursor of any root field and ignores results without one', () => {
    expect(cursorOf({ data: { caseEvents: { cursor: '7' } } })).toBe('7');
    expect(cursorOf({ data: { caseEvents: null } })).toBeNull();
    expect(cursorOf({ errors: [] })).toBeNull();
  });
});
