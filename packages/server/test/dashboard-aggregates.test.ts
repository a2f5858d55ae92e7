// The dashboard's aggregate (WaitingDay, kept by triggers; queue-counts.test.ts checks it through every bureau
// decision, race and rollback) follows a case between days, authorities and statuses of every kind and bulk writes;
// only days with waiting cases keep a row; and the dashboard reads it, not the case tables, and decisions per day
// from the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/platform/db/database.ts';
import { waitingCounted, waitingKept } from './aggregates.ts';
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

  const expectExact = async () => expect(await waitingKept(db)).toEqual(await waitingCounted(db));

  it('the migration counted the seeded waiting cases of every kind', async () => {
    const waiting = await waitingKept(db);
    for (const kind of ['ACCESS_APPLICATION', 'EXIT_APPLICATION', 'INVITATION', 'CAPABILITY_SUBSCRIPTION']) {
      expect(Object.keys(waiting).some((key) => key.startsWith(`${kind}|`))).toBe(true);
    }
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
    expect(Object.values(await waitingKept(db)).every((cases) => cases > 0)).toBe(true);
  }, 120_000);

  it('the dashboard is read from the aggregate (ages from the day) and decisions per day from the audit log', async () => {
    const officer = await server.signIn(LOCAL_OFFICERS[0]);
    const pudong = await server.signIn('pd.officer1');
    const before = (await server.gql(DASHBOARD, {}, officer)).data?.bureauDashboard;
    const elsewhereBefore = (await server.gql(DASHBOARD, {}, pudong)).data?.bureauDashboard;
    const acceptance = (board: any) =>
      board.queues.find((q: any) => q.kind === 'ACCESS_APPLICATION' && q.step === 'ACCEPTANCE');
    // seven cases counted 60 days ago, written into the aggregate alone, and three officers' events yesterday
    const day = (daysAgo: number) =>
      new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
    await db.$executeRawUnsafe(
      `INSERT INTO "WaitingDay" ("kind", "status", "authorityCode", "provinceCode", "day", "cases")
       VALUES ('ACCESS_APPLICATION', 'PENDING_ACCEPTANCE', $1, '14400000000', $2::date, 7)`,
      TIANHE,
      day(60),
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "AuditEvent" ("caseKind", "caseId", "event", "actorRole", "authorityCode", "provinceCode", "hash", "createdAt")
       SELECT 'ACCESS_APPLICATION', 'dashboard-' || n, 'accept', 'OFFICER', $1, '14400000000', 'x', $2::timestamp
       FROM generate_series(1, 3) AS n`,
      TIANHE,
      `${day(1)}T04:00:00`,
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
