import { Badge, List, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../ui/format.ts';
import { useDashboardText } from '../dashboard/text.ts';
import { type NotificationItem, pathOfCase } from './api.ts';

/** Notifications as a list: the sentence in the manual's words, when, who, and a link to the case's page. */
export function NotificationList({ items }: { items: NotificationItem[] }) {
  const text = useDashboardText();
  return (
    <List
      data-testid="notification-list"
      dataSource={items}
      renderItem={(n) => (
        <List.Item key={n.id} data-testid="notification" data-read={n.read ? 'true' : 'false'}>
          <List.Item.Meta
            avatar={
              n.read ? (
                <Badge status="default" />
              ) : (
                <span role="img" aria-label={text('unread')}>
                  <Badge status="processing" />
                </span>
              )
            }
            title={
              <Link to={pathOfCase(n.caseKind)} style={{ fontWeight: n.read ? 'normal' : 600 }}>
                {n.message}
              </Link>
            }
            description={
              <Typography.Text type="secondary">
                {formatDateTime(n.createdAt)}
                {n.actorName ? ` · ${n.actorName}` : ''}
              </Typography.Text>
            }
          />
        </List.Item>
      )}
    />
  );
}
