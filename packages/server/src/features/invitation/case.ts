// 接入邀请 as a case kind: the only place that says what an invitation case is (its parties are in parties.ts).
import { type AnyWorkflow, type InvitationStatus, invitationWorkflow, statusesForStep } from '@leqi/domain';
import { type Invitation, Prisma } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { decisionRows, defineCaseKind, type ReviewCaseShape } from '../cases/kind.ts';
import { queueTotal } from '../review-queue/queue-counts.ts';
import { type CaseJurisdiction, type QueueTable, queuePageRows } from '../review-queue/queue-page.ts';
import { counterScope, queuePage, statusesOf, submittedWithin } from '../review-queue/queue-query.ts';
import type { QueuePage, QueueRequest } from '../review-queue/service.ts';
import {
  CASE_KIND,
  canView,
  invitationAudience,
  liveKeyAfter,
  performerOf,
  registeredAuthorityOf,
  visibility,
} from './parties.ts';
import { lockInvitation } from './service.ts';

export type InvitationCase = Invitation & ReviewCaseShape & { kind: 'INVITATION' };
/** ReviewCase.enterprise of an invitation is the use unit: its competent authority decides. */
export const asInvitationCase = (row: Invitation): InvitationCase => ({
  ...row,
  kind: CASE_KIND,
  enterpriseId: row.useUnitEnterpriseId ?? row.dcuEnterpriseId,
  submittedAt: row.respondedAt,
});

/** The use unit's response submits the invitation to its bureau; it is null only before (待使用单位响应). */
const SUBMITTED = { column: 'respondedAt', nullable: true } as const;

/** The use unit's competent authority decides; a province is the authorities starting with its prefix. */
const INVITATION_JURISDICTION: CaseJurisdiction = { authority: 'useUnitAuthorityCode', province: 'authorityPrefix' };

/** Its queue's table: the use unit (the DCU before it registered) is the case's enterprise and is searched by. */
const INVITATION_TABLE: QueueTable = {
  name: 'Invitation',
  columns: Object.values(Prisma.InvitationScalarFieldEnum),
  heavy: [],
  enterprise: ['useUnitEnterpriseId', 'dcuEnterpriseId'],
  submitted: SUBMITTED,
  ...INVITATION_JURISDICTION,
  search: { uscc: 'useUnitUscc', name: 'useUnitName' },
};

/** 待受理 / 待确认 of invitations, for the use unit's competent (local) authority; oldest first. */
function invitationQueue(app: AppServices, viewer: Viewer, request: QueueRequest): Promise<QueuePage> {
  const actor = viewer.actor;
  const jurisdiction: Prisma.InvitationWhereInput =
    actor.role !== 'OFFICER'
      ? {}
      : actor.authorityLevel === 'LOCAL'
        ? { useUnitAuthorityCode: actor.authorityCode }
        : { useUnitAuthorityCode: { startsWith: actor.authorityCode.slice(0, 3) } };
  const term = request.search;
  const { authorityCode } = request.filter;
  const statuses = statusesOf(statusesForStep(invitationWorkflow, request.step), request.filter);
  const where: Prisma.InvitationWhereInput = {
    status: { in: statuses },
    AND: [jurisdiction, authorityCode ? { useUnitAuthorityCode: authorityCode } : {}],
    ...submittedWithin(SUBMITTED.column, request.filter),
    ...(term ? { OR: [{ useUnitUscc: { startsWith: term.toUpperCase() } }, { useUnitName: { contains: term } }] } : {}),
  };
  return queuePage(
    request,
    (take) =>
      queuePageRows<Invitation>(app.db, INVITATION_TABLE, request, actor, statuses, take, request.wholeRows ?? true),
    () =>
      queueTotal(app.db, request, { kind: CASE_KIND, statuses, scope: counterScope(actor, true) }, (take) =>
        app.db.invitation.count({ where, take }),
      ),
    asInvitationCase,
  );
}

export const invitationCase = defineCaseKind<InvitationCase>({
  kind: CASE_KIND,
  typename: 'Invitation',
  table: 'Invitation',
  workflow: invitationWorkflow as unknown as AnyWorkflow,
  // unbinding is offered on the binding, not as a case decision
  hiddenEvents: ['unbindByDirectUnit', 'unbindByUseUnit'],
  find: async (db, id) => {
    const row = await db.invitation.findUnique({ where: { id } });
    return row && asInvitationCase(row);
  },
  performerOf,
  audience: async (db, row) => invitationAudience(row, await registeredAuthorityOf(db, row)),
  canView: async (db, actor, row) => canView(actor, row, await registeredAuthorityOf(db, row)),
  authorityOf: (row) => row.useUnitAuthorityCode,
  jurisdiction: INVITATION_JURISDICTION,
  queue: invitationQueue,
  storedStatuses: (db) => db.invitation.findMany({ select: { id: true, status: true } }),
  // the DCU (share) and the invitation (update) are locked, as for every other invitation transition
  lock: async (tx, id) => {
    const row = await lockInvitation(tx, id);
    return row && asInvitationCase(row);
  },
  rows: (tx) => decisionRows(tx.invitation, asInvitationCase),
  // a decided invitation frees (or keeps) the use unit's one in-flight invitation
  decisionColumns: (row, rule) => ({ liveKey: liveKeyAfter(rule.to as InvitationStatus, row.useUnitUscc) }),
  eventAudience: (row) => visibility(row),
});
