import { invitationWorkflow, statusesForStep } from '@leqi/domain';
import type { Prisma } from '../../generated/prisma/client.ts';
import {
  keysetRows,
  queuePage,
  type SubmissionColumn,
  statusesOf,
  submittedWithin,
} from '../review-queue/queue-query.ts';
import { registerQueue } from '../review-queue/service.ts';
import { asInvitationCase } from './schema.ts';

/** The use unit's response submits the invitation to its bureau; it is null only before (待使用单位响应). */
const SUBMITTED: SubmissionColumn<'respondedAt'> = { column: 'respondedAt', nullable: true };

/** 待受理 / 待确认 of invitations, for the use unit's competent (local) authority; oldest first. */
registerQueue('INVITATION', (app, viewer, request) => {
  const actor = viewer.actor;
  const jurisdiction: Prisma.InvitationWhereInput =
    actor.role !== 'OFFICER'
      ? {}
      : actor.authorityLevel === 'LOCAL'
        ? { useUnitAuthorityCode: actor.authorityCode }
        : { useUnitAuthorityCode: { startsWith: actor.authorityCode.slice(0, 3) } };
  const term = request.search;
  const { authorityCode } = request.filter;
  const where: Prisma.InvitationWhereInput = {
    status: { in: statusesOf(statusesForStep(invitationWorkflow, request.step), request.filter) },
    AND: [jurisdiction, authorityCode ? { useUnitAuthorityCode: authorityCode } : {}],
    ...submittedWithin(SUBMITTED.column, request.filter),
    ...(term ? { OR: [{ useUnitUscc: { startsWith: term.toUpperCase() } }, { useUnitName: { contains: term } }] } : {}),
  };
  return queuePage(
    request,
    keysetRows(request, SUBMITTED, (range, take) =>
      app.db.invitation.findMany({
        where: { AND: [where, range.where as Prisma.InvitationWhereInput] },
        orderBy: range.orderBy,
        take,
      }),
    ),
    () => app.db.invitation.count({ where }),
    asInvitationCase,
  );
});
