import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { LoadMoreButton } from '../../ui/LoadMoreButton.tsx';
import { EmptyState, LoadError } from '../../ui/PageState.tsx';
import { payloadProblem } from '../../ui/payload.ts';
import { usePagedList } from '../../ui/usePagedList.ts';
import { API_TOKENS_QUERY, type ApiToken, CREATE_API_TOKEN_MUTATION, REVOKE_API_TOKEN_MUTATION } from './import-api.ts';
import { useDcuGate } from './useDcuGate.tsx';

const EXPIRY_DAYS = [30, 90, 180, 365];
const NEVER = 0;
const NO_VARIABLES = {};

/** API 令牌 for third-party clients of the 使用单位管理能力: created (shown once), listed, revoked. */
export function ApiTokensPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { gate } = useDcuGate();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/access/invitations')} data-testid="back-to-list">
          {t('backToList')}
        </Button>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('apiTokens')}
        </Typography.Title>
      </Space>
      {gate ?? <Tokens />}
    </Space>
  );
}

function Tokens() {
  const { t } = useI18n();
  const [form] = Form.useForm<{ name: string; expiresInDays: number }>();
  const [created, setCreated] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const tokens = usePagedList(API_TOKENS_QUERY, NO_VARIABLES, (data) => data.apiTokens);
  const reload = tokens.reload;
  const [createState, create] = useMutation(CREATE_API_TOKEN_MUTATION);
  const [, revoke] = useMutation(REVOKE_API_TOKEN_MUTATION);

  const onCreate = async (values: { name: string; expiresInDays: number }) => {
    setProblem(null);
    const input = {
      name: values.name.trim(),
      ...(values.expiresInDays !== NEVER ? { expiresInDays: values.expiresInDays } : {}),
    };
    const result = await create({ input });
    const payload = result.data?.createApiToken;
    if (payload?.__typename === 'CreateApiTokenSuccess') {
      setCreated(payload.token);
      form.resetFields();
      reload();
    } else setProblem(payloadProblem(payload, result.error?.message ?? t('submitFailed')));
  };

  const onRevoke = async (token: ApiToken) => {
    setProblem(null);
    const result = await revoke({ input: { id: token.id } });
    const payload = result.data?.revokeApiToken;
    if (payload?.__typename === 'ApiTokenSuccess') reload();
    else setProblem(payloadProblem(payload, result.error?.message ?? t('submitFailed')));
  };

  const tokenState = (token: ApiToken) => {
    if (token.revokedAt) return <Tag>{t('revoked')}</Tag>;
    if (token.expiresAt && new Date(token.expiresAt).getTime() < Date.now()) return <Tag>{t('tokenExpired')}</Tag>;
    return <Tag color="green">{t('tokenActive')}</Tag>;
  };

  return (
    <>
      <Card title={t('createToken')}>
        <Typography.Paragraph type="secondary">{t('apiTokensHint')}</Typography.Paragraph>
        <Form
          form={form}
          layout="inline"
          aria-label={t('createToken')}
          initialValues={{ expiresInDays: 365 }}
          onFinish={(v) => void onCreate(v)}
        >
          <Form.Item
            label={t('tokenName')}
            name="name"
            rules={[{ required: true, whitespace: true, message: t('fieldRequired', { field: t('tokenName') }) }]}
          >
            <Input maxLength={100} data-testid="token-name" />
          </Form.Item>
          <Form.Item label={t('expiresAt')} name="expiresInDays">
            <Select
              style={{ minWidth: 140 }}
              aria-label={t('expiresAt')}
              data-testid="token-expiry"
              options={[
                ...EXPIRY_DAYS.map((d) => ({ value: d, label: t('days', { count: String(d) }) })),
                { value: NEVER, label: t('neverExpires') },
              ]}
            />
          </Form.Item>
          <Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              icon={<PlusOutlined />}
              loading={createState.fetching}
              data-testid="token-create"
            >
              {t('createToken')}
            </Button>
          </Form.Item>
        </Form>
        <FormProblem problem={problem} testId="token-error" style={{ marginTop: 12 }} />
      </Card>
      {created && (
        // Shown inline (not in a dialog) so that closing it removes the secret from the page at once.
        <Alert
          type="warning"
          showIcon
          data-testid="token-created"
          title={`${t('tokenCreated')}：${t('tokenShownOnce')}`}
          description={
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Paragraph
                copyable={{ text: created, tooltips: [t('copy'), t('copied')] }}
                code
                style={{ margin: 0, wordBreak: 'break-all' }}
                data-testid="token-value"
              >
                {created}
              </Typography.Paragraph>
              <Button type="primary" data-testid="token-close" onClick={() => setCreated(null)}>
                {t('close')}
              </Button>
            </Space>
          }
        />
      )}
      <Card title={t('apiTokens')}>
        {tokens.error && !tokens.data ? (
          <LoadError error={tokens.error} onRetry={reload} />
        ) : (
          <Table<ApiToken>
            data-testid="token-table"
            rowKey="id"
            loading={tokens.fetching && !tokens.data}
            pagination={false}
            dataSource={tokens.rows}
            scroll={{ x: 800 }}
            locale={{ emptyText: <EmptyState /> }}
            onRow={(r) => ({ 'data-testid': `token-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('tokenName'), dataIndex: 'name' },
              { title: t('tokenPrefix'), dataIndex: 'prefix', render: (v: string) => <code>{v}…</code> },
              { title: t('createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
              {
                title: t('expiresAt'),
                dataIndex: 'expiresAt',
                render: (v: string | null) => (v ? formatDateTime(v) : t('neverExpires')),
              },
              { title: t('lastUsedAt'), dataIndex: 'lastUsedAt', render: (v: string | null) => formatDateTime(v) },
              { title: t('status'), key: 'state', render: (_, r) => tokenState(r) },
              {
                title: t('actions'),
                key: 'revoke',
                render: (_, r) =>
                  !r.revokedAt && (
                    <Popconfirm
                      title={t('revokeConfirm')}
                      okText={t('revoke')}
                      cancelText={t('cancel')}
                      okButtonProps={{ danger: true, 'data-testid': 'revoke-confirm' }}
                      onConfirm={() => onRevoke(r)}
                    >
                      <Button danger size="small" data-testid={`revoke-${r.id}`}>
                        {t('revoke')}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
        )}
        <LoadMoreButton list={tokens} label={t('loadMore')} />
      </Card>
    </>
  );
}
