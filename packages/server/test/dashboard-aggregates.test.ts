// The dashboard's aggregates (WaitingDay and DecisionDay, kept by triggers) equal what the case tables and the audit
// log say after every kind of write: the walk through every bureau decision, races, rolled-back transactions, writes
// to every kind's table, bulk writes, deletes and truncation; only days with waiting cases keep a row; and the
// dashboard reads the aggregates, not the case tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessApplicationStatus } from '../../domain/src/index.ts';
import type { Db } from '../src/platform/db/database.ts';
import { caseIn, LOCAL_OFFICERS, rawId, TIANHE, transition } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

const DAY = `to_char("stepEnteredAt" + interval '8 hours', 'YYYY-MM-DD')`;

/** What WaitingDay must say, counted from the case tables (the migration's backfill, written again here). */
const WAITING = `
  SELECT 'ACCESS_APPLICATION' AS kind, "status", coalesce("competentAuthorityCode", '') AS a, coalesce("provinceCode", '') AS p, ${DAY} AS d, count(*)::int AS n
    FROM "AccessApplication" WHERE "status" IN ('PENDING_ACCEPTANCE', 'PENDING_REVIEW', 'PENDING_CONFIRMATION') GROUP BY 2, 3, 4, 5
  UNION ALL
  SELECT 'EXIT_APPLICATION', "status", coalesce("competentAuthorityCode", ''), coalesce("provinceCode", ''), ${DAY}, count(*)::int
    FROM "ExitApplication" WHERE "status" IN ('PENDING_ACCEPTANCE', 'PENDING_REVIEW', 'PENDING_CONFIRMATION') GROUP BY 2, 3, 4, 5
  UNION ALL
  SELECT 'INVITATION', "status", coalesce("useUnitAuthorityCode", ''), coalesce(left("useUnitAuthorityCode", 3) || '00000000', ''), ${DAY}, count(*)::int
    FROM "Invitation" WHERE "status" IN ('PENDING_ACCEPTANCE', 'PENDING_CONFIRMATION') GROUP BY 2, 3, 4, 5
  UNION ALL
  SELECT 'CAPABILITY_SUBSCRIPTION', "status", coalesce("competentAuthorityCode", ''), coalesce(left("competentAuthorityCode", 3) || '00000000', ''), ${DAY}, count(*)::int
    FROM "CapabilitySubscription" WHERE "status" = 'PENDING_APPROVAL' GROUP BY 2, 3, 4, 5`;

/** What DecisionDay must say, counted from the audit log. */
const DECISIONS = `
  SELECT coalesce("authorityCode", '') AS a, coalesce("provinceCode", '') AS p,
    to_char("createdAt" + interval '8 hours', 'YYYY-MM-DD') AS d, count(*)::int AS n
  FROM "AuditEvent" WHERE "actorRole" = 'OFFICER' GROUP BY 1, 2, 3`;

type Counts = Record<string, number>;

async function countedFromCases(db: Db): Promise<{ waiting: Counts; decisions: Counts }> {
  const waiting =
    await db.$queryRawUnsafe<{ kind: string; status: string; a: string; p: string; d: string; n: number }[]>(WAITING);
  const decisions = await db.$queryRawUnsafe<{ a: string; p: string; d: string; n: number }[]>(DECISIONS);
  return {
    waiting: Object.fromEntries(waiting.map((r) => [`${r.kind}|${r.status}|${r.a}|${r.p}|${r.d}`, Number(r.n)])),
    decisions: Object.fromEntries(decisions.map((r) => [`${r.a}|${r.p}|${r.d}`, Number(r.n)])),
  };
}

/** Every row the aggregates hold, zero rows included (there must be none). */
async function kept(db: Db): Promise<{ waiting: Counts; decisions: Counts }> {
  const waiting = await db.$queryRawUnsafe<
    { kind: string; status: string; authorityCode: string; provinceCode: string; d: string; cases: number }[]
  >(`SELECT *, to_char("day", 'YYYY-MM-DD') AS d FROM "WaitingDay"`);
  const decisions = await db.$queryRawUnsafe<
    { authorityCode: string; provinceCode: string; d: string; decisions: number }[]
  >(`SELECT *, to_char("day", 'YYYY-MM-DD') AS d FROM "DecisionDay"`);
  return {
    waiting: Object.fromEntries(
      waiting.map((r) => [`${r.kind}|${r.status}|${r.authorityCode}|${r.provinceCode}|${r.d}`, r.cases]),
    ),
    decisions: Object.fromEntries(decisions.map((r) => [`${r.authorityCode}|${r.provinceCode}|${r.d}`, r.decisions])),
  };
}

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

  const expectExact = async () => expect(await kept(db)).toEqual(await countedFromCases(db));

  it('the migration counted the seeded waiting cases of every kind and the seeded decisions', async () => {
    const { waiting, decisions } = await kept(db);
    for (const kind of ['ACCESS_APPLICATION', 'EXIT_APPLICATION', 'INVITATION', 'CAPABILITY_SUBSCRIPTION']) {
      expect(Object.keys(waiting).some((key) => key.startsWith(`${kind}|`))).toBe(true);
    }
    expect(Object.keys(decisions).length).toBeGreaterThan(0);
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

  it('stay exact when two officers race for one case and when an officer decides many cases at once', async () => {
    const contested = await caseIn(server, 'PENDING_ACCEPTANCE');
    const results = await Promise.all(
      LOCAL_OFFICERS.map(async (officer) =>
        transition(server, await server.signIn(officer), 'accept', contested.id, contested.version),
      ),
    );
    expect(results.filter((result) => result.__typename === 'AccessApplicationSuccess')).toHaveLength(1);
    await expectExact();
    const waiting = [];
    for (let index = 0; index < 4; index += 1) waiting.push(await caseIn(server, 'PENDING_ACCEPTANCE'));
    const token = await server.signIn(LOCAL_OFFICERS[0]);
    await Promise.all(
      waiting.map((walked, index) =>
        transition(server, token, index % 2 ? 'accept' : 'refuse', walked.id, walked.version),
      ),
    );
    await expectExact();
  }, 300_000);

  it('a rolled-back write leaves them as they were', async () => {
    const walked = await caseIn(server, 'PENDING_ACCEPTANCE');
    const before = await kept(db);
    await expect(
      db.$transaction(async (tx) => {
        await tx.accessApplication.update({ where: { id: rawId(walked.id) }, data: { status: 'PENDING_REVIEW' } });
        await tx.auditEvent.create({
          data: { caseKind: 'ACCESS_APPLICATION', caseId: 'x', event: 'accept', actorRole: 'OFFICER', hash: 'x' },
        });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await kept(db)).toEqual(before);
    await expectExact();
  }, 120_000);

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
    expect(Object.values((await kept(db)).waiting).every((cases) => cases > 0)).toBe(true);
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
