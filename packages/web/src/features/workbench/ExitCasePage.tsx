import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Tag } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { DCU_STATUS_LABELS, STATUS_LABELS } from '../../app/messages.ts';
import { AuditTimeline } from '../../ui/AuditTimeline.tsx';
import { CaseSteps } from '../../ui/CaseSteps.tsx';
import { formatDate, formatDateTime, formatElapsed } from '../../ui/format.ts';
import { MaterialList } from '../../ui/MaterialList.tsx';
import { MaterialPreview } from '../../ui/MaterialPreview.tsx';
import { EmptyState, LoadError, Loading } from '../../ui/PageState.tsx';
import { useCaseEvents } from '../../ui/useLiveRefresh.ts';
import { EXIT_CASE_QUERY, EXIT_DECISIONS, EXIT_REJECTED, type ExitApplication } from '../exit/api.ts';
import { DecisionPanel } from './DecisionPanel.tsx';
import { EarlierApplications } from './EarlierApplications.tsx';

/** A DCU's exit application as the bureau sees it: the unit, the signed form, timeline, decisions. */
export function ExitCasePage() {
  const { t, lang, label } = useI18n();
  const navigate = useNavigate();
  const id = useParams().id ?? '';
  const [{ data, fetching, error }, reexecute] = useQuery<{ node: ExitApplication | null }>({
    query: EXIT_CASE_QUERY,
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
  const statusText = label(STATUS_LABELS, c.status, c.statusLabel);
  const e = c.enterprise;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="case-detail">
      {back}
      <Card
        title={
          <Space wrap>
            {t('exitCase')}
            <span data-testid="case-enterprise-name">{e.name}</span>
            <Tag color={EXIT_REJECTED.has(c.status) ? 'red' : 'blue'} data-testid="case-status" data-status={c.status}>
              {statusText}
            </Tag>
          </Space>
        }
      >
        <CaseSteps status={c.status} statusLabel={statusText} />
        <Descriptions style={{ marginTop: 16 }} column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('submittedAt')}>{formatDateTime(c.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('timeInStep')}>{formatElapsed(c.stepEnteredAt, lang)}</Descriptions.Item>
          <Descriptions.Item label="version">{c.version}</Descriptions.Item>
        </Descriptions>
        {c.lastReason && (
          <Alert type="error" showIcon title={`${t('reason')}：${c.lastReason}`} data-testid="case-last-reason" />
        )}
      </Card>
      <DecisionPanel application={c} onChanged={reload} decisions={EXIT_DECISIONS} statusLabels={STATUS_LABELS} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Card title={t('directUnit')}>
              <Descriptions column={{ xs: 1, md: 2 }} size="small">
                <Descriptions.Item label={t('unitName')}>{e.name}</Descriptions.Item>
                <Descriptions.Item label={t('uscc')}>{e.uscc}</Descriptions.Item>
                <Descriptions.Item label={t('competentAuthority')}>{e.competentAuthority.name}</Descriptions.Item>
                <Descriptions.Item label={t('dcuStatus')}>
                  <span data-testid="case-dcu-status">{label(DCU_STATUS_LABELS, e.dcuStatus)}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('leqiId')}>{e.leqiId ?? t('noValue')}</Descriptions.Item>
                <Descriptions.Item label={t('validUntil')}>{formatDate(e.dcuExpiresAt)}</Descriptions.Item>
              </Descriptions>
            </Card>
            <Card title={t('materials')}>
              <MaterialList materials={c.materials} />
              <MaterialPreview materials={c.materials} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Card title={t('timeline')}>
              <AuditTimeline events={c.auditTrail} />
            </Card>
            <Card title={t('earlierApplications')}>
              <EarlierApplications caseId={c.id} />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
