import { Alert, Button, Card, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { EmptyState, LoadError, Loading } from '../../ui/PageState.tsx';
import { useLiveQuery } from '../../ui/useLiveRefresh.ts';
import { useDashboardText } from '../dashboard/text.ts';
import { WebhookAlerts } from '../webhooks/WebhookAlerts.tsx';
import { MARK_READ_MUTATION, NOTIFICATIONS_QUERY } from './api.ts';
import { NotificationList } from './NotificationList.tsx';

const PAGE = 20;

/** 消息通知: the enterprise's inbox, newest first, 只看未读, 全部标为已读, 加载更多. */
export function NotificationsPage() {
  const text = useDashboardText();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [first, setFirst] = useState(PAGE);
  const [{ data, fetching, error }, reload] = useLiveQuery(
    {
      query: NOTIFICATIONS_QUERY,
      variables: { first, unreadOnly },
    },
    () => true,
  );
  const [marking, markRead] = useMutation(MARK_READ_MUTATION);
  const [problem, setProblem] = useState<string | null>(null);

  const markAll = async () => {
    setProblem(null);
    const newest = data?.notifications.edges[0]?.cursor ?? null;
    const result = await markRead({ upTo: newest });
    const payload = result.data?.markNotificationsRead;
    if (result.error || !payload) setProblem(result.error?.message ?? '');
    else if (payload.__typename !== 'MarkNotificationsReadSuccess') setProblem(payload.message);
    else reload();
  };

  if (fetching && !data) return <Loading />;
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  const items = data?.notifications.edges.map((e) => e.node) ?? [];
  const unread = data?.unreadNotificationCount ?? 0;
  return (
    <Card
      title={
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {text('notifications')}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="unread-count">
            {text('unreadCount', { count: unread })}
          </Typography.Text>
        </Space>
      }
      extra={
        <Button
          onClick={markAll}
          loading={marking.fetching}
          disabled={unread === 0}
          data-testid="mark-all-read"
          aria-label={text('markAllRead')}
        >
          {text('markAllRead')}
        </Button>
      }
    >
      <Space style={{ marginBottom: 12 }}>
        <Switch
          checked={unreadOnly}
          onChange={setUnreadOnly}
          aria-label={text('unreadOnly')}
          data-testid="unread-only"
          id="unread-only"
        />
        <label htmlFor="unread-only">{text('unreadOnly')}</label>
      </Space>
      <WebhookAlerts />
      {problem !== null && <Alert type="error" showIcon title={problem} data-testid="mark-read-error" />}
      {items.length === 0 ? <EmptyState description={text('noNotifications')} /> : <NotificationList items={items} />}
      {data?.notifications.pageInfo.hasNextPage && (
        <Button block onClick={() => setFirst((n) => n + PAGE)} loading={fetching} data-testid="load-more">
          {text('loadMore')}
        </Button>
      )}
    </Card>
  );
}
