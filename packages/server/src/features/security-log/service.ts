// 安全审计 records as the audit administrator reads them (the platform admin until 三员分立): filtered by type,
// outcome, user, address and time, newest first, and exported to Excel — an export is itself recorded.
import {
  AUDIT_SUBJECT_KIND_LABELS,
  type Label,
  type Locale,
  ok,
  type Result,
  SECURITY_EVENT_TYPES,
  SECURITY_LOG_SUBJECTS,
  type SecurityEventType,
  type SecurityOutcome,
  securityLogUsername,
} from '@leqi/domain';
import type { AuditEvent, Prisma } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import type { Page } from '../../platform/paging.ts';
import { invalid, pageRequest, requireAdmin } from '../admin/common.ts';

export interface SecurityLogFilter {
  types?: readonly SecurityEventType[] | null;
  outcome?: SecurityOutcome | null;
  /** the account the event is about (exact user name, any case) */
  username?: string | null;
  /** the client address, exactly */
  address?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** One record of the security log, read from the audit chain. */
export interface SecurityLogEntry {
  id: bigint;
  occurredAt: Date;
  type: SecurityEventType;
  outcome: SecurityOutcome;
  /** the account concerned: who signed in, whose account or token changed */
  username: string | null;
  actorName: string | null;
  actorRole: string | null;
  address: string | null;
  /** the audit subject and its key: an account, a tax authority, a province rule, a capability, a token */
  subjectKind: string;
  subjectId: string;
  object: string | null;
  reason: string | null;
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

export function entryOf(event: AuditEvent): SecurityLogEntry {
  const payload = (event.payload ?? {}) as Record<string, unknown>;
  return {
    id: event.id,
    occurredAt: event.createdAt,
    type: event.event as SecurityEventType,
    outcome: payload.outcome === 'FAILURE' ? 'FAILURE' : 'SUCCESS',
    username: text(payload.username) ?? (event.caseKind === 'SECURITY' ? event.caseId : null),
    actorName: event.actorName,
    actorRole: event.actorRole,
    address: text(payload.address),
    subjectKind: event.caseKind,
    // an account is known by its user name, not its internal id
    subjectId: (event.caseKind === 'ADMIN_USER' ? text(payload.username) : null) ?? event.caseId,
    object: text(payload.object),
    reason: event.reason,
  };
}

const SUBJECT_LABELS: Record<string, Label> = {
  ...AUDIT_SUBJECT_KIND_LABELS,
  SECURITY: { zh: '登录账号', en: 'Sign-in account' },
};

/** What the record acted on, in words: its own object (a token), else its subject and key. */
export function objectText(entry: SecurityLogEntry, locale: Locale): string {
  if (entry.object) return entry.object;
  const label = SUBJECT_LABELS[entry.subjectKind];
  return `${label ? (locale === 'en' ? label.en : label.zh) : entry.subjectKind} ${entry.subjectId}`;
}

const MAX_TEXT = 100;

/** The filter as a where over the audit log; a field issue when a bound is unreadable. */
export function securityLogWhere(filter: SecurityLogFilter): Result<Prisma.AuditEventWhereInput> {
  const { from, to } = filter;
  if (from && to && from > to) return invalid([{ field: 'filter.to', code: 'OUT_OF_RANGE' }]);
  const types = filter.types?.length ? filter.types : SECURITY_EVENT_TYPES;
  const and: Prisma.AuditEventWhereInput[] = [
    { caseKind: { in: [...SECURITY_LOG_SUBJECTS] }, event: { in: [...types] } },
  ];
  if (from || to) and.push({ createdAt: { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) } });
  const username = filter.username ? securityLogUsername(filter.username) : '';
  if (username) {
    and.push({
      OR: [{ caseKind: 'SECURITY', caseId: username }, { payload: { path: ['username'], equals: username } }],
    });
  }
  const address = filter.address?.trim().slice(0, MAX_TEXT);
  if (address) and.push({ payload: { path: ['address'], equals: address } });
  if (filter.outcome === 'FAILURE') and.push({ payload: { path: ['outcome'], equals: 'FAILURE' } });
  if (filter.outcome === 'SUCCESS') {
    and.push({ NOT: { payload: { path: ['outcome'], equals: 'FAILURE' } } });
  }
  return ok({ AND: and });
}

/** A page of the log, newest first, for the admin. */
export async function listSecurityLog(
  app: AppServices,
  viewer: Viewer,
  request: { filter?: SecurityLogFilter | null; first?: number | null; after?: string | null },
): Promise<Result<Page<SecurityLogEntry>>> {
  const admin = requireAdmin(viewer);
  if (!admin.ok) return admin;
  const page = pageRequest({ first: request.first, after: request.after });
  if (!page.ok) return page;
  const { size, afterKey } = page.value;
  if (afterKey !== null && !/^\d{1,19}$/.test(afterKey)) return invalid([{ field: 'after', code: 'INVALID_FORMAT' }]);
  const where = securityLogWhere(request.filter ?? {});
  if (!where.ok) return where;
  const [rows, totalCount] = await Promise.all([
    app.db.auditEvent.findMany({
      where: afterKey ? { AND: [where.value, { id: { lt: BigInt(afterKey) } }] } : where.value,
      orderBy: { id: 'desc' },
      take: size + 1,
    }),
    app.db.auditEvent.count({ where: where.value }),
  ]);
  return ok({ rows: rows.slice(0, size).map(entryOf), hasNextPage: rows.length > size, totalCount });
}

/** Every record the filter selects, newest first, a page at a time (the export). */
export async function* securityLogPages(app: AppServices, filter: SecurityLogFilter, pageSize = 1000) {
  const where = securityLogWhere(filter);
  if (!where.ok) return;
  let before: bigint | null = null;
  for (;;) {
    const rows: AuditEvent[] = await app.db.auditEvent.findMany({
      where: before === null ? where.value : { AND: [where.value, { id: { lt: before } }] },
      orderBy: { id: 'desc' },
      take: pageSize,
    });
    if (rows.length === 0) return;
    yield rows.map(entryOf);
    if (rows.length < pageSize) return;
    before = (rows.at(-1) as AuditEvent).id;
  }
}
