import { canManageWebhooks, isIdentityType } from '@leqi/domain';
import { Alert, Button, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useQuery } from 'urql';
import { useAuth } from '../../app/auth.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { ENDPOINT_PAGE_SIZE, WEBHOOK_ENDPOINTS_QUERY } from './api.ts';

/**
 * 消息通知 of a webhook endpoint the platform turned off (a delivery still failed after every retry): shown in the
 * inbox of those who may turn it on again (the legal representative and the finance manager), until they do.
 */
export function WebhookAlerts() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const identityType = useAuth().viewer?.identityType;
  const [{ data }] = useQuery({
    query: WEBHOOK_ENDPOINTS_QUERY,
    variables: { first: ENDPOINT_PAGE_SIZE },
    requestPolicy: 'cache-and-network',
    // the other identities would only be refused
    pause: !(identityType && isIdentityType(identityType) && canManageWebhooks(identityType)),
  });
  const stopped = (data?.webhookEndpoints.edges ?? [])
    .map((edge) => edge.node)
    .filter((endpoint) => endpoint.status === 'DISABLED' && endpoint.disabledReason === 'RETRIES_EXHAUSTED');
  if (stopped.length === 0) return null;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }} data-testid="webhook-alerts">
      {stopped.map((endpoint) => (
        <Alert
          key={endpoint.id}
          type="warning"
          showIcon
          title={t('webhookStoppedTitle')}
          description={t('webhookStoppedText', { url: endpoint.url, at: formatDateTime(endpoint.updatedAt) })}
          action={
            <Button size="small" onClick={() => navigate('/access/webhooks')}>
              {t('developerSettings')}
            </Button>
          }
        />
      ))}
    </Space>
  );
}
