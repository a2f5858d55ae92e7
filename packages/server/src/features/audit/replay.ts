// Audit replay over every case kind: the platform folds the trails, each kind says where its cases are stored.
import {
  type AnyWorkflow,
  accessApplicationWorkflow,
  capabilitySubscriptionWorkflow,
  exitApplicationWorkflow,
  invitationWorkflow,
} from '@leqi/domain';
import type { Db } from '../../platform/db/database.ts';
import {
  type ReplayedKind,
  type ReplayReport,
  replayAuditTrails as replayKinds,
} from '../../platform/events/replay.ts';

const select = { id: true, status: true } as const;

const REPLAYED_KINDS: readonly ReplayedKind[] = [
  {
    kind: 'ACCESS_APPLICATION',
    workflow: accessApplicationWorkflow as AnyWorkflow,
    storedStatuses: (db) => db.accessApplication.findMany({ select }),
  },
  {
    kind: 'EXIT_APPLICATION',
    workflow: exitApplicationWorkflow as AnyWorkflow,
    storedStatuses: (db) => db.exitApplication.findMany({ select }),
  },
  {
    kind: 'INVITATION',
    workflow: invitationWorkflow as AnyWorkflow,
    storedStatuses: (db) => db.invitation.findMany({ select }),
  },
  {
    kind: 'CAPABILITY_SUBSCRIPTION',
    workflow: capabilitySubscriptionWorkflow as AnyWorkflow,
    storedStatuses: (db) => db.capabilitySubscription.findMany({ select }),
  },
];

/**
 * Folds each case's audit events through its workflow table and checks the result equals the status stored on
 * the case, for every case of every kind (see platform/events/replay.ts).
 */
export function replayAuditTrails(db: Db, options: { limit?: number } = {}): Promise<ReplayReport> {
  return replayKinds(db, REPLAYED_KINDS, options);
}
