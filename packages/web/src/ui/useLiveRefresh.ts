import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useSubscription } from 'urql';
import { liveState } from '../app/client.ts';
import { graphql } from '../app/graphql.ts';

export interface CaseEvent {
  cursor: string;
  caseKind: string;
  caseId: string;
  event: string;
  fromStatus: string | null;
  toStatus: string | null;
  actorName: string | null;
  reason: string | null;
  createdAt: string;
}

export const CASE_EVENTS_SUBSCRIPTION = graphql(`
  subscription CaseEvents($after: String) {
    caseEvents(after: $after) {
      cursor
  caseKind
  caseId
  event
  fromStatus
  toStatus
  actorName
  reason
  createdAt
    }
  }
`);

export const QUEUE_CHANGES_SUBSCRIPTION = graphql(`
  subscription QueueChanges($kind: ReviewKind!, $step: ReviewStep!, $after: String) {
    queueChanges(kind: $kind, step: $step, after: $after) {
      cursor
  caseKind
  caseId
  event
  fromStatus
  toStatus
  actorName
  reason
  createdAt
    }
  }
`);

/** Stands for "something may have changed while the socket was down" when there was no cursor to resume from. */
export const RECONNECTED_EVENT: CaseEvent = {
  cursor: '',
  caseKind: '',
  caseId: '',
  event: 'reconnected',
  fromStatus: null,
  toStatus: null,
  actorName: null,
  reason: null,
  createdAt: '',
};

/**
 * Calls `onEvent` for every new event of the subscription (each cursor once). After the socket drops the
 * subscription resumes from the last cursor (app/resume.ts), so missed events arrive here too; if none had been
 * received yet there is no cursor, and `onEvent(RECONNECTED_EVENT)` lets list pages refetch instead.
 */
function useOnEvent(
  query: typeof CASE_EVENTS_SUBSCRIPTION | typeof QUEUE_CHANGES_SUBSCRIPTION,
  variables: Record<string, string> | undefined,
  field: 'caseEvents' | 'queueChanges',
  onEvent: (event: CaseEvent) => void,
) {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const [{ data }] = useSubscription<Record<string, CaseEvent>>({ query, variables });
  const event = data?.[field];
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (event && event.cursor !== seen.current) {
      seen.current = event.cursor;
      handler.current(event);
    }
  }, [event]);
  const reconnects = useSyncExternalStore(liveState.subscribe, liveState.reconnects);
  const initialReconnects = useRef(reconnects);
  useEffect(() => {
    if (reconnects !== initialReconnects.current && seen.current === null) handler.current(RECONNECTED_EVENT);
  }, [reconnects]);
}

export function useCaseEvents(onEvent: (event: CaseEvent) => void) {
  useOnEvent(CASE_EVENTS_SUBSCRIPTION, undefined, 'caseEvents', onEvent);
}

export function useQueueChanges(kind: string, step: string, onEvent: (event: CaseEvent) => void) {
  useOnEvent(QUEUE_CHANGES_SUBSCRIPTION, { kind, step }, 'queueChanges', onEvent);
}
