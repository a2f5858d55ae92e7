import { DownloadOutlined, LinkOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useClient, useMutation, useQuery } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { DCU_STATUS_LABELS } from '../../app/messages.ts';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { payloadProblem } from '../../ui/payload.ts';
import type { Material } from '../access-application/api.ts';
import { MaterialUploads } from '../access-application/MaterialUploads.tsx';
import { EXIT_FORM_URL_QUERY, EXIT_PRECHECK_QUERY, type ExitPrecheck, SUBMIT_EXIT_MUTATION } from './api.ts';

const FORM_KIND = 'EXIT_APPLICATION_FORM';
/** 接入邀请 list filtered to 确认通过 (the bound use units). */
export const UNBIND_PATH = '/access/invitations?status=CONFIRMED';

type FlowStep = 'notice' | 'failed' | 'passed' | 'upload';

/** 阅读注意事项 → 阅读并确认 (智能校验) → 申请退出 (upload the signed form) → 提交. */
export function ExitFlow({ onSubmitted }: { onSubmitted: () => void }) {
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
        <FormProblem problem={checkError} testId="precheck-error" style={{ marginTop: 16 }} />
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
          <FormProblem problem={submitError} testId="exit-error" style={{ marginTop: 16 }} />
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
