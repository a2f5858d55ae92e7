import { Alert, App as AntApp, Button, DatePicker, Form, Modal, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useMutation } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { REPLAY_WEBHOOK_ENDPOINT_MUTATION, type WebhookEndpoint } from './api.ts';
import { refusalOf } from './refusal.ts';

const MINUTE = 'YYYY-MM-DD HH:mm';

/**
 * 重放 from a moment: the endpoint's subscribed events from then on are delivered again, in order, each with its
 * original webhook-id. The dialog says so before anything is sent again; it is rendered only while open, so that a
 * replay started closes it at once.
 */
export function ReplayModal({
  endpoint,
  onClose,
  onReplayed,
}: {
  endpoint: WebhookEndpoint;
  onClose: () => void;
  onReplayed: () => void;
}) {
  const { t } = useI18n();
  return (
    <Modal open title={t('replayTitle', { url: endpoint.url })} footer={null} onCancel={onClose} width={560}>
      <ReplayForm endpoint={endpoint} onClose={onClose} onReplayed={onReplayed} />
    </Modal>
  );
}

function ReplayForm({
  endpoint,
  onClose,
  onReplayed,
}: {
  endpoint: WebhookEndpoint;
  onClose: () => void;
  onReplayed: () => void;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ since: Dayjs }>();
  const [problem, setProblem] = useState<string | null>(null);
  const [state, replay] = useMutation(REPLAY_WEBHOOK_ENDPOINT_MUTATION);

  const submit = async ({ since }: { since: Dayjs }) => {
    setProblem(null);
    const from = since.second(0).millisecond(0).toISOString();
    const result = await replay({ input: { endpointId: endpoint.id, since: from } });
    const payload = result.data?.replayWebhookEndpoint;
    if (payload?.__typename === 'WebhookEndpointSuccess') {
      void message.success(t('replayStarted', { time: formatDateTime(from) }));
      onReplayed();
      onClose();
      return;
    }
    const refusal = refusalOf(payload, result.error, t('submitFailed'));
    const atSince = refusal.issues.filter((issue) => issue.field === 'since');
    form.setFields([{ name: 'since', errors: atSince.map((issue) => issue.message) }]);
    setProblem(atSince.length > 0 && atSince.length === refusal.issues.length ? refusal.message : refusal.summary);
  };

  return (
    <Form form={form} layout="vertical" aria-label={t('replay')} onFinish={(values) => void submit(values)}>
      <Alert
        type="info"
        showIcon
        title={t('replayExplain')}
        style={{ marginBottom: 16 }}
        data-testid="replay-explain"
      />
      <FormProblem problem={problem} testId="replay-error" style={{ marginBottom: 16 }} />
      <Form.Item label={t('replaySince')} name="since" rules={[{ required: true, message: t('replaySinceRequired') }]}>
        <MomentPicker testId="replay-since" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0, textAlign: 'right' }}>
        <Space>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={state.fetching} data-testid="replay-submit">
            {t('replayConfirm')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}

/**
 * A moment to the minute, not in the future; wrapped so that tests find its input by `testId`. Enter confirms the
 * typed moment and nothing more: it must not submit the form, whose button replays.
 */
function MomentPicker({
  value,
  onChange,
  testId,
}: {
  value?: Dayjs | null;
  onChange?: (value: Dayjs | null) => void;
  testId: string;
}) {
  return (
    <span data-testid={testId}>
      <DatePicker
        onKeyDown={(event) => {
          // the picker still takes the typed moment; the browser does not submit the form
          if (event.key === 'Enter') event.preventDefault();
        }}
        showTime={{ format: 'HH:mm' }}
        format={MINUTE}
        value={value ?? null}
        onChange={(moment) => onChange?.(moment)}
        style={{ width: '100%' }}
        disabledDate={(day) => day.isAfter(new Date(), 'day')}
      />
    </span>
  );
}
