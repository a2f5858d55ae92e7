import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Table, Tag } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { SUBSCRIPTION_STATUS_LABELS } from '../../app/messages.ts';
import { AuditTimeline } from '../../ui/AuditTimeline.tsx';
import { formatDate, formatDateTime, formatElapsed } from '../../ui/format.ts';
import { EmptyState, LoadError, Loading } from '../../ui/PageState.tsx';
import { useCaseEvents } from '../../ui/useLiveRefresh.ts';
import { type CapabilitySubscription, SUBSCRIPTION_CASE_QUERY, SUBSCRIPTION_DECISIONS } from '../capabilities/api.ts';
import type { Capability } from '../invitations/api.ts';
import { DecisionPanel } from './DecisionPanel.tsx';

/** A 能力订阅申请 as the DCU's competent authority sees it: what, how long, how much, decisions. */
export function SubscriptionCasePage() {
  const { t, lang, label } = useI18n();
  const navigate = useNavigate();
  const id = useParams().id ?? '';
  const [{ data, fetching, error }, reexecute] = useQuery<{
    node: CapabilitySubscription | null;
    capabilities: Capability[];
  }>({
    query: SUBSCRIPTION_CASE_QUERY,
    variables: { id },
    requestPolicy: 'cache-and-network',
  });
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  useCaseEvents((e) => {
    if (e.caseId === id) reload();
  });
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} data-testid="back-to-queue">
      {t('backToQueue')}
    </Button>
  );
  if (fetching && !data) return <Loading />;
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  const c = data?.node && 'status' in data.node ? data.node : null;
  if (!c)
    return (
      <Space orientation="vertical">
        {back}
        <EmptyState description={t('notFound')} />
      </Space>
    );
  const names = new Map((data?.capabilities ?? []).map((x) => [x.code, x.name]));
  const volumes = new Map(c.dailyVolumes.map((v) => [v.capabilityCode, v.volume]));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="case-detail">
      {back}
      <Card
        title={
          <Space wrap>
            {t('subscriptionCase')}
            <span data-testid="case-enterprise-name">{c.enterprise.name}</span>
            <Tag
              color={c.status === 'REJECTED' ? 'red' : c.status === 'APPROVED' ? 'green' : 'blue'}
              data-testid="case-status"
              data-status={c.status}
            >
              {label(SUBSCRIPTION_STATUS_LABELS, c.status, c.statusLabel)}
            </Tag>
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('uscc')}>{c.enterprise.uscc}</Descriptions.Item>
          <Descriptions.Item label={t('leqiId')}>{c.enterprise.leqiId ?? t('noValue')}</Descriptions.Item>
          <Descriptions.Item label={t('submittedAt')}>{formatDateTime(c.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('timeInStep')}>{formatElapsed(c.stepEnteredAt, lang)}</Descriptions.Item>
          <Descriptions.Item label="version">{c.version}</Descriptions.Item>
        </Descriptions>
        {c.lastReason && (
          <Alert type="error" showIcon title={`${t('reason')}：${c.lastReason}`} data-testid="case-last-reason" />
        )}
      </Card>
      <DecisionPanel
        application={c}
        onChanged={reload}
        decisions={SUBSCRIPTION_DECISIONS}
        statusLabels={SUBSCRIPTION_STATUS_LABELS}
      />
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
    </Space>
  );
}
