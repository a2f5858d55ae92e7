import { Alert, Button, Empty, Spin } from 'antd';
import type { CombinedError } from 'urql';
import { useI18n } from '../app/i18n.tsx';

export function Loading() {
  const { t } = useI18n();
  return (
    <div style={{ padding: 48, textAlign: 'center' }} role="status" aria-live="polite" data-testid="loading">
      <Spin />
      <div style={{ marginTop: 8 }}>{t('loading')}</div>
    </div>
  );
}

export function LoadError({ error, onRetry }: { error?: CombinedError | Error | string; onRetry?: () => void }) {
  const { t } = useI18n();
  const detail = typeof error === 'string' ? error : error?.message;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="load-error"
      title={t('loadFailed')}
      description={detail}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

export function EmptyState({ description }: { description?: string }) {
  const { t } = useI18n();
  return <Empty data-testid="empty-state" description={description ?? t('empty')} />;
}
