// Audit replay over every case kind of CASE_KINDS: the platform folds the trails, each kind says where its cases are.
import type { Db } from '../../platform/db/database.ts';
import { type ReplayReport, replayAuditTrails as replayKinds } from '../../platform/events/replay.ts';
import { CASE_KINDS } from '../cases/index.ts';
import type { CaseKind } from '../cases/kind.ts';

/**
 * Folds each case's audit events through its workflow table and checks the result equals the status stored on
 * the case, for every case of every kind (see platform/events/replay.ts).
 */
export function replayAuditTrails(
  db: Db,
  options: { limit?: number } = {},
  kinds: readonly CaseKind[] = CASE_KINDS,
): Promise<ReplayReport> {
  return replayKinds(db, kinds, options);
}
