import { messageFor } from '@leqi/domain';
import { GraphQLError } from 'graphql';
import { builder } from '../../platform/builder.ts';
import { ReviewCaseRef, ReviewKindEnum, ReviewStepEnum } from './review-case.ts';
import { encodeQueueCursor, reviewQueue } from './service.ts';

builder.queryField('reviewQueue', (t) =>
  t.connection(
    {
      type: ReviewCaseRef,
      description: "审核队列: cases of one kind waiting at one step in the officer's jurisdiction, oldest first",
      authScopes: { officer: true, admin: true },
      args: {
        kind: t.arg({ type: ReviewKindEnum, required: true }),
        step: t.arg({ type: ReviewStepEnum, required: true }),
        search: t.arg.string({ required: false, description: 'USCC or part of the enterprise name' }),
      },
      resolve: async (_root, args, context) => {
        const viewer = context.viewer;
        if (!viewer) throw new GraphQLError(messageFor({ code: 'UNAUTHENTICATED' }, context.locale));
        const result = await reviewQueue(
          context.app,
          viewer,
          args.kind,
          args.step,
          args.first,
          args.after,
          args.search,
        );
        if (!result.ok) {
          throw new GraphQLError(messageFor(result.error, context.locale), { extensions: { code: result.error.code } });
        }
        const { rows, hasNextPage, totalCount } = result.value;
        return {
          totalCount,
          edges: rows.map((row) => ({ cursor: encodeQueueCursor(row), node: row })),
          pageInfo: {
            hasNextPage,
            hasPreviousPage: Boolean(args.after),
            startCursor: rows[0] ? encodeQueueCursor(rows[0]) : null,
            endCursor: rows.at(-1) ? encodeQueueCursor(rows.at(-1) as (typeof rows)[number]) : null,
          },
        };
      },
    },
    {
      name: 'ReviewCaseConnection',
      fields: (t) => ({
        totalCount: t.int({ resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount }),
      }),
    },
    { name: 'ReviewCaseEdge' },
  ),
);
