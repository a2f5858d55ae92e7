import { SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { SESSION_ENDED_KEY, useAuth } from '../../app/auth.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { ROLE_LABELS } from '../../app/messages.ts';
import { homePath, type SessionViewer } from '../../app/viewer.ts';
import { LanguageSwitch } from '../../ui/AppHeader.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { placeFieldIssues } from '../../ui/field-issues.ts';
import { ItemList, ItemRow } from '../../ui/ItemList.tsx';
import { DEMO_PASSWORD, DEMO_USERS_QUERY, type DemoUser, SIGN_IN_MUTATION } from './api.ts';

/** Back to the page that asked for a session when it belongs to the user's side of the product, else home. */
function returnPath(from: string | undefined, viewer: SessionViewer): string {
  const enterprisePage = !!from && (from.startsWith('/access') || from.startsWith('/m/'));
  const officerPage = !!from && from.startsWith('/workbench');
  if (viewer.role === 'ENTERPRISE' && enterprisePage) return from;
  if (viewer.role === 'OFFICER' && officerPage) return from;
  return homePath(viewer);
}

interface Credentials {
  username: string;
  password: string;
  oneTimeCode?: string;
}

export function SignInPage() {
  const { t } = useI18n();
  const { viewer, signedIn } = useAuth();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from;
  const [form] = Form.useForm<Credentials>();
  const [error, setError] = useState<string | null>(null);
  // 双因素认证: the password was right and the account asks for a code too
  const [codeNeeded, setCodeNeeded] = useState(false);
  const [sessionEnded] = useState(() => sessionStorage.getItem(SESSION_ENDED_KEY) === '1');
  const [signInState, signIn] = useMutation(SIGN_IN_MUTATION);

  if (viewer) return <Navigate to={returnPath(from, viewer)} replace />;

  const onFinish = async (values: Credentials) => {
    setError(null);
    const oneTimeCode = codeNeeded ? values.oneTimeCode?.trim() : undefined;
    const result = await signIn({
      input: { username: values.username.trim(), password: values.password, oneTimeCode },
    });
    const payload = result.data?.signIn;
    if (payload?.__typename === 'SignInSuccess' && payload.token && payload.viewer) {
      signedIn(payload.token, payload.viewer);
      navigate(returnPath(from, payload.viewer), { replace: true });
      return;
    }
    if (payload && 'code' in payload && payload.code === 'TWO_FACTOR_REQUIRED') {
      setCodeNeeded(true);
      return;
    }
    const issues = payload && 'issues' in payload ? (payload.issues ?? []) : [];
    if (issues.some((issue) => issue.field === 'oneTimeCode')) form.setFieldValue('oneTimeCode', '');
    if (placeFieldIssues(form, issues, ['oneTimeCode'])) return;
    setError(
      (payload && 'message' in payload ? payload.message : undefined) ?? result.error?.message ?? t('loadFailed'),
    );
  };

  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa', padding: '24px 12px', boxSizing: 'border-box' }}>
      <div style={{ maxWidth: 960, margin: '0 auto' }}>
        <div
          style={{
            display: 'flex',
            flexWrap: 'wrap',
            gap: 8,
            justifyContent: 'space-between',
            alignItems: 'center',
            marginBottom: 24,
          }}
        >
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('appTitle')} · {t('appSubtitle')}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <Card title={t('signInTitle')} style={{ flex: '1 1 320px', minWidth: 0 }}>
            {sessionEnded && (
              <Alert
                type="warning"
                showIcon
                title={t('sessionEnded')}
                data-testid="session-ended"
                style={{ marginBottom: 16 }}
              />
            )}
            <Form
              form={form}
              layout="vertical"
              onFinish={onFinish}
              aria-label={t('signInTitle')}
              requiredMark={false}
              onValuesChange={(changed: Partial<Credentials>) => {
                // another account: its password comes first again
                if ('username' in changed) setCodeNeeded(false);
              }}
            >
              <Form.Item
                label={t('username')}
                name="username"
                rules={[{ required: true, whitespace: true, message: t('usernameRequired') }]}
              >
                <Input autoComplete="username" data-testid="signin-username" prefix={<UserOutlined />} />
              </Form.Item>
              <Form.Item
                label={t('password')}
                name="password"
                rules={[{ required: true, message: t('passwordRequired') }]}
              >
                <Input.Password autoComplete="current-password" data-testid="signin-password" />
              </Form.Item>
              {codeNeeded && (
                <>
                  <Alert
                    type="info"
                    showIcon
                    role="status"
                    title={t('signInCodeNeeded')}
                    data-testid="signin-code-needed"
                    style={{ marginBottom: 16 }}
                  />
                  <Form.Item
                    label={t('oneTimeCode')}
                    name="oneTimeCode"
                    extra={t('oneTimeCodeHint')}
                    rules={[{ required: true, whitespace: true, message: t('oneTimeCodeRequired') }]}
                  >
                    <Input
                      autoFocus
                      autoComplete="one-time-code"
                      maxLength={32}
                      data-testid="signin-code"
                      prefix={<SafetyOutlined />}
                    />
                  </Form.Item>
                </>
              )}
              {error && (
                <Form.Item>
                  <FormProblem problem={error} testId="signin-error" />
                </Form.Item>
              )}
              <Button type="primary" htmlType="submit" block loading={signInState.fetching} data-testid="signin-submit">
                {t('signIn')}
              </Button>
            </Form>
          </Card>
          <DemoUsersCard
            onPick={(u) => {
              setError(null);
              setCodeNeeded(false);
              form.setFieldsValue({ username: u.username, password: DEMO_PASSWORD });
            }}
          />
        </div>
      </div>
    </div>
  );
}

/**
 * Only a demo deployment has demo users (production lists none unless SEED_DEMO_DATA=true): without any, or when
 * the list cannot be loaded, the page is just the sign-in form.
 */
function DemoUsersCard({ onPick }: { onPick: (user: DemoUser) => void }) {
  const { t, label } = useI18n();
  const [{ data }] = useQuery({ query: DEMO_USERS_QUERY });
  const users = data?.demoUsers ?? [];
  if (users.length === 0) return null;
  return (
    <Card title={t('demoUsers')} style={{ flex: '1 1 420px', minWidth: 0 }} data-testid="demo-users-card">
      <Typography.Paragraph type="secondary">{t('demoUsersHint')}</Typography.Paragraph>
      <DemoUserList users={users} label={label} onPick={onPick} />
    </Card>
  );
}

function DemoUserList({
  users,
  label,
  onPick,
}: {
  users: DemoUser[];
  label: ReturnType<typeof useI18n>['label'];
  onPick: (user: DemoUser) => void;
}) {
  return (
    <ItemList
      testId="demo-users"
      items={users}
      itemKey={(u) => u.username}
      style={{ maxHeight: 420, overflow: 'auto' }}
      renderItem={(u) => (
        <ItemRow
          title={
            <Button
              type="link"
              style={{ padding: 0, height: 'auto', textAlign: 'left', whiteSpace: 'normal' }}
              data-testid={`demo-user-${u.username}`}
              onClick={() => onPick(u)}
            >
              <span>
                <Typography.Text code>{u.username}</Typography.Text> {u.displayName}{' '}
                <Tag>{label(ROLE_LABELS, u.role)}</Tag>
                <Typography.Text type="secondary" style={{ display: 'block' }}>
                  {u.hint}
                </Typography.Text>
              </span>
            </Button>
          }
        />
      )}
    />
  );
}
