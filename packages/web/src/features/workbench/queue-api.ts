import { graphql, type ResultOf, type VariablesOf } from '../../app/graphql.ts';
/** 排序: time in the current step (default: longest waiting first) or submission time (提交时间). */
export type QueueOrder = NonNullable<VariablesOf<typeof SAVE_QUEUE_VIEW>['input']['orderBy']>;

/** What the filter bar holds; empty strings mean "no condition". Dates are `YYYY-MM-DD` in China time. */
export interface QueueFilterState {
  search: string;
  authorityCode: string;
  submittedFrom: string;
  submittedTo: string;
  orderBy: QueueOrder;
}

export const EMPTY_FILTER: QueueFilterState = {
  search: '',
  authorityCode: '',
  submittedFrom: '',
  submittedTo: '',
  orderBy: 'OLDEST_IN_STEP',
};

/** The reviewQueue variables of a filter state; absent keys keep the request as small as the default one. */
/** 审核队列 kinds and steps, as the schema names them. */
export type ReviewKind = VariablesOf<typeof SAVE_QUEUE_VIEW>['input']['kind'];
export type ReviewStep = VariablesOf<typeof SAVE_QUEUE_VIEW>['input']['step'];
type QueueVariables = Pick<VariablesOf<typeof SAVE_QUEUE_VIEW>['input'], 'search' | 'filter' | 'orderBy'>;

export function queueVariables(state: QueueFilterState): QueueVariables {
  const filter: NonNullable<QueueVariables['filter']> = {};
  if (state.authorityCode.trim()) filter.authorityCode = state.authorityCode.trim();
  if (state.submittedFrom) filter.submittedFrom = `${state.submittedFrom}T00:00:00+08:00`;
  if (state.submittedTo) filter.submittedTo = `${state.submittedTo}T23:59:59.999+08:00`;
  return {
    ...(state.search.trim() ? { search: state.search.trim() } : {}),
    ...(Object.keys(filter).length ? { filter } : {}),
    ...(state.orderBy !== 'OLDEST_IN_STEP' ? { orderBy: state.orderBy } : {}),
  };
}

const chinaDate = (instant: string | null) =>
  instant ? new Date(new Date(instant).getTime() + 8 * 3_600_000).toISOString().slice(0, 10) : '';

export function filterStateOf(view: QueueView): QueueFilterState {
  return {
    search: view.filter.search ?? '',
    authorityCode: view.filter.authorityCode ?? '',
    submittedFrom: chinaDate(view.filter.submittedFrom),
    submittedTo: chinaDate(view.filter.submittedTo),
    orderBy: view.orderBy,
  };
}

/** 主管税务机关 choices of the filter bar (the filter keeps those the viewer may see). */
export const LOCAL_AUTHORITIES_QUERY = graphql(`
  query LocalTaxAuthorities {
    taxAuthorities(level: LOCAL) {
      code
      name
    }
  }
`);

export const QUEUE_VIEWS_QUERY = graphql(`
  query QueueViews {
    viewer {
      accountId
      queueViews {
        id
  name
  kind
  step
  orderBy
  filter {
    authorityCode
    submittedFrom
    submittedTo
    search
  }
      }
    }
  }
`);

export const SAVE_QUEUE_VIEW = graphql(`
  mutation SaveQueueView($input: SaveQueueViewInput!) {
    saveQueueView(input: $input) {
      __typename
      ... on QueueViewSuccess {
        queueView {
          id
  name
  kind
  step
  orderBy
  filter {
    authorityCode
    submittedFrom
    submittedTo
    search
  }
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

export const DELETE_QUEUE_VIEW = graphql(`
  mutation DeleteQueueView($input: DeleteQueueViewInput!) {
    deleteQueueView(input: $input) {
      __typename
      ... on Error {
        code
        message
      }
    }
  }
`);

export const BUREAU_DASHBOARD_QUERY = graphql(`
  query BureauDashboard {
    bureauDashboard {
      generatedAt
      overdueCount
      dueSoonCount
      queues {
        kind
        step
        count
        dueSoonCount
        overdueCount
      }
      decisionsPerDay {
        date
        count
      }
      ageBuckets {
        label
        count
      }
    }
  }
`);

export const EARLIER_APPLICATIONS_QUERY = graphql(`
  query EarlierApplications($id: ID!) {
    node(id: $id) {
      id
      ... on AccessApplication {
        earlierApplications {
          id
          status
          statusLabel
          submittedAt
          lastReason
        }
      }
      ... on ExitApplication {
        earlierApplications {
          id
          status
          statusLabel
          submittedAt
          lastReason
        }
      }
    }
  }
`);

export type QueueView = NonNullable<ResultOf<typeof QUEUE_VIEWS_QUERY>['viewer']>['queueViews'][number];
export type BureauDashboardData = ResultOf<typeof BUREAU_DASHBOARD_QUERY>;
