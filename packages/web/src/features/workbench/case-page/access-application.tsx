import { Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../../app/i18n.tsx';
import { STATUS_LABELS } from '../../../app/messages.ts';
import { AuditTimeline } from '../../../ui/AuditTimeline.tsx';
import { EligibilityChecks } from '../../../ui/EligibilityChecks.tsx';
import { MaterialList } from '../../../ui/MaterialList.tsx';
import { MaterialPreview } from '../../../ui/MaterialPreview.tsx';
import { ApplicationFields } from '../../access-application/ApplicationFields.tsx';
import type { AccessApplication } from '../../access-application/api.ts';
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
