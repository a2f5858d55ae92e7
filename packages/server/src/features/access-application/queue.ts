import { accessApplicationWorkflow, statusesForStep } from '@leqi/domain';
import type { Prisma } from '../../generated/prisma/client.ts';
import { registerQueue } from '../review-queue/service.ts';
import { asCase } from './schema.ts';

/** 待受理 / 待复核 for the competent local authority, 待确认 for the province; keyset-paged, oldest first. */
registerQueue('ACCESS_APPLICATION', async (app, viewer, request) => {
  const actor = viewer.actor;
  const jurisdiction: Prisma.AccessApplicationWhereInput =
    actor.role !== 'OFFICER'
      ? {}
      : actor.authorityLevel === 'LOCAL'
        ? { competentAuthorityCode: actor.authorityCode }
        : { provinceCode: actor.authorityCode };
  const term = request.search;
  const where: Prisma.AccessApplicationWhereInput = {
    status: { in: statusesForStep(accessApplicationWorkflow, request.step) },
    ...jurisdiction,
    ...(term
      ? { enterprise: { OR: [{ uscc: { startsWith: term.toUpperCase() } }, { name: { contains: term } }] } }
      : {}),
  };
  const after = request.after;
  const [rows, totalCount] = await Promise.all([
    app.db.accessApplication.findMany({
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
    app.db.accessApplication.count({ where }),
  ]);
  return { rows: rows.slice(0, request.first).map(asCase), hasNextPage: rows.length > request.first, totalCount };
});
