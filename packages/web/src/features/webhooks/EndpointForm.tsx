import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { CREATE_WEBHOOK_ENDPOINT_MUTATION, type WebhookEndpoint } from './api.ts';
import { EndpointFields, type EndpointValues, endpointInput, showFieldIssues } from './EndpointFields.tsx';
import { refusalOf } from './refusal.ts';

/** 新建端点: URL, 说明 and 订阅事件 (none chosen: every event); the server's field issues go under their fields. */
export function EndpointForm({
  eventTypes,
  onCreated,
}: {
  eventTypes: readonly string[];
  onCreated: (endpoint: WebhookEndpoint, secret: string) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<EndpointValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const [state, create] = useMutation(CREATE_WEBHOOK_ENDPOINT_MUTATION);

  const submit = async (values: EndpointValues) => {
    setProblem(null);
    const result = await create({ input: endpointInput(values) });
    const payload = result.data?.createWebhookEndpoint;
    if (payload?.__typename === 'CreateWebhookEndpointSuccess') {
      form.resetFields();
      onCreated(payload.endpoint, payload.secret);
      return;
    }
    setProblem(showFieldIssues(form, refusalOf(payload, result.error, t('submitFailed'))));
  };

  return (
    <Card title={t('newEndpoint')}>
      <FormProblem problem={problem} testId="endpoint-form-error" style={{ marginBottom: 16 }} />
      <Form<EndpointValues>
        form={form}
        layout="vertical"
        aria-label={t('newEndpoint')}
        initialValues={{ eventTypes: [] }}
        onFinish={(values) => void submit(values)}
      >
        <EndpointFields eventTypes={eventTypes} testIdPrefix="endpoint" />
        <Button
          type="primary"
          htmlType="submit"
          icon={<PlusOutlined />}
          loading={state.fetching}
          data-testid="endpoint-create"
        >
          {t('createEndpoint')}
        </Button>
      </Form>
    </Card>
  );
}
