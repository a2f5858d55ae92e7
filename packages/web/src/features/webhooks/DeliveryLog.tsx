import { ReloadOutlined } from '@ant-design/icons';
import { WEBHOOK_DELIVERY_STATUS_LABELS, WEBHOOK_DELIVERY_STATUSES } from '@leqi/domain';
import { App as AntApp, Button, Drawer, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { LoadMoreButton } from '../../ui/LoadMoreButton.tsx';
import { EmptyState, LoadError } from '../../ui/PageState.tsx';
import { type Connection, usePagedList } from '../../ui/usePagedList.ts';
import {
  DELIVERY_PAGE_SIZE,
  REDELIVER_WEBHOOK_MUTATION,
  WEBHOOK_DELIVERIES_QUERY,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
  type WebhookEndpoint,
} from './api.ts';
import { eventTypeLabel } from './event-types.ts';
import { refusalOf } from './refusal.ts';

const STATUS_COLORS: Record<WebhookDeliveryStatus, string | undefined> = {
  PENDING: 'gold',
  DELIVERED: 'green',
  FAILED: 'red',
};
/** While a delivery shown is still 待推送, the log looks again this often (the deliverer works in the background). */
const PENDING_REFRESH_MS = 3_000;
const NO_DELIVERIES: Connection<WebhookDelivery> = {
  totalCount: 0,
  pageInfo: { hasNextPage: false, endCursor: null },
  edges: [],
};

/** 推送记录 of one endpoint, beside the list: filtered by status, newest first, each with 重新推送. */
export function DeliveryLog({ endpoint, onClose }: { endpoint: WebhookEndpoint | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Drawer
      open={endpoint !== null}
      size="min(1240px, 100vw)"
      title={endpoint ? t('deliveryLogOf', { url: endpoint.url }) : t('deliveryLog')}
      onClose={onClose}
      destroyOnHidden
    >
      {endpoint && <Deliveries endpointId={endpoint.id} />}
    </Drawer>
  );
}

function Deliveries({ endpointId }: { endpointId: string }) {
  const { t, lang, label } = useI18n();
  const { message } = AntApp.useApp();
  const [status, setStatus] = useState<WebhookDeliveryStatus | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const variables = useMemo(
    () => ({ endpointId, first: DELIVERY_PAGE_SIZE, ...(status ? { status } : {}) }),
    [endpointId, status],
  );
  const list = usePagedList(WEBHOOK_DELIVERIES_QUERY, variables, (data) =>
    data.node?.__typename === 'WebhookEndpoint' ? data.node.deliveries : NO_DELIVERIES,
  );
  const [, redeliver] = useMutation(REDELIVER_WEBHOOK_MUTATION);
  const { reload, data, rows } = list;
  const reloadLater = useRef(reload);
  reloadLater.current = reload;

  // a 待推送 delivery settles in the background: look again while one is shown (and no further page was loaded)
  const firstPage = data?.node?.__typename === 'WebhookEndpoint' ? data.node.deliveries.edges.length : 0;
  const pending = rows.length === firstPage && rows.some((row) => row.status === 'PENDING');
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new answer (data) with a 待推送 row schedules one look
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => reloadLater.current(), PENDING_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [pending, data]);

  const onRedeliver = async (delivery: WebhookDelivery) => {
    setProblem(null);
    const result = await redeliver({ input: { deliveryId: delivery.id } });
    const payload = result.data?.redeliverWebhook;
    if (payload?.__typename === 'WebhookDeliverySuccess') {
      void message.success(t('redelivered'));
      reload();
    } else setProblem(refusalOf(payload, result.error, t('submitFailed')).summary);
  };

  if (list.error && !list.data) return <LoadError error={list.error} onRetry={reload} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          style={{ minWidth: 180 }}
          placeholder={t('allStatuses')}
          aria-label={t('deliveryStatus')}
          data-testid="delivery-status-filter"
          value={status}
          onChange={(value) => setStatus(value)}
          options={WEBHOOK_DELIVERY_STATUSES.map((s) => ({
            value: s,
            label: label(WEBHOOK_DELIVERY_STATUS_LABELS, s),
          }))}
        />
        <Button icon={<ReloadOutlined />} onClick={reload} loading={list.fetching} data-testid="deliveries-refresh">
          {t('refresh')}
        </Button>
        <Typography.Text type="secondary" data-testid="deliveries-total">
          {t('totalCount', { count: String(list.totalCount) })}
        </Typography.Text>
      </Space>
      <FormProblem problem={problem} testId="delivery-error" />
      <Table<WebhookDelivery>
        data-testid="delivery-table"
        rowKey="id"
        size="small"
        loading={list.fetching && !list.data}
        pagination={false}
        dataSource={rows}
        scroll={{ x: 1190 }}
        locale={{ emptyText: <EmptyState /> }}
        onRow={(r) => ({ 'data-testid': `delivery-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('eventType'),
            dataIndex: 'eventType',
            width: 180,
            render: (type: string) => (
              <Space orientation="vertical" size={0}>
                <span>{eventTypeLabel(type, lang)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {type}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('eventCursor'),
            dataIndex: 'cursor',
            width: 170,
            render: (cursor: string) => (
              <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12, whiteSpace: 'nowrap' }}>
                {cursor}
              </Typography.Text>
            ),
          },
          {
            title: t('status'),
            dataIndex: 'status',
            width: 90,
            render: (s: WebhookDeliveryStatus, r) => (
              <Tag color={STATUS_COLORS[s]} data-testid={`delivery-status-${r.id}`}>
                {label(WEBHOOK_DELIVERY_STATUS_LABELS, s)}
              </Tag>
            ),
          },
          { title: t('attempts'), dataIndex: 'attempts', width: 90, align: 'right' },
          {
            title: t('lastStatusCode'),
            dataIndex: 'lastStatusCode',
            width: 110,
            align: 'right',
            render: (code: number | null) => code ?? '—',
          },
          {
            title: t('latency'),
            dataIndex: 'lastLatencyMs',
            width: 80,
            align: 'right',
            render: (ms: number | null) => (ms === null ? '—' : t('latencyMs', { ms: String(ms) })),
          },
          {
            title: t('lastError'),
            dataIndex: 'lastError',
            width: 120,
            render: (error: string | null) =>
              error ? (
                <Typography.Text type="danger" style={{ fontSize: 12, wordBreak: 'break-word' }}>
                  {error}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
          {
            title: t('nextAttemptAt'),
            dataIndex: 'nextAttemptAt',
            width: 120,
            render: (v: string | null) => formatDateTime(v),
          },
          {
            title: t('deliveredAt'),
            dataIndex: 'deliveredAt',
            width: 130,
            render: (v: string | null) => formatDateTime(v),
          },
          {
            title: t('operation'),
            key: 'redeliver',
            width: 100,
            fixed: 'right',
            render: (_, r) => (
              <Button size="small" data-testid={`redeliver-${r.id}`} onClick={() => void onRedeliver(r)}>
                {t('redeliver')}
              </Button>
            ),
          },
        ]}
      />
      <LoadMoreButton list={list} label={t('loadMore')} />
    </Space>
  );
}
