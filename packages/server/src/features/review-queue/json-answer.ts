// reviewQueue answered as JSON built by the database (platform/http/direct-answers.ts): when the selection is one a
// JSON page answers (page-plan.ts) and the request is one the queue serves without an error; null otherwise, and
// GraphQL execution answers (and reports what is wrong) as ever.
import type { ReviewStep } from '@leqi/domain';
import type { DirectAnswer } from '../../platform/http/direct-answers.ts';
import { caseKindOf, servedCaseKinds } from '../cases/index.ts';
import { jsonPagePlan, type Selected } from './page-plan.ts';
import { type QueueArgs, type QueuePageJson, queueRequestOf } from './service.ts';

/** statusLabel of every status, per kind and locale */
const labelsByKind = new WeakMap<object, Map<string, Record<string, string>>>();

/** An object's text: each selected field under its key, in the order asked, its value's text by `textOf`. */
function objectText(fields: Selected[], textOf: (field: Selected) => string): string {
  return `{${fields.map((field) => `${JSON.stringify(field.key)}:${textOf(field)}`).join(',')}}`;
}

/** The connection's text from the page as built; pageInfo as connectionOf (platform/paging.ts) gives it. */
function connectionText(plan: Selected[], page: QueuePageJson, after: unknown): string {
  const pageInfo: Record<string, unknown> = {
    __typename: 'PageInfo',
    hasNextPage: page.hasNextPage,
    hasPreviousPage: Boolean(after),
    startCursor: page.startCursor,
    endCursor: page.endCursor,
  };
  const connection: Record<string, unknown> = {
    __typename: 'ReviewCaseConnection',
    totalCount: page.totalCount,
    totalCountCapped: page.totalCountCapped,
  };
  return objectText(plan, (field) => {
    if (field.name === 'edges') return `[${page.edges}]`;
    if (field.name === 'pageInfo') return objectText(field.fields, (info) => JSON.stringify(pageInfo[info.name]));
    return JSON.stringify(connection[field.name]);
  });
}

export const reviewQueueJson: DirectAnswer = ({ field, args, context, schema }) => {
  const viewer = context.viewer;
  const plan = viewer ? jsonPagePlan(field) : null;
  if (!viewer || !plan) return null;
  const kind = caseKindOf(args.kind as string, servedCaseKinds({ schema }));
  const json = kind?.queue.json;
  if (!kind || !json) return null;
  const request = queueRequestOf(viewer, args.step as ReviewStep, args as QueueArgs);
  if (!request.ok) return null;
  const byLocale = labelsByKind.get(kind) ?? new Map<string, Record<string, string>>();
  labelsByKind.set(kind, byLocale);
  let labels = byLocale.get(context.locale);
  if (!labels) {
    labels = Object.fromEntries(
      kind.workflow.statuses.map((status) => [status, kind.statusLabel(status, context.locale)]),
    );
    byLocale.set(context.locale, labels);
  }
  const edges = plan.find((selected) => selected.name === 'edges')?.fields ?? [];
  return json(context.app, viewer, request.value, edges, { typename: kind.typename, labels }).then((page) =>
    connectionText(plan, page, args.after),
  );
};
