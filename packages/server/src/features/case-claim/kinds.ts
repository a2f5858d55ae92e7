// What claiming needs to know of each case kind: its table, workflow, the caller's part, and who decides it.
import {
  type Actor,
  type AnyWorkflow,
  accessApplicationWorkflow,
  capabilitySubscriptionWorkflow,
  type DomainError,
  exitApplicationWorkflow,
  invitationWorkflow,
  type Performer,
  type ReviewKind,
} from '@leqi/domain';
import type { Tx } from '../../platform/db/database.ts';
import { asCase as asAccessCase } from '../access-application/schema.ts';
import { performerOf as accessPerformer } from '../access-application/service.ts';
import { asSubscriptionCase } from '../capability-subscription/schema.ts';
import { performerOf as subscriptionPerformer } from '../capability-subscription/service.ts';
import { asExitCase } from '../exit-application/schema.ts';
import { performerOf as exitPerformer } from '../exit-application/service.ts';
import { asInvitationCase } from '../invitation/schema.ts';
import { performerOf as invitationPerformer } from '../invitation/service.ts';
import type { ReviewCaseShape } from '../review-queue/review-case.ts';

/** The parts of a case claiming reads, whatever its kind (the kind's row adapted to a review case). */
export type ClaimableCase = ReviewCaseShape;

export interface ClaimableKind {
  typename: string;
  workflow: AnyWorkflow;
  hiddenEvents: readonly string[];
  /** loads the case and holds a share lock on it until commit, so no decision interleaves with the claim */
  load(tx: Tx, id: string): Promise<ClaimableCase | null>;
  performerOf(actor: Actor, row: ClaimableCase): Performer | DomainError;
  /** the competent (local) authority deciding it: its officers, and its province as supervisor */
  authorityOf(row: ClaimableCase): string | null;
}

async function shareLock(tx: Tx, table: string, id: string): Promise<boolean> {
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "${table}" WHERE id = $1 FOR SHARE`, id);
  return rows.length === 1;
}

const viewerOf = (actor: Actor) => ({ userId: '', username: '', displayName: '', actor });
type WithAuthority = ClaimableCase & { competentAuthorityCode: string };
const competent = (row: ClaimableCase) => (row as WithAuthority).competentAuthorityCode;
type InvitationRow = ReturnType<typeof asInvitationCase>;

export const CLAIMABLE_KINDS: Record<ReviewKind, ClaimableKind> = {
  ACCESS_APPLICATION: {
    typename: 'AccessApplication',
    workflow: accessApplicationWorkflow as unknown as AnyWorkflow,
    hiddenEvents: ['saveDraft', 'submit'],
    load: async (tx, id) =>
      (await shareLock(tx, 'AccessApplication', id))
        ? (asAccessCase(await tx.accessApplication.findUniqueOrThrow({ where: { id } })) as ClaimableCase)
        : null,
    performerOf: (actor, row) => accessPerformer(actor, row as WithAuthority),
    authorityOf: competent,
  },
  EXIT_APPLICATION: {
    typename: 'ExitApplication',
    workflow: exitApplicationWorkflow as unknown as AnyWorkflow,
    hiddenEvents: ['submit'],
    load: async (tx, id) =>
      (await shareLock(tx, 'ExitApplication', id))
        ? (asExitCase(await tx.exitApplication.findUniqueOrThrow({ where: { id } })) as ClaimableCase)
        : null,
    performerOf: (actor, row) => exitPerformer(actor, row as WithAuthority),
    authorityOf: competent,
  },
  INVITATION: {
    typename: 'Invitation',
    workflow: invitationWorkflow as unknown as AnyWorkflow,
    hiddenEvents: ['unbindByDirectUnit', 'unbindByUseUnit'],
    load: async (tx, id) =>
      (await shareLock(tx, 'Invitation', id))
        ? asInvitationCase(await tx.invitation.findUniqueOrThrow({ where: { id } }))
        : null,
    performerOf: (actor, row) => invitationPerformer(actor, row as InvitationRow),
    authorityOf: (row) => (row as InvitationRow).useUnitAuthorityCode,
  },
  CAPABILITY_SUBSCRIPTION: {
    typename: 'CapabilitySubscription',
    workflow: capabilitySubscriptionWorkflow as unknown as AnyWorkflow,
    hiddenEvents: ['apply'],
    load: async (tx, id) =>
      (await shareLock(tx, 'CapabilitySubscription', id))
        ? (asSubscriptionCase(await tx.capabilitySubscription.findUniqueOrThrow({ where: { id } })) as ClaimableCase)
        : null,
    performerOf: (actor, row) =>
      subscriptionPerformer(viewerOf(actor), row as WithAuthority & { dcuEnterpriseId: string }),
    authorityOf: competent,
  },
};

export function kindOfTypename(typename: string): ReviewKind | null {
  const entry = Object.entries(CLAIMABLE_KINDS).find(([, kind]) => kind.typename === typename);
  return entry ? (entry[0] as ReviewKind) : null;
}

/** The claim rules' view of a case for one kind. */
export function decidable(kind: ClaimableKind, row: ClaimableCase, actor: Actor) {
  return {
    workflow: kind.workflow,
    status: row.status,
    lastDeciderId: row.lastDeciderId,
    performer: kind.performerOf(actor, row),
    hiddenEvents: kind.hiddenEvents,
  };
}
