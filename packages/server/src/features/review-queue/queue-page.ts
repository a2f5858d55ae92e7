// One page of a review queue and its total as one prepared statement, for every kind: the case columns the page
// needs, joined to the case's enterprise (which ReviewCase.enterprise then answers without a read of its own).
import { type Actor, provinceCodeOf } from '@leqi/domain';
import { type Enterprise, Prisma } from '../../generated/prisma/client.ts';
import { type RunPrepared, runSql } from '../../platform/db/driver.ts';
import { COUNT_CAP, needsRowCount } from './queue-counts.ts';
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

export const ident = (name: string) => Prisma.raw(`"${name.replace(/"/g, '""')}"`);
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

/** What the query asks of a page's rows, so the statement reads no column nobody reads. */
export interface PageSelection {
  /** the kind's own fields are asked: all columns, else all but the heavy ones */
  whole: boolean;
  /** of each row's enterprise only its id, USCC and name are asked */
  enterpriseIdentity: boolean;
}

export interface PageRows<Row> {
  rows: Row[];
  /** the counters' sum, or the matching rows counted up to COUNT_CAP + 1 (queue-counts.ts) */
  counted: number;
}

/** Each enterprise column with its alias in the page's rows. */
const aliased = (columns: readonly string[]) => columns.map((column) => [column, ENTERPRISE_PREFIX + column] as const);
const ENTERPRISE_ALL = aliased(ENTERPRISE_COLUMNS);
/** The enterprise's id, USCC and name: the Enterprise fields of the same names read nothing else. */
export const ENTERPRISE_IDENTITY_COLUMNS = ['id', 'uscc', 'name'] as const;
const ENTERPRISE_IDENTITY = aliased(ENTERPRISE_IDENTITY_COLUMNS);

/** The case row with its enterprise attached as `enterprise` (ReviewCase.enterprise reads it). */
function caseRow(
  raw: Record<string, unknown>,
  columns: readonly string[],
  enterpriseColumns: readonly (readonly [string, string])[],
): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const column of columns) row[column] = raw[column];
  const enterprise: Record<string, unknown> = {};
  for (const [column, alias] of enterpriseColumns) enterprise[column] = raw[alias];
  row.enterprise = enterprise as unknown as Enterprise;
  return row;
}

/** Where a page's statement reads from: the total, then the ranges' rows (each with `range` and `select`) in order. */
export interface PageSource {
  /** `(SELECT <total> AS "n") t LEFT JOIN LATERAL (<ranges>) p ON TRUE`: one row per page row, or one holding the total */
  from: Prisma.Sql;
  /** the page's order over `p` */
  orderBy: Prisma.Sql;
}

/**
 * The total (the counters' sum `counters`, or for a searched or date-ranged queue the matching rows counted up to
 * COUNT_CAP + 1) joined to up to `take` rows of each of the page's ranges, each row selecting `select` over the case
 * `c` and its enterprise `e`. An empty page is one row holding the total alone.
 */
export function pageSource(
  table: QueueTable,
  request: QueueRequest,
  actor: Actor,
  statuses: readonly string[],
  take: number,
  select: Prisma.Sql,
  counters: () => Prisma.Sql,
): PageSource {
  const shared = queueConditions(table, request, actor, statuses);
  // the capped count joins the enterprise only when a search reads it: a date range alone stays on the case index
  const counted =
    request.search && table.search === 'enterprise' ? casesWithEnterprise(table) : Prisma.sql`${ident(table.name)} c`;
  const total = needsRowCount(request)
    ? Prisma.sql`(SELECT count(*)::int FROM (SELECT 1 FROM ${counted}
        WHERE ${Prisma.join(shared, ' AND ')} LIMIT ${COUNT_CAP + 1}) q)`
    : counters();
  // a cursor past every range walks none: the statement still reads the total
  const walked = sqlRanges(table, request);
  const ranges = (walked.length > 0 ? walked : [{ where: Prisma.sql`FALSE`, orderBy: Prisma.sql`c."id"` }]).map(
    (
      range,
      index,
    ) => Prisma.sql`(SELECT ${Prisma.raw(String(index))} AS "range", ${select} FROM ${casesWithEnterprise(table)}
      WHERE ${Prisma.join([...shared, range.where], ' AND ')} ORDER BY ${range.orderBy} LIMIT ${take})`,
  );
  const { descending } = ORDER_KEYS[request.order];
  const direction = Prisma.raw(descending ? 'DESC' : 'ASC');
  return {
    from: Prisma.sql`(SELECT ${total} AS "n") t LEFT JOIN LATERAL (${Prisma.join(ranges, ' UNION ALL ')}) p ON TRUE`,
    orderBy: Prisma.sql`p."range", p."o" ${direction}, p."id" ${direction}`,
  };
}

/** The column the request's order sorts on, as `o` of a page's rows. */
export function orderColumn(table: QueueTable, request: QueueRequest): Prisma.Sql {
  const { by } = ORDER_KEYS[request.order];
  return Prisma.sql`c.${ident(by === 'submittedAt' ? table.submitted.column : 'stepEnteredAt')}`;
}

/**
 * Up to `take` rows of the page and the queue's total, in one statement (`pageSource`), each row with the columns
 * asked for and its enterprise.
 */
export async function queuePageRows<Row>(
  run: RunPrepared,
  table: QueueTable,
  request: QueueRequest,
  actor: Actor,
  statuses: readonly string[],
  take: number,
  selection: PageSelection,
  counters: () => Prisma.Sql,
): Promise<PageRows<Row>> {
  if (statuses.length === 0) return { rows: [], counted: 0 };
  const columns = selection.whole ? table.columns : table.columns.filter((column) => !table.heavy.includes(column));
  const enterpriseColumns = selection.enterpriseIdentity ? ENTERPRISE_IDENTITY : ENTERPRISE_ALL;
  const select = Prisma.join(
    [
      Prisma.sql`${orderColumn(table, request)} AS "o"`,
      ...columns.map((column) => Prisma.sql`c.${ident(column)}`),
      ...enterpriseColumns.map(([column, alias]) => Prisma.sql`e.${ident(column)} AS ${ident(alias)}`),
    ],
    ', ',
  );
  const source = pageSource(table, request, actor, statuses, take, select, counters);
  const found = await runSql<Record<string, unknown> & { total: number; range: number | null }>(
    run,
    Prisma.sql`SELECT t."n" AS "total", p.* FROM ${source.from} ORDER BY ${source.orderBy} LIMIT ${take}`,
  );
  const rows = found.filter((raw) => raw.range !== null).map((raw) => caseRow(raw, columns, enterpriseColumns) as Row);
  return { rows, counted: found[0]?.total ?? 0 };
}
