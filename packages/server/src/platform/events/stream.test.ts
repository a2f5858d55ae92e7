// streamEvents with a slow client: every event once and in order, memory bounded by a cursor (not by the events
// that arrive while the client is slow), and the database read one page at a time as the client takes them.
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import type { StoredCaseEvent } from './audit.ts';
import { InProcessEventBus } from './bus.ts';
import { eventCursor } from './cursor.ts';
import { BACKLOG_PAGE, type EventFilter, type EventWriter, streamEvents } from './stream.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function event(id: number, enterpriseId = 'E1'): StoredCaseEvent {
  return {
    id: BigInt(id),
    xid: 1n,
    caseKind: 'INVITATION',
    caseId: `c${id}`,
    event: 'invite',
    fromStatus: null,
    toStatus: 'PENDING_RESPONSE',
    actorUserId: null,
    actorName: null,
    actorRole: null,
    reason: null,
    payload: {},
    enterpriseId,
    otherEnterpriseId: null,
    authorityCode: null,
    provinceCode: null,
    hash: String(id),
    prevHash: null,
    createdAt: new Date(0),
  };
}

type After = { xid: { gte: bigint }; OR: [unknown, { id: { gt: bigint } }] };

/**
 * The audit table in memory: what streamEvents reads (the horizon, findFirst for the latest, findMany after a
 * cursor). Every event is of one finished transaction (xid 1), so the stream's order is the ids'.
 */
function tableOf(rows: StoredCaseEvent[]) {
  const reads: number[] = [];
  // every statement, the horizon and the latest event too
  const statements: string[] = [];
  const db = {
    $queryRaw: async () => {
      statements.push('horizon');
      return [{ xmin: '2' }];
    },
    auditEvent: {
      findFirst: async () => {
        statements.push('latest');
        return rows.at(-1) ?? null;
      },
      findMany: async (query: { where: { AND: [unknown, After, unknown] }; take: number }) => {
        statements.push('page');
        const after = query.where.AND[1].OR[1].id.gt;
        const page = rows.filter((row) => row.id > after && row.enterpriseId === 'E1').slice(0, query.take);
        reads.push(page.length);
        return page;
      },
    },
  } as unknown as Db;
  return { db, reads, statements };
}

/** A bus that knows where the stream is, as the app's tail does (it has handed on everything up to `at`). */
function busAt(at: bigint): InProcessEventBus {
  const bus = new InProcessEventBus();
  bus.position = () => at;
  return bus;
}

const mine = { where: { enterpriseId: 'E1' }, matches: (e: StoredCaseEvent) => e.enterpriseId === 'E1' };

describe('streamEvents', () => {
  it('a slow client gets every live event once, in order, while the stream holds no queue of them', async () => {
    const rows: StoredCaseEvent[] = [];
    const { db, reads } = tableOf(rows);
    const bus = new InProcessEventBus();
    const iterator = streamEvents(db, bus, mine, null)[Symbol.asyncIterator]();
    const first = iterator.next();
    await sleep(10);
    // 3,000 commits while the client takes nothing: more than a Repeater may hold pending (1,024)
    for (let id = 1; id <= 3000; id++) {
      const committed = event(id, id % 3 === 0 ? 'E2' : 'E1');
      rows.push(committed);
      bus.publish([committed]);
    }
    const received: bigint[] = [BigInt(((await first).value as StoredCaseEvent).id)];
    for (;;) {
      const next = await Promise.race([iterator.next(), sleep(500).then(() => null)]);
      if (next === null) break;
      received.push((next.value as StoredCaseEvent).id);
      if (received.length % 200 === 0) await sleep(1);
    }
    const expected = rows.filter((row) => row.enterpriseId === 'E1').map((row) => row.id);
    expect(received).toEqual(expected);
    // the client fell behind, so the stream read the rest from the database
    expect(reads.length).toBeGreaterThan(1);
    await iterator.return?.();
  });

  it('a subscription from now on reads nothing from the database: it starts at the bus position', async () => {
    const rows = Array.from({ length: 5 }, (_, index) => event(index + 1));
    const { db, statements } = tableOf(rows);
    const bus = busAt(eventCursor(event(5)));
    const iterator = streamEvents(db, bus, mine, null)[Symbol.asyncIterator]();
    const first = iterator.next();
    await sleep(10);
    // an event the bus handed on before the subscription is not delivered again, the next ones are
    bus.publish([event(5)]);
    for (const id of [6, 7]) {
      rows.push(event(id));
      bus.publish([event(id)]);
    }
    expect(((await first).value as StoredCaseEvent).id).toBe(6n);
    expect(((await iterator.next()).value as StoredCaseEvent).id).toBe(7n);
    expect(statements).toEqual([]);
    await iterator.return?.();
  });

  it('a subscription from now on that falls behind reads on from its last cursor', async () => {
    const rows: StoredCaseEvent[] = [];
    const { db, statements } = tableOf(rows);
    const bus = busAt(0n);
    const iterator = streamEvents(db, bus, mine, null)[Symbol.asyncIterator]();
    const first = iterator.next();
    await sleep(10);
    for (let id = 1; id <= 300; id++) {
      rows.push(event(id));
      bus.publish([event(id)]);
    }
    const received = [((await first).value as StoredCaseEvent).id];
    for (let taken = 1; taken < 300; taken++) received.push(((await iterator.next()).value as StoredCaseEvent).id);
    expect(received).toEqual(rows.map((row) => row.id));
    expect(statements).toContain('page');
    await iterator.return?.();
  });

  it('replays from the cursor one page at a time, reading the next page only once the client took the last', async () => {
    const rows = Array.from({ length: BACKLOG_PAGE * 2.5 }, (_, index) => event(index + 1));
    const { db, reads } = tableOf(rows);
    const iterator = streamEvents(db, new InProcessEventBus(), mine, 0n)[Symbol.asyncIterator]();
    for (let taken = 0; taken < 10; taken++) await iterator.next();
    await sleep(20);
    expect(reads).toEqual([BACKLOG_PAGE]);
    for (let taken = 10; taken < rows.length; taken++) await iterator.next();
    await sleep(20);
    expect(reads).toEqual([BACKLOG_PAGE, BACKLOG_PAGE, BACKLOG_PAGE / 2]);
    await iterator.return?.();
  });

  it('stops reading the database once the client is gone', async () => {
    const rows = Array.from({ length: BACKLOG_PAGE * 6 }, (_, index) => event(index + 1));
    const { db, reads } = tableOf(rows);
    const iterator = streamEvents(db, new InProcessEventBus(), mine, 0n)[Symbol.asyncIterator]();
    for (let taken = 0; taken < 10; taken++) await iterator.next();
    await iterator.return?.();
    await sleep(50);
    expect(reads).toEqual([BACKLOG_PAGE]);
  });

  it('counts a filter key once per event however many subscribers share it', async () => {
    const bus = busAt(0n);
    const judged: string[] = [];
    const filterOf = (key: string): EventFilter => ({
      where: {},
      matches: (e) => {
        judged.push(`${key}:${e.id}`);
        return e.enterpriseId === 'E1';
      },
      key,
    });
    const { db } = tableOf([]);
    const iterators = ['A', 'A', 'A', 'B', 'B'].map((key) =>
      streamEvents(db, bus, filterOf(key), null)[Symbol.asyncIterator](),
    );
    const firsts = iterators.map((iterator) => iterator.next());
    await sleep(10);
    bus.publish([event(1)]);
    bus.publish([event(2, 'E2')]);
    bus.publish([event(3)]);
    for (const first of firsts) expect(((await first).value as StoredCaseEvent).id).toBe(1n);
    for (const iterator of iterators) expect(((await iterator.next()).value as StoredCaseEvent).id).toBe(3n);
    expect(judged).toEqual(['A:1', 'B:1', 'A:2', 'B:2', 'A:3', 'B:3']);
    for (const iterator of iterators) await iterator.return?.();
  });
});

/** A writer that writes to a list; `behind` and `drained` are driven by the test. */
function listWriter() {
  const written: bigint[] = [];
  let release: () => void = () => undefined;
  const writer = {
    written,
    behind: false,
    closed: false,
    fail: (_error: unknown): void => undefined,
    gate: Promise.resolve(),
    write(e: StoredCaseEvent) {
      written.push(e.id);
    },
    drained() {
      return writer.gate;
    },
    onFailure(stop: (error: unknown) => void) {
      writer.fail = stop;
    },
    close() {
      writer.closed = true;
    },
    hold() {
      writer.gate = new Promise<void>((resolve) => {
        release = resolve;
      });
    },
    release: () => release(),
  };
  return writer satisfies EventWriter & Record<string, unknown>;
}

describe('streamEvents with a writer (graphql-ws sockets: live-fanout.ts)', () => {
  it('hands live events to the writer, not to the iteration, and nothing more once the subscription ends', async () => {
    const rows: StoredCaseEvent[] = [];
    const { db, statements } = tableOf(rows);
    const bus = busAt(0n);
    const writer = listWriter();
    const iterator = streamEvents(db, bus, mine, null, writer)[Symbol.asyncIterator]();
    const next = iterator.next();
    await sleep(10);
    for (const id of [1, 2, 3]) {
      rows.push(event(id, id === 2 ? 'E2' : 'E1'));
      bus.publish([rows.at(-1) as StoredCaseEvent]);
    }
    expect(writer.written).toEqual([1n, 3n]);
    expect(await Promise.race([next, sleep(30).then(() => 'pending')])).toBe('pending');
    await iterator.return?.();
    expect(writer.closed).toBe(true);
    rows.push(event(4));
    bus.publish([event(4)]);
    expect(writer.written).toEqual([1n, 3n]);
    expect(statements).toEqual([]);
  });

  it('a writer that falls behind: the stream waits until it drained, reads on from the database, in order, once', async () => {
    const rows: StoredCaseEvent[] = [];
    const { db, reads } = tableOf(rows);
    const bus = busAt(0n);
    const writer = listWriter();
    const iterator = streamEvents(db, bus, mine, null, writer)[Symbol.asyncIterator]();
    void iterator.next();
    await sleep(10);
    const commit = (id: number) => {
      rows.push(event(id));
      bus.publish([event(id)]);
    };
    commit(1);
    writer.behind = true;
    writer.hold();
    for (let id = 2; id <= BACKLOG_PAGE + 50; id += 1) commit(id);
    await sleep(20);
    // nothing read while the writer still holds what it was given
    expect(reads).toEqual([]);
    expect(writer.written).toEqual([1n]);
    writer.behind = false;
    writer.release();
    await sleep(30);
    commit(BACKLOG_PAGE + 51);
    await sleep(30);
    expect(writer.written).toEqual(rows.map((row) => row.id));
    expect(reads.length).toBeGreaterThanOrEqual(2);
    await iterator.return?.();
  });

  it('ends the subscription with the writer’s failure', async () => {
    const { db } = tableOf([]);
    const bus = busAt(0n);
    const writer = listWriter();
    const iterator = streamEvents(db, bus, mine, null, writer)[Symbol.asyncIterator]();
    const next = iterator.next();
    await sleep(10);
    writer.fail(new Error('socket gone'));
    await expect(next).rejects.toThrow('socket gone');
    expect(writer.closed).toBe(true);
  });
});
