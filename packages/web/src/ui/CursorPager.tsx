import { Button, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../app/i18n.tsx';

/** Cursor paging: cursors[i] is the `after` of page i (page 0 starts at the beginning). */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const page = cursors.length - 1;
  return {
    page,
    after: cursors[page] ?? undefined,
    restart: () => setCursors([null]),
    previous: () => setCursors((c) => c.slice(0, -1)),
    next: (endCursor: string | null | undefined) => setCursors((c) => [...c, endCursor ?? null]),
  };
}

/** 共 N 条 with 上一页 / 下一页 under a listing. */
export function CursorPager({
  pages,
  list,
  totalTestId,
}: {
  pages: ReturnType<typeof useCursorPages>;
  list: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor?: string | null } };
  totalTestId?: string;
}) {
  const { t } = useI18n();
  return (
    <Space style={{ marginTop: 12 }} wrap>
      <Typography.Text type="secondary" data-testid={totalTestId}>
        {t('totalCount', { count: String(list.totalCount) })}
      </Typography.Text>
      <Button disabled={pages.page === 0} data-testid="prev-page" onClick={pages.previous}>
        {t('prevPage')}
      </Button>
      <Tag>{pages.page + 1}</Tag>
      <Button
        disabled={!list.pageInfo.hasNextPage}
        data-testid="next-page"
        onClick={() => pages.next(list.pageInfo.endCursor)}
      >
        {t('nextPage')}
      </Button>
    </Space>
  );
}
