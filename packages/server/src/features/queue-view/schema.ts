// GraphQL of saved queue views (已保存视图): viewer.queueViews, saveQueueView, deleteQueueView.
import type { CaseStatus, Result, ReviewKind, ReviewStep } from '@leqi/domain';
import type { QueueView } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import type { Context } from '../../platform/context.ts';
import { BaseErrorRef, toSimplePayloadError, ValidationErrorRef } from '../../platform/graphql-errors.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { ViewerRef } from '../auth/schema.ts';
import { ReviewKindEnum, ReviewStepEnum } from '../cases/review-case.ts';
import { CaseStatusEnum } from '../cases/vocabulary-enums.ts';
import { QueueFilterInput, QueueOrderEnum } from '../review-queue/schema.ts';
import type { QueueFilter, QueueOrder } from '../review-queue/service.ts';
import { deleteQueueView, listQueueViews, saveQueueView, storedFilterOf } from './service.ts';

const QueueFilterRef = builder.objectRef<QueueFilter & { search: string | null }>('QueueFilter').implement({
  description:
    '已保存视图的筛选条件，与 reviewQueue 的 filter、search 参数含义相同；为 null 的条件不限制\n\n' +
    'The filter of a saved view, meaning what reviewQueue’s filter and search arguments mean; a null condition does not narrow',
  fields: (t) => ({
    statuses: t.field({
      type: [CaseStatusEnum],
      nullable: true,
      description:
        '只看这些状态（属于该环节）；null 为该环节的全部状态\n\nOnly cases in these statuses (of the step); null for every status of the step',
      resolve: (f) => f.statuses as CaseStatus[] | null,
    }),
    authorityCode: t.exposeString('authorityCode', {
      nullable: true,
      description:
        '只看主管税务机关为该税务机关代码的企业的事项；null 为不限\n\n' +
        'Only cases of enterprises whose competent tax authority has this code; null for any',
    }),
    submittedFrom: t.expose('submittedFrom', {
      type: 'DateTime',
      nullable: true,
      description:
        '只看在此时刻或之后提交的事项；null 为不限\n\nOnly cases submitted at or after this instant; null for no lower bound',
    }),
    submittedTo: t.expose('submittedTo', {
      type: 'DateTime',
      nullable: true,
      description:
        '只看在此时刻或之前提交的事项；null 为不限\n\nOnly cases submitted at or before this instant; null for no upper bound',
    }),
    search: t.exposeString('search', {
      nullable: true,
      description:
        '检索词：统一社会信用代码或企业名称的一部分；null 为不检索\n\n' +
        'Search term: a unified social credit code (USCC) or part of the enterprise name; null for no search',
    }),
  }),
});

const QueueViewRef = builder.node(builder.objectRef<QueueView>('QueueView'), {
  description:
    '已保存视图：税务人员为自己命名保存的审核队列（事项类别、审核环节、筛选条件与排序），仅本人可见\n\n' +
    'A saved queue view: a review queue a tax officer saved under a name (kind, step, filter and order), visible to that officer only',
  id: { resolve: (view) => view.id },
  fields: (t) => ({
    name: t.exposeString('name', {
      description:
        '视图名称，在本人的视图中唯一，最多 40 个字符\n\nThe view’s name, unique among the officer’s views, at most 40 characters',
    }),
    kind: t.field({
      type: ReviewKindEnum,
      description: '审核队列的事项类别\n\nThe kind of case of the queue',
      resolve: (view) => view.kind as ReviewKind,
    }),
    step: t.field({
      type: ReviewStepEnum,
      description: '审核队列的审核环节\n\nThe review step of the queue',
      resolve: (view) => view.step as ReviewStep,
    }),
    orderBy: t.field({
      type: QueueOrderEnum,
      description: '排序方式\n\nThe order of the queue',
      resolve: (view) => view.orderBy as QueueOrder,
    }),
    filter: t.field({
      type: QueueFilterRef,
      description: '筛选条件与检索词\n\nThe filter and the search term',
      resolve: (view) => storedFilterOf(view),
    }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      description: '最近一次保存的时间\n\nWhen the view was last saved',
    }),
  }),
});

builder.objectField(ViewerRef, 'queueViews', (t) =>
  t.field({
    type: [QueueViewRef],
    description:
      '当前税务人员（或平台管理员）的已保存视图，按名称排序；企业经办人等其他用户为空列表\n\n' +
      'The saved queue views of the signed-in tax officer (or platform administrator), by name; an empty list for anyone else',
    resolve: (viewer, _args, context) => listQueueViews(context.app, viewer),
  }),
);

const SaveQueueViewInput = builder.inputType('SaveQueueViewInput', {
  description:
    '保存一个视图：新建，或替换本人同名的视图\n\nSaves a view: creates it, or replaces the officer’s view of the same name',
  fields: (t) => ({
    name: t.string({
      description:
        '视图名称，去除首尾空格后不能为空，最多 40 个字符，不能含不可见字符；与本人已有视图同名时替换该视图\n\n' +
        'The view’s name: trimmed, not empty, at most 40 characters, no hidden characters; saving under an existing name replaces that view',
    }),
    kind: t.field({ type: ReviewKindEnum, description: '审核队列的事项类别\n\nThe kind of case of the queue' }),
    step: t.field({ type: ReviewStepEnum, description: '审核队列的审核环节\n\nThe review step of the queue' }),
    filter: t.field({
      type: QueueFilterInput,
      required: false,
      description: '筛选条件，规则同 reviewQueue；省略为不筛选\n\nThe filter, checked as by reviewQueue; omit for none',
    }),
    search: t.string({
      required: false,
      description:
        '检索词：统一社会信用代码或企业名称的一部分，去除首尾空格后最多 100 个字符；省略或空白为不检索\n\n' +
        'Search term: a unified social credit code (USCC) or part of the enterprise name, at most 100 characters once trimmed; omit or leave blank for none',
    }),
    orderBy: t.field({
      type: QueueOrderEnum,
      required: false,
      description: '排序方式，省略为 OLDEST_IN_STEP\n\nThe order; OLDEST_IN_STEP when omitted',
    }),
  }),
});

const QueueViewSuccessRef = builder
  .objectRef<{ __typename: 'QueueViewSuccess'; queueView: QueueView }>('QueueViewSuccess')
  .implement({
    description: '视图已保存或已删除\n\nThe view was saved or deleted',
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'QueueViewSuccess',
    fields: (t) => ({
      queueView: t.field({
        type: QueueViewRef,
        description: '保存后的视图；删除时为被删除的视图\n\nThe view as saved; for a deletion, the view deleted',
        resolve: (success) => success.queueView,
      }),
    }),
  });

const QueueViewPayload = builder.unionType('QueueViewPayload', {
  description:
    '保存或删除视图的结果：成功，或拒绝（输入项有误时为 ValidationError）\n\n' +
    'The result of saving or deleting a view: success, or a refusal (ValidationError for invalid input fields)',
  types: [QueueViewSuccessRef, BaseErrorRef, ValidationErrorRef],
});

const payload = (result: Result<QueueView>, context: Context) =>
  result.ok
    ? { __typename: 'QueueViewSuccess' as const, queueView: result.value }
    : toSimplePayloadError(result.error, context.locale);

builder.mutationField('saveQueueView', (t) =>
  t.field({
    type: QueueViewPayload,
    description:
      '保存已保存视图（税务人员与平台管理员）。每人最多 30 个视图，超出时为 LIMIT_EXCEEDED；其他用户为 FORBIDDEN\n\n' +
      'Saves a queue view (tax officers and the platform administrator). At most 30 views per officer, LIMIT_EXCEEDED beyond; ' +
      'FORBIDDEN for anyone else',
    args: { input: t.arg({ type: SaveQueueViewInput, description: '要保存的视图\n\nThe view to save' }) },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      return payload(await saveQueueView(context.app, context.viewer, input), context);
    }),
  }),
);

const DeleteQueueViewInput = builder.inputType('DeleteQueueViewInput', {
  description: '删除一个视图\n\nDeletes a view',
  fields: (t) => ({
    id: t.globalID({
      description:
        '视图的全局 ID；不是本人的视图或不是视图的 ID 时为 NOT_FOUND\n\n' +
        'Global ID of the view; NOT_FOUND when it is not one of the officer’s own views',
    }),
  }),
});

builder.mutationField('deleteQueueView', (t) =>
  t.field({
    type: QueueViewPayload,
    description:
      '删除本人的一个已保存视图（税务人员与平台管理员），成功时返回被删除的视图；其他用户为 FORBIDDEN\n\n' +
      'Deletes one of the officer’s saved queue views (tax officers and the platform administrator) and returns it; ' +
      'FORBIDDEN for anyone else',
    args: { input: t.arg({ type: DeleteQueueViewInput, description: '要删除的视图\n\nThe view to delete' }) },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      if (input.id.typename !== 'QueueView') return toSimplePayloadError({ code: 'NOT_FOUND' }, context.locale);
      return payload(await deleteQueueView(context.app, context.viewer, input.id.id), context);
    }),
  }),
);
