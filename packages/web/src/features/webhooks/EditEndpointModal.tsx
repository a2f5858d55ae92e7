import { App as AntApp, Button, Form, Modal, Space } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { UPDATE_WEBHOOK_ENDPOINT_MUTATION, type WebhookEndpoint } from './api.ts';
import { EndpointFields, type EndpointValues, endpointInput, showFieldIssues } from './EndpointFields.tsx';
import { type Refusal, refusalOf } from './refusal.ts';

/**
 * 编辑端点: its URL, 说明 and 订阅事件, saved against the version read. The server's field issues go under their
 * fields and other refusals above them. On STALE_VERSION the values shown are no longer what the endpoint is: the
 * dialog closes and hands the refusal to `onStale` (the page says so and reloads). Render it only while open, so
 * that it opens with the endpoint's current values.
 */
export function EditEndpointModal({
  endpoint,
  eventTypes,
  onClose,
  onSaved,
  onStale,
}: {
  endpoint: WebhookEndpoint;
  eventTypes: readonly string[];
  onClose: () => void;
  onSaved: () => void;
  onStale: (refusal: Refusal) => void;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<EndpointValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const [state, update] = useMutation(UPDATE_WEBHOOK_ENDPOINT_MUTATION);

  const submit = async (values: EndpointValues) => {
    setProblem(null);
    const result = await update({
      input: { id: endpoint.id, expectedVersion: endpoint.version, ...endpointInput(values) },
    });
    const payload = result.data?.updateWebhookEndpoint;
    if (payload?.__typename === 'WebhookEndpointSuccess') {
      void message.success(t('endpointSaved'));
      onSaved();
      onClose();
      return;
    }
    const refusal = refusalOf(payload, result.error, t('submitFailed'));
    if (refusal.code === 'STALE_VERSION') {
      onClose();
      onStale(refusal);
    } else setProblem(showFieldIssues(form, refusal));
  };

  return (
    <Modal open title={t('editEndpointTitle', { url: endpoint.url })} footer={null} onCancel={onClose} width={640}>
      <FormProblem problem={problem} testId="edit-endpoint-error" style={{ marginBottom: 16 }} />
      <Form<EndpointValues>
        form={form}
        // named, so that its inputs' ids do not clash with those of 新建端点 on the same page
        name="edit-endpoint"
        layout="vertical"
        aria-label={t('editEndpoint')}
        initialValues={{
          url: endpoint.url,
          description: endpoint.description,
          eventTypes: [...endpoint.eventTypes],
          signWithSm3: endpoint.signWithSm3,
        }}
        onFinish={(values) => void submit(values)}
      >
        <EndpointFields eventTypes={eventTypes} testIdPrefix="edit-endpoint" stacked />
        <Form.Item style={{ marginBottom: 0, textAlign: 'right' }}>
          <Space>
            <Button onClick={onClose}>{t('cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={state.fetching} data-testid="edit-endpoint-submit">
              {t('saveEndpoint')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}
