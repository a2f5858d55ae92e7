import type { EventBus } from '../events/bus.ts';
import type { Revocation, SignedInCache } from './signed-in-cache.ts';

/**
 * What an account change ends: an ADMIN_USER event (disabled, password reset, role, authority or identity
 * changed) ends that user's signed-in state; any other administrative change (an authority's level, an
 * enterprise) may change many callers' rights, so it ends all of them — such changes are rare.
 */
export function revocationOf(event: { caseKind: string; caseId: string }): Revocation | null {
  if (event.caseKind === 'ADMIN_USER') return { userId: event.caseId };
  if (event.caseKind.startsWith('ADMIN_')) return { everyone: true };
  return null;
}

/**
 * The bus, with every account change it publishes (after commit) also announced as a revocation to every
 * instance at once — sooner than the other instances' tails read the event — and `publish` resolving only once
 * every instance confirmed it, so the change's request answers after no instance serves the old state. Every instance also drops on the
 * event itself when its tail delivers it (changes published by another process, a lost announcement); that
 * listener is registered before the subscription guard's, so the guard re-reads a dropped state.
 */
export function revokingOnAccountEvents(bus: EventBus, cache: SignedInCache): EventBus {
  const stop = bus.subscribe(
    (event) => {
      const revocation = revocationOf(event);
      if (revocation) cache.drop(revocation);
    },
    { internal: true },
  );
  return {
    publish: (events) => {
      const revocations = events.map(revocationOf).filter((revocation) => revocation !== null);
      bus.publish(events);
      // the writer answers once every instance dropped what the change ends (not merely once it was announced)
      if (revocations.length > 0)
        return Promise.all(revocations.map((revocation) => cache.revoke(revocation))).then(() => undefined);
    },
    subscribe: (listener, options) => bus.subscribe(listener, options),
    position: () => bus.position(),
    get listenerCount() {
      return bus.listenerCount;
    },
    ready: () => bus.ready(),
    settled: () => bus.settled(),
    close: async () => {
      stop();
      await bus.close();
    },
  };
}
