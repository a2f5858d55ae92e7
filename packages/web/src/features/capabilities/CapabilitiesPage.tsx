import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { AUTHORISATION_STATUS_LABELS, DCU_STATUS_LABELS, SUBSCRIPTION_STATUS_LABELS } from '../../app/messages.ts';
import { AuditTimeline } from '../../ui/AuditTimeline.tsx';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { EmptyState, LoadError, Loading } from '../../ui/PageState.tsx';
import { useLiveQuery } from '../../ui/useLiveRefresh.ts';
import type { CapabilityAuthorisation, PartyEnterprise } from '../invitations/fields.ts';
import { CAPABILITIES_PAGE_QUERY, type CapabilitySubscription, renewalDue } from './api.ts';
import { BoundUseUnits } from './BoundUseUnits.tsx';
import { SubscriptionForm } from './SubscriptionForm.tsx';

const STATUS_COLORS: Record<string, string> = {
  PENDING_APPROVAL: 'blue',
  APPROVED: 'green',
  REJECTED: 'red',
  CANCELLED: 'default',
  REVOKED: 'default',
};

/** 能力订阅: the DCU's 乐企ID and validity, its subscription applications, 申请订阅, and 能力授权. */
export function CapabilitiesPage() {
  const { t, label } = useI18n();
  const [{ data, fetching, error }, reload] = useLiveQuery(
    {
      query: CAPABILITIES_PAGE_QUERY,
      variables: { first: 100 },
    },
    (e) => e.caseKind === 'CAPABILITY_SUBSCRIPTION' || e.caseKind === 'EXIT_APPLICATION' || e.caseKind === 'INVITATION',
  );
  const [applying, setApplying] = useState(false);
  const [applied, setApplied] = useState(false);

  if (fetching && !data) return <Loading />;
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  const enterprise = data?.viewer?.enterprise;
  if (!data || !enterprise) return <LoadError error={t('loadFailed')} onRetry={reload} />;
  const maySubscribe = enterprise.maySubscribeCapabilities;
  const names = new Map(data.capabilities.map((c) => [c.code, c.name]));
  const subscriptions = data.viewer?.capabilitySubscriptions ?? [];
  // the use units bound to the viewer as DCU (授权能力); a use unit's own binding to its DCU is not one
  const boundUseUnits = data.bindings.edges
    .map(({ node }) => node)
    .filter((b) => b.status === 'ACTIVE' && b.directUnit.id === enterprise.id);
  const authorisations = data.bindings.edges.flatMap(({ node: b }) =>
    b.authorisations.map((a) => ({ ...a, directUnit: b.directUnit })),
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="capabilities-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('capabilitiesTitle')}
      </Typography.Title>
      <Card>
        <Descriptions column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('dcuStatus')}>
            <Tag data-testid="dcu-status" data-status={enterprise.dcuStatus}>
              {label(DCU_STATUS_LABELS, enterprise.dcuStatus)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('leqiId')}>
            <Typography.Text copyable={!!enterprise.leqiId} strong data-testid="leqi-id">
              {enterprise.leqiId ?? t('noValue')}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('validUntil')}>
            <span data-testid="dcu-expires-at">{formatDate(enterprise.dcuExpiresAt)}</span>
          </Descriptions.Item>
        </Descriptions>
        {enterprise.dcuStatus === 'ACTIVE' && renewalDue(enterprise.dcuExpiresAt) && (
          <Alert
            type="warning"
            showIcon
            data-testid="renewal-reminder"
            title={
              enterprise.dcuExpiresAt && new Date(enterprise.dcuExpiresAt).getTime() < Date.now()
                ? t('expiredReminder', { date: formatDate(enterprise.dcuExpiresAt) })
                : t('renewalReminder', { date: formatDate(enterprise.dcuExpiresAt) })
            }
          />
        )}
      </Card>
      {applied && (
        <Alert
          type="success"
          showIcon
          closable
          data-testid="subscription-submitted"
          title={t('subscriptionSubmitted')}
        />
      )}
      {applying && (
        <SubscriptionForm
          capabilities={data.capabilities}
          onCancel={() => setApplying(false)}
          onApplied={() => {
            setApplying(false);
            setApplied(true);
            reload();
          }}
        />
      )}
      <Card
        title={t('subscriptionApplications')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!maySubscribe || applying}
            data-testid="subscribe-button"
            onClick={() => {
              setApplied(false);
              setApplying(true);
            }}
          >
            {t('applySubscription')}
          </Button>
        }
      >
        {!maySubscribe && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="subscription-gate"
            title={enterprise.dcuStatus === 'EXITING' ? t('subscriptionExiting') : t('subscriptionOnlyActive')}
          />
        )}
        <Table<CapabilitySubscription>
          data-testid="subscription-table"
          rowKey="id"
          size="middle"
          dataSource={subscriptions}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <EmptyState description={t('noSubscriptions')} /> }}
          onRow={(s) => ({ 'data-testid': `subscription-row-${s.id}` }) as React.HTMLAttributes<HTMLElement>}
          expandable={{
            expandedRowRender: (s) => <AuditTimeline events={s.auditTrail} labels={SUBSCRIPTION_STATUS_LABELS} />,
          }}
          columns={[
            {
              title: t('subscriptionCapabilities'),
              key: 'caps',
              render: (_, s) => (
                <Space wrap size={4}>
                  {s.capabilityCodes.map((code) => (
                    <Tag key={code}>
                      {names.get(code) ?? code}（{code}）
                    </Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: t('capabilityValidUntil'),
              key: 'validUntil',
              render: (_, s) => formatDate(s.validUntil),
            },
            { title: t('businessSystemName'), dataIndex: 'businessSystemName' },
            {
              title: t('dailyVolume'),
              key: 'volumes',
              render: (_, s) => s.dailyVolumes.map((v) => `${v.capabilityCode}: ${v.volume}`).join('；'),
            },
            {
              title: t('status'),
              key: 'status',
              render: (_, s) => (
                <Tag color={STATUS_COLORS[s.status]} data-testid={`subscription-status-${s.id}`} data-status={s.status}>
                  {label(SUBSCRIPTION_STATUS_LABELS, s.status, s.statusLabel)}
                </Tag>
              ),
            },
            {
              title: t('reason'),
              key: 'reason',
              width: 220,
              render: (_, s) =>
                s.lastReason ? (
                  <Typography.Text type="danger" data-testid={`subscription-reason-${s.id}`}>
                    {s.lastReason}
                  </Typography.Text>
                ) : (
                  t('noValue')
                ),
            },
            { title: t('submittedAt'), key: 'submittedAt', render: (_, s) => formatDateTime(s.submittedAt) },
          ]}
        />
      </Card>
      {boundUseUnits.length > 0 && <BoundUseUnits bindings={boundUseUnits} names={names} onAuthorised={reload} />}
      <Card title={t('authorisations')}>
        <Table<CapabilityAuthorisation & { holder: PartyEnterprise; directUnit: PartyEnterprise }>
          data-testid="authorisation-table"
          rowKey="id"
          size="middle"
          dataSource={authorisations}
          pagination={false}
          scroll={{ x: 800 }}
          locale={{ emptyText: <EmptyState description={t('noAuthorisations')} /> }}
          onRow={(a) => ({ 'data-testid': `authorisation-row-${a.id}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('directUnit'), key: 'dcu', render: (_, a) => a.directUnit.name },
            {
              title: t('authorisationHolder'),
              key: 'holder',
              render: (_, a) => (
                <span>
                  {a.holder.name}
                  <br />
                  <Typography.Text type="secondary">{a.holder.uscc}</Typography.Text>
                </span>
              ),
            },
            {
              title: t('capabilityName'),
              key: 'cap',
              render: (_, a) => `${a.capabilityName}（${a.capabilityCode}）`,
            },
            { title: t('validFrom'), key: 'from', render: (_, a) => formatDate(a.validFrom) },
            { title: t('validTo'), key: 'to', render: (_, a) => formatDate(a.validTo) },
            {
              title: t('authorisationStatus'),
              key: 'status',
              render: (_, a) => (
                <Tag color={a.status === 'ACTIVE' ? 'green' : 'default'}>
                  {label(AUTHORISATION_STATUS_LABELS, a.status)}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
