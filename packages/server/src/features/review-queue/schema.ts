import { messageFor } from '@leqi/domain';
import { GraphQLError } from 'graphql';
import { builder } from '../../platform/builder.ts';
import { caseKindOf } from '../cases/index.ts';
import './due-fields.ts';
import { ReviewCaseRef, ReviewKindEnum, ReviewStepEnum } from './review-case.ts';
import { encodeQueueCursor, QUEUE_ORDERS, reviewQueue } from './service.ts';

export const QueueOrderEnum = builder.enumType('QueueOrder', {
  values: QUEUE_ORDERS,
  description:
    'OLDEST_IN_STEP 等待最久优先 (default) / NEWEST_IN_STEP 最新优先 / SUBMITTED_OLDEST 提交最早优先 / SUBMITTED_NEWEST 提交最新优先 (cases never submitted last)',
});

export const QueueFilterInput = builder.inputType('QueueFilterInput', {
  description: 'narrows a review queue; every condition is optional and they combine with AND',
  fields: (t) => ({
    statuses: t.stringList({ required: false, description: 'workflow status names (within the step)' }),
    authorityCode: t.string({
      required: false,
      description: "competent authority (税务机关代码) of the case's enterprise",
    }),
    submittedFrom: t.field({ type: 'DateTime', required: false, description: 'submitted at or after' }),
    submittedTo: t.field({ type: 'DateTime', required: false, description: 'submitted at or before' }),
  }),
});

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
        filter: t.arg({ type: QueueFilterInput, required: false }),
        orderBy: t.arg({ type: QueueOrderEnum, required: false, description: 'default OLDEST_IN_STEP' }),
      },
      resolve: async (_root, args, context) => {
        const viewer = context.viewer;
        if (!viewer) throw new GraphQLError(messageFor({ code: 'UNAUTHENTICATED' }, context.locale));
        const queue = caseKindOf(args.kind)?.queue ?? null;
        const result = await reviewQueue(context.app, viewer, queue, args.step, args);
        if (!result.ok) {
          throw new GraphQLError(messageFor(result.error, context.locale), {
            extensions: { code: result.error.code, issues: result.error.issues },
          });
        }
        const order = args.orderBy ?? 'OLDEST_IN_STEP';
        const { rows, hasNextPage, totalCount } = result.value;
        const cursorOf = (row: (typeof rows)[number]) => encodeQueueCursor(row, order);
        const last = rows.at(-1);
        return {
          totalCount,
          edges: rows.map((row) => ({ cursor: cursorOf(row), node: row })),
          pageInfo: {
            hasNextPage,
            hasPreviousPage: Boolean(args.after),
            startCursor: rows[0] ? cursorOf(rows[0]) : null,
            endCursor: last ? cursorOf(last) : null,
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
