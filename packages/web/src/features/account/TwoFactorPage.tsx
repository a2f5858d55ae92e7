import { CopyOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Form, Input, QRCode, Space, Typography } from 'antd';
import { type ReactNode, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useClient, useMutation } from 'urql';
import { useAuth } from '../../app/auth.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { homePath, VIEWER_QUERY } from '../../app/viewer.ts';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { placeFieldIssues } from '../../ui/field-issues.ts';
import { AccountPageFrame } from './AccountPageFrame.tsx';
import {
  BEGIN_TWO_FACTOR_MUTATION,
  CONFIRM_TWO_FACTOR_MUTATION,
  DISABLE_TWO_FACTOR_MUTATION,
  REGENERATE_RECOVERY_CODES_MUTATION,
} from './api.ts';

interface CodeValues {
  oneTimeCode: string;
}

type Refusal = { message?: string; issues?: readonly { field: string; message: string }[] | null } | undefined;

/** A refusal's code issue under the code field, anything else above the form. */
function useRefusal(form: ReturnType<typeof Form.useForm<CodeValues>>[0]) {
  const { t } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  const show = (payload: Refusal, fallback?: string) => {
    if (!placeFieldIssues(form, payload?.issues ?? [], ['oneTimeCode'])) {
      setProblem(payload?.message ?? fallback ?? t('loadFailed'));
    }
  };
  return { problem, show, clear: () => setProblem(null) };
}

/** The secret in groups of four, as people type it into an app. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/** 双因素认证: set up (QR code, first code, recovery codes), new recovery codes, turn off where allowed. */
export function TwoFactorPage() {
  const { t } = useI18n();
  const { viewer } = useAuth();
  const navigate = useNavigate();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  if (!viewer) return null;
  const mustEnrol = viewer.twoFactorRequired && !viewer.twoFactorEnabled;

  return (
    <AccountPageFrame viewer={viewer} title={t('twoFactorTitle')} width={560}>
      <Typography.Paragraph>{t('twoFactorIntro')}</Typography.Paragraph>
      {mustEnrol && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          data-testid="two-factor-required"
          title={t('twoFactorRequiredNotice')}
          style={{ marginBottom: 16 }}
        />
      )}
      {recoveryCodes ? (
        <RecoveryCodes
          codes={recoveryCodes}
          username={viewer.username}
          onDone={() => {
            setRecoveryCodes(null);
            navigate(homePath(viewer), { replace: true });
          }}
        />
      ) : viewer.twoFactorEnabled ? (
        <Enabled required={viewer.twoFactorRequired} onRecoveryCodes={setRecoveryCodes} />
      ) : (
        <Enrolment onEnrolled={setRecoveryCodes} />
      )}
      {!mustEnrol && !recoveryCodes && (
        <Button style={{ marginTop: 16 }} onClick={() => navigate(homePath(viewer))} data-testid="two-factor-back">
          {t('back')}
        </Button>
      )}
    </AccountPageFrame>
  );
}

function Enrolment({ onEnrolled }: { onEnrolled: (codes: string[]) => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const client = useClient();
  const [form] = Form.useForm<CodeValues>();
  const refusal = useRefusal(form);
  const [offer, setOffer] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [beginState, begin] = useMutation(BEGIN_TWO_FACTOR_MUTATION);
  const [confirmState, confirm] = useMutation(CONFIRM_TWO_FACTOR_MUTATION);

  const start = async () => {
    refusal.clear();
    const result = await begin({});
    const payload = result.data?.beginTwoFactorEnrolment;
    if (payload?.__typename === 'TwoFactorEnrolmentOffer') setOffer(payload);
    else refusal.show(payload && 'message' in payload ? payload : undefined, result.error?.message);
  };
  const onFinish = async (values: CodeValues) => {
    refusal.clear();
    const result = await confirm({ input: { oneTimeCode: values.oneTimeCode.trim() } });
    const payload = result.data?.confirmTwoFactorEnrolment;
    if (payload?.__typename === 'TwoFactorEnrolled') {
      // the pages follow the session's viewer: read it again, now with two factors on
      await client.query(VIEWER_QUERY, {}, { requestPolicy: 'network-only' }).toPromise();
      message.success(t('twoFactorEnabledMessage'));
      onEnrolled(payload.recoveryCodes);
      return;
    }
    refusal.show(payload && 'message' in payload ? payload : undefined, result.error?.message);
  };

  return (
    <>
      <Typography.Paragraph data-testid="two-factor-state">{t('twoFactorOff')}</Typography.Paragraph>
      <FormProblem problem={refusal.problem} testId="two-factor-error" style={{ marginBottom: 16 }} />
      {!offer ? (
        <Button
          type="primary"
          icon={<SafetyOutlined />}
          loading={beginState.fetching}
          onClick={start}
          data-testid="two-factor-start"
        >
          {t('twoFactorStart')}
        </Button>
      ) : (
        <>
          <Typography.Paragraph>{t('twoFactorScan')}</Typography.Paragraph>
          <Space align="start" wrap style={{ marginBottom: 16 }}>
            <QRCode value={offer.otpauthUri} size={176} bordered data-testid="two-factor-qr" />
            <div>
              <Typography.Text type="secondary">{t('twoFactorSecret')}</Typography.Text>
              <Typography.Paragraph
                copyable={{ text: offer.secret }}
                code
                style={{ fontSize: 15, wordBreak: 'break-all' }}
                data-testid="two-factor-secret"
              >
                {grouped(offer.secret)}
              </Typography.Paragraph>
            </div>
          </Space>
          <CodeForm
            form={form}
            label={t('twoFactorEnterCode')}
            submitLabel={t('twoFactorConfirm')}
            loading={confirmState.fetching}
            onFinish={onFinish}
            testId="two-factor-confirm"
          />
        </>
      )}
    </>
  );
}

function Enabled({ required, onRecoveryCodes }: { required: boolean; onRecoveryCodes: (codes: string[]) => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const client = useClient();
  const [form] = Form.useForm<CodeValues>();
  const refusal = useRefusal(form);
  // which of the form's two buttons submitted it (a ref: the click and the submit are one event)
  const action = useRef<'REGENERATE' | 'DISABLE'>('REGENERATE');
  const [regenerateState, regenerate] = useMutation(REGENERATE_RECOVERY_CODES_MUTATION);
  const [disableState, disable] = useMutation(DISABLE_TWO_FACTOR_MUTATION);

  const onFinish = async (values: CodeValues) => {
    refusal.clear();
    const input = { oneTimeCode: values.oneTimeCode.trim() };
    if (action.current === 'REGENERATE') {
      const result = await regenerate({ input });
      const payload = result.data?.regenerateRecoveryCodes;
      if (payload?.__typename === 'RecoveryCodes') {
        message.success(t('recoveryCodesRegenerated'));
        form.resetFields();
        onRecoveryCodes(payload.recoveryCodes);
        return;
      }
      refusal.show(payload && 'message' in payload ? payload : undefined, result.error?.message);
      return;
    }
    const result = await disable({ input });
    const payload = result.data?.disableTwoFactor;
    if (payload?.__typename === 'TwoFactorDisabled') {
      await client.query(VIEWER_QUERY, {}, { requestPolicy: 'network-only' }).toPromise();
      message.success(t('twoFactorDisabledMessage'));
      form.resetFields();
      return;
    }
    refusal.show(payload && 'message' in payload ? payload : undefined, result.error?.message);
  };

  return (
    <>
      <Typography.Paragraph data-testid="two-factor-state">
        <SafetyOutlined style={{ color: '#389e0d', marginRight: 8 }} />
        {t('twoFactorOn')}
      </Typography.Paragraph>
      {required && <Typography.Paragraph type="secondary">{t('twoFactorCannotDisable')}</Typography.Paragraph>}
      <FormProblem problem={refusal.problem} testId="two-factor-error" style={{ marginBottom: 16 }} />
      <CodeForm
        form={form}
        label={t('twoFactorCodeForChange')}
        submitLabel={t('recoveryCodesRegenerate')}
        loading={regenerateState.fetching}
        onFinish={onFinish}
        onSubmitClick={() => {
          action.current = 'REGENERATE';
        }}
        testId="recovery-codes-regenerate"
        extra={
          required ? null : (
            <Button
              danger
              htmlType="submit"
              loading={disableState.fetching}
              onClick={() => {
                action.current = 'DISABLE';
              }}
              data-testid="two-factor-disable"
            >
              {t('twoFactorDisable')}
            </Button>
          )
        }
      />
    </>
  );
}

function CodeForm({
  form,
  label,
  submitLabel,
  loading,
  onFinish,
  onSubmitClick,
  testId,
  extra,
}: {
  form: ReturnType<typeof Form.useForm<CodeValues>>[0];
  label: string;
  submitLabel: string;
  loading: boolean;
  onFinish: (values: CodeValues) => void;
  onSubmitClick?: () => void;
  testId: string;
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Form<CodeValues> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
      <Form.Item
        name="oneTimeCode"
        label={label}
        extra={t('oneTimeCodeHint')}
        rules={[{ required: true, whitespace: true, message: t('oneTimeCodeRequired') }]}
      >
        <Input
          autoComplete="one-time-code"
          inputMode="text"
          maxLength={32}
          style={{ maxWidth: 240 }}
          data-testid="one-time-code"
        />
      </Form.Item>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={loading} onClick={onSubmitClick} data-testid={testId}>
          {submitLabel}
        </Button>
        {extra}
      </Space>
    </Form>
  );
}

function RecoveryCodes({ codes, username, onDone }: { codes: string[]; username: string; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const text = codes.join('\n');
  const download = () => {
    const url = URL.createObjectURL(new Blob([`${text}\n`], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `leqi-recovery-codes-${username}.txt`;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section aria-label={t('recoveryCodesTitle')}>
      <Typography.Title level={5}>{t('recoveryCodesTitle')}</Typography.Title>
      <Alert type="info" showIcon title={t('recoveryCodesHint')} style={{ marginBottom: 16 }} />
      <ol
        data-testid="recovery-codes"
        style={{ columns: 2, fontFamily: 'monospace', fontSize: 15, paddingLeft: 28, marginBottom: 16 }}
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <Space wrap>
        <Button
          icon={<CopyOutlined />}
          data-testid="recovery-codes-copy"
          onClick={() =>
            navigator.clipboard
              .writeText(text)
              .then(() => message.success(t('recoveryCodesCopied')))
              .catch(() => message.warning(t('recoveryCodesCopyFailed')))
          }
        >
          {t('recoveryCodesCopy')}
        </Button>
        <Button onClick={download} data-testid="recovery-codes-download">
          {t('recoveryCodesDownload')}
        </Button>
        <Button type="primary" onClick={onDone} data-testid="recovery-codes-saved">
          {t('recoveryCodesSaved')}
        </Button>
      </Space>
    </section>
  );
}
