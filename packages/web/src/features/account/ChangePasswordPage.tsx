import { LockOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useClient, useMutation, useQuery } from 'urql';
import { useAuth } from '../../app/auth.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { homePath, type SessionViewer, VIEWER_QUERY } from '../../app/viewer.ts';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { placeFieldIssues } from '../../ui/field-issues.ts';
import { formatDateTime } from '../../ui/format.ts';
import { AccountPageFrame } from './AccountPageFrame.tsx';
import { CHANGE_PASSWORD_MUTATION, PASSWORD_POLICY_QUERY, type PasswordPolicy } from './api.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const FIELDS = ['currentPassword', 'newPassword'] as const;

/** 修改密码: reached from the header, and the only page of a user whose password must be changed first. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const { viewer } = useAuth();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const client = useClient();
  const [form] = Form.useForm<Values>();
  const [policy] = useQuery({ query: PASSWORD_POLICY_QUERY });
  const [state, change] = useMutation(CHANGE_PASSWORD_MUTATION);
  const [problem, setProblem] = useState<string | null>(null);
  if (!viewer) return null;
  const required = viewer.passwordChangeRequired;

  const onFinish = async (values: Values) => {
    setProblem(null);
    const result = await change({
      input: { currentPassword: values.currentPassword, newPassword: values.newPassword },
    });
    const payload = result.data?.changePassword;
    if (payload?.__typename === 'ChangePasswordSuccess') {
      // the session's viewer is read again before leaving: the pages check it, and the one read before said "change"
      await client.query(VIEWER_QUERY, {}, { requestPolicy: 'network-only' }).toPromise();
      message.success(t('passwordChanged'));
      navigate(homePath(payload.viewer), { replace: true });
      return;
    }
    const issues = payload && 'issues' in payload ? (payload.issues ?? []) : [];
    if (!placeFieldIssues(form, issues, FIELDS)) {
      setProblem(
        (payload && 'message' in payload ? payload.message : undefined) ?? result.error?.message ?? t('loadFailed'),
      );
    }
  };

  return (
    <AccountPageFrame viewer={viewer} title={t('changePasswordTitle')} width={520}>
      <PasswordState viewer={viewer} />
      <FormProblem problem={problem} testId="change-password-error" style={{ marginBottom: 16 }} />
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="currentPassword"
          label={t('currentPassword')}
          rules={[{ required: true, message: t('currentPasswordRequired') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('newPasswordLabel')}
          extra={policy.data ? <PolicyHint policy={policy.data.passwordPolicy} /> : undefined}
          rules={[{ required: true, message: t('newPasswordRequired') }]}
        >
          <Input.Password autoComplete="new-password" data-testid="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('confirmPasswordRequired') },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('passwordsDiffer'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="confirm-password" />
        </Form.Item>
        <Space>
          <Button
            type="primary"
            htmlType="submit"
            icon={<LockOutlined />}
            loading={state.fetching}
            data-testid="change-password-submit"
          >
            {t('changePasswordSubmit')}
          </Button>
          {!required && (
            <Button onClick={() => navigate(homePath(viewer))} data-testid="change-password-back">
              {t('back')}
            </Button>
          )}
        </Space>
      </Form>
    </AccountPageFrame>
  );
}

/** Why the change is asked for, or when the current password runs out. */
function PasswordState({ viewer }: { viewer: SessionViewer }) {
  const { t } = useI18n();
  const reason = viewer.passwordChangeRequired;
  if (reason) {
    return (
      <Alert
        type="warning"
        showIcon
        role="alert"
        data-testid="password-change-required"
        title={reason === 'TEMPORARY' ? t('passwordTemporary') : t('passwordExpired')}
        style={{ marginBottom: 16 }}
      />
    );
  }
  if (!viewer.passwordExpiresAt) return null;
  return (
    <Typography.Paragraph data-testid="password-expires">
      {t('passwordExpiresAt', { at: formatDateTime(viewer.passwordExpiresAt) })}
    </Typography.Paragraph>
  );
}

function PolicyHint({ policy }: { policy: PasswordPolicy }) {
  const { t } = useI18n();
  return (
    <span data-testid="password-policy">
      {t('passwordPolicyHint', {
        min: String(policy.minLength),
        max: String(policy.maxLength),
        classes: String(policy.minClasses),
      })}
      {policy.history > 0 ? t('passwordHistoryHint', { history: String(policy.history) }) : ''}
    </span>
  );
}
