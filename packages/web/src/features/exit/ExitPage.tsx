import { ArrowLeftOutlined, DownloadOutlined, LinkOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Space, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useClient, useMutation, useQuery } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { DCU_STATUS_LABELS, IDENTITY_LABELS, STATUS_LABELS } from '../../app/messages.ts';
import { AuditTimeline } from '../../ui/AuditTimeline.tsx';
import { CaseSteps } from '../../ui/CaseSteps.tsx';
import { formatDateTime, formatElapsed } from '../../ui/format.ts';
import { MaterialList } from '../../ui/MaterialList.tsx';
import { LoadError, Loading } from '../../ui/PageState.tsx';
import { useCaseEvents } from '../../ui/useLiveRefresh.ts';
import type { Material } from '../access-application/api.ts';
import { MaterialUploads } from '../access-application/MaterialUploads.tsx';
import { payloadProblem } from '../invitations/api.ts';
import {
  EXIT_FORM_URL_QUERY,
  EXIT_IN_FLIGHT,
  EXIT_PAGE_QUERY,
  EXIT_PRECHECK_QUERY,
  EXIT_REJECTED,
  type ExitApplication,
  type ExitPrecheck,
  SUBMIT_EXIT_MUTATION,
} from './api.ts';

const FORM_KIND = 'EXIT_APPLICATION_FORM';
/** 接入邀请 list filtered to 确认通过 (the bound use units). */
export const UNBIND_PATH = '/access/invitations?status=CONFIRMED';

/** 接入管理 → 接入申请 → 申请退出 (manual §3.6): notice, 智能校验, signed form, status. */
export function ExitPage() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: EXIT_PAGE_QUERY,
    requestPolicy: 'cache-and-network',
  });
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  // A bureau decision on the exit arrives as a case event: reload without a page refresh.
  useCaseEvents((e) => {
    if (e.caseKind === 'EXIT_APPLICATION') reload();
  });
  const [submitted, setSubmitted] = useState(false);

  if (fetching && !data) return <Loading />;
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  const viewer = data?.viewer;
  const enterprise = viewer?.enterprise;
  if (!viewer || !enterprise) return <LoadError error={t('loadFailed')} onRetry={reload} />;
  const latest = viewer.exitApplications[0] ?? null;
  const mayApply = viewer.canExit && enterprise.dcuStatus === 'ACTIVE' && (!latest || EXIT_REJECTED.has(latest.status));

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="exit-page">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('accessApplication')} · {t('exitLeqi')}
        </Typography.Title>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/access/application')}>
          {t('backToApplication')}
        </Button>
      </Space>
      {submitted && (
        <Card>
          <Result
            status="success"
            title={<span data-testid="exit-submitted">{t('exitSubmitted')}</span>}
            subTitle={t('exitSubmittedHint')}
          />
        </Card>
      )}
      {latest && <ExitStatus exit={latest} />}
      {!viewer.canExit ? (
        <Card data-testid="exit-identity-restricted">
          <Result
            status="warning"
            title={t('exitIdentityRestricted')}
            subTitle={t('exitIdentityRestrictedHint', { identity: label(IDENTITY_LABELS, viewer.identityType) })}
          />
        </Card>
      ) : mayApply ? (
        <ExitFlow
          key={latest?.id ?? 'first'}
          onSubmitted={() => {
            setSubmitted(true);
            reload();
          }}
        />
      ) : (
        !latest && (
          <Card data-testid="exit-not-dcu">
            <Result
              status="info"
              title={t('exitNotDcu')}
              subTitle={`${t('dcuStatus')}：${label(DCU_STATUS_LABELS, enterprise.dcuStatus)}`}
            />
          </Card>
        )
      )}
    </Space>
  );
}

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

type FlowStep = 'notice' | 'failed' | 'passed' | 'upload';

/** 阅读注意事项 → 阅读并确认 (智能校验) → 申请退出 (upload the signed form) → 提交. */
function ExitFlow({ onSubmitted }: { onSubmitted: () => void }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const client = useClient();
  const [step, setStep] = useState<FlowStep>('notice');
  const [checking, setChecking] = useState(false);
  const [precheck, setPrecheck] = useState<ExitPrecheck | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [form, setForm] = useState<Material | null>(null);
  const [slotError, setSlotError] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [{ data: formUrl }] = useQuery({
    query: EXIT_FORM_URL_QUERY,
    requestPolicy: 'network-only',
  });
  const [submitState, submit] = useMutation(SUBMIT_EXIT_MUTATION);

  const runCheck = async () => {
    setChecking(true);
    setCheckError(null);
    const result = await client.query(EXIT_PRECHECK_QUERY, {}, { requestPolicy: 'network-only' }).toPromise();
    setChecking(false);
    const checked = result.data?.exitPrecheck;
    if (!checked) {
      setCheckError(result.error?.message ?? t('loadFailed'));
      return;
    }
    setPrecheck(checked);
    setStep(checked.canExit ? 'passed' : 'failed');
  };

  const send = async () => {
    setSubmitError(null);
    if (!form) {
      setSlotError(t('exitFormRequired'));
      return;
    }
    const result = await submit({ input: { materialIds: [form.id] } });
    const payload = result.data?.submitExitApplication;
    if (payload?.__typename === 'ExitApplicationSuccess') {
      onSubmitted();
      return;
    }
    if (payload?.code === 'MATERIALS_MISSING') setSlotError(payload.message ?? t('exitFormRequired'));
    setSubmitError(payloadProblem(payload, result.error?.message ?? t('submitFailed')));
    // A use unit was bound meanwhile: the check no longer passes, show how many.
    if (payload?.code === 'EXIT_BLOCKED') await runCheck();
  };

  const current = step === 'notice' ? 0 : step === 'upload' ? 2 : 1;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Steps
        data-testid="exit-flow-steps"
        current={current}
        status={step === 'failed' ? 'error' : 'process'}
        items={[
          { title: t('exitStepNotice') },
          { title: t('exitStepCheck') },
          { title: t('exitStepUpload') },
          { title: t('exitStepDone') },
        ]}
      />
      <Card title={t('exitNoticeTitle')} data-testid="exit-notice">
        <ol style={{ paddingInlineStart: 20, marginTop: 0 }}>
          {(['exitRule1', 'exitRule2', 'exitRule3', 'exitRule4', 'exitRule5', 'exitRule6'] as const).map((k) => (
            <li key={k} style={{ marginBottom: 8 }}>
              {t(k)}
            </li>
          ))}
        </ol>
        <Typography.Paragraph type="secondary">{t('exitFormHint')}</Typography.Paragraph>
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            href={formUrl?.exitApplicationFormUrl}
            disabled={!formUrl}
            data-testid="exit-form-download"
            style={{ minHeight: 40 }}
          >
            {t('downloadExitForm')}
          </Button>
          <Button
            type="primary"
            loading={checking}
            data-testid="exit-read-confirm"
            onClick={() => void runCheck()}
            style={{ minHeight: 40 }}
          >
            {checking ? t('checking') : t('readAndConfirm')}
          </Button>
        </Space>
        {checkError && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginTop: 16 }}
            data-testid="precheck-error"
            title={checkError}
          />
        )}
      </Card>
      {step === 'failed' && precheck && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="precheck-failed"
          title={t('precheckFailed')}
          description={
            <Space orientation="vertical">
              {precheck.activeBindingCount > 0 ? (
                <Typography.Text data-testid="exit-binding-count" data-count={precheck.activeBindingCount}>
                  {t('precheckFailedBindings', { count: String(precheck.activeBindingCount) })}
                </Typography.Text>
              ) : !precheck.identityAllowed ? (
                <span>{t('exitIdentityRestricted')}</span>
              ) : (
                <span>{t('precheckNotActive', { status: label(DCU_STATUS_LABELS, precheck.dcuStatus) })}</span>
              )}
              <Space wrap>
                {precheck.activeBindingCount > 0 && (
                  <Button
                    type="primary"
                    danger
                    icon={<LinkOutlined />}
                    data-testid="go-unbind"
                    onClick={() => navigate(UNBIND_PATH)}
                  >
                    {t('goUnbind')}
                  </Button>
                )}
                <Button data-testid="precheck-recheck" loading={checking} onClick={() => void runCheck()}>
                  {t('recheck')}
                </Button>
              </Space>
            </Space>
          }
        />
      )}
      {step === 'passed' && (
        <Alert
          type="success"
          showIcon
          data-testid="precheck-passed"
          title={t('precheckPassed')}
          description={t('precheckPassedHint')}
          action={
            <Button type="primary" danger data-testid="exit-apply" onClick={() => setStep('upload')}>
              {t('exitLeqi')}
            </Button>
          }
        />
      )}
      {step === 'upload' && (
        <Card title={t('exitUploadTitle')} data-testid="exit-upload">
          <Typography.Paragraph type="secondary">{t('exitUploadHint')}</Typography.Paragraph>
          <MaterialUploads
            kinds={[FORM_KIND]}
            required={[FORM_KIND]}
            materials={form ? { [FORM_KIND]: form } : {}}
            errors={slotError ? { [FORM_KIND]: slotError } : {}}
            onUploaded={(m) => {
              setForm(m);
              setSlotError(null);
            }}
          />
          {submitError && (
            <Alert
              type="error"
              showIcon
              role="alert"
              style={{ marginTop: 16 }}
              data-testid="exit-error"
              title={submitError}
            />
          )}
          <Button
            type="primary"
            style={{ marginTop: 16, minHeight: 40 }}
            loading={submitState.fetching}
            data-testid="exit-submit"
            onClick={() => void send()}
          >
            {t('submit')}
          </Button>
        </Card>
      )}
    </Space>
  );
}
