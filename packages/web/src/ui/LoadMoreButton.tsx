import { Alert, Button } from 'antd';
import type { PagedList } from './usePagedList.ts';

/** 加载更多 under a paged list, while there is more; a failed page says so and can be tried again. */
export function LoadMoreButton({ list, label }: { list: PagedList<unknown, unknown>; label: string }) {
  if (!list.hasMore) return null;
  return (
    <>
      {list.loadMoreError && <Alert type="error" showIcon title={list.loadMoreError.message} />}
      <Button block onClick={() => void list.loadMore()} loading={list.loadingMore} data-testid="load-more">
        {label}
      </Button>
    </>
  );
}
