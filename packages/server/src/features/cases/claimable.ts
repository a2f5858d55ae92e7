// What claiming (认领) reads of a case kind: the case under a share lock, and the claim rules' view of it.
import type { Actor } from '@leqi/domain';
import type { Tx } from '../../platform/db/database.ts';
import type { CaseKind, ReviewCaseShape } from './kind.ts';

/** Loads the case and holds a share lock on it until commit, so no decision interleaves with the claim. */
export async function loadShared(tx: Tx, kind: CaseKind, id: string): Promise<ReviewCaseShape | null> {
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "${kind.table}" WHERE id = $1 FOR SHARE`, id);
  return rows.length === 1 ? kind.find(tx, id) : null;
}

/** The claim rules' view of a case for one kind. */
export function decidable(kind: CaseKind, row: ReviewCaseShape, actor: Actor) {
  return {
    workflow: kind.workflow,
    status: row.status,
    lastDeciderId: row.lastDeciderId,
    performer: kind.performerOf(actor, row),
    hiddenEvents: kind.hiddenEvents,
  };
}
