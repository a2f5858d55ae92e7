// One page of a review queue as one parameterised statement, for every kind: the case columns the page needs,
// joined to the case's enterprise (which ReviewCase.enterprise then answers without a read of its own).
import { type Actor, provinceCodeOf } from '@leqi/domain';
import { type Enterprise, Prisma } from '../../generated/prisma/client.ts';
import { type RunPrepared, runSql } from '../../platform/db/prepared.ts';
import { ORDER_KEYS, type QueueRequest } from './service.ts';

/** How a case table states its jurisdiction, as `QueueTable` below. */
export type CaseJurisdiction = Pick<QueueTable, 'authority' | 'province'>;

/** A kind's case table as its queue reads it. */
export interface QueueTable {
  name: string;
  /** its scalar columns */
  columns: readonly string[];
  /** a kind's own (large) columns: read only when the query asks for the kind's own fields */
  heavy: readonly string[];
  /** the column naming the case's enterprise (ReviewCase.enterprise); a second one when the first may be null */
  enterprise: readonly [string] | readonly [string, string];
  /** 提交时间: the column SUBMITTED_* orders and the date filter use, and whether it is null before submission */
  submitted: { column: string; nullable: boolean };
  /** the competent authority deciding the case (local officers' jurisdiction, the authority filter) */
  authority: string;
  /** how a provincial officer's jurisdiction is matched: the case's province column, or its authority's prefix */
  province: { column: string } | 'authorityPrefix';
  /** what a search matches: the enterprise's USCC and name, or the case's own columns */
  search: 'enterprise' | { uscc: string; name: string };
}

const ENTERPRISE_COLUMNS = Object.values(Prisma.EnterpriseScalarFieldEnum);
const ENTERPRISE_PREFIX = 'enterprise.';

const ident = (name: string) => Prisma.raw(`"${name.replace(/"/g, '""')}"`);
const likeLiteral = (term: string) => term.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * The officer's jurisdiction over the case table aliased `c`: their authority (local), their province (provincial),
 * everything (admin).
 */
export function jurisdictionCondition(table: CaseJurisdiction, actor: Actor): Prisma.Sql {
  if (actor.role !== 'OFFICER') return Prisma.sql`TRUE`;
  if (actor.authorityLevel === 'LOCAL') return Prisma.sql`c.${ident(table.authority)} = ${actor.authorityCode}`;
  if (table.province === 'authorityPrefix') {
    const prefix = `${likeLiteral(provinceCodeOf(actor.authorityCode).slice(0, 3))}%`;
    return Prisma.sql`c.${ident(table.authority)} LIKE ${prefix}`;
  }
  return Prisma.sql`c.${ident(table.province.column)} = ${provinceCodeOf(actor.authorityCode)}`;
}

/** The conditions every range of the page shares: statuses, jurisdiction, filter and search. */
function queueConditions(
  table: QueueTable,
  request: QueueRequest,
  actor: Actor,
  statuses: readonly string[],
): Prisma.Sql[] {
  const { filter, search } = request;
  const submitted = Prisma.sql`c.${ident(table.submitted.column)}`;
  const conditions = [Prisma.sql`c."status" IN (${Prisma.join(statuses)})`, jurisdictionCondition(table, actor)];
  if (filter.authorityCode) conditions.push(Prisma.sql`c.${ident(table.authority)} = ${filter.authorityCode}`);
  if (filter.submittedFrom) conditions.push(Prisma.sql`${submitted} >= ${filter.submittedFrom}`);
  if (filter.submittedTo) conditions.push(Prisma.sql`${submitted} <= ${filter.submittedTo}`);
  if (search) {
    const [uscc, name] =
      table.search === 'enterprise'
        ? [Prisma.sql`e."uscc"`, Prisma.sql`e."name"`]
        : [Prisma.sql`c.${ident(table.search.uscc)}`, Prisma.sql`c.${ident(table.search.name)}`];
    conditions.push(
      Prisma.sql`(${uscc} LIKE ${`${likeLiteral(search.toUpperCase())}%`} OR ${name} LIKE ${`%${likeLiteral(search)}%`})`,
    );
  }
  return conditions;
}

interface SqlRange {
  where: Prisma.Sql;
  orderBy: Prisma.Sql;
}

/**
 * The ranges a page walks, in order, each a plain keyset range of a (status, authority, column, id) index scanned
 * forwards or backwards: the rows with a value after the cursor (the plain bound ≥ / ≤ lets PostgreSQL start the
 * index scan there), then — only for a nullable submission column — the rows never submitted, after all others in
 * either direction and paged by id.
 */
function sqlRanges(table: QueueTable, request: QueueRequest): SqlRange[] {
  const { by, descending } = ORDER_KEYS[request.order];
  const column = Prisma.sql`c.${ident(by === 'submittedAt' ? table.submitted.column : 'stepEnteredAt')}`;
  const nullable = by === 'submittedAt' && table.submitted.nullable;
  const direction = Prisma.raw(descending ? 'DESC' : 'ASC');
  const beyond = Prisma.raw(descending ? '<' : '>');
  const bound = Prisma.raw(descending ? '<=' : '>=');
  const after = request.after;
  const unset: SqlRange = {
    where:
      after?.at === null
        ? Prisma.sql`${column} IS NULL AND c."id" ${beyond} ${after.id}`
        : Prisma.sql`${column} IS NULL`,
    orderBy: Prisma.sql`c."id" ${direction}`,
  };
  if (after?.at === null) return nullable ? [unset] : [];
  const valued: SqlRange = {
    where: after
      ? Prisma.sql`${column} ${bound} ${after.at} AND (${column} ${beyond} ${after.at} OR (${column} = ${after.at} AND c."id" ${beyond} ${after.id}))`
      : nullable
        ? Prisma.sql`${column} IS NOT NULL`
        : Prisma.sql`TRUE`,
    orderBy: Prisma.sql`${column} ${direction}, c."id" ${direction}`,
  };
  return nullable ? [valued, unset] : [valued];
}

/** The case table aliased `c` joined to its enterprise, aliased `e`. */
function casesWithEnterprise(table: QueueTable): Prisma.Sql {
  const enterpriseId = Prisma.join(
    table.enterprise.map((column) => Prisma.sql`c.${ident(column)}`),
    ', ',
  );
  return Prisma.sql`${ident(table.name)} c JOIN "Enterprise" e ON e."id" = coalesce(${enterpriseId})`;
}

/** How many of the queue's rows match (statuses, jurisdiction, filter and search), counting at most `take`. */
export async function queueRowCount(
  run: RunPrepared,
  table: QueueTable,
  request: QueueRequest,
  actor: Actor,
  statuses: readonly string[],
  take: number,
): Promise<number> {
  if (statuses.length === 0) return 0;
  const conditions = Prisma.join(queueConditions(table, request, actor, statuses), ' AND ');
  const [counted] = await runSql<{ n: number }>(
    run,
    Prisma.sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${casesWithEnterprise(table)} WHERE ${conditions} LIMIT ${take}) q`,
  );
  return counted?.n ?? 0;
}

/** The case row with its enterprise attached as `enterprise` (ReviewCase.enterprise reads it). */
function splitRow(raw: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  const enterprise: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith(ENTERPRISE_PREFIX)) enterprise[key.slice(ENTERPRISE_PREFIX.length)] = value;
    else row[key] = value;
  }
  row.enterprise = enterprise as unknown as Enterprise;
  return row;
}

/**
 * Up to `take` rows of the page, range after range (one statement unless a range runs out), each row with the
 * columns asked for (`whole`: all of them) and its enterprise.
 */
export async function queuePageRows<Row>(
  run: RunPrepared,
  table: QueueTable,
  request: QueueRequest,
  actor: Actor,
  statuses: readonly string[],
  take: number,
  whole: boolean,
): Promise<Row[]> {
  if (statuses.length === 0) return [];
  const columns = whole ? table.columns : table.columns.filter((column) => !table.heavy.includes(column));
  const select = Prisma.join(
    [
      ...columns.map((column) => Prisma.sql`c.${ident(column)}`),
      ...ENTERPRISE_COLUMNS.map((column) => Prisma.sql`e.${ident(column)} AS ${ident(ENTERPRISE_PREFIX + column)}`),
    ],
    ', ',
  );
  const shared = queueConditions(table, request, actor, statuses);
  const rows: Row[] = [];
  for (const range of sqlRanges(table, request)) {
    const found = await runSql<Record<string, unknown>>(
      run,
      Prisma.sql`SELECT ${select} FROM ${casesWithEnterprise(table)}
        WHERE ${Prisma.join([...shared, range.where], ' AND ')}
        ORDER BY ${range.orderBy} LIMIT ${take - rows.length}`,
    );
    rows.push(...(found.map(splitRow) as Row[]));
    if (rows.length >= take) break;
  }
  return rows;
}
