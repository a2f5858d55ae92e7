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
 * instance at once — sooner than the other instances' tails read the event. Every instance also drops on the
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
      for (const event of events) {
        const revocation = revocationOf(event);
        if (revocation) void cache.revoke(revocation);
      }
      bus.publish(events);
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
