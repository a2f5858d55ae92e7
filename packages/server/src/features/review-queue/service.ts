import {
  domainError,
  err,
  type FieldIssue,
  ok,
  type Result,
  type ReviewStep,
  validateAuthorityCode,
} from '@leqi/domain';
import type { AppServices, Viewer } from '../../platform/context.ts';
import type { ReviewCaseShape } from '../cases/kind.ts';
import type { Selected } from './page-plan.ts';
import type { JsonNode, PageJson } from './queue-page-json.ts';

/**
 * 队列排序: by time in the current step — longest waiting first (default) or most recent first — or by submission
 * time (提交时间) — 提交最早优先 / 提交最新优先. Every order is keyset-paged on (its column, id).
 */
export type QueueOrder = 'OLDEST_IN_STEP' | 'NEWEST_IN_STEP' | 'SUBMITTED_OLDEST' | 'SUBMITTED_NEWEST';
/** What an order sorts on (the kind's submission column for `submittedAt`), which way, and its cursor's flag. */
export const ORDER_KEYS: Record<
  QueueOrder,
  { by: 'stepEnteredAt' | 'submittedAt'; descending: boolean; flag: string }
> = {
  OLDEST_IN_STEP: { by: 'stepEnteredAt', descending: false, flag: '' },
  NEWEST_IN_STEP: { by: 'stepEnteredAt', descending: true, flag: 'N' },
  SUBMITTED_OLDEST: { by: 'submittedAt', descending: false, flag: 'S' },
  SUBMITTED_NEWEST: { by: 'submittedAt', descending: true, flag: 'SN' },
};
export const QUEUE_ORDERS = Object.keys(ORDER_KEYS) as QueueOrder[];

/** Where a page starts: the last row's value of the order's column (null = never submitted) and its id. */
export interface QueueCursor {
  at: Date | null;
  id: string;
}

/** Narrowing of a queue beyond kind, step and jurisdiction; null = no condition. */
export interface QueueFilter {
  statuses: string[] | null;
  authorityCode: string | null;
  submittedFrom: Date | null;
  submittedTo: Date | null;
}

const NO_FILTER: QueueFilter = { statuses: null, authorityCode: null, submittedFrom: null, submittedTo: null };

export interface QueueRequest {
  step: ReviewStep;
  first: number;
  after: QueueCursor | null;
  search: string | null;
  filter: QueueFilter;
  order: QueueOrder;
  /** false when the query asks only for ReviewCase fields of the rows: a kind may then leave its own columns out */
  wholeRows?: boolean;
  /** true when the query asks of each row's enterprise only its id, USCC and name */
  enterpriseIdentity?: boolean;
}

export interface QueuePage {
  rows: ReviewCaseShape[];
  hasNextPage: boolean;
  totalCount: number;
  /** true when a searched or date-ranged queue holds more than `totalCount` (COUNT_CAP, queue-counts.ts) */
  totalCountCapped?: boolean;
}

/** Each case kind answers for its own queue: which rows, in the officer's jurisdiction, in the asked order. */
export interface QueueProvider {
  (app: AppServices, viewer: Viewer, request: QueueRequest): Promise<QueuePage>;
  /** the same page as JSON built by the database; a kind whose queue is not read off a case table has none */
  json?: JsonQueueProvider;
}

/** The same page built as JSON by the database (queue-page-json.ts), for the kinds whose queue is a case table. */
export type JsonQueueProvider = (
  app: AppServices,
  viewer: Viewer,
  request: QueueRequest,
  edge: Selected[],
  node: JsonNode,
) => Promise<QueuePageJson>;

export interface QueuePageJson extends Omit<PageJson, 'counted'> {
  totalCount: number;
  totalCountCapped: boolean;
}

const MAX_PAGE_SIZE = 100;
export const MAX_SEARCH_LENGTH = 100;

/** The cursor names its order (`…|N`, `…|S`, `…|SN`; none for the default) so no order accepts another's cursor. */
export function encodeQueueCursor(
  row: Pick<ReviewCaseShape, 'stepEnteredAt' | 'submittedAt' | 'id'>,
  order: QueueOrder = 'OLDEST_IN_STEP',
): string {
  const { by, flag } = ORDER_KEYS[order];
  // milliseconds since the epoch (cursors of earlier releases carry an ISO time: both are read)
  const at = row[by]?.getTime() ?? '';
  return Buffer.from(`${at}|${row.id}${flag ? `|${flag}` : ''}`).toString('base64url');
}

function decodeQueueCursor(
  cursor: string | null | undefined,
  order: QueueOrder = 'OLDEST_IN_STEP',
): QueueCursor | null {
  if (!cursor) return null;
  const [at, id, flag = '', ...rest] = Buffer.from(cursor, 'base64url').toString().split('|');
  const { by, flag: expected } = ORDER_KEYS[order];
  if (flag !== expected || rest.length > 0 || !id) return null;
  // only the submission column may be empty (a row never submitted, sorted after all others)
  if (!at) return by === 'submittedAt' ? { at: null, id } : null;
  const instant = new Date(/^\d+$/.test(at) ? Number(at) : at);
  return Number.isNaN(instant.getTime()) ? null : { at: instant, id };
}

/** A filter as a client gives it: any condition may be left out. */
export type QueueFilterInput = { [Condition in keyof QueueFilter]?: QueueFilter[Condition] | null };

/** Checks a filter as given by a client; the same rules apply to saved views. */
export function validateQueueFilter(input: QueueFilterInput | null | undefined): Result<QueueFilter> {
  if (!input) return ok(NO_FILTER);
  const issues: FieldIssue[] = [];
  const statuses = input.statuses ? [...new Set(input.statuses.map((status) => status.trim()))] : null;
  if (statuses && (statuses.length > 20 || statuses.some((status) => !/^[A-Z_]{1,40}$/.test(status)))) {
    issues.push({ field: 'filter.statuses', code: 'INVALID_FORMAT' });
  }
  const authorityCode = input.authorityCode?.trim() || null;
  if (authorityCode) {
    const checked = validateAuthorityCode(authorityCode, 'filter.authorityCode');
    if (!checked.ok) issues.push(checked.error);
  }
  const from = input.submittedFrom ?? null;
  const to = input.submittedTo ?? null;
  if (from && to && from.getTime() > to.getTime()) {
    issues.push({ field: 'filter.submittedTo', code: 'OUT_OF_RANGE', params: { min: from.toISOString() } });
  }
  if (issues.length > 0) return err(domainError('VALIDATION_FAILED', {}, issues));
  return ok({ statuses: statuses?.length ? statuses : null, authorityCode, submittedFrom: from, submittedTo: to });
}

export interface QueueArgs {
  first?: number | null;
  after?: string | null;
  search?: string | null;
  filter?: QueueFilterInput | null;
  orderBy?: QueueOrder | null;
  wholeRows?: boolean;
  enterpriseIdentity?: boolean;
}

/**
 * The request a queue reads, from a client's arguments: officers and the admin only, a page of 1–100, a cursor of the
 * asked order, a valid filter; the search trimmed to MAX_SEARCH_LENGTH.
 */
export function queueRequestOf(viewer: Viewer, step: ReviewStep, args: QueueArgs): Result<QueueRequest> {
  if (viewer.actor.role !== 'OFFICER' && viewer.actor.role !== 'ADMIN') return err(domainError('FORBIDDEN'));
  const size = args.first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    return err(
      domainError('VALIDATION_FAILED', {}, [
        { field: 'first', code: 'OUT_OF_RANGE', params: { min: 1, max: MAX_PAGE_SIZE } },
      ]),
    );
  }
  const order = args.orderBy ?? 'OLDEST_IN_STEP';
  const cursor = decodeQueueCursor(args.after, order);
  if (args.after && !cursor) {
    return err(domainError('VALIDATION_FAILED', {}, [{ field: 'after', code: 'INVALID_FORMAT' }]));
  }
  const filter = validateQueueFilter(args.filter);
  if (!filter.ok) return filter;
  return ok({
    step,
    first: size,
    after: cursor,
    search: args.search?.trim().slice(0, MAX_SEARCH_LENGTH) || null,
    filter: filter.value,
    order,
    wholeRows: args.wholeRows ?? true,
    enterpriseIdentity: args.enterpriseIdentity ?? false,
  });
}

export async function reviewQueue(
  app: AppServices,
  viewer: Viewer,
  provider: QueueProvider | null,
  step: ReviewStep,
  args: QueueArgs,
): Promise<Result<QueuePage>> {
  const request = queueRequestOf(viewer, step, args);
  if (!request.ok) return request;
  if (!provider) return ok({ rows: [], hasNextPage: false, totalCount: 0 });
  return ok(await provider(app, viewer, request.value));
}
