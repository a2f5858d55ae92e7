import type { SubscriptionForwarder } from 'urql';

type Sink = { next: (value: unknown) => void };
const active = new Map<Sink, string>();

/** Stands in for graphql-ws: records subscribers so a test can push an event to them. */
export const forwardSubscription: SubscriptionForwarder = (request) => ({
  subscribe(sink) {
    const key = request.query ?? '';
    active.set(sink as Sink, key);
    return { unsubscribe: () => void active.delete(sink as Sink) };
  },
});

const TYPENAMES: Record<string, string> = {
  caseEvents: 'CaseEvent',
  queueChanges: 'CaseEvent',
  importProgress: 'ImportProgress',
  registryImportProgress: 'RegistryImportProgress',
};

/** Pushes `{ [field]: event }` to every open subscription selecting that field; returns how many got it. */
export function emitSubscription(
  field: 'caseEvents' | 'queueChanges' | 'importProgress' | 'registryImportProgress',
  event: Record<string, unknown>,
): number {
  let delivered = 0;
  for (const [sink, query] of active) {
    if (query.includes(`${field}`)) {
      sink.next({ data: { [field]: { __typename: TYPENAMES[field], ...event } } });
      delivered++;
    }
  }
  return delivered;
}

export function openSubscriptions(field: string): number {
  return [...active.values()].filter((q) => q.includes(field)).length;
}

export function resetSubscriptions() {
  active.clear();
}
