// A case kind's bureau queue, from the description of its table (queue-page.ts) and the queue counters.
import { type Actor, type AnyWorkflow, provinceCodeOf, statusesForStep } from '@leqi/domain';
import type { Viewer } from '../../platform/context.ts';
import type { ReviewCaseShape } from '../cases/kind.ts';
import { countedQueueSize, type QueueScope, queueTotalOf } from './queue-counts.ts';
import { type CaseJurisdiction, type QueueTable, queuePageRows } from './queue-page.ts';
import { queuePageJson } from './queue-page-json.ts';
import type { QueueFilter, QueueProvider, QueueRequest } from './service.ts';

/** The jurisdiction of access and exit applications: the enterprise's competent authority, and its province. */
export const APPLICATION_JURISDICTION = {
  authority: 'competentAuthorityCode',
  province: { column: 'provinceCode' },
} as const satisfies CaseJurisdiction;

/**
 * Access and exit applications queue alike: 待受理 / 待复核 for the enterprise's competent local authority, 待确认
 * for its province, searched on the applying enterprise; 提交时间 is null only before submission.
 */
export function applicationTable(table: Pick<QueueTable, 'name' | 'columns' | 'heavy'>): QueueTable {
  return {
    ...table,
    enterprise: ['enterpriseId'],
    submitted: { column: 'submittedAt', nullable: true },
    ...APPLICATION_JURISDICTION,
    search: 'enterprise',
  };
}

/**
 * A kind's bureau queue, read off its table: the step's statuses (narrowed by the filter) in the officer's
 * jurisdiction, searched and ordered as asked, with its total from the counters (or by counting the same rows) —
 * one statement. One row more than asked tells whether a next page exists. `json` reads the same page as JSON.
 */
export function caseQueue<Row>(
  kind: string,
  workflow: AnyWorkflow,
  table: QueueTable,
  toCase: (row: Row) => ReviewCaseShape,
): QueueProvider {
  const scoped = ({ actor }: Viewer, request: QueueRequest) => {
    const statuses = statusesOf(statusesForStep(workflow, request.step), request.filter);
    const scope = counterScope(actor, table.province === 'authorityPrefix');
    return { statuses, counters: () => countedQueueSize(kind, statuses, scope, request.filter.authorityCode) };
  };
  const page: QueueProvider = async (app, viewer, request) => {
    const { statuses, counters } = scoped(viewer, request);
    if (statuses.length === 0) return { rows: [], hasNextPage: false, totalCount: 0, totalCountCapped: false };
    const selection = { whole: request.wholeRows ?? true, enterpriseIdentity: request.enterpriseIdentity ?? false };
    const { rows, counted } = await queuePageRows<Row>(
      app.prepared,
      table,
      request,
      viewer.actor,
      statuses,
      request.first + 1,
      selection,
      counters,
    );
    const { totalCount, capped } = queueTotalOf(request, counted);
    return {
      rows: rows.slice(0, request.first).map(toCase),
      hasNextPage: rows.length > request.first,
      totalCount,
      totalCountCapped: capped,
    };
  };
  page.json = async (app, viewer, request, edge, node) => {
    const { statuses, counters } = scoped(viewer, request);
    const { counted, ...built } = await queuePageJson(
      app.prepared,
      table,
      request,
      viewer.actor,
      statuses,
      edge,
      node,
      counters,
    );
    const { totalCount, capped } = queueTotalOf(request, counted);
    return { ...built, totalCount, totalCountCapped: capped };
  };
  return page;
}

/** The step's statuses, narrowed to those the filter asks for (a status outside the step matches nothing). */
function statusesOf(stepStatuses: readonly string[], filter: QueueFilter): string[] {
  return filter.statuses ? stepStatuses.filter((status) => filter.statuses?.includes(status)) : [...stepStatuses];
}

/**
 * The officer's jurisdiction as the queue counters name it: their authority (local), their province (provincial; as
 * `provinceCodeOf` for the kinds matching a province by the authority code's first three digits), or all (admin).
 */
function counterScope(actor: Actor, byAuthorityPrefix = false): QueueScope {
  if (actor.role !== 'OFFICER') return { authorityCode: null, provinceCode: null };
  if (actor.authorityLevel === 'LOCAL') return { authorityCode: actor.authorityCode, provinceCode: null };
  return {
    authorityCode: null,
    provinceCode: byAuthorityPrefix ? provinceCodeOf(actor.authorityCode) : actor.authorityCode,
  };
}
