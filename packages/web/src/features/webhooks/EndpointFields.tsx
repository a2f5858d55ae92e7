import { Checkbox, Col, Form, type FormInstance, Input, Row, Select } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { placeFieldIssues } from '../../ui/field-issues.ts';
import { eventTypeOptions } from './event-types.ts';
import type { Refusal } from './refusal.ts';

/** What 新建端点 and 编辑端点 ask for. */
export interface EndpointValues {
  url: string;
  description?: string;
  eventTypes: string[];
  /** 国密: sign with HMAC-SM3 as well */
  signWithSm3?: boolean;
}

const FIELD_NAMES: readonly string[] = [
  'url',
  'description',
  'eventTypes',
  'signWithSm3',
] satisfies (keyof EndpointValues)[];

/** The values as the create and update mutations take them: trimmed, none chosen meaning every event. */
export function endpointInput(values: EndpointValues) {
  return {
    url: values.url.trim(),
    description: values.description?.trim() ?? '',
    eventTypes: values.eventTypes ?? [],
    signWithSm3: values.signWithSm3 ?? false,
  };
}

/**
 * Puts the refusal's field issues under their fields and returns what to say above the form: the refusal's own
 * message (输入有误) when every issue has its field, else the message with the issues after it.
 */
export function showFieldIssues(form: FormInstance<EndpointValues>, refusal: Refusal): string {
  return placeFieldIssues(form, refusal.issues, FIELD_NAMES) ? refusal.message : refusal.summary;
}

/**
 * URL, 说明 and 订阅事件 of an endpoint, as Form.Items of the enclosing form. Inputs are found by
 * `${testIdPrefix}-url`, `-description` and `-event-types`; `stacked` puts each field on its own line (in a dialog).
 */
export function EndpointFields({
  eventTypes,
  testIdPrefix,
  stacked = false,
}: {
  eventTypes: readonly string[];
  testIdPrefix: string;
  stacked?: boolean;
}) {
  const { t, lang } = useI18n();
  const width = (lg: number) => (stacked ? { span: 24 } : { xs: 24, lg });
  return (
    <Row gutter={16}>
      <Col {...width(14)}>
        <Form.Item
          label={t('endpointUrl')}
          name="url"
          extra={t('endpointUrlHint')}
          rules={[{ required: true, whitespace: true, message: t('fieldRequired', { field: t('endpointUrl') }) }]}
        >
          <Input maxLength={2048} placeholder="https://" data-testid={`${testIdPrefix}-url`} />
        </Form.Item>
      </Col>
      <Col {...width(10)}>
        <Form.Item label={t('endpointDescription')} name="description">
          <Input
            maxLength={200}
            placeholder={t('endpointDescriptionHint')}
            data-testid={`${testIdPrefix}-description`}
          />
        </Form.Item>
      </Col>
      <Col {...width(14)}>
        <Form.Item label={t('endpointEventTypes')} name="eventTypes">
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('allEventsPlaceholder')}
            aria-label={t('endpointEventTypes')}
            data-testid={`${testIdPrefix}-event-types`}
            options={eventTypeOptions(eventTypes, lang)}
          />
        </Form.Item>
      </Col>
      <Col {...width(10)}>
        <Form.Item name="signWithSm3" valuePropName="checked" extra={t('endpointSm3Hint')}>
          <Checkbox data-testid={`${testIdPrefix}-sm3`}>{t('endpointSm3')}</Checkbox>
        </Form.Item>
      </Col>
    </Row>
  );
}
