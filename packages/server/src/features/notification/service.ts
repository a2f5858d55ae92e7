// 消息通知: the events of cases that concern the viewer's enterprise, newest first, with a per-user read cursor.
import { domainError, err, ok, type Result } from '@leqi/domain';
import type { AuditEvent, Prisma } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { partyEventsWhere } from '../events/visibility.ts';

export const MAX_PAGE = 100;

export interface Notification {
  event: AuditEvent;
  /** the other party of an invitation, seen from the viewer's enterprise */
  subject: string | null;
  read: boolean;
}

/**
 * Events of the viewer's enterprise's cases it may see as a party (the case-event rule, `partyEventsWhere`), except
 * what the viewer did themself.
 */
function concerning(viewer: Viewer): Prisma.AuditEventWhereInput {
  const enterpriseId = viewer.actor.role === 'ENTERPRISE' ? viewer.actor.enterpriseId : '\u0000';
  return { AND: [partyEventsWhere(enterpriseId), { NOT: { actorUserId: viewer.userId } }] };
}

function parseNotificationCursor(cursor: string | null | undefined): bigint | null | 'invalid' {
  if (cursor == null || cursor === '') return null;
  return /^\d{1,19}$/.test(cursor) ? BigInt(cursor) : 'invalid';
}

async function lastReadId(db: Db, userId: string): Promise<bigint> {
  const row = await db.notificationRead.findUnique({ where: { userId } });
  return row?.lastReadId ?? 0n;
}

async function subjectsOf(db: Db, viewer: Viewer, events: AuditEvent[]): Promise<Map<string, string>> {
  const ids = [...new Set(events.filter((e) => e.caseKind === 'INVITATION').map((e) => e.caseId))];
  if (ids.length === 0) return new Map();
  const rows = await db.invitation.findMany({
    where: { id: { in: ids } },
    select: { id: true, useUnitName: true, dcuEnterpriseId: true, dcu: { select: { name: true } } },
  });
  const own = viewer.actor.role === 'ENTERPRISE' ? viewer.actor.enterpriseId : null;
  return new Map(rows.map((r) => [r.id, r.dcuEnterpriseId === own ? r.useUnitName : r.dcu.name]));
}

interface NotificationPage {
  rows: Notification[];
  hasNextPage: boolean;
  totalCount: number;
}

export async function listNotifications(
  app: AppServices,
  viewer: Viewer,
  args: { first?: number | null; after?: string | null; unreadOnly?: boolean | null },
): Promise<Result<NotificationPage>> {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
    return err(domainError('VALIDATION_FAILED', {}, [{ field: 'first', code: 'INVALID_FORMAT' }]));
  }
  const after = parseNotificationCursor(args.after);
  if (after === 'invalid') {
    return err(domainError('VALIDATION_FAILED', {}, [{ field: 'after', code: 'INVALID_FORMAT' }]));
  }
  const readUpTo = await lastReadId(app.db, viewer.userId);
  const base = { AND: [concerning(viewer), ...(args.unreadOnly ? [{ id: { gt: readUpTo } }] : [])] };
  const [events, totalCount] = await Promise.all([
    app.db.auditEvent.findMany({
      where: after === null ? base : { AND: [base, { id: { lt: after } }] },
      orderBy: { id: 'desc' },
      take: first + 1,
    }),
    app.db.auditEvent.count({ where: base }),
  ]);
  const page = events.slice(0, first);
  const subjects = await subjectsOf(app.db, viewer, page);
  return ok({
    rows: page.map((event) => ({
      event,
      subject: subjects.get(event.caseId) ?? null,
      read: event.id <= readUpTo,
    })),
    hasNextPage: events.length > first,
    totalCount,
  });
}

export async function unreadNotificationCount(app: AppServices, viewer: Viewer): Promise<number> {
  const readUpTo = await lastReadId(app.db, viewer.userId);
  return app.db.auditEvent.count({ where: { AND: [concerning(viewer), { id: { gt: readUpTo } }] } });
}

/**
 * Marks everything up to `upTo` (a notification cursor; omitted: the newest) as read. The read cursor only moves
 * forward, so a late request from another tab cannot mark read notifications unread again.
 */
export async function markNotificationsRead(
  app: AppServices,
  viewer: Viewer,
  upTo: string | null | undefined,
): Promise<Result<{ lastReadCursor: string; unreadCount: number }>> {
  const parsed = parseNotificationCursor(upTo);
  if (parsed === 'invalid') {
    return err(domainError('VALIDATION_FAILED', {}, [{ field: 'upTo', code: 'INVALID_FORMAT' }]));
  }
  const target =
    parsed ??
    (await app.db.auditEvent.findFirst({ where: concerning(viewer), orderBy: { id: 'desc' }, select: { id: true } }))
      ?.id ??
    0n;
  await app.db.$transaction(async (tx) => {
    await tx.notificationRead.upsert({
      where: { userId: viewer.userId },
      create: { userId: viewer.userId, lastReadId: target },
      update: {},
    });
    await tx.notificationRead.updateMany({
      where: { userId: viewer.userId, lastReadId: { lt: target } },
      data: { lastReadId: target },
    });
  });
  const readUpTo = await lastReadId(app.db, viewer.userId);
  return ok({ lastReadCursor: readUpTo.toString(), unreadCount: await unreadNotificationCount(app, viewer) });
}
