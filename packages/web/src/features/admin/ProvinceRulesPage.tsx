import { Alert, App as AntApp, Button, Card, Col, Form, InputNumber, Row, Select, Space, Table, Tag } from 'antd';
import { useMutation } from 'urql';
import { DayPicker } from '../../ui/DayPicker.tsx';
import { LoadMoreButton } from '../../ui/LoadMoreButton.tsx';
import { LoadError } from '../../ui/PageState.tsx';
import { usePagedList } from '../../ui/usePagedList.ts';
import { CREATE_RULE, type ProvinceRuleRow, RULES_QUERY } from './api.ts';
import { outcomeOf } from './form-result.ts';
import { type AdminTextKey, useAdminText } from './text.ts';

const NO_VARIABLES = {};

const THRESHOLDS: { name: keyof ProvinceRuleRow & AdminTextKey; integer?: boolean }[] = [
  { name: 'minRevenue' },
  { name: 'minInvoiceCount', integer: true },
  { name: 'minInvoiceAmount' },
  { name: 'livelihoodMinRevenue' },
  { name: 'livelihoodMinInvoiceCount', integer: true },
  { name: 'livelihoodMinInvoiceAmount' },
];

/** 省级接入条件: each province's thresholds with their effective dates, and a form for new ones. */
export function ProvinceRulesPage() {
  const a = useAdminText();
  const list = usePagedList(RULES_QUERY, NO_VARIABLES, (data) => data.provinceRuleHistory.rules);
  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  const data = list.data;
  const today = data?.provinceRuleHistory.today ?? '';
  const inForce = new Set(data?.provinceRuleHistory.inForce.map((rule) => rule.id));
  const statusOf = (rule: ProvinceRuleRow) =>
    inForce.has(rule.id) ? (
      <Tag color="green">{a('inForce')}</Tag>
    ) : rule.effectiveFrom > today ? (
      <Tag color="blue">{a('scheduled')}</Tag>
    ) : (
      <Tag>{a('superseded')}</Tag>
    );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card title={a('newRule')}>
        {data && (
          <RuleForm
            today={today}
            provinces={data.taxAuthorities}
            current={data.provinceRuleHistory.inForce}
            onSaved={list.reload}
          />
        )}
      </Card>
      <Card title={a('navRules')}>
        <Table<ProvinceRuleRow>
          rowKey="id"
          size="small"
          data-testid="rule-history"
          loading={list.fetching && !data}
          dataSource={list.rows}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            { title: a('provinceCode'), render: (_, rule) => `${rule.provinceName}（${rule.provinceCode}）` },
            { title: a('effectiveFrom'), dataIndex: 'effectiveFrom' },
            { title: a('ruleStatus'), render: (_, rule) => statusOf(rule) },
            ...THRESHOLDS.map(({ name }) => ({
              title: a(name),
              dataIndex: name,
              render: (value: number) => value.toLocaleString(),
            })),
            { title: a('createdBy'), dataIndex: 'createdBy', render: (by: string | null) => by ?? '—' },
          ]}
        />
        <LoadMoreButton list={list} label={a('loadMore')} />
      </Card>
    </Space>
  );
}

function RuleForm({
  today,
  provinces,
  current,
  onSaved,
}: {
  today: string;
  provinces: { code: string; name: string }[];
  current: ProvinceRuleRow[];
  onSaved: () => void;
}) {
  const a = useAdminText();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [state, create] = useMutation(CREATE_RULE);
  // choosing a province starts from the thresholds in force there
  const fillFrom = (provinceCode: string) => {
    const rule = current.find((candidate) => candidate.provinceCode === provinceCode);
    if (rule) form.setFieldsValue(Object.fromEntries(THRESHOLDS.map(({ name }) => [name, rule[name]])));
  };
  const submit = async () => {
    const values = await form.validateFields();
    const result = await create({ input: values });
    if (outcomeOf(result.data?.createProvinceRule, 'CreateProvinceRuleSuccess', form, message.error) === 'SUCCESS') {
      message.success(a('saved'));
      onSaved();
    }
  };
  return (
    <Form form={form} layout="vertical" initialValues={{ effectiveFrom: today }} data-testid="rule-form">
      <Alert type="info" showIcon title={a('ruleHint')} style={{ marginBottom: 16 }} />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="provinceCode" label={a('provinceCode')} rules={[{ required: true }]}>
            <Select
              data-testid="rule-province"
              onChange={fillFrom}
              options={provinces.map((p) => ({ value: p.code, label: `${p.name}（${p.code}）` }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="effectiveFrom" label={a('effectiveFrom')} rules={[{ required: true }]}>
            <DayPicker min={today} testId="rule-effective-from" />
          </Form.Item>
        </Col>
        {THRESHOLDS.map(({ name, integer }) => (
          <Col xs={24} md={8} key={name}>
            <Form.Item name={name} label={a(name)} rules={[{ required: true }]}>
              <InputNumber min={0} precision={integer ? 0 : 2} style={{ width: '100%' }} data-testid={`rule-${name}`} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Button type="primary" onClick={submit} loading={state.fetching} data-testid="rule-save">
        {a('save')}
      </Button>
    </Form>
  );
}
