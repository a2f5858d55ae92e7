// The dashboard's aggregates (WaitingDay and DecisionDay, kept by triggers; queue-counts.test.ts checks them through
// every bureau decision, race and rollback) follow a case between days, authorities and statuses of every kind and
// bulk writes; only days with waiting cases keep a row; and the dashboard reads the aggregates, not the case tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/platform/db/database.ts';
import { aggregatesCounted, aggregatesKept } from './aggregates.ts';
import { caseIn, LOCAL_OFFICERS, rawId, TIANHE } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

const DASHBOARD = `{ bureauDashboard { overdueCount dueSoonCount queues { kind step count overdueCount }
  decisionsPerDay { date count } ageBuckets { label count } } }`;

describe(`dashboard aggregates (${databaseKind()})`, () => {
  let server: TestServer;
  let db: Db;
  beforeAll(async () => {
    server = await startTestServer();
    db = server.running.app.db;
  });
  afterAll(async () => server?.close());

  const expectExact = async () => expect(await aggregatesKept(db)).toEqual(await aggregatesCounted(db));

  it('the migration counted the seeded waiting cases of every kind and the seeded decisions', async () => {
    const { waiting, decisions } = await aggregatesKept(db);
    for (const kind of ['ACCESS_APPLICATION', 'EXIT_APPLICATION', 'INVITATION', 'CAPABILITY_SUBSCRIPTION']) {
      expect(Object.keys(waiting).some((key) => key.startsWith(`${kind}|`))).toBe(true);
    }
    expect(Object.keys(decisions).length).toBeGreaterThan(0);
    await expectExact();
  });

  it('move a case between days, authorities and statuses of every kind; bulk writes, deletes and truncation', async () => {
    const walked = await caseIn(server, 'PENDING_ACCEPTANCE');
    // the same case entering its step 40 days earlier moves to that day, and its old day's row goes
    await db.accessApplication.update({
      where: { id: rawId(walked.id) },
      data: { stepEnteredAt: new Date(Date.now() - 40 * 86_400_000) },
    });
    await expectExact();
    const invitation = await db.invitation.findFirstOrThrow({ where: { status: 'PENDING_ACCEPTANCE' } });
    await db.invitation.update({ where: { id: invitation.id }, data: { useUnitAuthorityCode: '13101150000' } });
    await db.invitation.update({ where: { id: invitation.id }, data: { useUnitAuthorityCode: null } });
    await expectExact();
    await db.exitApplication.updateMany({ data: { stepEnteredAt: new Date('2026-01-05T00:00:00Z') } });
    await expectExact();
    await db.capabilitySubscription.updateMany({ data: { status: 'PENDING_APPROVAL' } });
    await expectExact();
    await db.capabilitySubscription.deleteMany({});
    await expectExact();
    await db.$executeRawUnsafe(
      `INSERT INTO "AccessApplication" ("id", "enterpriseId", "status", "competentAuthorityCode", "provinceCode",
         "stepEnteredAt", "createdById", "updatedAt")
       SELECT 'bulk-' || n, "enterpriseId", 'PENDING_REVIEW', $1, '14400000000', now() - n * interval '1 day', "createdById", now()
       FROM "AccessApplication", generate_series(1, 50) AS n WHERE "id" = $2`,
      TIANHE,
      rawId(walked.id),
    );
    await expectExact();
    await db.accessApplication.deleteMany({ where: { id: { startsWith: 'bulk-' } } });
    await expectExact();
    expect(Object.values((await aggregatesKept(db)).waiting).every((cases) => cases > 0)).toBe(true);
  }, 120_000);

  it('the dashboard is read from the aggregates: ages from the day, decisions per day', async () => {
    const officer = await server.signIn(LOCAL_OFFICERS[0]);
    const pudong = await server.signIn('pd.officer1');
    const before = (await server.gql(DASHBOARD, {}, officer)).data?.bureauDashboard;
    const elsewhereBefore = (await server.gql(DASHBOARD, {}, pudong)).data?.bureauDashboard;
    const acceptance = (board: any) =>
      board.queues.find((q: any) => q.kind === 'ACCESS_APPLICATION' && q.step === 'ACCEPTANCE');
    // seven cases counted 60 days ago and three decisions yesterday, written into the aggregates alone
    const day = (daysAgo: number) =>
      new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
    await db.$executeRawUnsafe(
      `INSERT INTO "WaitingDay" ("kind", "status", "authorityCode", "provinceCode", "day", "cases")
       VALUES ('ACCESS_APPLICATION', 'PENDING_ACCEPTANCE', $1, '14400000000', $2::date, 7)`,
      TIANHE,
      day(60),
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "DecisionDay" ("authorityCode", "provinceCode", "day", "decisions") VALUES ($1, '14400000000', $2::date, 3)
       ON CONFLICT ("authorityCode", "provinceCode", "day") DO UPDATE SET "decisions" = "DecisionDay"."decisions" + 3`,
      TIANHE,
      day(1),
    );
    const after = (await server.gql(DASHBOARD, {}, officer)).data?.bureauDashboard;
    expect(acceptance(after).count).toBe(acceptance(before).count + 7);
    expect(acceptance(after).overdueCount).toBe(acceptance(before).overdueCount + 7);
    expect(after.overdueCount).toBe(before.overdueCount + 7);
    expect(after.ageBuckets.at(-1).count).toBe(before.ageBuckets.at(-1).count + 7);
    expect(after.decisionsPerDay.at(-2)).toEqual({
      date: day(1),
      count: before.decisionsPerDay.at(-2).count + 3,
    });
    // another jurisdiction's officer sees none of it
    expect((await server.gql(DASHBOARD, {}, pudong)).data?.bureauDashboard).toEqual(elsewhereBefore);
  }, 120_000);
});
