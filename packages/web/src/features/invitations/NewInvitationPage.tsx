import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { RELATIONSHIP_LABELS } from '../../app/messages.ts';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { LoadError, Loading } from '../../ui/PageState.tsx';
import { newIdempotencyKey, payloadProblem } from '../../ui/payload.ts';
import type { Material } from '../access-application/api.ts';
import { INVITE_FORM_OPTIONS_QUERY, INVITE_USE_UNITS_MUTATION, type InvitationRowInput } from './api.ts';
import { MAX_FORM_ROWS, RELATIONSHIPS, type ReinviteState } from './fields.ts';
import { InviteOutcome, type Outcome } from './InviteOutcome.tsx';
import { ProofUploads } from './ProofUploads.tsx';
import { useDcuGate } from './useDcuGate.tsx';

interface FormValues {
  invitations: InvitationRowInput[];
}
const EMPTY_ROW = {
  uscc: '',
  name: '',
  provinceAuthorityCode: undefined,
  relationship: undefined,
  capabilityCodes: [],
};

/** 接入邀请 → 新增邀请 (manual §3.4.1.1): up to 50 rows, one batch of relationship proof, then the per-row result. */
export function NewInvitationPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { gate } = useDcuGate();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const location = useLocation();
  // 重新邀请 from the list: the form opens with that use unit's row
  const [initialRows, setInitialRows] = useState<InvitationRowInput[] | null>(() => {
    const reinvite = (location.state as Partial<ReinviteState> | null)?.reinvite;
    return reinvite ? [reinvite] : null;
  });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/access/invitations')} data-testid="back-to-list">
          {t('backToList')}
        </Button>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('newInvitation')}
        </Typography.Title>
      </Space>
      {gate ??
        (outcome ? (
          <InviteOutcome
            outcome={outcome}
            onEditFailed={() => {
              setInitialRows(outcome.failed.map((f) => outcome.rows[f.row - 1]).filter((r) => !!r));
              setOutcome(null);
            }}
            onNewBatch={() => {
              setInitialRows(null);
              setOutcome(null);
            }}
          />
        ) : (
          <InviteForm initialRows={initialRows} onDone={setOutcome} />
        ))}
    </Space>
  );
}

function InviteForm({
  initialRows,
  onDone,
}: {
  initialRows: InvitationRowInput[] | null;
  onDone: (outcome: Outcome) => void;
}) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const [proof, setProof] = useState<Material[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [{ data, error, fetching }, reexecute] = useQuery({ query: INVITE_FORM_OPTIONS_QUERY });
  const [state, invite] = useMutation(INVITE_USE_UNITS_MUTATION);

  const capabilityOptions = useMemo(() => {
    const subscribed = new Set(data?.subscribedCapabilityCodes);
    return (data?.capabilities ?? [])
      .filter((c) => c.isPublic || subscribed.has(c.code))
      .map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }));
  }, [data]);

  if (fetching && !data) return <Loading />;
  if (error && !data) return <LoadError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;

  const submit = async (values: FormValues) => {
    setProblem(null);
    const rows = values.invitations.map((r) => ({
      uscc: r.uscc.trim().toUpperCase(),
      name: r.name.trim(),
      provinceAuthorityCode: r.provinceAuthorityCode,
      relationship: r.relationship,
      capabilityCodes: r.capabilityCodes ?? [],
    }));
    if (!rows.length) {
      setProblem(t('atLeastOneRow'));
      return;
    }
    const result = await invite({
      input: {
        invitations: rows,
        proofMaterialIds: proof.map((m) => m.id),
        idempotencyKey: newIdempotencyKey(),
      },
    });
    const payload = result.data?.inviteUseUnits;
    if (payload?.__typename === 'InviteUseUnitsSuccess') {
      onDone({
        succeeded: payload.succeeded?.length ?? 0,
        failed: (payload.failed ?? []).map((f) => ({ ...f, name: rows[f.row - 1]?.name ?? '' })),
        rows,
      });
    } else setProblem(payloadProblem(payload, result.error?.message ?? t('submitFailed')));
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      aria-label={t('newInvitation')}
      initialValues={{ invitations: initialRows ?? [EMPTY_ROW] }}
      onFinish={(v) => void submit(v)}
    >
      <Card title={t('sectionUseUnits')}>
        <Typography.Paragraph type="secondary">
          {t('newInvitationHint', { max: String(MAX_FORM_ROWS) })}
        </Typography.Paragraph>
        <Form.List name="invitations">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Row gutter={12} key={field.key} align="top" data-testid={`invite-row-${index}`}>
                  <Col xs={24} md={5}>
                    <Form.Item
                      label={t('uscc')}
                      name={[field.name, 'uscc']}
                      rules={[
                        { required: true, whitespace: true, message: t('fieldRequired', { field: t('uscc') }) },
                        { len: 18, message: t('invalidUscc') },
                      ]}
                    >
                      <Input maxLength={18} data-testid={`invite-uscc-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={5}>
                    <Form.Item
                      label={t('useUnitName')}
                      name={[field.name, 'name']}
                      rules={[
                        { required: true, whitespace: true, message: t('fieldRequired', { field: t('useUnitName') }) },
                      ]}
                    >
                      <Input maxLength={200} data-testid={`invite-name-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={4}>
                    <Form.Item
                      label={t('provinceAuthority')}
                      name={[field.name, 'provinceAuthorityCode']}
                      rules={[{ required: true, message: t('fieldRequired', { field: t('provinceAuthority') }) }]}
                    >
                      <Select
                        showSearch={{ optionFilterProp: 'label' }}
                        data-testid={`invite-authority-${index}`}
                        aria-label={`${t('provinceAuthority')} ${index + 1}`}
                        options={data?.taxAuthorities.map((a) => ({ value: a.code, label: a.name }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={4}>
                    <Form.Item
                      label={t('relationship')}
                      name={[field.name, 'relationship']}
                      rules={[{ required: true, message: t('fieldRequired', { field: t('relationship') }) }]}
                    >
                      <Select
                        data-testid={`invite-relationship-${index}`}
                        aria-label={`${t('relationship')} ${index + 1}`}
                        options={RELATIONSHIPS.map((r) => ({ value: r, label: label(RELATIONSHIP_LABELS, r) }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={20} md={5}>
                    <Form.Item label={t('capabilityPreauth')} name={[field.name, 'capabilityCodes']}>
                      <Select
                        mode="multiple"
                        data-testid={`invite-capabilities-${index}`}
                        aria-label={`${t('capabilityPreauth')} ${index + 1}`}
                        options={capabilityOptions}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={1} style={{ paddingTop: 30 }}>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={`${t('removeUseUnit')} ${index + 1}`}
                      data-testid={`invite-remove-${index}`}
                      disabled={fields.length === 1}
                      onClick={() => remove(field.name)}
                    />
                  </Col>
                </Row>
              ))}
              <Space wrap>
                <Typography.Text type="secondary" data-testid="row-count">
                  {t('rowsCount', { count: String(fields.length), max: String(MAX_FORM_ROWS) })}
                </Typography.Text>
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  data-testid="invite-add-row"
                  disabled={fields.length >= MAX_FORM_ROWS}
                  onClick={() => add(EMPTY_ROW)}
                >
                  {t('addRow')}
                </Button>
                {fields.length >= MAX_FORM_ROWS && (
                  <Typography.Text type="warning" data-testid="max-rows">
                    {t('maxRowsReached', { max: String(MAX_FORM_ROWS) })}
                  </Typography.Text>
                )}
              </Space>
            </>
          )}
        </Form.List>
      </Card>
      <Card title={t('relationshipProof')} style={{ marginTop: 16 }}>
        <Typography.Paragraph type="secondary">{t('proofForBatch')}</Typography.Paragraph>
        <ProofUploads materials={proof} onChange={setProof} testId="invite-proof" />
      </Card>
      <FormProblem problem={problem} testId="invite-error" style={{ marginTop: 16 }} />
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        loading={state.fetching}
        data-testid="invite-submit"
        style={{ marginTop: 16 }}
      >
        {t('submit')}
      </Button>
    </Form>
  );
}
