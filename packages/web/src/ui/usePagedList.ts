import { useCallback, useState } from 'react';
import { type AnyVariables, type CombinedError, type DocumentInput, useClient, useQuery } from 'urql';

export interface Connection<Row> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: Row }[];
}

export interface PagedList<Data, Row> {
  /** the first page's result (other fields of the query, loading and error state) */
  data: Data | undefined;
  fetching: boolean;
  error: CombinedError | undefined;
  /** the first page and every page loaded after it by 加载更多 */
  rows: Row[];
  totalCount: number;
  hasMore: boolean;
  loadingMore: boolean;
  loadMoreError: CombinedError | undefined;
  loadMore: () => Promise<void>;
  /** back to the first page, from the server (after a save) */
  reload: () => void;
}

/**
 * A Relay connection shown as a list that grows by 加载更多: the first page is a live urql query (its variables
 * change it), each further page is fetched with `after` = the last end cursor and appended. A change of variables
 * or a reload starts again from the first page.
 */
export function usePagedList<Data, Row, Variables extends AnyVariables>(
  query: DocumentInput<Data, Variables>,
  variables: Variables,
  connectionOf: (data: Data) => Connection<Row>,
): PagedList<Data, Row> {
  const client = useClient();
  const [result, refetch] = useQuery<Data, Variables>({
    query,
    variables,
    requestPolicy: 'cache-and-network',
  });
  // pages appended to one first page; a new first page (other variables, a reload) leaves them behind
  const [appended, setAppended] = useState<{
    base: Connection<Row>;
    rows: Row[];
    pageInfo: Connection<Row>['pageInfo'];
    error?: CombinedError;
  } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const first = result.data ? connectionOf(result.data) : null;
  const more = first && appended?.base === first ? appended : null;
  const pageInfo = more?.pageInfo ?? first?.pageInfo;
  const loadMore = useCallback(async () => {
    if (!first || !pageInfo?.hasNextPage) return;
    setLoadingMore(true);
    const next = await client
      .query<Data, Variables>(query, { ...variables, after: pageInfo.endCursor }, { requestPolicy: 'network-only' })
      .toPromise();
    setLoadingMore(false);
    if (next.error || !next.data) {
      setAppended({ base: first, rows: more?.rows ?? [], pageInfo, error: next.error });
      return;
    }
    const page = connectionOf(next.data);
    setAppended({
      base: first,
      rows: [...(more?.rows ?? []), ...page.edges.map((edge) => edge.node)],
      pageInfo: page.pageInfo,
    });
  }, [client, query, variables, first, more, pageInfo, connectionOf]);
  return {
    data: result.data,
    fetching: result.fetching,
    error: result.error,
    rows: [...(first?.edges.map((edge) => edge.node) ?? []), ...(more?.rows ?? [])],
    totalCount: first?.totalCount ?? 0,
    hasMore: Boolean(pageInfo?.hasNextPage),
    loadingMore,
    loadMoreError: more?.error,
    loadMore,
    reload: () => refetch({ requestPolicy: 'network-only' }),
  };
}
