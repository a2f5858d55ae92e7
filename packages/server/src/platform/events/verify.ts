import type { Db } from '../db/database.ts';
import { chainAnchors } from './archive.ts';
import { hashAlgorithmOf, hashMatches } from './audit.ts';

export interface ChainBreak {
  eventId: string;
  caseKind: string;
  caseId: string;
  problem: 'HASH_MISMATCH' | 'BROKEN_LINK' | 'ALGORITHM_DOWNGRADE';
}

export interface ChainReport {
  checkedEvents: number;
  checkedCases: number;
  intact: boolean;
  /** the first altered (or unlinked) event in cursor order, if any */
  firstBreak: ChainBreak | null;
}

const PAGE = 2000;

/**
 * Recomputes every event's hash from its content and its predecessor's hash, case by case, in cursor
 * order. An event edited, inserted or deleted directly in the database breaks the chain at that point.
 */
export async function verifyAuditChains(
  db: Db,
  filter: { caseKind?: string; caseId?: string } = {},
): Promise<ChainReport> {
  const lastHash = new Map<string, string>();
  // a chain whose older events were archived starts from its anchor (archive.ts)
  const anchors = await chainAnchors(db);
  let checkedEvents = 0;
  let after = 0n;
  for (;;) {
    const events = await db.auditEvent.findMany({
      where: { ...filter, id: { gt: after } },
      orderBy: { id: 'asc' },
      take: PAGE,
    });
    for (const event of events) {
      checkedEvents += 1;
      const key = `${event.caseKind}\u0000${event.caseId}`;
      const expectedPrev = lastHash.get(key) ?? anchors.get(key) ?? null;
      const breakAt = (problem: ChainBreak['problem']): ChainReport => ({
        checkedEvents,
        checkedCases: lastHash.size,
        intact: false,
        firstBreak: { eventId: event.id.toString(), caseKind: event.caseKind, caseId: event.caseId, problem },
      });
      if (event.prevHash !== expectedPrev) return breakAt('BROKEN_LINK');
      if (!hashMatches(event as never, event.createdAt)) return breakAt('HASH_MISMATCH');
      // past a chain's switch-over to SM3, a SHA-256 event was not written by the application
      if (expectedPrev && hashAlgorithmOf(expectedPrev) === 'SM3' && hashAlgorithmOf(event.hash) !== 'SM3') {
        return breakAt('ALGORITHM_DOWNGRADE');
      }
      lastHash.set(key, event.hash);
    }
    if (events.length < PAGE) break;
    after = (events.at(-1) as { id: bigint }).id;
  }
  return { checkedEvents, checkedCases: lastHash.size, intact: true, firstBreak: null };
}
