// Audit replay: every case's status is rebuilt from its audit events and compared with the stored one.
import { type AnyWorkflow, type AuditStep, type FoldBreak, foldAuditTrail } from '@leqi/domain';
import type { Db } from '../db/database.ts';

type ReplayProblem = FoldBreak['problem'] | 'STATUS_MISMATCH' | 'NO_CASE_ROW';

interface ReplayMismatch {
  caseKind: string;
  caseId: string;
  problem: ReplayProblem;
  stored: string | null;
  replayed: string | null;
  /** the audit event where the trail breaks, if it does */
  eventId: string | null;
}

export interface ReplayReport {
  consistent: boolean;
  checkedCases: number;
  checkedEvents: number;
  /** cases per kind, and per kind the statuses they were found in */
  casesByKind: Record<string, number>;
  statusesByKind: Record<string, string[]>;
  /** at most `limit` of them, in case kind then id order */
  mismatches: ReplayMismatch[];
}

/** One kind of case as replay sees it (the features declare them; the platform knows no case table). */
export interface ReplayedKind {
  kind: string;
  workflow: AnyWorkflow;
  /** the id and stored status of every case of the kind */
  storedStatuses(db: Db): Promise<{ id: string; status: string }[]>;
}

const PAGE = 5000;

/** Every audit event of one kind, grouped by case, in cursor order. */
async function trailsOf(
  db: Db,
  kind: string,
): Promise<{ trails: Map<string, (AuditStep & { id: bigint })[]>; events: number }> {
  const trails = new Map<string, (AuditStep & { id: bigint })[]>();
  let after = -1n;
  let events = 0;
  for (;;) {
    const page = await db.auditEvent.findMany({
      where: { caseKind: kind, id: { gt: after } },
      orderBy: { id: 'asc' },
      take: PAGE,
      select: { id: true, caseId: true, event: true, fromStatus: true, toStatus: true },
    });
    for (const row of page) {
      const trail = trails.get(row.caseId) ?? [];
      trail.push(row);
      trails.set(row.caseId, trail);
    }
    events += page.length;
    if (page.length < PAGE) break;
    after = (page.at(-1) as { id: bigint }).id;
  }
  return { trails, events };
}

/**
 * Folds each case's audit events through its workflow table (each event's fromStatus must be the previous
 * toStatus, each step allowed by the table) and checks the result equals the status stored on the case, for
 * every case of every workflow; a case without events, or events without a case, are mismatches too.
 */
export async function replayAuditTrails(
  db: Db,
  kinds: readonly ReplayedKind[],
  options: { limit?: number } = {},
): Promise<ReplayReport> {
  const limit = options.limit ?? 50;
  const report: ReplayReport = {
    consistent: true,
    checkedCases: 0,
    checkedEvents: 0,
    casesByKind: {},
    statusesByKind: {},
    mismatches: [],
  };
  const mismatch = (entry: ReplayMismatch) => {
    report.consistent = false;
    if (report.mismatches.length < limit) report.mismatches.push(entry);
  };
  for (const { kind, workflow, storedStatuses } of kinds) {
    const stored = new Map((await storedStatuses(db)).map((row) => [row.id, row.status]));
    const { trails, events } = await trailsOf(db, kind);
    report.checkedEvents += events;
    report.casesByKind[kind] = stored.size;
    report.statusesByKind[kind] = [...new Set(stored.values())].sort();
    const ids = [...new Set([...stored.keys(), ...trails.keys()])].sort();
    for (const caseId of ids) {
      report.checkedCases += 1;
      const status = stored.get(caseId) ?? null;
      const trail = trails.get(caseId) ?? [];
      const base = { caseKind: kind, caseId, stored: status };
      if (status === null) {
        mismatch({ ...base, problem: 'NO_CASE_ROW', replayed: null, eventId: trail[0]?.id.toString() ?? null });
        continue;
      }
      const folded = foldAuditTrail(workflow, trail);
      if (!folded.ok) {
        const at = folded.break.index >= 0 ? trail[folded.break.index] : undefined;
        mismatch({
          ...base,
          problem: folded.break.problem,
          replayed: folded.break.expectedFrom,
          eventId: at?.id.toString() ?? null,
        });
      } else if (folded.status !== status) {
        mismatch({
          ...base,
          problem: 'STATUS_MISMATCH',
          replayed: folded.status,
          eventId: trail.at(-1)?.id.toString() ?? null,
        });
      }
    }
  }
  return report;
}
