import type { Actor } from '@leqi/domain';
import type { ReviewCaseShape } from '../cases/kind.ts';
import {
  ORDER_KEYS,
  type QueueCursor,
  type QueueFilter,
  type QueueOrder,
  type QueuePage,
  type QueueRequest,
} from './service.ts';

/** A kind's submission column (提交时间): what SUBMITTED_* orders and the date filter use; `nullable` as in the table. */
export interface SubmissionColumn<Column extends string> {
  column: Column;
  nullable: boolean;
}

type Direction = 'asc' | 'desc';

/**
 * One index range of a page. `where` is loosely typed (Prisma's inputs are per model): each kind casts it to its own
 * where input; the column names in it are the step column, the kind's submission column and `id`.
 */
interface KeysetRange<Column extends string> {
  where: Record<string, unknown>;
  orderBy: Partial<Record<Column | 'stepEnteredAt' | 'id', Direction>>[];
}

/**
 * The ranges a page walks, in order, each a plain keyset range of a (status, authority, column, id) index scanned
 * forwards or backwards: the rows with a value after the cursor, then — only for a nullable submission column —
 * the rows with none (never submitted), after all others in either direction and paged by id.
 */
function keysetRanges<Column extends string>(
  order: QueueOrder,
  after: QueueCursor | null,
  submission: SubmissionColumn<Column>,
): KeysetRange<Column>[] {
  const { by, descending } = ORDER_KEYS[order];
  const column = by === 'submittedAt' ? submission.column : 'stepEnteredAt';
  const nullable = by === 'submittedAt' && submission.nullable;
  const direction: Direction = descending ? 'desc' : 'asc';
  const beyond = descending ? 'lt' : 'gt';
  const unset: KeysetRange<Column> = {
    where: { [column]: null, ...(after?.at === null ? { id: { [beyond]: after.id } } : {}) },
    orderBy: [{ id: direction }] as KeysetRange<Column>['orderBy'],
  };
  if (after?.at === null) return nullable ? [unset] : [];
  const valued: KeysetRange<Column> = {
    where: after ? beyondCursor(column, after.at, after.id, descending) : nullable ? { [column]: { not: null } } : {},
    orderBy: [{ [column]: direction }, { id: direction }] as KeysetRange<Column>['orderBy'],
  };
  return nullable ? [valued, unset] : [valued];
}

/** Rows strictly after (at, id) in the order; the plain bound (≥ / ≤) lets PostgreSQL start the index scan there. */
function beyondCursor(column: string, at: Date, id: string, descending: boolean): Record<string, unknown> {
  const beyond = descending ? 'lt' : 'gt';
  return {
    [column]: { [descending ? 'lte' : 'gte']: at },
    OR: [{ [column]: { [beyond]: at } }, { [column]: at, id: { [beyond]: id } }],
  };
}

/** Fetches up to `take` rows of the request's order, range after range (one query unless a range runs out). */
export function keysetRows<Column extends string, Row>(
  request: QueueRequest,
  submission: SubmissionColumn<Column>,
  find: (range: KeysetRange<Column>, take: number) => Promise<Row[]>,
): (take: number) => Promise<Row[]> {
  return async (take) => {
    const rows: Row[] = [];
    for (const range of keysetRanges(request.order, request.after, submission)) {
      rows.push(...(await find(range, take - rows.length)));
      if (rows.length >= take) break;
    }
    return rows;
  };
}

/** The step's statuses, narrowed to those the filter asks for (a status outside the step matches nothing). */
export function statusesOf(stepStatuses: readonly string[], filter: QueueFilter): string[] {
  return filter.statuses ? stepStatuses.filter((status) => filter.statuses?.includes(status)) : [...stepStatuses];
}

/** The submission date range as a condition on the kind's own submission column (none when not asked). */
export function submittedWithin<Column extends string>(
  column: Column,
  filter: QueueFilter,
): Partial<Record<Column, { gte?: Date; lte?: Date }>> {
  if (!filter.submittedFrom && !filter.submittedTo) return {};
  const range = {
    ...(filter.submittedFrom ? { gte: filter.submittedFrom } : {}),
    ...(filter.submittedTo ? { lte: filter.submittedTo } : {}),
  };
  return { [column]: range } as Partial<Record<Column, { gte?: Date; lte?: Date }>>;
}

/** Cases of one enterprise decided by its competent local authority (local officers) or its province (provincial). */
export function bureauJurisdiction(actor: Actor) {
  if (actor.role !== 'OFFICER') return {};
  return actor.authorityLevel === 'LOCAL'
    ? { competentAuthorityCode: actor.authorityCode }
    : { provinceCode: actor.authorityCode };
}

/** A filter on the competent authority, within the jurisdiction (e.g. a provincial officer picks one district). */
export function authorityFilter(filter: QueueFilter) {
  return filter.authorityCode ? { competentAuthorityCode: filter.authorityCode } : {};
}

/** Search by USCC prefix or name fragment on the related enterprise. */
export function enterpriseSearch(term: string | null) {
  return term ? { OR: [{ uscc: { startsWith: term.toUpperCase() } }, { name: { contains: term } }] } : null;
}

/** Runs the page and the count together; fetches one row more than asked to know whether a next page exists. */
export async function queuePage<Row>(
  request: QueueRequest,
  fetch: (take: number) => Promise<Row[]>,
  count: () => Promise<number>,
  toCase: (row: Row) => ReviewCaseShape,
): Promise<QueuePage> {
  const [rows, totalCount] = await Promise.all([fetch(request.first + 1), count()]);
  return { rows: rows.slice(0, request.first).map(toCase), hasNextPage: rows.length > request.first, totalCount };
}
