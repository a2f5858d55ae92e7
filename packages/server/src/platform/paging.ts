// Newest-first keyset pages of the status queries (邀请、绑定、导入记录): page size and a `createdAt|id` cursor.
import { domainError, err, ok, STATUS_QUERY_MAX_PAGE_SIZE, STATUS_QUERY_MIN_PAGE_SIZE } from '@leqi/domain';

export interface Page<T> {
  rows: T[];
  hasNextPage: boolean;
  totalCount: number;
}

/** Newest first: the cursor is `createdAt|id`. */
export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string | null | undefined): { createdAt: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  return id && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
}

/** Page size 1–100 (CXSYDWJRZT) and a readable cursor, or the issue with them. */
export function pageArguments(first: number | null | undefined, after: string | null | undefined) {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < STATUS_QUERY_MIN_PAGE_SIZE || size > STATUS_QUERY_MAX_PAGE_SIZE) {
    return err(
      domainError('VALIDATION_FAILED', {}, [
        {
          field: 'first',
          code: 'OUT_OF_RANGE',
          params: { min: STATUS_QUERY_MIN_PAGE_SIZE, max: STATUS_QUERY_MAX_PAGE_SIZE },
        },
      ]),
    );
  }
  const cursor = decodeCursor(after);
  if (after && !cursor) return err(domainError('VALIDATION_FAILED', {}, [{ field: 'after', code: 'INVALID_FORMAT' }]));
  return ok({ size, cursor });
}
