import {
  WEBHOOK_DISABLED_REASON_LABELS,
  WEBHOOK_ENDPOINT_STATUS_LABELS,
  type WebhookDisabledReason,
  type WebhookEndpointStatus,
} from '@leqi/domain';
import { Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { EmptyState } from '../../ui/PageState.tsx';
import type { WebhookEndpoint } from './api.ts';
import { eventTypeLabel } from './event-types.ts';

export interface EndpointActions {
  onDeliveries: (endpoint: WebhookEndpoint) => void;
  onReplay: (endpoint: WebhookEndpoint) => void;
  onEdit: (endpoint: WebhookEndpoint) => void;
  onToggle: (endpoint: WebhookEndpoint) => Promise<void>;
  onRotate: (endpoint: WebhookEndpoint) => Promise<void>;
  onDelete: (endpoint: WebhookEndpoint) => Promise<void>;
}

const DISABLED_REASONS: Record<WebhookDisabledReason, { zh: string; en: string }> = WEBHOOK_DISABLED_REASON_LABELS;
const STATUSES: Record<WebhookEndpointStatus, { zh: string; en: string }> = WEBHOOK_ENDPOINT_STATUS_LABELS;

/** The enterprise's endpoints: what each receives, whether it is enabled (and why not), and what can be done to it. */
export function EndpointTable({
  rows,
  loading,
  actions,
}: {
  rows: WebhookEndpoint[];
  loading: boolean;
  actions: EndpointActions;
}) {
  const { t, lang, label } = useI18n();

  const status = (endpoint: WebhookEndpoint) => (
    <Space orientation="vertical" size={2}>
      <Tag
        color={
          endpoint.status === 'ENABLED' ? 'green' : endpoint.disabledReason === 'RETRIES_EXHAUSTED' ? 'red' : undefined
        }
        data-testid={`endpoint-status-${endpoint.id}`}
      >
        {label(STATUSES, endpoint.status)}
      </Tag>
      {endpoint.disabledReason && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`endpoint-reason-${endpoint.id}`}>
          {label(DISABLED_REASONS, endpoint.disabledReason)}
        </Typography.Text>
      )}
      {endpoint.previousSecretValidUntil && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('previousSecretUntil', { time: formatDateTime(endpoint.previousSecretValidUntil) })}
        </Typography.Text>
      )}
    </Space>
  );

  const eventTypes = (types: readonly string[]) =>
    types.length === 0 ? (
      <Tag color="blue">{t('allEvents')}</Tag>
    ) : (
      <Space orientation="vertical" size={4}>
        {types.map((type) => (
          <Tag key={type} title={type} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
            {eventTypeLabel(type, lang)}
          </Tag>
        ))}
      </Space>
    );

  const operations = (endpoint: WebhookEndpoint) => {
    const enabled = endpoint.status === 'ENABLED';
    const toggle = (
      <Button
        size="small"
        data-testid={`endpoint-toggle-${endpoint.id}`}
        onClick={enabled ? undefined : () => void actions.onToggle(endpoint)}
      >
        {enabled ? t('pauseEndpoint') : t('resumeEndpoint')}
      </Button>
    );
    return (
      <Space size={[4, 4]} wrap>
        <Button
          size="small"
          type="primary"
          ghost
          data-testid={`endpoint-deliveries-${endpoint.id}`}
          onClick={() => actions.onDeliveries(endpoint)}
        >
          {t('deliveryLog')}
        </Button>
        <Button size="small" data-testid={`endpoint-edit-${endpoint.id}`} onClick={() => actions.onEdit(endpoint)}>
          {t('editEndpoint')}
        </Button>
        <Button size="small" data-testid={`endpoint-replay-${endpoint.id}`} onClick={() => actions.onReplay(endpoint)}>
          {t('replay')}
        </Button>
        {enabled ? (
          <Popconfirm
            title={<div style={{ maxWidth: 320 }}>{t('pauseConfirm')}</div>}
            okText={t('pauseEndpoint')}
            cancelText={t('cancel')}
            okButtonProps={{ 'data-testid': 'pause-confirm' }}
            onConfirm={() => actions.onToggle(endpoint)}
          >
            {toggle}
          </Popconfirm>
        ) : (
          toggle
        )}
        <Popconfirm
          title={<div style={{ maxWidth: 320 }}>{t('rotateConfirm')}</div>}
          okText={t('rotateSecret')}
          cancelText={t('cancel')}
          okButtonProps={{ 'data-testid': 'rotate-confirm' }}
          onConfirm={() => actions.onRotate(endpoint)}
        >
          <Button size="small" data-testid={`endpoint-rotate-${endpoint.id}`}>
            {t('rotateSecret')}
          </Button>
        </Popconfirm>
        <Popconfirm
          title={<div style={{ maxWidth: 320 }}>{t('deleteEndpointConfirm')}</div>}
          okText={t('deleteEndpoint')}
          cancelText={t('cancel')}
          okButtonProps={{ danger: true, 'data-testid': 'delete-confirm' }}
          onConfirm={() => actions.onDelete(endpoint)}
        >
          <Button size="small" danger data-testid={`endpoint-delete-${endpoint.id}`}>
            {t('deleteEndpoint')}
          </Button>
        </Popconfirm>
      </Space>
    );
  };

  return (
    <Table<WebhookEndpoint>
      data-testid="endpoint-table"
      rowKey="id"
      loading={loading}
      pagination={false}
      dataSource={rows}
      scroll={{ x: 1090 }}
      locale={{ emptyText: <EmptyState description={t('noEndpoints')} /> }}
      onRow={(r) => ({ 'data-testid': `endpoint-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('endpointUrl'),
          dataIndex: 'url',
          width: 220,
          render: (url: string) => (
            <Typography.Text style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{url}</Typography.Text>
          ),
        },
        { title: t('endpointDescription'), dataIndex: 'description', width: 120, render: (v: string) => v || '—' },
        { title: t('endpointEventTypes'), dataIndex: 'eventTypes', width: 190, render: eventTypes },
        { title: t('status'), key: 'status', width: 160, render: (_, r) => status(r) },
        { title: t('createdAt'), dataIndex: 'createdAt', width: 110, render: (v: string) => formatDateTime(v) },
        { title: t('operation'), key: 'operations', width: 300, fixed: 'right', render: (_, r) => operations(r) },
      ]}
    />
  );
}
