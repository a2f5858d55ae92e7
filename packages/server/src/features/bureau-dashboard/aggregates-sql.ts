// The dashboard's two reads: waiting cases per day they entered their step, from what the database keeps for it
// (WaitingDay, migration `dashboard_aggregates`), never the case tables; decisions per day from the audit log's
// (authority | province, createdAt) indexes. Decisions are not kept as counters: a counter row per authority and day
// would make every officer's transaction wait for any other uncommitted one of the same authority that day.
import { type Actor, provinceCodeOf } from '@leqi/domain';
import { Prisma } from '../../generated/prisma/client.ts';

/** The viewer's jurisdiction as the aggregates name it: their authority (local), province (provincial), all (admin). */
function jurisdiction(actor: Actor): Prisma.Sql {
  if (actor.role !== 'OFFICER') return Prisma.sql`TRUE`;
  if (actor.authorityLevel === 'LOCAL') return Prisma.sql`"authorityCode" = ${actor.authorityCode}`;
  return Prisma.sql`"provinceCode" = ${provinceCodeOf(actor.authorityCode)}`;
}

/** Cases waiting at a bureau step in the jurisdiction, per kind, status and China calendar day of entering the step. */
export function waitingByDaySql(actor: Actor): Prisma.Sql {
  return Prisma.sql`SELECT "kind", "status", to_char("day", 'YYYY-MM-DD') AS "day", sum("cases")::int AS "count"
    FROM "WaitingDay" WHERE ${jurisdiction(actor)} GROUP BY 1, 2, 3`;
}

/** Bureau decisions (officers' audit events) per China calendar day from `since`, in the jurisdiction. */
export function decisionsByDaySql(actor: Actor, since: Date): Prisma.Sql {
  return Prisma.sql`SELECT to_char("createdAt" + interval '8 hours', 'YYYY-MM-DD') AS "day", count(*)::int AS "count"
    FROM "AuditEvent" WHERE "actorRole" = 'OFFICER' AND "createdAt" >= ${since} AND ${jurisdiction(actor)} GROUP BY 1`;
}
