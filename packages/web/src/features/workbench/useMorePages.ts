import { useState } from 'react';
import { useClient } from 'urql';
import type { VariablesOf } from '../../app/graphql.ts';
import { QUEUE_PAGE_SIZE, type QueueCase, REVIEW_QUEUE_QUERY, type ReviewQueueData } from './api.ts';
import { mergeLive } from './stable-rows.ts';

/** The largest page the server serves (reviewQueue `first`). */
const MAX_PAGE = 100;

/**
 * Further pages of a queue, fetched by cursor (keyset) on request and kept until the query changes. A live
 * event refreshes them too: the loaded window is read again from the top and merged like the first page — rows
 * keep their place and change in place, decided ones leave; what arrived is left to 加载更多.
 */
export function useMorePages(variables: VariablesOf<typeof REVIEW_QUEUE_QUERY>) {
  const client = useClient();
  const key = JSON.stringify(variables);
  const [state, setState] = useState<{ key: string; rows: QueueCase[]; cursor: string | null; hasNextPage: boolean }>();
  const [fetching, setFetching] = useState(false);
  const current = state?.key === key ? state : undefined;
  const refresh = async () => {
    if (!current || current.rows.length === 0) return;
    // the first page, the pages loaded after it and one page of slack for cases that arrived above them (more
    // arrivals than that at once push rows out of the window; they come back with the next full reload)
    const window = QUEUE_PAGE_SIZE * 2 + current.rows.length;
    const latest: QueueCase[] = [];
    let after: string | null = null;
    for (;;) {
      const first = Math.min(MAX_PAGE, window - latest.length);
      const page: ReviewQueueData['reviewQueue'] | undefined = (
        await client
          .query(REVIEW_QUEUE_QUERY, { ...variables, first, after }, { requestPolicy: 'network-only' })
          .toPromise()
      ).data?.reviewQueue;
      if (!page) return;
      latest.push(...page.edges.map((edge) => edge.node));
      after = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage || latest.length >= window) {
        const { rows } = mergeLive(current.rows, latest);
        // cases that arrived after the last row shown are offered by 加载更多, not pushed in
        const last = latest.findIndex((row) => row.id === rows.at(-1)?.id);
        const hasNextPage = current.hasNextPage || page.pageInfo.hasNextPage || (last >= 0 && last < latest.length - 1);
        setState((now) => (now?.key === key ? { ...now, rows, hasNextPage } : now));
        return;
      }
    }
  };
  return {
    refresh,
    rows: current?.rows ?? [],
    loaded: Boolean(current),
    cursor: current?.cursor ?? null,
    hasNextPage: current?.hasNextPage ?? false,
    fetching,
    load: async (after: string | null) => {
      if (!after) return;
      setFetching(true);
      const result = await client
        .query(REVIEW_QUEUE_QUERY, { ...variables, after }, { requestPolicy: 'network-only' })
        .toPromise();
      setFetching(false);
      const page = result.data?.reviewQueue;
      if (!page) return;
      setState({
        key,
        rows: [...(current?.rows ?? []), ...page.edges.map((edge) => edge.node)],
        cursor: page.pageInfo.endCursor,
        hasNextPage: page.pageInfo.hasNextPage,
      });
    },
  };
}
