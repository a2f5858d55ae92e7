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

/** The connection's text: its fields in the order asked, the page's edges and counts as built. */
function connectionText(plan: Selected[], page: QueuePageJson, after: unknown): string {
  const value = (field: Selected): string => {
    switch (field.name) {
      case '__typename':
        return '"ReviewCaseConnection"';
      case 'totalCount':
        return String(page.totalCount);
      case 'totalCountCapped':
        return String(page.totalCountCapped);
      case 'edges':
        return `[${page.edges}]`;
      default:
        return `{${field.fields.map((info) => `${JSON.stringify(info.key)}:${pageInfoValue(info.name)}`).join(',')}}`;
    }
  };
  const pageInfoValue = (name: string): string => {
    switch (name) {
      case '__typename':
        return '"PageInfo"';
      case 'hasNextPage':
        return String(page.hasNextPage);
      case 'hasPreviousPage':
        return String(Boolean(after));
      case 'startCursor':
        return JSON.stringify(page.startCursor);
      default:
        return JSON.stringify(page.endCursor);
    }
  };
  return `{${plan.map((field) => `${JSON.stringify(field.key)}:${value(field)}`).join(',')}}`;
}

export const reviewQueueJson: DirectAnswer = ({ field, fragments, args, context, schema }) => {
  const viewer = context.viewer;
  const plan = viewer ? jsonPagePlan(field, fragments) : null;
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
