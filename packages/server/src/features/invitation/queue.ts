import { invitationWorkflow, statusesForStep } from '@leqi/domain';
import type { Prisma } from '../../generated/prisma/client.ts';
import { registerQueue } from '../review-queue/service.ts';
import { asInvitationCase } from './schema.ts';

/** 待受理 / 待确认 of invitations, for the use unit's competent (local) authority; oldest first. */
registerQueue('INVITATION', async (app, viewer, request) => {
  const actor = viewer.actor;
  const jurisdiction: Prisma.InvitationWhereInput =
    actor.role !== 'OFFICER'
      ? {}
      : actor.authorityLevel === 'LOCAL'
        ? { useUnitAuthorityCode: actor.authorityCode }
        : { useUnitAuthorityCode: { startsWith: actor.authorityCode.slice(0, 3) } };
  const term = request.search;
  const where: Prisma.InvitationWhereInput = {
    status: { in: statusesForStep(invitationWorkflow, request.step) },
    ...jurisdiction,
    ...(term ? { OR: [{ useUnitUscc: { startsWith: term.toUpperCase() } }, { useUnitName: { contains: term } }] } : {}),
  };
  const after = request.after;
  const [rows, totalCount] = await Promise.all([
    app.db.invitation.findMany({
      where: after
        ? {
            AND: [
              where,
              {
                OR: [
                  { stepEnteredAt: { gt: after.stepEnteredAt } },
                  { stepEnteredAt: after.stepEnteredAt, id: { gt: after.id } },
                ],
              },
            ],
          }
        : where,
      orderBy: [{ stepEnteredAt: 'asc' }, { id: 'asc' }],
      take: request.first + 1,
    }),
    app.db.invitation.count({ where }),
  ]);
  return {
    rows: rows.slice(0, request.first).map(asInvitationCase),
    hasNextPage: rows.length > request.first,
    totalCount,
  };
});
