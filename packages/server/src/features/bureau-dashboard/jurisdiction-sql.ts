import { type Actor, provinceCodeOf, REVIEW_KIND_WORKFLOWS, type ReviewKind } from '@leqi/domain';

/**
 * The tables behind the queues and how each states the officer's jurisdiction, as SQL over fixed identifiers
 * (the values are always bound parameters). Mirrors the queue providers' Prisma conditions.
 */
interface KindTable {
  table: string;
  local: string;
  provincial: string;
}

const TABLES: Record<ReviewKind, KindTable> = {
  ACCESS_APPLICATION: {
    table: '"AccessApplication"',
    local: '"competentAuthorityCode" = $1',
    provincial: '"provinceCode" = $1',
  },
  EXIT_APPLICATION: {
    table: '"ExitApplication"',
    local: '"competentAuthorityCode" = $1',
    provincial: '"provinceCode" = $1',
  },
  INVITATION: {
    table: '"Invitation"',
    local: '"useUnitAuthorityCode" = $1',
    provincial: '"useUnitAuthorityCode" LIKE $1',
  },
  CAPABILITY_SUBSCRIPTION: {
    table: '"CapabilitySubscription"',
    local: '"competentAuthorityCode" = $1',
    provincial: '"competentAuthorityCode" LIKE $1',
  },
};

/** Statuses at any bureau step of a kind. */
function waitingStatuses(kind: ReviewKind): string[] {
  const workflow = REVIEW_KIND_WORKFLOWS[kind];
  return (workflow.statuses as readonly string[]).filter(
    (status) => (workflow.statusInfo as Record<string, { step?: string }>)[status]?.step,
  );
}

/**
 * Waiting cases of one kind in the jurisdiction, counted per status and per China calendar day of entering the step
 * (a day is all the age computation needs; the (status, authority, stepEnteredAt) indexes answer it).
 */
export function waitingByDaySql(kind: ReviewKind, actor: Actor): { sql: string; params: unknown[] } {
  const spec = TABLES[kind];
  const statuses = waitingStatuses(kind);
  const params: unknown[] = [];
  let condition = 'TRUE';
  if (actor.role === 'OFFICER') {
    const local = actor.authorityLevel === 'LOCAL';
    condition = local ? spec.local : spec.provincial;
    const province = provinceCodeOf(actor.authorityCode);
    params.push(local ? actor.authorityCode : spec.provincial.includes('LIKE') ? `${province.slice(0, 3)}%` : province);
  }
  const statusList = statuses.map((_, index) => `$${params.length + index + 1}`).join(', ');
  params.push(...statuses);
  return {
    sql: `SELECT "status", to_char("stepEnteredAt" + interval '8 hours', 'YYYY-MM-DD') AS "day", count(*)::int AS "count"
      FROM ${spec.table} WHERE ${condition} AND "status" IN (${statusList}) GROUP BY 1, 2`,
    params,
  };
}

/** Bureau decisions (officers' audit events) per China calendar day since `since`, in the jurisdiction. */
export function decisionsByDaySql(actor: Actor, since: Date): { sql: string; params: unknown[] } {
  const params: unknown[] = [since];
  let condition = 'TRUE';
  if (actor.role === 'OFFICER') {
    condition = actor.authorityLevel === 'LOCAL' ? '"authorityCode" = $2' : '"provinceCode" = $2';
    params.push(actor.authorityLevel === 'LOCAL' ? actor.authorityCode : provinceCodeOf(actor.authorityCode));
  }
  return {
    sql: `SELECT to_char("createdAt" + interval '8 hours', 'YYYY-MM-DD') AS "day", count(*)::int AS "count"
      FROM "AuditEvent" WHERE "actorRole" = 'OFFICER' AND "createdAt" >= $1 AND ${condition} GROUP BY 1`,
    params,
  };
}
