import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { RELATIONSHIP_LABELS, STATUS_LABELS } from '../../app/messages.ts';
import { AuditTimeline } from '../../ui/AuditTimeline.tsx';
import { CaseSteps } from '../../ui/CaseSteps.tsx';
import { EligibilityChecks } from '../../ui/EligibilityChecks.tsx';
import { formatDateTime, formatElapsed } from '../../ui/format.ts';
import { MaterialList } from '../../ui/MaterialList.tsx';
import { MaterialPreview } from '../../ui/MaterialPreview.tsx';
import { EmptyState, LoadError, Loading } from '../../ui/PageState.tsx';
import { useCaseEvents } from '../../ui/useLiveRefresh.ts';
import type { AccessApplication, ListedUseUnit } from '../access-application/api.ts';
import { CASE_QUERY } from './api.ts';
import { DecisionPanel } from './DecisionPanel.tsx';
import { EarlierApplications } from './EarlierApplications.tsx';

/** One access application as a reviewer sees it: every field, verification, materials, timeline, decisions. */
export function CaseDetailPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const id = useParams().id ?? '';
  const [{ data, fetching, error }, reexecute] = useQuery<{ accessApplication: AccessApplication | null }>({
    query: CASE_QUERY,
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
  const a = data?.accessApplication;
  if (!a)
    return (
      <Space orientation="vertical">
        {back}
        <EmptyState description={t('notFound')} />
      </Space>
    );
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="case-detail">
      {back}
      <CaseHeader application={a} />
      <DecisionPanel application={a} onChanged={reload} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <ApplicationFields application={a} />
            <Card title={t('eligibilityReport')}>
              {a.eligibilityReport ? (
                <>
                  <Tag color={a.eligibilityReport.passed ? 'green' : 'red'}>
                    {a.eligibilityReport.passed ? t('verificationPassed') : t('verificationFailed')}
                  </Tag>
                  {a.eligibilityReport.livelihoodThresholdsApplied && <Tag>{t('livelihoodApplied')}</Tag>}
                  <EligibilityChecks checks={a.eligibilityReport.checks} testId="eligibility-report" />
                </>
              ) : (
                <Typography.Text type="secondary">{t('noEligibilityReport')}</Typography.Text>
              )}
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Card title={t('materials')}>
              <MaterialList materials={a.materials} />
              <MaterialPreview materials={a.materials} />
            </Card>
            <Card title={t('timeline')}>
              <AuditTimeline events={a.auditTrail} />
            </Card>
            <Card title={t('earlierApplications')}>
              <EarlierApplications caseId={a.id} />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

function CaseHeader({ application: a }: { application: AccessApplication }) {
  const { t, lang, label } = useI18n();
  const statusText = label(STATUS_LABELS, a.status, a.statusLabel);
  return (
    <Card
      title={
        <Space wrap>
          <span data-testid="case-enterprise-name">{a.enterprise.name}</span>
          <Tag color="blue" data-testid="case-status">
            {statusText}
          </Tag>
        </Space>
      }
    >
      <CaseSteps status={a.status} statusLabel={statusText} />
      <Descriptions style={{ marginTop: 16 }} column={{ xs: 1, md: 3 }} size="small">
        <Descriptions.Item label={t('submittedAt')}>{formatDateTime(a.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('timeInStep')}>{formatElapsed(a.stepEnteredAt, lang)}</Descriptions.Item>
        <Descriptions.Item label="version">{a.version}</Descriptions.Item>
      </Descriptions>
      {a.lastReason && (
        <Alert type="error" showIcon title={`${t('reason')}：${a.lastReason}`} data-testid="case-last-reason" />
      )}
    </Card>
  );
}

function ApplicationFields({ application: a }: { application: AccessApplication }) {
  const { t, label } = useI18n();
  const e = a.enterprise;
  const yesNo = (v: boolean) => (v ? t('yes') : t('no'));
  const text = (v: string | null | undefined) => v || t('noValue');
  return (
    <Card title={t('applicationInfo')}>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} title={t('stepUnitInfo')}>
        <Descriptions.Item label={t('unitName')}>{e.name}</Descriptions.Item>
        <Descriptions.Item label={t('uscc')}>{e.uscc}</Descriptions.Item>
        <Descriptions.Item label={t('competentAuthority')}>{e.competentAuthority.name}</Descriptions.Item>
        {e.creditRating !== null && <Descriptions.Item label={t('creditRating')}>{e.creditRating}</Descriptions.Item>}
        <Descriptions.Item label={t('inPilot')}>{yesNo(e.inPilot)}</Descriptions.Item>
        <Descriptions.Item label={t('accessType')}>{t('accessTypeSelfUse')}</Descriptions.Item>
        <Descriptions.Item label={t('claimsLivelihood')}>{yesNo(a.claimsLivelihood)}</Descriptions.Item>
        <Descriptions.Item label={t('confirmUnitInfo')}>{yesNo(a.unitInfoConfirmed)}</Descriptions.Item>
      </Descriptions>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        title={t('sectionBasicInfo')}
        style={{ marginTop: 16 }}
      >
        <Descriptions.Item label={t('contactName')}>{text(a.basicInfo.contactName)}</Descriptions.Item>
        <Descriptions.Item label={t('contactPhone')}>{text(a.basicInfo.contactPhone)}</Descriptions.Item>
        <Descriptions.Item label={t('contactEmail')}>{text(a.basicInfo.contactEmail)}</Descriptions.Item>
        <Descriptions.Item label={t('registeredAddress')}>{text(a.basicInfo.registeredAddress)}</Descriptions.Item>
        <Descriptions.Item label={t('businessScope')} span={2}>
          {text(a.basicInfo.businessScope)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('sectionUseUnits')}
      </Typography.Title>
      <Table<ListedUseUnit>
        size="small"
        rowKey="uscc"
        pagination={false}
        dataSource={a.useUnits}
        locale={{ emptyText: t('noUseUnits') }}
        columns={[
          { title: t('uscc'), dataIndex: 'uscc' },
          { title: t('useUnitName'), dataIndex: 'name' },
          { title: t('relationship'), dataIndex: 'relationship', render: (r: string) => label(RELATIONSHIP_LABELS, r) },
        ]}
      />
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        title={t('sectionSystemInfo')}
        style={{ marginTop: 16 }}
      >
        <Descriptions.Item label={t('systemName')}>{text(a.systemInfo.systemName)}</Descriptions.Item>
        <Descriptions.Item label={t('systemVersion')}>{text(a.systemInfo.systemVersion)}</Descriptions.Item>
        <Descriptions.Item label={t('developerName')}>{text(a.systemInfo.developerName)}</Descriptions.Item>
        <Descriptions.Item label={t('networkAddress')}>{text(a.systemInfo.networkAddress)}</Descriptions.Item>
        <Descriptions.Item label={t('deploymentLocation')}>{text(a.systemInfo.deploymentLocation)}</Descriptions.Item>
        <Descriptions.Item label={t('builtByThirdParty')}>{yesNo(a.builtByThirdParty)}</Descriptions.Item>
        <Descriptions.Item label={t('systemDescription')} span={2}>
          {text(a.systemInfo.description)}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
