// The audit append in two statements (issue 15): the first locks the case's chain and reads its end in one go, so
// when it had to wait for the lock its snapshot predates the end the other transaction committed meanwhile. The
// insert checks the end is still the end and the append reads it again if not: two transactions appending to one
// case at once still chain one after the other. Runs only in `pnpm test:pg` (the `.pg-only` suffix): PGlite has one
// connection, so two transactions cannot be open at once there.
import { CASE_EVENT_NAMES } from '@leqi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Tx } from '../src/platform/db/database.ts';
import { appendCaseEvent, appendCaseEvents, type StoredCaseEvent } from '../src/platform/events/audit.ts';
import { verifyAuditChains } from '../src/platform/events/verify.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { sleep } from './ws-client.ts';

const CASE_KIND = 'ACCESS_APPLICATION';

/** A transaction appending `events` to the case, held open until `commit` is called. */
function openAppend(db: Db, caseId: string, events: string[]) {
  let commit: () => void = () => undefined;
  const committing = new Promise<void>((resolve) => {
    commit = resolve;
  });
  let appended: (stored: StoredCaseEvent[]) => void = () => undefined;
  const inserted = new Promise<StoredCaseEvent[]>((resolve) => {
    appended = resolve;
  });
  const done = db.$transaction(
    async (tx: Tx) => {
      appended(
        await appendCaseEvents(
          tx,
          events.map((event) => ({ caseKind: CASE_KIND, caseId, event })),
        ),
      );
      await committing;
    },
    { timeout: 30_000 },
  );
  return { inserted, commit, done };
}

/** Backends of this database waiting for an advisory lock (a chain's lock). */
async function waitingForChainLock(db: Db): Promise<number> {
  const [row] = await db.$queryRaw<{ waiting: number }[]>`
    SELECT count(*)::int AS waiting FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`;
  return row?.waiting ?? 0;
}

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(10);
  }
}

describe('audit append on PostgreSQL: one case, concurrent transactions', () => {
  let server: TestServer;
  let db: Db;

  beforeAll(async () => {
    server = await startTestServer();
    db = server.running.app.db;
  });
  afterAll(async () => server?.close());

  it('an append that waited for the chain’s lock chains onto the event committed meanwhile, not the end it first saw', async () => {
    const caseId = `chain-wait-${Date.now()}`;
    await db.$transaction((tx) => appendCaseEvent(tx, { caseKind: CASE_KIND, caseId, event: 'submit' }));
    const first = openAppend(db, caseId, ['accept']);
    const [accepted] = (await first.inserted) as [StoredCaseEvent];
    // the second transaction's first statement starts (its snapshot taken) and waits for the first's lock
    const second = openAppend(db, caseId, ['approveReview', 'confirm']);
    await until(async () => (await waitingForChainLock(db)) === 1);
    first.commit();
    await first.done;
    const [approved, confirmed] = (await second.inserted) as [StoredCaseEvent, StoredCaseEvent];
    second.commit();
    await second.done;

    expect(approved.prevHash).toBe(accepted.hash);
    expect(confirmed.prevHash).toBe(approved.hash);
    expect(approved.id > accepted.id).toBe(true);
    const stored = await db.auditEvent.findMany({ where: { caseId }, orderBy: { id: 'asc' } });
    expect(stored.map((event) => event.event)).toEqual(['submit', 'accept', 'approveReview', 'confirm']);
    expect(stored.map((event) => event.prevHash)).toEqual([null, ...stored.slice(0, -1).map((event) => event.hash)]);
    expect(await verifyAuditChains(db, { caseKind: CASE_KIND, caseId })).toMatchObject({
      intact: true,
      checkedEvents: 4,
    });
  });

  it('eight transactions appending to one case at once leave one unbroken chain', async () => {
    const caseId = `chain-many-${Date.now()}`;
    await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        db.$transaction(
          async (tx) => {
            await appendCaseEvent(tx, { caseKind: CASE_KIND, caseId, event: CASE_EVENT_NAMES[index] as string });
            await sleep(20); // hold the lock a moment, so the others queue behind it
          },
          { timeout: 30_000, maxWait: 20_000 },
        ),
      ),
    );
    const stored = await db.auditEvent.findMany({ where: { caseId }, orderBy: { id: 'asc' } });
    expect(stored).toHaveLength(8);
    expect(stored.map((event) => event.prevHash)).toEqual([null, ...stored.slice(0, -1).map((event) => event.hash)]);
    expect(await verifyAuditChains(db, { caseKind: CASE_KIND, caseId })).toMatchObject({
      intact: true,
      checkedEvents: 8,
    });
  });
});
