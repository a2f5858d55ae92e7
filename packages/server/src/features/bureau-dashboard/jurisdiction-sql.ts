import { type Actor, provinceCodeOf } from '@leqi/domain';
import { Prisma } from '../../generated/prisma/client.ts';
import type { CaseKind } from '../cases/kind.ts';
import { jurisdictionCondition } from '../review-queue/queue-page.ts';

/** Statuses at any bureau step of a kind. */
function waitingStatuses(kind: CaseKind): string[] {
  const { workflow } = kind;
  return workflow.statuses.filter((status) => workflow.statusInfo[status]?.step);
}

/**
 * Waiting cases of one kind in the jurisdiction, counted per status and per China calendar day of entering the step
 * (a day is all the age computation needs; the (status, authority, stepEnteredAt) indexes answer it).
 */
export function waitingByDaySql(kind: CaseKind, actor: Actor): Prisma.Sql {
  return Prisma.sql`SELECT c."status", to_char(c."stepEnteredAt" + interval '8 hours', 'YYYY-MM-DD') AS "day",
      count(*)::int AS "count"
    FROM ${Prisma.raw(`"${kind.table}"`)} c
    WHERE ${jurisdictionCondition(kind.jurisdiction, actor)} AND c."status" IN (${Prisma.join(waitingStatuses(kind))})
    GROUP BY 1, 2`;
}

/** Bureau decisions (officers' audit events) per China calendar day since `since`, in the jurisdiction. */
export function decisionsByDaySql(actor: Actor, since: Date): Prisma.Sql {
  const jurisdiction =
    actor.role !== 'OFFICER'
      ? Prisma.sql`TRUE`
      : actor.authorityLevel === 'LOCAL'
        ? Prisma.sql`"authorityCode" = ${actor.authorityCode}`
        : Prisma.sql`"provinceCode" = ${provinceCodeOf(actor.authorityCode)}`;
  return Prisma.sql`SELECT to_char("createdAt" + interval '8 hours', 'YYYY-MM-DD') AS "day", count(*)::int AS "count"
    FROM "AuditEvent" WHERE "actorRole" = 'OFFICER' AND "createdAt" >= ${since} AND ${jurisdiction} GROUP BY 1`;
}
