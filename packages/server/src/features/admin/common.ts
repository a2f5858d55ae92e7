// Shared by the admin areas: the admin check, the audit entry of an admin change, keyset pages and payloads.
import { domainError, err, type FieldIssue, ok, type Result } from '@leqi/domain';
import { GraphQLError } from 'graphql';
import type { AppServices, Context, Viewer } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { appendCaseEvent, type StoredCaseEvent } from '../../platform/events/audit.ts';
import { toPayloadError } from '../../platform/graphql-errors.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';

type AdminCaseKind = 'ADMIN_AUTHORITY' | 'ADMIN_ENTERPRISE' | 'ADMIN_PROVINCE_RULE' | 'ADMIN_USER';

export function requireAdmin(viewer: Viewer): Result<Viewer> {
  return viewer.actor.role === 'ADMIN' ? ok(viewer) : err(domainError('FORBIDDEN'));
}

export function invalid(issues: FieldIssue[]) {
  return err(domainError('VALIDATION_FAILED', {}, issues));
}

type AdminChange = { kind: AdminCaseKind; id: string; event: string; payload: Record<string, unknown> };

/** An admin change in one transaction; `audit` appends its audit entry, published once committed. */
export function adminChange<T>(
  app: AppServices,
  viewer: Viewer,
  change: (tx: Tx, audit: (entry: AdminChange) => Promise<void>) => Promise<T>,
): Promise<Result<T>> {
  return inTransaction(app, (tx, emit) => change(tx, async (entry) => emit(await auditAdminChange(tx, viewer, entry))));
}

/**
 * Every admin change is a case event of its own kind with the entity as the case, so each entity's changes form
 * a hash chain `auditIntegrity` verifies, like a case decision.
 */
export function auditAdminChange(tx: Tx, viewer: Viewer, change: AdminChange): Promise<StoredCaseEvent> {
  return appendCaseEvent(tx, {
    caseKind: change.kind,
    caseId: change.id,
    event: change.event,
    actorUserId: viewer.userId,
    actorName: viewer.displayName,
    actorRole: viewer.actor.role,
    payload: change.payload,
  });
}

// ---------------------------------------------------------------------------------------------------------
// Keyset pages over one unique sort key (code, USCC, username): the cursor is the key of the last row.

export interface KeysetRequest {
  first?: number | null;
  after?: string | null;
  search?: string | null;
}

export interface KeysetPage<T> {
  rows: T[];
  hasNextPage: boolean;
  totalCount: number;
}

const encodeKey = (key: string) => Buffer.from(key).toString('base64url');

function pageRequest(request: KeysetRequest): Result<{ size: number; afterKey: string | null; term: string }> {
  const size = request.first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    return invalid([{ field: 'first', code: 'OUT_OF_RANGE', params: { min: 1, max: 100 } }]);
  }
  const afterKey = request.after ? Buffer.from(request.after, 'base64url').toString() : null;
  return ok({ size, afterKey, term: (request.search ?? '').trim().slice(0, 100) });
}

/**
 * A keyset page for the admin (refused to anyone else): `read` returns up to `size + 1` rows after `afterKey`
 * matching `term`, and the count of all that match, so the page can tell whether another follows.
 */
export async function adminPage<T>(
  viewer: Viewer,
  request: KeysetRequest,
  read: (page: { size: number; afterKey: string | null; term: string }) => Promise<[T[], number]>,
): Promise<Result<KeysetPage<T>>> {
  const admin = requireAdmin(viewer);
  if (!admin.ok) return admin;
  const page = pageRequest(request);
  if (!page.ok) return page;
  const [rows, totalCount] = await read(page.value);
  return ok({ rows: rows.slice(0, page.value.size), hasNextPage: rows.length > page.value.size, totalCount });
}

export function connectionOf<T>(page: KeysetPage<T>, keyOf: (row: T) => string, after: string | null | undefined) {
  return {
    totalCount: page.totalCount,
    edges: page.rows.map((node) => ({ cursor: encodeKey(keyOf(node)), node })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: Boolean(after),
      startCursor: page.rows[0] ? encodeKey(keyOf(page.rows[0])) : null,
      endCursor: page.rows.length > 0 ? encodeKey(keyOf(page.rows[page.rows.length - 1] as T)) : null,
    },
  };
}

/** The resolver of an admin list connection: refused typed, paged by the list's unique key. */
export function adminListResolver<Args extends KeysetRequest, Row>(
  list: (app: Context['app'], viewer: Viewer, args: Args) => Promise<Result<KeysetPage<Row>>>,
  keyOf: (row: Row) => string,
) {
  return signedIn(unauthenticated.asError, async (_root: unknown, args: Args, context) => {
    const page = await list(context.app, context.viewer, args);
    if (!page.ok) throw queryRefusal(context, page.error);
    return connectionOf(page.value, keyOf, args.after);
  });
}

/** A list query's refusal (the payload unions are for mutations). */
export function queryRefusal(context: Context, error: Parameters<typeof toPayloadError>[0]): GraphQLError {
  const payload = toPayloadError(error, context.locale);
  return new GraphQLError(payload.message, { extensions: { code: payload.code } });
}
