import { Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../../app/i18n.tsx';
import { RELATIONSHIP_LABELS, STATUS_LABELS } from '../../../app/messages.ts';
import { AuditTimeline } from '../../../ui/AuditTimeline.tsx';
import { EligibilityChecks } from '../../../ui/EligibilityChecks.tsx';
import { MaterialList } from '../../../ui/MaterialList.tsx';
import { MaterialPreview } from '../../../ui/MaterialPreview.tsx';
import type { AccessApplication, ListedUseUnit } from '../../access-application/api.ts';
import { CASE_QUERY } from '../api.ts';
import { EarlierApplications } from '../EarlierApplications.tsx';
import { ACCESS_APPLICATION_DECISIONS } from './decisions.ts';
import { defineCaseSlot } from './slot.ts';

/** 接入申请: every field, the verification, materials, timeline and earlier applications. */
export const accessApplicationSlot = defineCaseSlot(CASE_QUERY, (data, { label }) => {
  const a = data.accessApplication;
  if (!a) return null;
  const statusText = label(STATUS_LABELS, a.status, a.statusLabel);
  return {
    subject: a,
    status: a.status,
    name: a.enterprise.name,
    statusTag: (
      <Tag color="blue" data-testid="case-status">
        {statusText}
      </Tag>
    ),
    steps: { status: a.status, statusLabel: statusText },
    submittedAt: a.submittedAt,
    stepEnteredAt: a.stepEnteredAt,
    lastReason: a.lastReason,
    decisions: ACCESS_APPLICATION_DECISIONS,
    statusLabels: STATUS_LABELS,
    body: <AccessApplicationBody application={a} />,
  };
});

function AccessApplicationBody({ application: a }: { application: AccessApplication }) {
  const { t } = useI18n();
  return (
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
