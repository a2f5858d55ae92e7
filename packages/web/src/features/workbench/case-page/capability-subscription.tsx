import { Card, Col, Descriptions, Row, Table, Tag } from 'antd';
import { useI18n } from '../../../app/i18n.tsx';
import { SUBSCRIPTION_STATUS_LABELS } from '../../../app/messages.ts';
import { AuditTimeline } from '../../../ui/AuditTimeline.tsx';
import { formatDate } from '../../../ui/format.ts';
import { type CapabilitySubscription, SUBSCRIPTION_CASE_QUERY } from '../../capabilities/api.ts';
import { CAPABILITY_SUBSCRIPTION_DECISIONS } from './decisions.ts';
import { defineCaseSlot } from './slot.ts';

const STATUS_COLORS: Record<string, string> = { REJECTED: 'red', APPROVED: 'green' };

/** 能力订阅申请 as the DCU's competent authority sees it: what, how long, how much. */
export const capabilitySubscriptionSlot = defineCaseSlot(SUBSCRIPTION_CASE_QUERY, (data, { t, label }) => {
  const c = data.node && 'status' in data.node ? data.node : null;
  if (!c) return null;
  const names = new Map(data.capabilities.map((x) => [x.code, x.name]));
  return {
    subject: c,
    status: c.status,
    titleKey: 'subscriptionCase',
    name: c.enterprise.name,
    statusTag: (
      <Tag color={STATUS_COLORS[c.status] ?? 'blue'} data-testid="case-status" data-status={c.status}>
        {label(SUBSCRIPTION_STATUS_LABELS, c.status, c.statusLabel)}
      </Tag>
    ),
    leadingFacts: [
      { label: t('uscc'), value: c.enterprise.uscc },
      { label: t('leqiId'), value: c.enterprise.leqiId ?? t('noValue') },
    ],
    submittedAt: c.submittedAt,
    stepEnteredAt: c.stepEnteredAt,
    lastReason: c.lastReason,
    decisions: CAPABILITY_SUBSCRIPTION_DECISIONS,
    statusLabels: SUBSCRIPTION_STATUS_LABELS,
    body: <SubscriptionBody subscription={c} names={names} />,
  };
});

function SubscriptionBody({
  subscription: c,
  names,
}: {
  subscription: CapabilitySubscription;
  names: Map<string, string>;
}) {
  const { t } = useI18n();
  const volumes = new Map(c.dailyVolumes.map((v) => [v.capabilityCode, v.volume]));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card title={t('applicationInfo')} data-testid="subscription-detail">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('capabilityValidUntil')}>{formatDate(c.validUntil)}</Descriptions.Item>
            <Descriptions.Item label={t('businessSystemName')}>{c.businessSystemName}</Descriptions.Item>
            <Descriptions.Item label={t('capabilityBusinessScope')}>{c.businessScope}</Descriptions.Item>
          </Descriptions>
          <Table<{ code: string }>
            style={{ marginTop: 16 }}
            size="small"
            rowKey="code"
            pagination={false}
            data-testid="subscription-capabilities"
            dataSource={c.capabilityCodes.map((code) => ({ code }))}
            columns={[
              { title: t('capabilityCode'), dataIndex: 'code' },
              { title: t('capabilityName'), key: 'name', render: (_, r) => names.get(r.code) ?? r.code },
              { title: t('dailyVolume'), key: 'volume', render: (_, r) => volumes.get(r.code) ?? t('noValue') },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={t('timeline')}>
          <AuditTimeline events={c.auditTrail} labels={SUBSCRIPTION_STATUS_LABELS} />
        </Card>
      </Col>
    </Row>
  );
}
