// The dashboard reads what the database keeps for it (migration `dashboard_aggregates`): waiting cases per day they
// entered their step (WaitingDay) and decisions per day (DecisionDay), never the case tables or the audit log.
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

/** Bureau decisions (officers' audit events) per China calendar day from `since` (YYYY-MM-DD), in the jurisdiction. */
export function decisionsByDaySql(actor: Actor, since: string): Prisma.Sql {
  return Prisma.sql`SELECT to_char("day", 'YYYY-MM-DD') AS "day", sum("decisions")::int AS "count"
    FROM "DecisionDay" WHERE "day" >= ${since}::date AND ${jurisdiction(actor)} GROUP BY 1`;
}
