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
  description: 'the filter of a saved view, as given to reviewQueue',
  fields: (t) => ({
    statuses: t.field({ type: [CaseStatusEnum], nullable: true, resolve: (f) => f.statuses as CaseStatus[] | null }),
    authorityCode: t.exposeString('authorityCode', { nullable: true }),
    submittedFrom: t.expose('submittedFrom', { type: 'DateTime', nullable: true }),
    submittedTo: t.expose('submittedTo', { type: 'DateTime', nullable: true }),
    search: t.exposeString('search', { nullable: true }),
  }),
});

const QueueViewRef = builder.node(builder.objectRef<QueueView>('QueueView'), {
  description: "已保存视图: an officer's named queue, filter and order",
  id: { resolve: (view) => view.id },
  fields: (t) => ({
    name: t.exposeString('name'),
    kind: t.field({ type: ReviewKindEnum, resolve: (view) => view.kind as ReviewKind }),
    step: t.field({ type: ReviewStepEnum, resolve: (view) => view.step as ReviewStep }),
    orderBy: t.field({ type: QueueOrderEnum, resolve: (view) => view.orderBy as QueueOrder }),
    filter: t.field({ type: QueueFilterRef, resolve: (view) => storedFilterOf(view) }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.objectField(ViewerRef, 'queueViews', (t) =>
  t.field({
    type: [QueueViewRef],
    description: "the officer's saved queue views, by name",
    resolve: (viewer, _args, context) => listQueueViews(context.app, viewer),
  }),
);

const SaveQueueViewInput = builder.inputType('SaveQueueViewInput', {
  fields: (t) => ({
    name: t.string({ description: 'at most 40 characters; saving under an existing name replaces that view' }),
    kind: t.field({ type: ReviewKindEnum }),
    step: t.field({ type: ReviewStepEnum }),
    filter: t.field({ type: QueueFilterInput, required: false }),
    search: t.string({ required: false }),
    orderBy: t.field({ type: QueueOrderEnum, required: false }),
  }),
});

const QueueViewSuccessRef = builder
  .objectRef<{ __typename: 'QueueViewSuccess'; queueView: QueueView }>('QueueViewSuccess')
  .implement({
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'QueueViewSuccess',
    fields: (t) => ({ queueView: t.field({ type: QueueViewRef, resolve: (success) => success.queueView }) }),
  });

const QueueViewPayload = builder.unionType('QueueViewPayload', {
  types: [QueueViewSuccessRef, BaseErrorRef, ValidationErrorRef],
});

const payload = (result: Result<QueueView>, context: Context) =>
  result.ok
    ? { __typename: 'QueueViewSuccess' as const, queueView: result.value }
    : toSimplePayloadError(result.error, context.locale);

builder.mutationField('saveQueueView', (t) =>
  t.field({
    type: QueueViewPayload,
    args: { input: t.arg({ type: SaveQueueViewInput }) },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      return payload(await saveQueueView(context.app, context.viewer, input), context);
    }),
  }),
);

const DeleteQueueViewInput = builder.inputType('DeleteQueueViewInput', { fields: (t) => ({ id: t.globalID() }) });

builder.mutationField('deleteQueueView', (t) =>
  t.field({
    type: QueueViewPayload,
    args: { input: t.arg({ type: DeleteQueueViewInput }) },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      if (input.id.typename !== 'QueueView') return toSimplePayloadError({ code: 'NOT_FOUND' }, context.locale);
      return payload(await deleteQueueView(context.app, context.viewer, input.id.id), context);
    }),
  }),
);
