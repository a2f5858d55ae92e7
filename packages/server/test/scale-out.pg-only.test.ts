// Scale-out: two instances on one PostgreSQL database and one Redis. A transition made through instance A reaches
// a subscriber of instance B; a subscriber reconnecting to B with its cursor receives everything it missed, also
// across a restart of both instances. Runs only in `pnpm test:pg` (the `.pg-only` suffix, see vitest.config.ts); the Redis bus itself is tested
// on both databases by event-bus.test.ts.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { caseIn } from './fixtures.ts';
import { freshPostgresDatabase, startTestServer, type TestServer } from './harness.ts';
import { sleep, subscribeTo, type TestSubscription } from './ws-client.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const QUEUE = `subscription($after: String) { queueChanges(kind: ACCESS_APPLICATION, step: ACCEPTANCE, after: $after) {
  cursor caseId event } }`;

describe('two instances on PostgreSQL + Redis', () => {
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let a: TestServer;
  let b: TestServer;
  const prefix = `leqi-test-${randomUUID()}`;
  const open: TestSubscription[] = [];

  const start = () =>
    startTestServer({ DATABASE_URL: database.url, REDIS_URL: REDIS_URL, REDIS_CHANNEL_PREFIX: prefix });

  afterAll(async () => {
    await Promise.all(open.map((subscription) => subscription.close()));
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  async function subscribeOnB(after?: string): Promise<TestSubscription> {
    const subscription = subscribeTo(b.url, await b.signIn('th.officer1'), QUEUE, after ? { after } : {});
    open.push(subscription);
    await subscription.connected;
    await sleep(300);
    return subscription;
  }

  const submitted = (subscription: TestSubscription) =>
    subscription.events.filter((event) => event.event === 'submit').map((event) => event.caseId);

  it('a transition through A reaches a subscriber of B; a reconnect with the cursor misses nothing, across restarts', async () => {
    database = await freshPostgresDatabase(process.env.TEST_DATABASE_URL as string);
    a = await start();
    b = await start();

    const live = await subscribeOnB();
    const first = await caseIn(a, 'PENDING_ACCEPTANCE');
    await live.waitFor(1);
    expect(live.errors).toEqual([]);
    expect(submitted(live)).toEqual([first.id]);
    const cursor = live.events.at(-1).cursor as string;
    await live.close();

    // missed while disconnected: two submissions through A, then both instances restart, then one more
    const missed = [(await caseIn(a, 'PENDING_ACCEPTANCE')).id, (await caseIn(a, 'PENDING_ACCEPTANCE')).id];
    await a.close();
    await b.close();
    a = await start();
    b = await start();
    missed.push((await caseIn(a, 'PENDING_ACCEPTANCE')).id);

    const resumed = await subscribeOnB(cursor);
    await resumed.waitFor(3);
    expect(resumed.errors).toEqual([]);
    expect(submitted(resumed)).toEqual(missed);
    // and live again after the replay, still from the other instance
    const after = await caseIn(a, 'PENDING_ACCEPTANCE');
    await resumed.waitFor(4);
    expect(submitted(resumed)).toEqual([...missed, after.id]);
    const cursors = resumed.events.map((event) => BigInt(event.cursor));
    expect([...cursors].sort((x, y) => (x < y ? -1 : 1))).toEqual(cursors);
  });
});
