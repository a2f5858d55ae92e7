import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { type AnyVariables, type UseQueryArgs, useQuery, useSubscription } from 'urql';
import { liveState } from '../app/client.ts';
import { graphql } from '../app/graphql.ts';
import { coalesce } from './coalesce.ts';

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

const CASE_EVENT_FIELDS = graphql(`
  fragment CaseEventFields on CaseEvent {
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
`);

export const CASE_EVENTS_SUBSCRIPTION = graphql(
  `
  subscription CaseEvents($after: String) {
    caseEvents(after: $after) {
      ...CaseEventFields
    }
  }
`,
  [CASE_EVENT_FIELDS],
);

export const QUEUE_CHANGES_SUBSCRIPTION = graphql(
  `
  subscription QueueChanges($kind: ReviewKind!, $step: ReviewStep!, $after: String) {
    queueChanges(kind: $kind, step: $step, after: $after) {
      ...CaseEventFields
    }
  }
`,
  [CASE_EVENT_FIELDS],
);

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

/** Calls `onEvent` for every new case event the viewer may see (see useOnEvent). */
export function useCaseEvents(onEvent: (event: CaseEvent) => void) {
  useOnEvent(CASE_EVENTS_SUBSCRIPTION, undefined, 'caseEvents', onEvent);
}

/**
 * A burst of live events (a bulk decision, a busy province) is one reload: it runs once the events pause for
 * RELOAD_QUIET_MS, and at least every RELOAD_MAX_WAIT_MS while they keep coming.
 */
const RELOAD_QUIET_MS = 150;
const RELOAD_MAX_WAIT_MS = 1_000;

/** `fn`, coalesced as above; a pending call is dropped when the component unmounts. */
export function useCoalescedReload<Args extends unknown[]>(fn: (...args: Args) => void): (...args: Args) => void {
  const latest = useRef(fn);
  latest.current = fn;
  const [coalesced] = useState(() =>
    coalesce((...args: Args) => latest.current(...args), RELOAD_QUIET_MS, RELOAD_MAX_WAIT_MS),
  );
  useEffect(() => () => coalesced.cancel(), [coalesced]);
  return coalesced;
}

/** Reloads (coalesced) whenever a case event arrives. */
export function useReloadOnCaseEvents(reload: () => void) {
  useCaseEvents(useCoalescedReload(reload));
}

/** Calls `onChange` (coalesced, with the burst's last event) when the queue of `kind` at `step` changes. */
export function useQueueChanges(kind: string, step: string, onChange: (event: CaseEvent) => void) {
  useOnEvent(QUEUE_CHANGES_SUBSCRIPTION, { kind, step }, 'queueChanges', useCoalescedReload(onChange));
}

/**
 * A page's query, shown from the cache while it is read again, and read again (network-only, coalesced) whenever a
 * live case event `reloadOn` accepts arrives — a decision elsewhere shows without a page refresh. Returns the result and `reload`.
 */
export function useLiveQuery<Data, Variables extends AnyVariables>(
  args: UseQueryArgs<Variables, Data>,
  reloadOn: (event: CaseEvent) => boolean,
) {
  const [result, reexecute] = useQuery<Data, Variables>({ ...args, requestPolicy: 'cache-and-network' });
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const reloadSoon = useCoalescedReload(reload);
  useCaseEvents((event) => {
    if (reloadOn(event)) reloadSoon();
  });
  return [result, reload] as const;
}
