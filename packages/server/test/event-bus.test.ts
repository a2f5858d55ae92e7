// The event bus: every committed event reaches every listener exactly once and in cursor order, whatever the order,
// duplication or loss of the notifications; with Redis, a publish on one bus wakes the buses of other instances.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendCaseEvents, type StoredCaseEvent } from '../src/platform/events/audit.ts';
import { RedisCommitNotifier } from '../src/platform/events/redis-notifier.ts';
import { TailEventBus } from '../src/platform/events/tail-bus.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { sleep } from './ws-client.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe(`event bus (${databaseKind()})`, () => {
  let server: TestServer;
  const buses: TailEventBus[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    await server?.close();
  });

  async function commit(count: number): Promise<StoredCaseEvent[]> {
    return server.running.app.db.$transaction((tx) =>
      appendCaseEvents(
        tx,
        Array.from({ length: count }, (_, index) => ({
          caseKind: 'TEST',
          caseId: randomUUID(),
          event: `e${index}`,
          actorName: 'bus test',
        })),
      ),
    );
  }

  async function bus(channelPrefix?: string): Promise<{ bus: TailEventBus; received: bigint[] }> {
    const notifier = channelPrefix ? new RedisCommitNotifier(REDIS_URL, channelPrefix) : undefined;
    const started = await new TailEventBus(server.running.app, notifier, { pageSize: 3 }).start();
    buses.push(started);
    const received: bigint[] = [];
    started.subscribe((event) => received.push(event.id));
    return { bus: started, received };
  }

  async function until(condition: () => boolean, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    while (!condition() && Date.now() < deadline) await sleep(10);
  }

  it('delivers in cursor order exactly once when publishes come late, twice or out of order', async () => {
    const { bus: tail, received } = await bus();
    const first = await commit(2);
    const second = await commit(5);
    tail.publish(second);
    tail.publish(first);
    tail.publish(second);
    await tail.settled();
    expect(received).toEqual([...first, ...second].map((event) => event.id));
  });

  it("the server's internal observers receive events but are not counted as subscriptions", async () => {
    const { bus: tail, received } = await bus();
    const observed: bigint[] = [];
    const stop = tail.subscribe((event) => observed.push(event.id), { internal: true });
    expect(tail.listenerCount).toBe(1);
    const events = await commit(2);
    tail.publish(events);
    await tail.settled();
    expect(observed).toEqual(received);
    expect(observed).toHaveLength(2);
    stop();
    expect(tail.listenerCount).toBe(1);
  });

  it('an event committed without a publish is delivered with the next publish', async () => {
    const { bus: tail, received } = await bus();
    const silent = await commit(1);
    const next = await commit(1);
    tail.publish(next);
    await tail.settled();
    expect(received).toEqual([...silent, ...next].map((event) => event.id));
  });

  it('with Redis, a publish on instance A wakes instance B, which reads the events from the database', async () => {
    const prefix = `leqi-test-${randomUUID()}`;
    const a = await bus(prefix);
    const b = await bus(prefix);
    const other = await bus(`leqi-test-${randomUUID()}`);
    await a.bus.ready();
    await b.bus.ready();
    const events = await commit(4);
    a.bus.publish(events);
    const ids = events.map((event) => event.id);
    await until(() => b.received.length >= 4);
    expect(b.received).toEqual(ids);
    expect(a.received).toEqual(ids);
    // another deployment's channel hears nothing
    await sleep(200);
    expect(other.received).toEqual([]);
    expect(a.bus.listenerCount).toBe(1);
  });

  it('readiness fails when Redis is unreachable', async () => {
    const notifier = new RedisCommitNotifier('redis://127.0.0.1:1', `leqi-test-${randomUUID()}`);
    const unreachable = new TailEventBus(server.running.app, notifier);
    await expect(unreachable.start()).rejects.toThrow();
    await expect(unreachable.ready()).rejects.toThrow();
    await notifier.close();
  });
});
