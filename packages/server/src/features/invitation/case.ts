// 接入邀请 as a case kind: the only place that says what an invitation case is (its parties are in parties.ts).
import { type AnyWorkflow, type InvitationStatus, invitationWorkflow } from '@leqi/domain';
import { type Invitation, Prisma } from '../../generated/prisma/client.ts';
import { decisionRows, defineCaseKind, type ReviewCaseShape } from '../cases/kind.ts';
import { caseQueue } from '../review-queue/case-queue.ts';
import type { QueueTable } from '../review-queue/queue-page.ts';
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

/**
 * Its queue's table: the use unit (the DCU before it registered) is the case's enterprise and is searched by; the
 * use unit's response submits it (null before, 待使用单位响应); the use unit's competent authority decides and a
 * province is the authorities starting with its prefix.
 */
const INVITATION_TABLE: QueueTable = {
  name: 'Invitation',
  columns: Object.values(Prisma.InvitationScalarFieldEnum),
  heavy: [],
  enterprise: ['useUnitEnterpriseId', 'dcuEnterpriseId'],
  submitted: { column: 'respondedAt', nullable: true },
  authority: 'useUnitAuthorityCode',
  province: 'authorityPrefix',
  search: { uscc: 'useUnitUscc', name: 'useUnitName' },
};

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
  jurisdiction: INVITATION_TABLE,
  queue: caseQueue(CASE_KIND, invitationWorkflow as unknown as AnyWorkflow, INVITATION_TABLE, asInvitationCase),
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
