// Shared by the admin areas: the admin check, the audit entry of an admin change, keyset pages and payloads.
import { domainError, err, type FieldIssue, ok, type Result } from '@leqi/domain';
import type { AppServices, Context, Viewer } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { NEXT_VERSION, writeVersioned } from '../../platform/db/versioned-write.ts';
import { appendCaseEvent, type CaseEventInput } from '../../platform/events/audit.ts';
import { refusalError } from '../../platform/graphql-errors.ts';
import { connectionOf, type Page } from '../../platform/paging.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';

type AdminCaseKind = 'ADMIN_AUTHORITY' | 'ADMIN_ENTERPRISE' | 'ADMIN_PROVINCE_RULE' | 'ADMIN_USER';

export function requireAdmin(viewer: Viewer): Result<Viewer> {
  return viewer.actor.role === 'ADMIN' ? ok(viewer) : err(domainError('FORBIDDEN'));
}

export function invalid(issues: FieldIssue[]) {
  return err(domainError('VALIDATION_FAILED', {}, issues));
}

type AdminChange = { kind: AdminCaseKind; id: string; event: string; payload: Record<string, unknown> };

/**
 * Every admin change is a case event of its own kind with the entity as the case, so each entity's changes form
 * a hash chain `auditIntegrity` verifies, like a case decision.
 */
export function adminChangeEvent(viewer: Viewer, change: AdminChange): CaseEventInput {
  const { kind, id, event, payload } = change;
  const actor = { actorUserId: viewer.userId, actorName: viewer.displayName, actorRole: viewer.actor.role };
  return { caseKind: kind, caseId: id, event, ...actor, payload };
}

/** An admin change in one transaction; `audit` appends its audit entry, published once committed. */
export function adminChange<T>(
  app: AppServices,
  viewer: Viewer,
  change: (tx: Tx, audit: (entry: AdminChange) => Promise<void>) => Promise<T>,
): Promise<Result<T>> {
  return inTransaction(app, (tx, emit) =>
    change(tx, async (entry) => emit(await appendCaseEvent(tx, adminChangeEvent(viewer, entry)))),
  );
}

/** What a versioned edit reads and writes of a Prisma model. */
interface VersionedTable<Row, Where> {
  updateMany(args: { where: Where & { version: number }; data: object }): Promise<{ count: number }>;
  findUniqueOrThrow(args: { where: Where }): Promise<Row>;
}

/** Writes `data` to the row `where` names while it has `expectedVersion` (else STALE_VERSION); returns it written. */
export async function updateVersioned<Row extends { version: number }, Where extends object>(
  table: VersionedTable<Row, Where>,
  where: Where,
  expectedVersion: number,
  data: object,
): Promise<Row> {
  await writeVersioned({
    expectedVersion,
    write: ({ version }) => table.updateMany({ where: { ...where, version }, data: { ...data, ...NEXT_VERSION } }),
    storedVersion: async () => (await table.findUniqueOrThrow({ where })).version,
  });
  return table.findUniqueOrThrow({ where });
}

// ---------------------------------------------------------------------------------------------------------
// Keyset pages over one unique sort key (code, USCC, username): the cursor is the key of the last row.

export interface KeysetRequest {
  first?: number | null;
  after?: string | null;
  search?: string | null;
}

/** What a keyset page reads of a Prisma model. */
interface KeysetTable<Row, Where> {
  findMany(args: { where: Where; orderBy: Record<string, 'asc'>; take: number }): PromiseLike<Row[]>;
  count(args: { where: Where }): PromiseLike<number>;
}

/** A list cursor: the row's unique key after a marker, so text that is not a cursor is told apart and refused. */
const CURSOR_MARKER = 'key:';
export const encodeKey = (key: string) => Buffer.from(`${CURSOR_MARKER}${key}`).toString('base64url');

function decodeKey(cursor: string): string | null {
  const text = Buffer.from(cursor, 'base64url').toString();
  const wellFormed = text.startsWith(CURSOR_MARKER) && Buffer.from(text).toString('base64url') === cursor;
  return wellFormed ? text.slice(CURSOR_MARKER.length) : null;
}

export function pageRequest(request: KeysetRequest): Result<{ size: number; afterKey: string | null; term: string }> {
  const size = request.first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    return invalid([{ field: 'first', code: 'OUT_OF_RANGE', params: { min: 1, max: 100 } }]);
  }
  const afterKey = request.after ? decodeKey(request.after) : null;
  if (request.after && afterKey === null) return invalid([{ field: 'after', code: 'INVALID_FORMAT' }]);
  return ok({ size, afterKey, term: (request.search ?? '').trim().slice(0, 100) });
}

/**
 * A keyset page of `table` for the admin (refused to anyone else), ordered by its unique `key` column: the rows
 * `whereOf(term)` selects after the cursor, and the count of all it selects.
 */
export async function adminPage<Row, Where extends object>(
  viewer: Viewer,
  request: KeysetRequest,
  table: KeysetTable<Row, Where>,
  key: string,
  whereOf: (term: string) => Where,
): Promise<Result<Page<Row>>> {
  const admin = requireAdmin(viewer);
  if (!admin.ok) return admin;
  const page = pageRequest(request);
  if (!page.ok) return page;
  const { size, afterKey, term } = page.value;
  const where = whereOf(term);
  const [rows, totalCount] = await Promise.all([
    table.findMany({
      where: afterKey ? ({ AND: [where, { [key]: { gt: afterKey } }] } as Where) : where,
      orderBy: { [key]: 'asc' },
      take: size + 1,
    }),
    table.count({ where }),
  ]);
  return ok({ rows: rows.slice(0, size), hasNextPage: rows.length > size, totalCount });
}

/** The resolver of an admin list connection: refused typed, paged by the list's unique key. */
export function adminListResolver<Args extends KeysetRequest, Row>(
  list: (app: Context['app'], viewer: Viewer, args: Args) => Promise<Result<Page<Row>>>,
  keyOf: (row: Row) => string,
) {
  return signedIn(unauthenticated.asError, async (_root: unknown, args: Args, context) => {
    const page = await list(context.app, context.viewer, args);
    if (!page.ok) throw refusalError(page.error, context.locale);
    return connectionOf(page.value, args.after, (row) => encodeKey(keyOf(row)));
  });
}
