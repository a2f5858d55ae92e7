import type { Label } from '@leqi/domain';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { builder } from '../../platform/builder.ts';
import { forwardPageArgs } from '../../platform/counted-connection.ts';
import { describedEnum } from '../../platform/described-enum.ts';
import { refusalError } from '../../platform/graphql-errors.ts';
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
import { encodeQueueCursor, MAX_SEARCH_LENGTH, QUEUE_ORDERS, type QueueOrder, reviewQueue } from './service.ts';

const QUEUE_ORDER_LABELS: Record<QueueOrder, Label> = {
  OLDEST_IN_STEP: {
    zh: '等待最久优先（默认）：按进入当前环节的时间从早到晚',
    en: 'Longest waiting first (default): by time in the current step, earliest first',
  },
  NEWEST_IN_STEP: {
    zh: '最新优先：按进入当前环节的时间从晚到早',
    en: 'Most recent first: by time in the current step, latest first',
  },
  SUBMITTED_OLDEST: {
    zh: '提交最早优先；未提交的案件排在最后',
    en: 'Submitted earliest first; cases never submitted last',
  },
  SUBMITTED_NEWEST: {
    zh: '提交最新优先；未提交的案件排在最后',
    en: 'Submitted latest first; cases never submitted last',
  },
};

export const QueueOrderEnum = describedEnum('QueueOrder', {
  description: {
    zh: '审核队列的排序；同一时间的案件按 ID 排序，分页游标只对其排序有效',
    en: 'Order of a review queue; cases of the same time are ordered by ID, and a page cursor is valid for its own order only',
  },
  values: QUEUE_ORDERS,
  label: (order) => QUEUE_ORDER_LABELS[order],
});

export const QueueFilterInput = builder.inputType('QueueFilterInput', {
  description:
    '审核队列的筛选条件：各条件均可不填，同时给出时须全部满足\n\nNarrows a review queue; every condition is optional and they combine with AND',
  fields: (t) => ({
    statuses: t.field({
      type: [CaseStatusEnum],
      required: false,
      description: '只看这些状态（须属于该环节，最多 20 个）\n\nOnly cases in these statuses (of the step, at most 20)',
    }),
    authorityCode: t.string({
      required: false,
      description:
        '只看主管税务机关为此代码（11 位税务机关代码）的案件\n\nOnly cases whose competent tax authority has this code (11-digit tax authority code)',
    }),
    submittedFrom: t.field({
      type: 'DateTime',
      required: false,
      description: '只看在此时间或之后提交的案件\n\nOnly cases submitted at or after this time',
    }),
    submittedTo: t.field({
      type: 'DateTime',
      required: false,
      description:
        '只看在此时间或之前提交的案件；不得早于 submittedFrom\n\nOnly cases submitted at or before this time; not before submittedFrom',
    }),
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

const ReviewCaseConnectionRef = builder.connectionObject(
  {
    type: ReviewCaseRef,
    name: 'ReviewCaseConnection',
    description: '审核队列的一页案件\n\nA page of a review queue',
    fields: (t) => ({
      totalCount: t.int({
        description:
          '队列中的案件数：精确值；使用 search 或提交时间范围时最多数到 1,000（见 totalCountCapped）\n\n' +
          'Cases in the queue: exact, except with `search` or a submission date range, where counting stops at 1,000 (see totalCountCapped)',
        resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
      }),
      totalCountCapped: t.boolean({
        description:
          '使用 search 或提交时间范围、且案件多于 totalCount（数到 1,000 为止）时为 true；否则总为 false\n\n' +
          'True when a searched or date-ranged queue holds more cases than totalCount (counted up to 1,000); always false otherwise',
        resolve: (connection) => (connection as unknown as { totalCountCapped: boolean }).totalCountCapped,
      }),
    }),
  },
  { name: 'ReviewCaseEdge', description: '审核队列中的一个案件\n\nOne case of a review queue' },
);

builder.queryField('reviewQueue', (t) =>
  t.field({
    type: ReviewCaseConnectionRef,
    description:
      '审核队列：本人管辖范围内、处于某一审核环节的某类案件，默认等待最久的在前（仅税务人员和管理员）\n\n' +
      "Review queue: cases of one kind waiting at one step in the officer's jurisdiction, longest waiting first by default (officers and admins only)",
    authScopes: { officer: true, admin: true },
    // a page asking only for columns is built as JSON by the database (json-answer.ts)
    extensions: { [DIRECT_ANSWER]: reviewQueueJson },
    args: {
      ...forwardPageArgs(t.arg),
      kind: t.arg({ type: ReviewKindEnum, required: true, description: '案件类别\n\nKind of the cases' }),
      step: t.arg({ type: ReviewStepEnum, required: true, description: '审核环节\n\nThe review step' }),
      search: t.arg.string({
        required: false,
        description:
          `按企业查找：统一社会信用代码的开头，或企业名称的一部分；去除首尾空格，最多取前 ${MAX_SEARCH_LENGTH} 个字符\n\n` +
          `Find by enterprise: the start of its USCC or part of its name; trimmed, only the first ${MAX_SEARCH_LENGTH} characters are used`,
      }),
      filter: t.arg({
        type: QueueFilterInput,
        required: false,
        description: '筛选条件\n\nConditions narrowing the queue',
      }),
      orderBy: t.arg({
        type: QueueOrderEnum,
        required: false,
        description: '排序，默认 OLDEST_IN_STEP\n\nThe order, OLDEST_IN_STEP by default',
      }),
    },
    resolve: async (_root, args, context, info) => {
      const viewer = context.viewer;
      if (!viewer) throw refusalError({ code: 'UNAUTHENTICATED' }, context.locale);
      const queue = caseKindOf(args.kind, servedCaseKinds(info))?.queue ?? null;
      const result = await reviewQueue(context.app, viewer, queue, args.step, { ...args, ...pageSelectionOf(info) });
      if (!result.ok) throw refusalError(result.error, context.locale);
      const order = args.orderBy ?? 'OLDEST_IN_STEP';
      const { totalCountCapped = false } = result.value;
      const cursorOf = (row: ReviewCaseShape) => encodeQueueCursor(row, order);
      return { ...connectionOf(result.value, args.after, cursorOf), totalCountCapped };
    },
  }),
);
