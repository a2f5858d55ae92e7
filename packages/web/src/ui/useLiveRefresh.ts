import { useEffect, useRef } from 'react';
import { gql, useSubscription } from 'urql';

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

const CASE_EVENT_FIELDS = `
  cursor
  caseKind
  caseId
  event
  fromStatus
  toStatus
  actorName
  reason
  createdAt
`;

export const CASE_EVENTS_SUBSCRIPTION = gql`
  subscription CaseEvents {
    caseEvents {
      ${CASE_EVENT_FIELDS}
    }
  }
`;

export const QUEUE_CHANGES_SUBSCRIPTION = gql`
  subscription QueueChanges($kind: ReviewKind!, $step: ReviewStep!) {
    queueChanges(kind: $kind, step: $step) {
      ${CASE_EVENT_FIELDS}
    }
  }
`;

/** Calls `onEvent` for every new event of the subscription (each cursor once). */
function useOnEvent(
  query: typeof CASE_EVENTS_SUBSCRIPTION,
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
}

export function useCaseEvents(onEvent: (event: CaseEvent) => void) {
  useOnEvent(CASE_EVENTS_SUBSCRIPTION, undefined, 'caseEvents', onEvent);
}

export function useQueueChanges(kind: string, step: string, onEvent: (event: CaseEvent) => void) {
  useOnEvent(QUEUE_CHANGES_SUBSCRIPTION, { kind, step }, 'queueChanges', onEvent);
}
