import {
  domainError,
  err,
  type FieldIssue,
  ok,
  type Result,
  type ReviewKind,
  type ReviewStep,
  validateAuthorityCode,
} from '@leqi/domain';
import type { AppServices, Viewer } from '../../platform/context.ts';
import type { ReviewCaseShape } from './review-case.ts';

/** 队列排序: longest waiting first (default) or most recent first; both keyset-paged on (stepEnteredAt, id). */
export type QueueOrder = 'OLDEST_IN_STEP' | 'NEWEST_IN_STEP';
export const QUEUE_ORDERS: readonly QueueOrder[] = ['OLDEST_IN_STEP', 'NEWEST_IN_STEP'];

export interface QueueCursor {
  stepEnteredAt: Date;
  id: string;
}

/** Narrowing of a queue beyond kind, step and jurisdiction; null = no condition. */
export interface QueueFilter {
  statuses: string[] | null;
  authorityCode: string | null;
  submittedFrom: Date | null;
  submittedTo: Date | null;
}

export const NO_FILTER: QueueFilter = { statuses: null, authorityCode: null, submittedFrom: null, submittedTo: null };

export interface QueueRequest {
  step: ReviewStep;
  first: number;
  after: QueueCursor | null;
  search: string | null;
  filter: QueueFilter;
  order: QueueOrder;
}

export interface QueuePage {
  rows: ReviewCaseShape[];
  hasNextPage: boolean;
  totalCount: number;
}

/** Each case kind answers for its own queue: which rows, in the officer's jurisdiction, in the asked order. */
export type QueueProvider = (app: AppServices, viewer: Viewer, request: QueueRequest) => Promise<QueuePage>;
const providers = new Map<ReviewKind, QueueProvider>();

export function registerQueue(kind: ReviewKind, provider: QueueProvider): void {
  providers.set(kind, provider);
}

export const MAX_PAGE_SIZE = 100;
export const MAX_SEARCH_LENGTH = 100;

/** The cursor names its order (`…|N` for newest first) so a cursor of one order is refused by the other. */
export function encodeQueueCursor(
  row: Pick<ReviewCaseShape, 'stepEnteredAt' | 'id'>,
  order: QueueOrder = 'OLDEST_IN_STEP',
): string {
  const suffix = order === 'NEWEST_IN_STEP' ? '|N' : '';
  return Buffer.from(`${row.stepEnteredAt.toISOString()}|${row.id}${suffix}`).toString('base64url');
}

export function decodeQueueCursor(
  cursor: string | null | undefined,
  order: QueueOrder = 'OLDEST_IN_STEP',
): QueueCursor | null {
  if (!cursor) return null;
  const [at, id, flag] = Buffer.from(cursor, 'base64url').toString().split('|');
  if ((flag === 'N') !== (order === 'NEWEST_IN_STEP') || (flag !== undefined && flag !== 'N')) return null;
  const stepEnteredAt = new Date(at ?? '');
  return id && !Number.isNaN(stepEnteredAt.getTime()) ? { stepEnteredAt, id } : null;
}

export interface QueueFilterInput {
  statuses?: readonly string[] | null;
  authorityCode?: string | null;
  submittedFrom?: Date | null;
  submittedTo?: Date | null;
}

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
}

export async function reviewQueue(
  app: AppServices,
  viewer: Viewer,
  kind: ReviewKind,
  step: ReviewStep,
  args: QueueArgs,
): Promise<Result<QueuePage>> {
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
  const provider = providers.get(kind);
  if (!provider) return ok({ rows: [], hasNextPage: false, totalCount: 0 });
  const term = args.search?.trim().slice(0, MAX_SEARCH_LENGTH) || null;
  return ok(
    await provider(app, viewer, { step, first: size, after: cursor, search: term, filter: filter.value, order }),
  );
}
