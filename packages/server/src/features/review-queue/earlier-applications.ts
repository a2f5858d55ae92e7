// 历史申请: a reviewer sees the enterprise's earlier applications of the same kind beside the one in front of them.
import { builder } from '../../platform/builder.ts';
import { AccessApplicationRef, asCase } from '../access-application/schema.ts';
import { asExitCase, ExitApplicationRef } from '../exit-application/schema.ts';

const LIMIT = 20;

builder.objectField(AccessApplicationRef, 'earlierApplications', (t) =>
  t.field({
    type: [AccessApplicationRef],
    description: 'earlier access applications of the same enterprise (drafts excluded), newest first, at most 20',
    resolve: async (row, _args, context) =>
      (
        await context.app.db.accessApplication.findMany({
          where: { enterpriseId: row.enterpriseId, createdAt: { lt: row.createdAt }, status: { not: 'DRAFT' } },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take: LIMIT,
        })
      ).map(asCase),
  }),
);

builder.objectField(ExitApplicationRef, 'earlierApplications', (t) =>
  t.field({
    type: [ExitApplicationRef],
    description: 'earlier exit applications of the same enterprise, newest first, at most 20',
    resolve: async (row, _args, context) =>
      (
        await context.app.db.exitApplication.findMany({
          where: { enterpriseId: row.enterpriseId, createdAt: { lt: row.createdAt } },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take: LIMIT,
        })
      ).map(asExitCase),
  }),
);
