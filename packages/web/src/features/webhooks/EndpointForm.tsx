import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, Row, Select } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { CREATE_WEBHOOK_ENDPOINT_MUTATION, type WebhookEndpoint } from './api.ts';
import { eventTypeOptions } from './event-types.ts';
import { refusalOf } from './refusal.ts';

interface EndpointValues {
  url: string;
  description?: string;
  eventTypes: string[];
}

const FIELDS: readonly (keyof EndpointValues)[] = ['url', 'description', 'eventTypes'];

/** 新建端点: URL, 说明 and 订阅事件 (none chosen: every event); the server's field issues go under their fields. */
export function EndpointForm({
  eventTypes,
  onCreated,
}: {
  eventTypes: readonly string[];
  onCreated: (endpoint: WebhookEndpoint, secret: string) => void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<EndpointValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const [state, create] = useMutation(CREATE_WEBHOOK_ENDPOINT_MUTATION);

  const submit = async (values: EndpointValues) => {
    setProblem(null);
    const result = await create({
      input: {
        url: values.url.trim(),
        description: values.description?.trim() ?? '',
        eventTypes: values.eventTypes ?? [],
      },
    });
    const payload = result.data?.createWebhookEndpoint;
    if (payload?.__typename === 'CreateWebhookEndpointSuccess') {
      form.resetFields();
      onCreated(payload.endpoint, payload.secret);
      return;
    }
    const refusal = refusalOf(payload, result.error, t('submitFailed'));
    const placed = refusal.issues.filter((issue) => (FIELDS as readonly string[]).includes(issue.field));
    form.setFields(placed.map((issue) => ({ name: issue.field as keyof EndpointValues, errors: [issue.message] })));
    setProblem(placed.length === refusal.issues.length && placed.length > 0 ? refusal.message : refusal.summary);
  };

  return (
    <Card title={t('newEndpoint')}>
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={problem}
          data-testid="endpoint-form-error"
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<EndpointValues>
        form={form}
        layout="vertical"
        aria-label={t('newEndpoint')}
        initialValues={{ eventTypes: [] }}
        onFinish={(values) => void submit(values)}
      >
        <Row gutter={16}>
          <Col xs={24} lg={14}>
            <Form.Item
              label={t('endpointUrl')}
              name="url"
              extra={t('endpointUrlHint')}
              rules={[{ required: true, whitespace: true, message: t('fieldRequired', { field: t('endpointUrl') }) }]}
            >
              <Input maxLength={2048} placeholder="https://" data-testid="endpoint-url" />
            </Form.Item>
          </Col>
          <Col xs={24} lg={10}>
            <Form.Item label={t('endpointDescription')} name="description">
              <Input maxLength={200} placeholder={t('endpointDescriptionHint')} data-testid="endpoint-description" />
            </Form.Item>
          </Col>
          <Col xs={24} lg={14}>
            <Form.Item label={t('endpointEventTypes')} name="eventTypes">
              <Select
                mode="multiple"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('allEventsPlaceholder')}
                aria-label={t('endpointEventTypes')}
                data-testid="endpoint-event-types"
                options={eventTypeOptions(eventTypes, lang)}
              />
            </Form.Item>
          </Col>
        </Row>
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
