import { Card, Col, Descriptions, Row, Space, Tag } from 'antd';
import { useI18n } from '../../../app/i18n.tsx';
import { DCU_STATUS_LABELS, STATUS_LABELS } from '../../../app/messages.ts';
import { AuditTimeline } from '../../../ui/AuditTimeline.tsx';
import { formatDate } from '../../../ui/format.ts';
import { MaterialList } from '../../../ui/MaterialList.tsx';
import { MaterialPreview } from '../../../ui/MaterialPreview.tsx';
import { EXIT_CASE_QUERY, EXIT_REJECTED, type ExitApplication } from '../../exit/api.ts';
import { EarlierApplications } from '../EarlierApplications.tsx';
import { EXIT_APPLICATION_DECISIONS } from './decisions.ts';
import { defineCaseSlot } from './slot.ts';

/** 直连单位退出申请: the unit, the signed form, timeline and earlier applications. */
export const exitApplicationSlot = defineCaseSlot(EXIT_CASE_QUERY, (data, { label }) => {
  const c = data.node && 'status' in data.node ? data.node : null;
  if (!c) return null;
  const statusText = label(STATUS_LABELS, c.status, c.statusLabel);
  return {
    subject: c,
    status: c.status,
    titleKey: 'exitCase',
    name: c.enterprise.name,
    statusTag: (
      <Tag color={EXIT_REJECTED.has(c.status) ? 'red' : 'blue'} data-testid="case-status" data-status={c.status}>
        {statusText}
      </Tag>
    ),
    steps: { status: c.status, statusLabel: statusText },
    submittedAt: c.submittedAt,
    stepEnteredAt: c.stepEnteredAt,
    lastReason: c.lastReason,
    decisions: EXIT_APPLICATION_DECISIONS,
    statusLabels: STATUS_LABELS,
    body: <ExitApplicationBody exit={c} />,
  };
});

function ExitApplicationBody({ exit: c }: { exit: ExitApplication }) {
  const { t, label } = useI18n();
  const e = c.enterprise;
  return (
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
  );
}
