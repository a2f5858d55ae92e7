// 消息通知: the events of cases that concern the viewer's enterprise, newest first, with a per-user read cursor.
import { domainError, err, ok, type Result } from '@leqi/domain';
import type { AuditEvent, Prisma } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import {
  afterCursor,
  beforeCursor,
  eventCursor,
  parseClientCursor,
  streamHorizon,
} from '../../platform/events/cursor.ts';
import { partyEventsWhere } from '../events/visibility.ts';

export const MAX_PAGE = 100;

export interface Notification {
  event: AuditEvent;
  /** the other party of an invitation, seen from the viewer's enterprise */
  subject: string | null;
  read: boolean;
}

/**
 * The viewer's read marker as a stream cursor. The stored value is the id of the newest event marked read; its
 * place in the stream is (xid, id), since appends commit concurrently and a smaller id may commit later.
 */
async function readMarker(db: Db | Tx, userId: string): Promise<bigint> {
  const row = await db.notificationRead.findUnique({ where: { userId } });
  if (!row || row.lastReadId === 0n) return 0n;
  const event = await db.auditEvent.findUnique({ where: { id: row.lastReadId }, select: { id: true, xid: true } });
  return event ? eventCursor(event) : row.lastReadId;
}

/**
 * The viewer's notifications (narrowed by `more`): events of their enterprise's cases it may see as a party (the
 * case-event rule, `partyEventsWhere`) except what the viewer did themself, in the delivered part of the stream
 * (events whose transaction is finished for every snapshot).
 */
async function notificationsOf(
  db: Db,
  viewer: Viewer,
  ...more: Prisma.AuditEventWhereInput[]
): Promise<Prisma.AuditEventWhereInput> {
  const enterpriseId = viewer.actor.role === 'ENTERPRISE' ? viewer.actor.enterpriseId : '\u0000';
  const delivered = { xid: { lt: await streamHorizon(db) } };
  return { AND: [partyEventsWhere(enterpriseId), { NOT: { actorUserId: viewer.userId } }, delivered, ...more] };
}

const NEWEST_FIRST = [{ xid: 'desc' }, { id: 'desc' }] satisfies Prisma.AuditEventOrderByWithRelationInput[];

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

const invalidFormat = (field: string) => err(domainError('VALIDATION_FAILED', {}, [{ field, code: 'INVALID_FORMAT' }]));

export async function listNotifications(
  app: AppServices,
  viewer: Viewer,
  args: { first?: number | null; after?: string | null; unreadOnly?: boolean | null },
): Promise<Result<NotificationPage>> {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
    return err(
      domainError('VALIDATION_FAILED', {}, [
        { field: 'first', code: 'OUT_OF_RANGE', params: { min: 1, max: MAX_PAGE } },
      ]),
    );
  }
  const after = parseClientCursor(args.after);
  if (after === 'invalid') return invalidFormat('after');
  const readUpTo = await readMarker(app.db, viewer.userId);
  const base = await notificationsOf(app.db, viewer, ...(args.unreadOnly ? [afterCursor(readUpTo)] : []));
  const [events, totalCount] = await Promise.all([
    app.db.auditEvent.findMany({
      where: after === null ? base : { AND: [base, beforeCursor(after)] },
      orderBy: NEWEST_FIRST,
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
      read: eventCursor(event) <= readUpTo,
    })),
    hasNextPage: events.length > first,
    totalCount,
  });
}

/** One of the viewer's notifications by its event's id (the `node` lookup), or null when it is not theirs. */
export async function findNotification(app: AppServices, viewer: Viewer, id: string): Promise<Notification | null> {
  if (viewer.actor.role !== 'ENTERPRISE' || !/^\d{1,19}$/.test(id)) return null;
  const event = await app.db.auditEvent.findFirst({ where: await notificationsOf(app.db, viewer, { id: BigInt(id) }) });
  if (!event) return null;
  const [readUpTo, subjects] = await Promise.all([
    readMarker(app.db, viewer.userId),
    subjectsOf(app.db, viewer, [event]),
  ]);
  return { event, subject: subjects.get(event.caseId) ?? null, read: eventCursor(event) <= readUpTo };
}

export async function unreadNotificationCount(app: AppServices, viewer: Viewer): Promise<number> {
  const readUpTo = await readMarker(app.db, viewer.userId);
  return app.db.auditEvent.count({ where: await notificationsOf(app.db, viewer, afterCursor(readUpTo)) });
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
  // notifications are the enterprise users' (通知): officers and admins have none to mark
  if (viewer.actor.role !== 'ENTERPRISE') return err(domainError('FORBIDDEN'));
  const parsed = parseClientCursor(upTo);
  if (parsed === 'invalid') return invalidFormat('upTo');
  // the newest delivered notification at or before `upTo`: an event still held back by an older transaction is
  // never passed over, so it is unread when it arrives
  const target = await app.db.auditEvent.findFirst({
    where: await notificationsOf(app.db, viewer, ...(parsed === null ? [] : [beforeCursor(parsed, true)])),
    orderBy: NEWEST_FIRST,
    select: { id: true, xid: true },
  });
  if (target) {
    await app.db.$transaction(async (tx) => {
      await tx.notificationRead.upsert({
        where: { userId: viewer.userId },
        create: { userId: viewer.userId },
        update: {},
      });
      // two tabs marking at once: the row lock orders them, and the marker only moves forward in stream order
      await tx.$queryRaw`SELECT 1 FROM "NotificationRead" WHERE "userId" = ${viewer.userId} FOR UPDATE`;
      if (eventCursor(target) > (await readMarker(tx, viewer.userId))) {
        await tx.notificationRead.update({ where: { userId: viewer.userId }, data: { lastReadId: target.id } });
      }
    });
  }
  const readUpTo = await readMarker(app.db, viewer.userId);
  return ok({ lastReadCursor: readUpTo.toString(), unreadCount: await unreadNotificationCount(app, viewer) });
}
