import { domainError, err, ok, type Result, type ReviewKind, type ReviewStep } from '@leqi/domain';
import type { AppServices, Viewer } from '../../platform/context.ts';
import type { ReviewCaseShape } from './review-case.ts';

export interface QueueCursor {
  stepEnteredAt: Date;
  id: string;
}

export interface QueueRequest {
  step: ReviewStep;
  first: number;
  after: QueueCursor | null;
  search: string | null;
}

export interface QueuePage {
  rows: ReviewCaseShape[];
  hasNextPage: boolean;
  totalCount: number;
}

/** Each case kind answers for its own queue: which rows, in the officer's jurisdiction, oldest first. */
export type QueueProvider = (app: AppServices, viewer: Viewer, request: QueueRequest) => Promise<QueuePage>;
const providers = new Map<ReviewKind, QueueProvider>();

export function registerQueue(kind: ReviewKind, provider: QueueProvider): void {
  providers.set(kind, provider);
}

export const MAX_PAGE_SIZE = 100;

export function encodeQueueCursor(row: Pick<ReviewCaseShape, 'stepEnteredAt' | 'id'>): string {
  return Buffer.from(`${row.stepEnteredAt.toISOString()}|${row.id}`).toString('base64url');
}

export function decodeQueueCursor(cursor: string | null | undefined): QueueCursor | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const stepEnteredAt = new Date(at ?? '');
  return id && !Number.isNaN(stepEnteredAt.getTime()) ? { stepEnteredAt, id } : null;
}

export async function reviewQueue(
  app: AppServices,
  viewer: Viewer,
  kind: ReviewKind,
  step: ReviewStep,
  first: number | null | undefined,
  after: string | null | undefined,
  search: string | null | undefined,
): Promise<Result<QueuePage>> {
  if (viewer.actor.role !== 'OFFICER' && viewer.actor.role !== 'ADMIN') return err(domainError('FORBIDDEN'));
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    return err(
      domainError('VALIDATION_FAILED', {}, [
        { field: 'first', code: 'OUT_OF_RANGE', params: { min: 1, max: MAX_PAGE_SIZE } },
      ]),
    );
  }
  const cursor = decodeQueueCursor(after);
  if (after && !cursor) return err(domainError('VALIDATION_FAILED', {}, [{ field: 'after', code: 'INVALID_FORMAT' }]));
  const provider = providers.get(kind);
  if (!provider) return ok({ rows: [], hasNextPage: false, totalCount: 0 });
  const term = search?.trim().slice(0, 100) || null;
  return ok(await provider(app, viewer, { step, first: size, after: cursor, search: term }));
}
