// 审计记录归档 (安全审计: retained at least AUDIT_RETENTION_DAYS, 180 by default): the security events older than
// the retention are written to a JSON-lines file in the data directory, then deleted. Each chain keeps its newest
// event, and an anchor row keeps the hash its first remaining event links to, so every chain still verifies; the
// file's SHA-256 is kept with the anchors, so a changed archive is told apart (verifyArchive).
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AuditEvent } from '../../generated/prisma/client.ts';
import type { Db } from '../db/database.ts';
import { hashMatches } from './audit.ts';

/** Only the security log is archived: case and administrative events are the business's records, kept. */
const ARCHIVED_KIND = 'SECURITY';
const PAGE = 5000;

export interface ArchiveReport {
  archived: number;
  chains: number;
  file: string | null;
}

/** The events to archive: older than `before`, each followed by a newer one of its chain (the tail stays). */
async function archivablePage(db: Db, before: Date, afterId: bigint): Promise<AuditEvent[]> {
  const ids = await db.$queryRaw<{ id: bigint }[]>`
    SELECT e.id FROM "AuditEvent" e
    WHERE e."caseKind" = ${ARCHIVED_KIND} AND e."createdAt" < ${before} AND e.id > ${afterId}
      AND EXISTS (
        SELECT 1 FROM "AuditEvent" later
        WHERE later."caseKind" = e."caseKind" AND later."caseId" = e."caseId" AND later.id > e.id
      )
    ORDER BY e.id LIMIT ${PAGE}`;
  if (ids.length === 0) return [];
  return db.auditEvent.findMany({ where: { id: { in: ids.map((row) => row.id) } }, orderBy: { id: 'asc' } });
}

const line = (event: AuditEvent) =>
  `${JSON.stringify({ ...event, id: event.id.toString(), xid: event.xid.toString() })}\n`;

export async function archiveAuditEvents(db: Db, options: { before: Date; dir: string }): Promise<ArchiveReport> {
  mkdirSync(options.dir, { recursive: true });
  const file = join(options.dir, `security-${options.before.toISOString().replace(/[:.]/g, '-')}.jsonl`);
  const digest = createHash('sha256');
  const tails = new Map<string, { caseId: string; hash: string; id: bigint; count: number }>();
  const archivedIds: bigint[] = [];
  let descriptor: number | null = null;
  let afterId = 0n;
  for (;;) {
    const events = await archivablePage(db, options.before, afterId);
    if (events.length === 0) break;
    descriptor ??= openSync(file, 'wx', 0o600);
    for (const event of events) {
      const text = line(event);
      writeSync(descriptor, text);
      digest.update(text);
      archivedIds.push(event.id);
      const tail = tails.get(event.caseId);
      tails.set(event.caseId, { caseId: event.caseId, hash: event.hash, id: event.id, count: (tail?.count ?? 0) + 1 });
    }
    afterId = (events.at(-1) as AuditEvent).id;
  }
  if (descriptor === null) return { archived: 0, chains: 0, file: null };
  // on disk before anything is deleted: a crash after this loses nothing, the next run archives the rest
  fsyncSync(descriptor);
  closeSync(descriptor);
  const fileSha256 = digest.digest('hex');
  await db.$transaction(async (tx) => {
    for (const tail of tails.values()) {
      const anchor = {
        hash: tail.hash,
        lastEventId: tail.id,
        file: basename(file),
        fileSha256,
        archivedAt: new Date(),
      };
      const before = await tx.auditChainAnchor.findUnique({
        where: { caseKind_caseId: { caseKind: ARCHIVED_KIND, caseId: tail.caseId } },
      });
      await tx.auditChainAnchor.upsert({
        where: { caseKind_caseId: { caseKind: ARCHIVED_KIND, caseId: tail.caseId } },
        create: { caseKind: ARCHIVED_KIND, caseId: tail.caseId, archivedEvents: tail.count, ...anchor },
        update: { archivedEvents: (before?.archivedEvents ?? 0) + tail.count, ...anchor },
      });
    }
    for (let start = 0; start < archivedIds.length; start += PAGE) {
      await tx.auditEvent.deleteMany({ where: { id: { in: archivedIds.slice(start, start + PAGE) } } });
    }
  });
  return { archived: archivedIds.length, chains: tails.size, file };
}

/** Each chain's anchor hash: what its first remaining event links to. */
export async function chainAnchors(db: Db): Promise<Map<string, string>> {
  const anchors = await db.auditChainAnchor.findMany({ select: { caseKind: true, caseId: true, hash: true } });
  return new Map(anchors.map((anchor) => [`${anchor.caseKind}\u0000${anchor.caseId}`, anchor.hash]));
}

/**
 * An archive file checked on its own: its SHA-256 against `expectedSha256` (from the anchors), and every event's
 * hash recomputed along its chain (each chain's first archived event links to what came before it, unchecked here).
 */
export function verifyArchive(path: string, expectedSha256: string): { intact: boolean; events: number } {
  const text = readFileSync(path, 'utf8');
  if (createHash('sha256').update(text).digest('hex') !== expectedSha256) return { intact: false, events: 0 };
  const last = new Map<string, string>();
  let events = 0;
  for (const row of text.split('\n').filter(Boolean)) {
    const event = JSON.parse(row) as AuditEvent & { createdAt: string };
    const previous = last.get(event.caseId);
    if (previous !== undefined && event.prevHash !== previous) return { intact: false, events };
    if (!hashMatches(event as never, new Date(event.createdAt))) {
      return { intact: false, events };
    }
    last.set(event.caseId, event.hash);
    events += 1;
  }
  return { intact: true, events };
}
