// What the kept aggregates — the queue counters (QueueCount) and the dashboard's waiting days (WaitingDay) — hold,
// and what they must hold, counted from the case tables (the migrations' backfills, written again here).
import type { Db } from '../src/platform/db/database.ts';

type Counts = Record<string, number>;

const QUEUE_COUNTED = `
  SELECT 'ACCESS_APPLICATION' AS kind, "status", coalesce("competentAuthorityCode", '') AS a, coalesce("provinceCode", '') AS p, count(*)::int AS n
    FROM "AccessApplication" GROUP BY 2, 3, 4
  UNION ALL
  SELECT 'EXIT_APPLICATION', "status", coalesce("competentAuthorityCode", ''), coalesce("provinceCode", ''), count(*)::int
    FROM "ExitApplication" GROUP BY 2, 3, 4
  UNION ALL
  SELECT 'INVITATION', "status", coalesce("useUnitAuthorityCode", ''), coalesce(left("useUnitAuthorityCode", 3) || '00000000', ''), count(*)::int
    FROM "Invitation" GROUP BY 2, 3, 4
  UNION ALL
  SELECT 'CAPABILITY_SUBSCRIPTION', "status", coalesce("competentAuthorityCode", ''), coalesce(left("competentAuthorityCode", 3) || '00000000', ''), count(*)::int
    FROM "CapabilitySubscription" GROUP BY 2, 3, 4`;

/** What QueueCount must say, counted from the case tables. */
export async function queueCounted(db: Db): Promise<Counts> {
  const rows =
    await db.$queryRawUnsafe<{ kind: string; status: string; a: string; p: string; n: number }[]>(QUEUE_COUNTED);
  return Object.fromEntries(rows.map((row) => [`${row.kind}|${row.status}|${row.a}|${row.p}`, Number(row.n)]));
}

/** The QueueCount rows that count a case (a counter back at zero may stay). */
export async function queueKept(db: Db): Promise<Counts> {
  const rows = await db.queueCount.findMany({ where: { cases: { not: 0 } } });
  return Object.fromEntries(
    rows.map((row) => [`${row.kind}|${row.status}|${row.authorityCode}|${row.provinceCode}`, row.cases]),
  );
}

const DAY = `to_char("stepEnteredAt" + interval '8 hours', 'YYYY-MM-DD')`;

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

/** What WaitingDay must say, counted from the case tables. */
export async function waitingCounted(db: Db): Promise<Counts> {
  const rows =
    await db.$queryRawUnsafe<{ kind: string; status: string; a: string; p: string; d: string; n: number }[]>(WAITING);
  return Object.fromEntries(rows.map((r) => [`${r.kind}|${r.status}|${r.a}|${r.p}|${r.d}`, Number(r.n)]));
}

/** Every row WaitingDay holds, zero rows included (there must be none). */
export async function waitingKept(db: Db): Promise<Counts> {
  const rows = await db.$queryRawUnsafe<
    { kind: string; status: string; authorityCode: string; provinceCode: string; d: string; cases: number }[]
  >(`SELECT *, to_char("day", 'YYYY-MM-DD') AS d FROM "WaitingDay"`);
  return Object.fromEntries(
    rows.map((r) => [`${r.kind}|${r.status}|${r.authorityCode}|${r.provinceCode}|${r.d}`, r.cases]),
  );
}
