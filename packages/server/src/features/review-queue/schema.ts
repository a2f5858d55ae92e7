import { messageFor } from '@leqi/domain';
import { type FieldNode, GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { builder } from '../../platform/builder.ts';
import { DIRECT_ANSWER } from '../../platform/http/direct-answers.ts';
import { connectionOf } from '../../platform/paging.ts';
import { caseKindOf, servedCaseKinds } from '../cases/index.ts';
import './due-fields.ts';
import type { ReviewCaseShape } from '../cases/kind.ts';
import { ReviewCaseRef, ReviewKindEnum, ReviewStepEnum } from '../cases/review-case.ts';
import { CaseStatusEnum } from '../cases/vocabulary-enums.ts';
import { reviewQueueJson } from './json-answer.ts';
import { nodeFieldsAsked, nodesAskOnlyFor, subfieldsAskedOnly } from './node-selection.ts';
import { ENTERPRISE_IDENTITY_COLUMNS } from './queue-page.ts';
import { encodeQueueCursor, QUEUE_ORDERS, reviewQueue } from './service.ts';

export const QueueOrderEnum = builder.enumType('QueueOrder', {
  values: QUEUE_ORDERS,
  description:
    'OLDEST_IN_STEP 等待最久优先 (default) / NEWEST_IN_STEP 最新优先 / SUBMITTED_OLDEST 提交最早优先 / SUBMITTED_NEWEST 提交最新优先 (cases never submitted last)',
});

export const QueueFilterInput = builder.inputType('QueueFilterInput', {
  description: 'narrows a review queue; every condition is optional and they combine with AND',
  fields: (t) => ({
    statuses: t.field({
      type: [CaseStatusEnum],
      required: false,
      description: '只看这些状态（须属于该环节）\n\nOnly cases in these statuses (of the step)',
    }),
    authorityCode: t.string({
      required: false,
      description: "competent authority (税务机关代码) of the case's enterprise",
    }),
    submittedFrom: t.field({ type: 'DateTime', required: false, description: 'submitted at or after' }),
    submittedTo: t.field({ type: 'DateTime', required: false, description: 'submitted at or before' }),
  }),
});

interface PageSelection {
  wholeRows: boolean;
  enterpriseIdentity: boolean;
}

/** What a queue field's selection asks of its rows, worked out once per parsed document (documents are cached). */
const selections = new WeakMap<FieldNode, PageSelection>();

function pageSelectionOf(info: GraphQLResolveInfo): PageSelection {
  const [field, ...more] = info.fieldNodes;
  const known = field && more.length === 0 ? selections.get(field) : undefined;
  if (known) return known;
  const asked = nodeFieldsAsked(info);
  const selection = {
    wholeRows: !nodesAskOnlyFor(info, asked, 'ReviewCase'),
    enterpriseIdentity: subfieldsAskedOnly(info, asked, 'enterprise', ENTERPRISE_IDENTITY_COLUMNS),
  };
  if (field && more.length === 0) selections.set(field, selection);
  return selection;
}

builder.queryField('reviewQueue', (t) =>
  t.connection(
    {
      type: ReviewCaseRef,
      description: "审核队列: cases of one kind waiting at one step in the officer's jurisdiction, oldest first",
      authScopes: { officer: true, admin: true },
      // a page asking only for columns is built as JSON by the database (json-answer.ts)
      extensions: { [DIRECT_ANSWER]: reviewQueueJson },
      args: {
        kind: t.arg({ type: ReviewKindEnum, required: true }),
        step: t.arg({ type: ReviewStepEnum, required: true }),
        search: t.arg.string({ required: false, description: 'USCC or part of the enterprise name' }),
        filter: t.arg({ type: QueueFilterInput, required: false }),
        orderBy: t.arg({ type: QueueOrderEnum, required: false, description: 'default OLDEST_IN_STEP' }),
      },
      resolve: async (_root, args, context, info) => {
        const viewer = context.viewer;
        if (!viewer) throw new GraphQLError(messageFor({ code: 'UNAUTHENTICATED' }, context.locale));
        const queue = caseKindOf(args.kind, servedCaseKinds(info))?.queue ?? null;
        const result = await reviewQueue(context.app, viewer, queue, args.step, { ...args, ...pageSelectionOf(info) });
        if (!result.ok) {
          throw new GraphQLError(messageFor(result.error, context.locale), {
            extensions: { code: result.error.code, issues: result.error.issues },
          });
        }
        const order = args.orderBy ?? 'OLDEST_IN_STEP';
        const { totalCountCapped = false } = result.value;
        const cursorOf = (row: ReviewCaseShape) => encodeQueueCursor(row, order);
        return { ...connectionOf(result.value, args.after, cursorOf), totalCountCapped };
      },
    },
    {
      name: 'ReviewCaseConnection',
      fields: (t) => ({
        totalCount: t.int({
          description:
            'cases in the queue: exact, except with `search` or a submission date range, where counting stops at 1,000 (see totalCountCapped)',
          resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
        }),
        totalCountCapped: t.boolean({
          description:
            'true when a searched or date-ranged queue holds more cases than totalCount (counted up to 1,000); always false otherwise',
          resolve: (connection) => (connection as unknown as { totalCountCapped: boolean }).totalCountCapped,
        }),
      }),
    },
    { name: 'ReviewCaseEdge' },
  ),
);
