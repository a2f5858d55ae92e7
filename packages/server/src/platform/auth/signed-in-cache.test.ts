import { describe, expect, it } from 'vitest';
import type { Viewer } from '../context.ts';
import { type Revocation, type RevocationTransport, type SignedIn, SignedInCache } from './signed-in-cache.ts';

const viewer = (userId: string): Viewer => ({
  userId,
  username: userId,
  displayName: userId,
  actor: { role: 'ADMIN', userId },
});

/** a database stand-in: counts reads, answers what `rows` holds now */
function store(rows: Map<string, SignedIn>) {
  const counter = { reads: 0 };
  const read = (hash: string) => async () => {
    counter.reads += 1;
    return rows.get(hash) ?? null;
  };
  return { counter, read };
}

class FakeTransport implements RevocationTransport {
  published: Revocation[] = [];
  handlers?: Parameters<RevocationTransport['start']>[0];
  async publish(revocation: Revocation) {
    this.published.push(revocation);
  }
  async start(handlers: Parameters<RevocationTransport['start']>[0]) {
    this.handlers = handlers;
  }
  async close() {}
}

describe('SignedInCache', () => {
  it('serves a credential from memory until its TTL, and never past the credential’s own expiry', async () => {
    let now = 1_000_000;
    const rows = new Map([
      ['a', { viewer: viewer('u1'), expiresAt: null }],
      ['b', { viewer: viewer('u2'), expiresAt: new Date(now + 500) }],
    ]);
    const { counter, read } = store(rows);
    const cache = await new SignedInCache({ ttlMs: 1000, maxEntries: 10, now: () => now }).start();
    expect((await cache.resolve('a', read('a')))?.userId).toBe('u1');
    expect((await cache.resolve('a', read('a')))?.userId).toBe('u1');
    expect(counter.reads).toBe(1);
    await cache.resolve('b', read('b'));
    rows.delete('b');
    now += 600; // past b's expiry, within the TTL
    expect(await cache.resolve('b', read('b'))).toBeNull();
    now += 500; // past the TTL
    await cache.resolve('a', read('a'));
    expect(counter.reads).toBe(4);
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const rows = new Map(['a', 'b', 'c'].map((hash) => [hash, { viewer: viewer(hash), expiresAt: null }]));
    const { counter, read } = store(rows);
    const cache = await new SignedInCache({ ttlMs: 60_000, maxEntries: 2 }).start();
    for (const hash of ['a', 'b', 'c']) await cache.resolve(hash, read(hash));
    expect(cache.size).toBe(2);
    await cache.resolve('a', read('a'));
    expect(counter.reads).toBe(4);
  });

  it('drops by token, by user and everyone; revoke also announces', async () => {
    const rows = new Map([
      ['s1', { viewer: viewer('u1'), expiresAt: null }],
      ['s2', { viewer: viewer('u1'), expiresAt: null }],
      ['s3', { viewer: viewer('u2'), expiresAt: null }],
    ]);
    const { read } = store(rows);
    const transport = new FakeTransport();
    const cache = await new SignedInCache({ ttlMs: 60_000, maxEntries: 10 }, transport).start();
    for (const hash of rows.keys()) await cache.resolve(hash, read(hash));
    expect(cache.size).toBe(3);
    await cache.revoke({ tokenHash: 's3' });
    expect(transport.published).toEqual([{ tokenHash: 's3' }]);
    expect(cache.size).toBe(2);
    transport.handlers?.revoked({ userId: 'u1' });
    expect(cache.size).toBe(0);
    await cache.resolve('s1', read('s1'));
    cache.drop({ everyone: true });
    expect(cache.size).toBe(0);
  });

  it('does not remember a read that was in flight while something was dropped', async () => {
    const cache = await new SignedInCache({ ttlMs: 60_000, maxEntries: 10 }).start();
    let release: (value: SignedIn) => void = () => undefined;
    const pending = cache.resolve('s1', () => new Promise<SignedIn>((resolve) => (release = resolve)));
    // the session was read before its sign-out committed, the sign-out's drop comes before the read returns
    cache.drop({ tokenHash: 's1' });
    release({ viewer: viewer('u1'), expiresAt: null });
    expect((await pending)?.userId).toBe('u1');
    expect(cache.size).toBe(0);
  });

  it('serves nothing from memory while revocations may be missed, and starts empty when they arrive again', async () => {
    const rows = new Map([['s1', { viewer: viewer('u1'), expiresAt: null }]]);
    const { counter, read } = store(rows);
    const transport = new FakeTransport();
    const cache = new SignedInCache({ ttlMs: 60_000, maxEntries: 10 }, transport);
    await cache.resolve('s1', read('s1'));
    expect(cache.size).toBe(0); // not listening yet
    await cache.start();
    await cache.resolve('s1', read('s1'));
    transport.handlers?.lost();
    expect(cache.size).toBe(0);
    await cache.resolve('s1', read('s1'));
    await cache.resolve('s1', read('s1'));
    expect(counter.reads).toBe(4);
    transport.handlers?.restored();
    await cache.resolve('s1', read('s1'));
    await cache.resolve('s1', read('s1'));
    expect(counter.reads).toBe(5);
  });

  it('with a TTL of 0 reads every time', async () => {
    const { counter, read } = store(new Map([['s1', { viewer: viewer('u1'), expiresAt: null }]]));
    const cache = await new SignedInCache({ ttlMs: 0, maxEntries: 10 }).start();
    await cache.resolve('s1', read('s1'));
    await cache.resolve('s1', read('s1'));
    expect(counter.reads).toBe(2);
  });
});
