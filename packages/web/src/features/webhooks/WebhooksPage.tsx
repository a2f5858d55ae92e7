import { KeyOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { LoadMoreButton } from '../../ui/LoadMoreButton.tsx';
import { LoadError, Loading } from '../../ui/PageState.tsx';
import { usePagedList } from '../../ui/usePagedList.ts';
import {
  DELETE_WEBHOOK_ENDPOINT_MUTATION,
  ENDPOINT_PAGE_SIZE,
  ROTATE_WEBHOOK_SECRET_MUTATION,
  UPDATE_WEBHOOK_ENDPOINT_MUTATION,
  WEBHOOK_ENDPOINTS_QUERY,
  type WebhookEndpoint,
} from './api.ts';
import { DeliveryLog } from './DeliveryLog.tsx';
import { EditEndpointModal } from './EditEndpointModal.tsx';
import { EndpointForm } from './EndpointForm.tsx';
import { type EndpointActions, EndpointTable } from './EndpointTable.tsx';
import { ReplayModal } from './ReplayModal.tsx';
import { NOT_ALLOWED_CODES, queryRefusal, type Refusal, refusalOf } from './refusal.ts';
import { SecretModal, type ShownSecret } from './SecretModal.tsx';

const FIRST_PAGE = { first: ENDPOINT_PAGE_SIZE };

/** 开发者设置 → Webhooks: where the enterprise's case events are pushed, their delivery logs, replays. */
export function WebhooksPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('developerSettings')} · {t('webhooks')}
        </Typography.Title>
        <Button icon={<KeyOutlined />} data-testid="api-tokens-link" onClick={() => navigate('/access/api-tokens')}>
          {t('apiTokens')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0, maxWidth: 960 }}>
        {t('webhooksHint')}
      </Typography.Paragraph>
      <Endpoints />
    </Space>
  );
}

type Notice = { type: 'error' | 'warning'; text: string };

function Endpoints() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const endpoints = usePagedList(WEBHOOK_ENDPOINTS_QUERY, FIRST_PAGE, (data) => data.webhookEndpoints);
  const reload = endpoints.reload;
  const [notice, setNotice] = useState<Notice | null>(null);
  const [secret, setSecret] = useState<ShownSecret | null>(null);
  const [deliveriesOf, setDeliveriesOf] = useState<WebhookEndpoint | null>(null);
  const [replayOf, setReplayOf] = useState<WebhookEndpoint | null>(null);
  const [editOf, setEditOf] = useState<WebhookEndpoint | null>(null);
  const [, update] = useMutation(UPDATE_WEBHOOK_ENDPOINT_MUTATION);
  const [, rotate] = useMutation(ROTATE_WEBHOOK_SECRET_MUTATION);
  const [, remove] = useMutation(DELETE_WEBHOOK_ENDPOINT_MUTATION);

  const showRefusal = (refusal: Refusal) => {
    if (refusal.code === 'STALE_VERSION') {
      // someone changed it meanwhile: show what it is now before anything else is tried
      setNotice({ type: 'warning', text: t('webhookStale') });
      reload();
    } else setNotice({ type: 'error', text: refusal.summary });
  };
  const refused = (payload: Parameters<typeof refusalOf>[0], error: Parameters<typeof refusalOf>[1]) =>
    showRefusal(refusalOf(payload, error, t('submitFailed')));

  const actions: EndpointActions = {
    onDeliveries: setDeliveriesOf,
    onReplay: setReplayOf,
    onEdit: setEditOf,
    onToggle: async (endpoint) => {
      setNotice(null);
      const enabled = endpoint.status !== 'ENABLED';
      const result = await update({ input: { id: endpoint.id, expectedVersion: endpoint.version, enabled } });
      const payload = result.data?.updateWebhookEndpoint;
      if (payload?.__typename !== 'WebhookEndpointSuccess') return refused(payload, result.error);
      void message.success(enabled ? t('endpointResumed') : t('endpointPaused'));
      reload();
    },
    onRotate: async (endpoint) => {
      setNotice(null);
      const result = await rotate({ input: { id: endpoint.id } });
      const payload = result.data?.rotateWebhookEndpointSecret;
      if (payload?.__typename !== 'RotateWebhookEndpointSecretSuccess') return refused(payload, result.error);
      setSecret({
        value: payload.secret,
        title: t('secretRotatedTitle'),
        previousValidUntil: payload.endpoint.previousSecretValidUntil,
      });
      reload();
    },
    onDelete: async (endpoint) => {
      setNotice(null);
      const result = await remove({ input: { id: endpoint.id } });
      const payload = result.data?.deleteWebhookEndpoint;
      if (payload?.__typename !== 'DeleteWebhookEndpointSuccess') return refused(payload, result.error);
      void message.success(t('endpointDeleted'));
      reload();
    },
  };

  if (endpoints.error && !endpoints.data) {
    const refusal = queryRefusal(endpoints.error);
    if (refusal && NOT_ALLOWED_CODES.includes(refusal.code)) return <NotAllowed refusal={refusal} />;
    return <LoadError error={endpoints.error} onRetry={reload} />;
  }
  if (!endpoints.data) return <Loading />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('webhookEndpoints')}>
        {notice && (
          <Alert
            type={notice.type}
            showIcon
            role="alert"
            closable={{ onClose: () => setNotice(null) }}
            title={notice.text}
            data-testid="endpoint-notice"
            style={{ marginBottom: 16 }}
          />
        )}
        <EndpointTable rows={endpoints.rows} loading={endpoints.fetching && !endpoints.data} actions={actions} />
        <LoadMoreButton list={endpoints} label={t('loadMore')} />
      </Card>
      <EndpointForm
        eventTypes={endpoints.data.webhookEventTypes}
        onCreated={(_, created) => {
          setNotice(null);
          setSecret({ value: created, title: t('secretCreatedTitle') });
          reload();
        }}
      />
      {secret && <SecretModal secret={secret} onClose={() => setSecret(null)} />}
      <DeliveryLog endpoint={deliveriesOf} onClose={() => setDeliveriesOf(null)} />
      {replayOf && <ReplayModal endpoint={replayOf} onClose={() => setReplayOf(null)} onReplayed={reload} />}
      {editOf && (
        <EditEndpointModal
          endpoint={editOf}
          eventTypes={endpoints.data.webhookEventTypes}
          onClose={() => setEditOf(null)}
          onSaved={() => {
            setNotice(null);
            reload();
          }}
          onStale={showRefusal}
        />
      )}
    </Space>
  );
}

/** The server's refusal of the list (not an ACTIVE DCU, or neither 法定代表人 nor 财务负责人), with what to do. */
function NotAllowed({ refusal }: { refusal: { code: string; message: string } }) {
  const { t } = useI18n();
  return (
    <Card data-testid="webhooks-not-allowed">
      <Result
        status="info"
        title={refusal.message}
        subTitle={refusal.code === 'IDENTITY_NOT_ALLOWED' ? t('webhooksIdentityHint') : t('webhooksOnlyActiveDcuHint')}
      />
    </Card>
  );
}
