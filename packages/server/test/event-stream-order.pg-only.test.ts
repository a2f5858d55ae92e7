// The event stream without a global lock (issue 15): appends of different transactions run concurrently and may
// commit in any order, yet a live subscriber and one resuming from a cursor each receive every event exactly once,
// in cursor order. Runs only in `pnpm test:pg` (the `.pg-only` suffix): PGlite has one connection, so two
// transactions cannot be open at once there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Tx } from '../src/platform/db/database.ts';
import { appendCaseEvent, type StoredCaseEvent } from '../src/platform/events/audit.ts';
import { deliverableEnd, eventCursor } from '../src/platform/events/cursor.ts';
import { type EventFilter, streamEvents } from '../src/platform/events/stream.ts';
import { verifyAuditChains } from '../src/platform/events/verify.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { sleep } from './ws-client.ts';

/** A transaction held open until `commit` is called; `appended` resolves with its event once inserted. */
function openTransaction(db: Db, caseId: string) {
  let commit: () => void = () => undefined;
  const committing = new Promise<void>((resolve) => {
    commit = resolve;
  });
  let appended: (event: StoredCaseEvent) => void = () => undefined;
  const inserted = new Promise<StoredCaseEvent>((resolve) => {
    appended = resolve;
  });
  const done = db.$transaction(
    async (tx: Tx) => {
      appended(await appendCaseEvent(tx, { caseKind: 'ACCESS_APPLICATION', caseId, event: 'saveDraft' }));
      await committing;
    },
    { timeout: 30_000 },
  );
  return { inserted, commit, done };
}

/** Takes events from a stream into `received` as they come. */
function collect(stream: AsyncIterable<StoredCaseEvent>) {
  const received: StoredCaseEvent[] = [];
  const iterator = stream[Symbol.asyncIterator]();
  let stopped = false;
  const running = (async () => {
    while (!stopped) {
      const next = await iterator.next();
      if (next.done) return;
      received.push(next.value);
    }
  })();
  return {
    received,
    stop: async () => {
      stopped = true;
      await iterator.return?.();
      await running.catch(() => undefined);
    },
  };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await sleep(10);
}

const ofCases = (prefix: string): EventFilter => ({
  where: { caseId: { startsWith: prefix } },
  matches: (event) => event.caseId.startsWith(prefix),
});

describe('event stream on PostgreSQL, no global lock', () => {
  let server: TestServer;
  let db: Db;

  beforeAll(async () => {
    server = await startTestServer();
    db = server.running.app.db;
  });
  afterAll(async () => server?.close());

  it('two transactions committing out of order reach a live and a resuming subscriber once each, in cursor order', async () => {
    const { bus } = server.running.app;
    const before = await deliverableEnd(db);
    const live = collect(streamEvents(db, bus, ofCases('order-'), null));
    await sleep(200);
    const earlier = openTransaction(db, 'order-earlier');
    const first = await earlier.inserted;
    const later = openTransaction(db, 'order-later');
    const second = await later.inserted;
    // the later transaction took the larger id and commits first: with ids alone, a reader would now deliver it
    // and then skip the earlier one once it commits
    expect(second.id).toBeGreaterThan(first.id);
    later.commit();
    await later.done;
    // the tail was woken by that commit (bus.settled() would wait for the earlier transaction: it is committed)
    bus.publish([second]);
    await sleep(300);
    const resuming = collect(streamEvents(db, bus, ofCases('order-'), before));
    await sleep(300);
    expect(live.received).toEqual([]);
    expect(resuming.received).toEqual([]);
    earlier.commit();
    await earlier.done;
    await until(() => live.received.length >= 2 && resuming.received.length >= 2);
    await sleep(200);
    for (const subscriber of [live, resuming]) {
      expect(subscriber.received.map((event) => event.caseId)).toEqual(['order-earlier', 'order-later']);
      const cursors = subscriber.received.map(eventCursor);
      expect(cursors[0] as bigint).toBeLessThan(cursors[1] as bigint);
    }
    await live.stop();
    await resuming.stop();
  });

  it('an event held back by a transaction that rolls back without publishing still reaches a live subscriber', async () => {
    const { bus } = server.running.app;
    const live = collect(streamEvents(db, bus, ofCases('held-'), null));
    await sleep(200);
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started: () => void = () => undefined;
    const hasXid = new Promise<void>((resolve) => {
      started = resolve;
    });
    // an older transaction with an xid that writes no event and ends in a rollback
    const older = db
      .$transaction(async (tx: Tx) => {
        await tx.$queryRaw`SELECT pg_current_xact_id()::text`;
        started();
        await released;
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await hasXid;
    const event = await db.$transaction((tx: Tx) =>
      appendCaseEvent(tx, { caseKind: 'ACCESS_APPLICATION', caseId: 'held-1', event: 'saveDraft' }),
    );
    bus.publish([event]);
    await sleep(300);
    expect(live.received).toEqual([]);
    release();
    await older;
    await until(() => live.received.length >= 1);
    expect(live.received.map((received) => received.caseId)).toEqual(['held-1']);
    await live.stop();
  });

  it('concurrent appends to one case keep its hash chain linear and its events in chain order', async () => {
    const appends = Array.from({ length: 30 }, (_, index) =>
      db.$transaction(async (tx: Tx) => {
        // some transactions take their xid before reaching the case: the chain, not the xid, decides the order
        if (index % 2 === 0) await tx.$queryRaw`SELECT pg_current_xact_id()::text`;
        await sleep(index % 3);
        return appendCaseEvent(tx, { caseKind: 'ACCESS_APPLICATION', caseId: 'chain-1', event: 'saveDraft' });
      }),
    );
    await Promise.all(appends);
    const report = await verifyAuditChains(db, { caseKind: 'ACCESS_APPLICATION', caseId: 'chain-1' });
    expect(report).toMatchObject({ intact: true, checkedEvents: 30 });
    const rows = await db.auditEvent.findMany({
      where: { caseId: 'chain-1' },
      orderBy: [{ xid: 'asc' }, { id: 'asc' }],
    });
    for (let index = 1; index < rows.length; index++) expect(rows[index]?.prevHash).toBe(rows[index - 1]?.hash);
  });
});
