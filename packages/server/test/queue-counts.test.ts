// The counters the database keeps by triggers — the queue counters (QueueCount) and the dashboard's waiting days
// (WaitingDay) — equal what the case tables say
// after every kind of write: drafts, submissions, each bureau decision, lost races, concurrent decisions, rolled-back
// transactions, writes of every case kind, bulk writes and deletes; and reviewQueue's totalCount reads them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessApplicationStatus } from '../../domain/src/index.ts';
import type { Db } from '../src/platform/db/database.ts';
import { queueCounted as counted, queueKept as kept, waitingCounted, waitingKept } from './aggregates.ts';
import { caseIn, LOCAL_OFFICERS, rawId, TIANHE, transition } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

const QUEUE = `query($search: String, $from: DateTime) {
  reviewQueue(kind: ACCESS_APPLICATION, step: ACCEPTANCE, first: 1, search: $search, filter: { submittedFrom: $from }) {
    totalCount totalCountCapped
  }
}`;

describe(`queue counters (${databaseKind()})`, () => {
  let server: TestServer;
  let db: Db;
  beforeAll(async () => {
    server = await startTestServer();
    db = server.running.app.db;
  });
  afterAll(async () => server?.close());

  const expectExact = async () => {
    expect(await kept(db)).toEqual(await counted(db));
    expect(await waitingKept(db)).toEqual(await waitingCounted(db));
  };

  it('the migration counted the seeded cases of every kind', async () => {
    const counts = await kept(db);
    for (const kind of ['ACCESS_APPLICATION', 'EXIT_APPLICATION', 'INVITATION', 'CAPABILITY_SUBSCRIPTION']) {
      expect(Object.keys(counts).some((key) => key.startsWith(`${kind}|`))).toBe(true);
    }
    await expectExact();
  });

  it('stay exact through drafts, submissions and every bureau decision of the walk', async () => {
    const targets: AccessApplicationStatus[] = [
      'DRAFT',
      'PENDING_ACCEPTANCE',
      'NOT_ACCEPTED',
      'PENDING_REVIEW',
      'REVIEW_REJECTED',
      'CONFIRMED',
      'CONFIRMATION_REJECTED',
    ];
    for (const target of targets) {
      await caseIn(server, target);
      await expectExact();
    }
  }, 300_000);

  it('stay exact when two officers race for one case and when officers decide many cases at once', async () => {
    const contested = await caseIn(server, 'PENDING_ACCEPTANCE');
    const [first, second] = await Promise.all(
      LOCAL_OFFICERS.map(async (officer) =>
        transition(server, await server.signIn(officer), 'accept', contested.id, contested.version),
      ),
    );
    // exactly one wins; the other loses the race (a stale version) and writes nothing
    expect([first.__typename, second.__typename].filter((name) => name === 'AccessApplicationSuccess')).toHaveLength(1);
    await expectExact();

    const waiting = [];
    for (let index = 0; index < 4; index += 1) waiting.push(await caseIn(server, 'PENDING_ACCEPTANCE'));
    const token = await server.signIn(LOCAL_OFFICERS[0]);
    const results = await Promise.all(
      waiting.map((walked, index) =>
        transition(server, token, index % 2 ? 'accept' : 'refuse', walked.id, walked.version),
      ),
    );
    expect(results.map((result) => result.__typename)).toEqual(Array(4).fill('AccessApplicationSuccess'));
    await expectExact();
  }, 300_000);

  it('a rolled-back write leaves the counters as they were; inside its transaction they moved with it', async () => {
    const walked = await caseIn(server, 'PENDING_ACCEPTANCE');
    const before = await kept(db);
    const key = `ACCESS_APPLICATION|PENDING_ACCEPTANCE|${TIANHE}|14400000000`;
    await expect(
      db.$transaction(async (tx) => {
        await tx.accessApplication.update({ where: { id: rawId(walked.id) }, data: { status: 'CONFIRMED' } });
        const inside = await tx.queueCount.findMany({
          where: { kind: 'ACCESS_APPLICATION', status: 'PENDING_ACCEPTANCE' },
        });
        const row = inside.find(
          (candidate) =>
            `ACCESS_APPLICATION|PENDING_ACCEPTANCE|${candidate.authorityCode}|${candidate.provinceCode}` === key,
        );
        expect(row?.cases).toBe((before[key] ?? 0) - 1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await kept(db)).toEqual(before);
    await expectExact();
  }, 120_000);

  it('a write leaving the case in its queue (a saved draft) runs no counter trigger; a status change runs one', async () => {
    const walked = await caseIn(server, 'PENDING_ACCEPTANCE');
    const id = rawId(walked.id);
    const calls: number[] = [];
    const rolledBack = db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL track_functions = 'pl'`);
      const triggerCalls = async () => {
        const [row] = await tx.$queryRawUnsafe<{ n: bigint }[]>(
          `SELECT coalesce(sum(pg_stat_get_xact_function_calls(p.oid)), 0)::bigint AS n FROM pg_proc p
            WHERE p.proname IN ('case_aggregates_on_update', 'queue_count_apply', 'waiting_day_apply')`,
        );
        return Number(row?.n);
      };
      await tx.accessApplication.update({ where: { id }, data: { lastReason: 'kept in its queue' } });
      calls.push(await triggerCalls());
      await tx.accessApplication.update({ where: { id }, data: { status: 'PENDING_REVIEW' } });
      calls.push(await triggerCalls());
      throw new Error('roll back');
    });
    await expect(rolledBack).rejects.toThrow('roll back');
    expect(calls).toEqual([0, 1]);
    await expectExact();
  }, 120_000);

  it('stay exact for writes to every kind’s table: moves between statuses and authorities, bulk writes, deletes', async () => {
    const exit = await db.exitApplication.findFirstOrThrow();
    await db.exitApplication.update({ where: { id: exit.id }, data: { status: 'WITHDRAWN_TEST' } });
    await expectExact();
    const invitation = await db.invitation.findFirstOrThrow();
    await db.invitation.update({ where: { id: invitation.id }, data: { useUnitAuthorityCode: '13101150000' } });
    await db.invitation.update({ where: { id: invitation.id }, data: { useUnitAuthorityCode: null } });
    await expectExact();
    await db.capabilitySubscription.updateMany({ data: { status: 'BULK_TEST' } });
    await expectExact();
    await db.capabilitySubscription.deleteMany({});
    await expectExact();
    await db.accessApplication.updateMany({
      where: { status: 'CONFIRMED' },
      data: { competentAuthorityCode: '14401050000' },
    });
    await expectExact();
  });

  it("reviewQueue's totalCount is the counters' sum; searched or date-ranged counts stop at 1,000 and say so", async () => {
    const officer = await server.signIn(LOCAL_OFFICERS[0]);
    const waiting = await db.accessApplication.count({
      where: { status: 'PENDING_ACCEPTANCE', competentAuthorityCode: TIANHE },
    });
    const plain = await server.gql(QUEUE, {}, officer);
    expect(plain.data?.reviewQueue).toEqual({ totalCount: waiting, totalCountCapped: false });
    // 1,001 more cases of one enterprise waiting at 天河, written in one statement
    const owner = await db.accessApplication.findFirstOrThrow({ where: { competentAuthorityCode: TIANHE } });
    await db.$executeRawUnsafe(
      `INSERT INTO "AccessApplication" ("id", "enterpriseId", "status", "competentAuthorityCode", "provinceCode",
         "submittedAt", "createdById", "updatedAt")
       SELECT 'bulk-' || n, $1, 'PENDING_ACCEPTANCE', $2, '14400000000', now(), $3, now()
       FROM generate_series(1, 1001) AS n`,
      owner.enterpriseId,
      TIANHE,
      owner.createdById,
    );
    await expectExact();
    const more = await server.gql(QUEUE, {}, officer);
    expect(more.data?.reviewQueue).toEqual({ totalCount: waiting + 1001, totalCountCapped: false });
    const enterprise = await db.enterprise.findUniqueOrThrow({ where: { id: owner.enterpriseId } });
    const searched = await server.gql(QUEUE, { search: enterprise.uscc }, officer);
    expect(searched.data?.reviewQueue).toEqual({ totalCount: 1000, totalCountCapped: true });
    const recent = await server.gql(QUEUE, { from: new Date(Date.now() + 3_600_000).toISOString() }, officer);
    expect(recent.data?.reviewQueue).toEqual({ totalCount: 0, totalCountCapped: false });
  }, 120_000);
});
