import { Alert, Button, Card, Col, Descriptions, Result, Row, Space, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { STATUS_LABELS } from '../../app/messages.ts';
import { AuditTimeline } from '../../ui/AuditTimeline.tsx';
import { CaseSteps } from '../../ui/CaseSteps.tsx';
import { formatDateTime, formatElapsed } from '../../ui/format.ts';
import { MaterialList } from '../../ui/MaterialList.tsx';
import { EXIT_IN_FLIGHT, EXIT_REJECTED, type ExitApplication } from './api.ts';

/** The latest exit application: status on 提交 → 受理 → 复核 → 确认, reasons, materials, timeline. */
export function ExitStatus({ exit }: { exit: ExitApplication }) {
  const { t, lang, label } = useI18n();
  const navigate = useNavigate();
  const statusText = label(STATUS_LABELS, exit.status, exit.statusLabel);
  const rejected = EXIT_REJECTED.has(exit.status);
  const inFlight = EXIT_IN_FLIGHT.has(exit.status);
  const confirmed = exit.status === 'CONFIRMED';
  return (
    <>
      <Card
        data-testid="exit-status-card"
        title={
          <Space wrap>
            {t('exitStatusTitle')}
            <Tag
              color={rejected ? 'red' : confirmed ? 'green' : 'blue'}
              data-testid="exit-status"
              data-status={exit.status}
            >
              {statusText}
            </Tag>
          </Space>
        }
      >
        <CaseSteps status={exit.status} statusLabel={statusText} testId="exit-steps" />
        <Descriptions style={{ marginTop: 24 }} column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('submittedAt')}>{formatDateTime(exit.submittedAt)}</Descriptions.Item>
          {inFlight && (
            <Descriptions.Item label={t('inStepFor')}>
              <span data-testid="exit-time-in-step">{formatElapsed(exit.stepEnteredAt, lang)}</span>
            </Descriptions.Item>
          )}
          {exit.decidedAt && (
            <Descriptions.Item label={t('decidedAt')}>{formatDateTime(exit.decidedAt)}</Descriptions.Item>
          )}
        </Descriptions>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {inFlight && <Alert type="info" showIcon data-testid="exit-in-progress" title={t('exitInProgress')} />}
          {rejected && (
            <>
              <Alert
                type="error"
                showIcon
                data-testid="exit-reason"
                title={statusText}
                description={`${t('rejectionReason')}：${exit.lastReason ?? t('noValue')}`}
              />
              <Alert type="info" showIcon data-testid="exit-keeps-qualification" title={t('exitKeepsQualification')} />
            </>
          )}
          {confirmed && (
            <Result
              status="success"
              data-testid="exited-notice"
              title={t('exitedTitle')}
              subTitle={t('exitedHint')}
              extra={
                <Button type="primary" data-testid="apply-again" onClick={() => navigate('/access/application/apply')}>
                  {t('apply')}
                </Button>
              }
            />
          )}
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('materials')}>
            <MaterialList materials={exit.materials} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('timeline')}>
            <AuditTimeline events={exit.auditTrail} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
