import { describe, expect, it } from 'vitest';
import type { StoredCaseEvent } from '../events/audit.ts';
import { InProcessEventBus } from '../events/bus.ts';
import { revocationOf, revokingOnAccountEvents } from './account-events.ts';
import { type Revocation, type RevocationTransport, SignedInCache } from './signed-in-cache.ts';

const event = (caseKind: string, caseId: string) => ({ caseKind, caseId }) as StoredCaseEvent;

/** a transport whose announcements stay unconfirmed until the test confirms them */
class HeldTransport implements RevocationTransport {
  readonly announced: Revocation[] = [];
  private readonly confirmations: (() => void)[] = [];
  publish(revocation: Revocation) {
    this.announced.push(revocation);
    return new Promise<void>((resolve) => this.confirmations.push(resolve));
  }
  confirmAll() {
    for (const confirm of this.confirmations.splice(0)) confirm();
  }
  async start() {}
  async close() {}
}

describe('revokingOnAccountEvents', () => {
  it('ends one user’s state on ADMIN_USER, everyone’s on another administrative change, nothing on a case', () => {
    expect(revocationOf(event('ADMIN_USER', 'u1'))).toEqual({ userId: 'u1' });
    expect(revocationOf(event('ADMIN_AUTHORITY', '11100000000'))).toEqual({ everyone: true });
    expect(revocationOf(event('DCU_APPLICATION', 'c1'))).toBeNull();
  });

  it('resolves publish only once every instance confirmed the revocation: the writer answers after that', async () => {
    const transport = new HeldTransport();
    const cache = await new SignedInCache({ ttlMs: 60_000, maxEntries: 10 }, transport).start();
    const delivered: StoredCaseEvent[] = [];
    const inner = new InProcessEventBus();
    inner.subscribe((delivery) => delivered.push(delivery));
    const bus = revokingOnAccountEvents(inner, cache);

    let answered = false;
    const publishing = Promise.resolve(bus.publish([event('ADMIN_USER', 'u1')])).then(() => {
      answered = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(transport.announced).toEqual([{ userId: 'u1' }]);
    expect(delivered).toHaveLength(1);
    expect(answered).toBe(false);
    transport.confirmAll();
    await publishing;
    expect(answered).toBe(true);
  });

  it('makes a case event’s writer wait for nothing', () => {
    const transport = new HeldTransport();
    const bus = revokingOnAccountEvents(
      new InProcessEventBus(),
      new SignedInCache({ ttlMs: 0, maxEntries: 1 }, transport),
    );
    expect(bus.publish([event('DCU_APPLICATION', 'c1')])).toBeUndefined();
    expect(transport.announced).toEqual([]);
  });
});
