import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { AUTHORISATION_STATUS_LABELS, DCU_STATUS_LABELS, SUBSCRIPTION_STATUS_LABELS } from '../../app/messages.ts';
import { AuditTimeline } from '../../ui/AuditTimeline.tsx';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { EmptyState, LoadError, Loading } from '../../ui/PageState.tsx';
import { useCaseEvents } from '../../ui/useLiveRefresh.ts';
import type { Capability, CapabilityAuthorisation, PartyEnterprise } from '../invitations/api.ts';
import { payloadProblem } from '../invitations/api.ts';
import {
  APPLY_SUBSCRIPTION_MUTATION,
  CAPABILITIES_PAGE_QUERY,
  type CapabilitySubscription,
  MAX_DAILY_VOLUME,
  renewalDue,
} from './api.ts';

const STATUS_COLORS: Record<string, string> = {
  PENDING_APPROVAL: 'blue',
  APPROVED: 'green',
  REJECTED: 'red',
  CANCELLED: 'default',
  REVOKED: 'default',
};

/** 能力订阅: the DCU's 乐企ID and validity, its subscription applications, 申请订阅, and 能力授权. */
export function CapabilitiesPage() {
  const { t, label } = useI18n();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: CAPABILITIES_PAGE_QUERY,
    variables: { first: 100 },
    requestPolicy: 'cache-and-network',
  });
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  useCaseEvents((e) => {
    if (e.caseKind === 'CAPABILITY_SUBSCRIPTION' || e.caseKind === 'EXIT_APPLICATION' || e.caseKind === 'INVITATION')
      reload();
  });
  const [applying, setApplying] = useState(false);
  const [applied, setApplied] = useState(false);

  if (fetching && !data) return <Loading />;
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  const enterprise = data?.viewer?.enterprise;
  if (!data || !enterprise) return <LoadError error={t('loadFailed')} onRetry={reload} />;
  const active = enterprise.dcuStatus === 'ACTIVE';
  const names = new Map(data.capabilities.map((c) => [c.code, c.name]));
  const subscriptions = data.viewer?.capabilitySubscriptions ?? [];
  const authorisations = data.bindings.edges.flatMap(({ node: b }) =>
    b.authorisations.map((a) => ({ ...a, directUnit: b.directUnit })),
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="capabilities-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('capabilitiesTitle')}
      </Typography.Title>
      <Card>
        <Descriptions column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('dcuStatus')}>
            <Tag data-testid="dcu-status" data-status={enterprise.dcuStatus}>
              {label(DCU_STATUS_LABELS, enterprise.dcuStatus)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('leqiId')}>
            <Typography.Text copyable={!!enterprise.leqiId} strong data-testid="leqi-id">
              {enterprise.leqiId ?? t('noValue')}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('validUntil')}>
            <span data-testid="dcu-expires-at">{formatDate(enterprise.dcuExpiresAt)}</span>
          </Descriptions.Item>
        </Descriptions>
        {active && renewalDue(enterprise.dcuExpiresAt) && (
          <Alert
            type="warning"
            showIcon
            data-testid="renewal-reminder"
            title={
              enterprise.dcuExpiresAt && new Date(enterprise.dcuExpiresAt).getTime() < Date.now()
                ? t('expiredReminder', { date: formatDate(enterprise.dcuExpiresAt) })
                : t('renewalReminder', { date: formatDate(enterprise.dcuExpiresAt) })
            }
          />
        )}
      </Card>
      {applied && (
        <Alert
          type="success"
          showIcon
          closable
          data-testid="subscription-submitted"
          title={t('subscriptionSubmitted')}
        />
      )}
      {applying && (
        <SubscriptionForm
          capabilities={data.capabilities}
          onCancel={() => setApplying(false)}
          onApplied={() => {
            setApplying(false);
            setApplied(true);
            reload();
          }}
        />
      )}
      <Card
        title={t('subscriptionApplications')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!active || applying}
            data-testid="subscribe-button"
            onClick={() => {
              setApplied(false);
              setApplying(true);
            }}
          >
            {t('applySubscription')}
          </Button>
        }
      >
        {!active && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="subscription-gate"
            title={enterprise.dcuStatus === 'EXITING' ? t('subscriptionExiting') : t('subscriptionOnlyActive')}
          />
        )}
        <Table<CapabilitySubscription>
          data-testid="subscription-table"
          rowKey="id"
          size="middle"
          dataSource={subscriptions}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <EmptyState description={t('noSubscriptions')} /> }}
          onRow={(s) => ({ 'data-testid': `subscription-row-${s.id}` }) as React.HTMLAttributes<HTMLElement>}
          expandable={{
            expandedRowRender: (s) => <AuditTimeline events={s.auditTrail} labels={SUBSCRIPTION_STATUS_LABELS} />,
          }}
          columns={[
            {
              title: t('subscriptionCapabilities'),
              key: 'caps',
              render: (_, s) => (
                <Space wrap size={4}>
                  {s.capabilityCodes.map((code) => (
                    <Tag key={code}>
                      {names.get(code) ?? code}（{code}）
                    </Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: t('capabilityValidUntil'),
              key: 'validUntil',
              render: (_, s) => formatDate(s.validUntil),
            },
            { title: t('businessSystemName'), dataIndex: 'businessSystemName' },
            {
              title: t('dailyVolume'),
              key: 'volumes',
              render: (_, s) => s.dailyVolumes.map((v) => `${v.capabilityCode}: ${v.volume}`).join('；'),
            },
            {
              title: t('status'),
              key: 'status',
              render: (_, s) => (
                <Tag color={STATUS_COLORS[s.status]} data-testid={`subscription-status-${s.id}`} data-status={s.status}>
                  {label(SUBSCRIPTION_STATUS_LABELS, s.status, s.statusLabel)}
                </Tag>
              ),
            },
            {
              title: t('reason'),
              key: 'reason',
              width: 220,
              render: (_, s) =>
                s.lastReason ? (
                  <Typography.Text type="danger" data-testid={`subscription-reason-${s.id}`}>
                    {s.lastReason}
                  </Typography.Text>
                ) : (
                  t('noValue')
                ),
            },
            { title: t('submittedAt'), key: 'submittedAt', render: (_, s) => formatDateTime(s.submittedAt) },
          ]}
        />
      </Card>
      <Card title={t('authorisations')}>
        <Table<CapabilityAuthorisation & { holder: PartyEnterprise; directUnit: PartyEnterprise }>
          data-testid="authorisation-table"
          rowKey="id"
          size="middle"
          dataSource={authorisations}
          pagination={false}
          scroll={{ x: 800 }}
          locale={{ emptyText: <EmptyState description={t('noAuthorisations')} /> }}
          onRow={(a) => ({ 'data-testid': `authorisation-row-${a.id}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('directUnit'), key: 'dcu', render: (_, a) => a.directUnit.name },
            {
              title: t('authorisationHolder'),
              key: 'holder',
              render: (_, a) => (
                <span>
                  {a.holder.name}
                  <br />
                  <Typography.Text type="secondary">{a.holder.uscc}</Typography.Text>
                </span>
              ),
            },
            {
              title: t('capabilityName'),
              key: 'cap',
              render: (_, a) => `${a.capabilityName}（${a.capabilityCode}）`,
            },
            { title: t('validFrom'), key: 'from', render: (_, a) => formatDate(a.validFrom) },
            { title: t('validTo'), key: 'to', render: (_, a) => formatDate(a.validTo) },
            {
              title: t('authorisationStatus'),
              key: 'status',
              render: (_, a) => (
                <Tag color={a.status === 'ACTIVE' ? 'green' : 'default'}>
                  {label(AUTHORISATION_STATUS_LABELS, a.status)}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

interface SubscriptionValues {
  capabilityCodes: string[];
  validUntil: string;
  businessSystemName: string;
  volumes: Record<string, number | null>;
  businessScope: string;
}

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** 申请订阅: capabilities (not the public ones), 能力有效期止, system, 每项能力日使用量, 业务范围. */
function SubscriptionForm({
  capabilities,
  onApplied,
  onCancel,
}: {
  capabilities: Capability[];
  onApplied: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<SubscriptionValues>();
  const chosen: string[] = Form.useWatch('capabilityCodes', form) ?? [];
  const [problem, setProblem] = useState<string | null>(null);
  const [state, apply] = useMutation(APPLY_SUBSCRIPTION_MUTATION);
  const subscribable = capabilities.filter((c) => !c.isPublic);
  const nameOf = (code: string) => capabilities.find((c) => c.code === code)?.name ?? code;

  const submit = async (values: SubscriptionValues) => {
    setProblem(null);
    const codes = values.capabilityCodes;
    const result = await apply({
      input: {
        capabilityCodes: codes,
        // 能力有效期止 is a day: valid to its end, in the user's time zone
        validUntil: new Date(`${values.validUntil}T23:59:59`).toISOString(),
        businessSystemName: values.businessSystemName.trim(),
        dailyVolumes: codes.map((code) => ({ capabilityCode: code, volume: Number(values.volumes?.[code]) })),
        businessScope: values.businessScope.trim(),
      },
    });
    const payload = result.data?.applyCapabilitySubscription;
    if (payload?.__typename === 'CapabilitySubscriptionSuccess') {
      form.resetFields();
      onApplied();
      return;
    }
    // The server's per-field issues go under their fields; the rest above the form.
    const fieldOf = (field: string): (string | number)[] | null => {
      if (field.startsWith('capabilityCodes')) return ['capabilityCodes'];
      const volume = /^dailyVolumes\.(\d+)/.exec(field);
      if (volume) {
        const code = codes[Number(volume[1])];
        return code ? ['volumes', code] : null;
      }
      return ['validUntil', 'businessSystemName', 'businessScope'].includes(field) ? [field] : null;
    };
    const issues = payload?.__typename === 'ValidationError' ? payload.issues : [];
    const placed = issues.flatMap((i) => {
      const name = fieldOf(i.field);
      return name ? [{ name, errors: [i.message] }] : [];
    });
    if (placed.length) form.setFields(placed as Parameters<typeof form.setFields>[0]);
    setProblem(payloadProblem(payload, result.error?.message ?? t('submitFailed')));
  };

  return (
    <Card title={t('applySubscription')} data-testid="subscription-form">
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          data-testid="sub-error"
          title={problem}
        />
      )}
      <Form<SubscriptionValues>
        form={form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        onFinish={(v) => void submit(v)}
        initialValues={{ capabilityCodes: [], volumes: {} }}
      >
        <Form.Item
          label={t('subscriptionCapabilities')}
          name="capabilityCodes"
          rules={[{ required: true, type: 'array', min: 1, message: t('chooseCapabilities') }]}
        >
          <Select
            mode="multiple"
            data-testid="sub-capabilities"
            placeholder={t('chooseCapabilities')}
            options={subscribable.map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` }))}
          />
        </Form.Item>
        <Form.Item
          label={t('capabilityValidUntil')}
          name="validUntil"
          rules={[
            { required: true, message: t('fieldRequired', { field: t('capabilityValidUntil') }) },
            {
              validator: (_, v: string | undefined) =>
                !v || v > today() ? Promise.resolve() : Promise.reject(new Error(t('validUntilFuture'))),
            },
          ]}
        >
          <Input type="date" min={today()} data-testid="sub-valid-until" style={{ maxWidth: 240 }} />
        </Form.Item>
        <Form.Item
          label={t('businessSystemName')}
          name="businessSystemName"
          rules={[
            { required: true, whitespace: true, message: t('fieldRequired', { field: t('businessSystemName') }) },
          ]}
        >
          <Input maxLength={100} data-testid="sub-system-name" />
        </Form.Item>
        {chosen.length > 0 && (
          <Form.Item label={t('dailyVolume')} required>
            {chosen.map((code) => (
              <Form.Item
                key={code}
                name={['volumes', code]}
                label={t('dailyVolumeOf', { name: nameOf(code), code })}
                rules={[
                  { required: true, message: t('dailyVolumeRange', { max: String(MAX_DAILY_VOLUME) }) },
                  {
                    type: 'integer',
                    min: 1,
                    max: MAX_DAILY_VOLUME,
                    message: t('dailyVolumeRange', { max: String(MAX_DAILY_VOLUME) }),
                  },
                ]}
              >
                <InputNumber<number> data-testid={`sub-volume-${code}`} style={{ width: 200 }} />
              </Form.Item>
            ))}
          </Form.Item>
        )}
        <Form.Item
          label={t('capabilityBusinessScope')}
          name="businessScope"
          rules={[
            { required: true, whitespace: true, message: t('fieldRequired', { field: t('capabilityBusinessScope') }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="sub-business-scope" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={state.fetching} data-testid="sub-submit">
            {t('submit')}
          </Button>
          <Button onClick={onCancel} data-testid="sub-cancel">
            {t('cancel')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
