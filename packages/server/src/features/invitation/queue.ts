import { invitationWorkflow, statusesForStep } from '@leqi/domain';
import type { Prisma } from '../../generated/prisma/client.ts';
import { afterCursor, queueOrder, queuePage, statusesOf, submittedWithin } from '../review-queue/queue-query.ts';
import { registerQueue } from '../review-queue/service.ts';
import { asInvitationCase } from './schema.ts';

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
    // the use unit's response submits the invitation to its bureau
    ...submittedWithin('respondedAt', request.filter),
    ...(term ? { OR: [{ useUnitUscc: { startsWith: term.toUpperCase() } }, { useUnitName: { contains: term } }] } : {}),
  };
  return queuePage(
    request,
    (take) =>
      app.db.invitation.findMany({
        where: { AND: [where, afterCursor(request.after, request.order)] },
        orderBy: queueOrder(request.order),
        take,
      }),
    () => app.db.invitation.count({ where }),
    asInvitationCase,
  );
});
