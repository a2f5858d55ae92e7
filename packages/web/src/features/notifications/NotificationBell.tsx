import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useQuery } from 'urql';
import { useReloadOnCaseEvents } from '../../ui/useLiveRefresh.ts';
import { useDashboardText } from '../dashboard/text.ts';
import { UNREAD_COUNT_QUERY } from './api.ts';

/** 消息通知 bell in the enterprise header: the unread count, kept current by the case events subscription. */
export function NotificationBell() {
  const text = useDashboardText();
  const navigate = useNavigate();
  const [{ data }, reexecute] = useQuery({ query: UNREAD_COUNT_QUERY });
  useReloadOnCaseEvents(() => reexecute({ requestPolicy: 'network-only' }));
  const count = data?.unreadNotificationCount ?? 0;
  return (
    <Badge count={count} size="small" offset={[-6, 6]} data-testid="notification-count">
      <Button
        type="text"
        icon={<BellOutlined />}
        aria-label={text('bell', { count })}
        data-testid="notification-bell"
        onClick={() => navigate('/access/notifications')}
      />
    </Badge>
  );
}
