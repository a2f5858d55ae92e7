import { Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useMutation } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { DayPicker } from '../../ui/DayPicker.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { payloadProblem } from '../../ui/payload.ts';
import type { Capability } from '../invitations/api.ts';
import { APPLY_SUBSCRIPTION_MUTATION, MAX_DAILY_VOLUME } from './api.ts';

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

/** The first day 能力有效期止 may be: it must lie after today. */
function tomorrow(): string {
  return dayjs().add(1, 'day').format('YYYY-MM-DD');
}

/** 申请订阅: capabilities (not the public ones), 能力有效期止, system, 每项能力日使用量, 业务范围. */
export function SubscriptionForm({
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
      <FormProblem problem={problem} testId="sub-error" style={{ marginBottom: 16 }} />
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
          <DayPicker min={tomorrow()} testId="sub-valid-until" style={{ maxWidth: 240 }} />
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
