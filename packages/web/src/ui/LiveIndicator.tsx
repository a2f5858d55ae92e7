import { Badge } from 'antd';
import { useSyncExternalStore } from 'react';
import { liveState } from '../app/client.ts';
import { useI18n } from '../app/i18n.tsx';

/** The small 实时 dot: green while the subscription socket is connected, red 连接已断开，重新连接中 while it is down. */
export function LiveIndicator() {
  const { t } = useI18n();
  const state = useSyncExternalStore(liveState.subscribe, liveState.get);
  const connected = state === 'connected';
  return (
    <span data-testid="live-indicator" data-state={state} role="status" aria-live="polite">
      <Badge
        status={connected ? 'success' : state === 'closed' ? 'error' : 'default'}
        text={connected ? t('live') : state === 'closed' ? t('disconnected') : t('connecting')}
      />
    </span>
  );
}
