import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { RELATIONSHIPS } from '@leqi/domain';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useMutation } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { MATERIAL_LABELS, RELATIONSHIP_LABELS } from '../../app/messages.ts';
import { EligibilityChecks } from '../../ui/EligibilityChecks.tsx';
import {
  type AccessApplication,
  type AccessApplicationPayload,
  type BasicInfo,
  type FieldIssue,
  type ListedUseUnit,
  type Material,
  SAVE_DRAFT_MUTATION,
  type SaveDraftInput,
  SUBMIT_MUTATION,
  type SystemInfo,
  stripTypename,
} from './api.ts';
import { issuePath, materialIssues } from './issues.ts';
import { MaterialUploads } from './MaterialUploads.tsx';
import { UseUnitOutcomes } from './UseUnitOutcomes.tsx';

const MATERIAL_KINDS = Object.keys(MATERIAL_LABELS);

interface FormValues {
  basicInfo: BasicInfo;
  useUnits: ListedUseUnit[];
  systemInfo: SystemInfo;
  builtByThirdParty: boolean;
}

/** Field name → label key, to name the field of a server issue. */
const FIELD_LABELS: Record<string, MessageKey> = {
  contactName: 'contactName',
  contactPhone: 'contactPhone',
  contactEmail: 'contactEmail',
  registeredAddress: 'registeredAddress',
  businessScope: 'businessScope',
  uscc: 'uscc',
  name: 'useUnitName',
  relationship: 'relationship',
  useUnits: 'sectionUseUnits',
  systemName: 'systemName',
  systemVersion: 'systemVersion',
  developerName: 'developerName',
  networkAddress: 'networkAddress',
  deploymentLocation: 'deploymentLocation',
  description: 'systemDescription',
  materials: 'sectionMaterials',
  materialIds: 'sectionMaterials',
  unitInfoConfirmed: 'confirmUnitInfo',
};

type Problem =
  | { kind: 'issues'; message: string; issues: FieldIssue[] }
  | {
      kind: 'notEligible';
      message: string;
      payload: Extract<AccessApplicationPayload, { __typename: 'NotEligibleError' }>;
    }
  | { kind: 'message'; message: string };

function latestByKind(materials: Material[]): Record<string, Material> {
  const out: Record<string, Material> = {};
  for (const m of materials) out[m.kind] = m;
  return out;
}

/** Step 3 填写接入申请单: 单位基本信息, 使用单位信息, 应用系统信息, 上传材料; 保存草稿 or 提交. */
export function ApplicationForm({
  draft,
  onDraftSaved,
  onSubmitted,
  onStale,
}: {
  draft: AccessApplication;
  onDraftSaved: (draft: AccessApplication) => void;
  onSubmitted: (application: AccessApplication) => void;
  onStale: () => void;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [materials, setMaterials] = useState<Record<string, Material>>(() => latestByKind(draft.materials));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [, saveDraft] = useMutation(SAVE_DRAFT_MUTATION);
  const [, submit] = useMutation(SUBMIT_MUTATION);
  const builtByThirdParty = Form.useWatch('builtByThirdParty', form) ?? draft.builtByThirdParty;

  const initialValues = useMemo<FormValues>(
    () => ({
      basicInfo: draft.basicInfo,
      useUnits: draft.useUnits,
      systemInfo: draft.systemInfo,
      builtByThirdParty: draft.builtByThirdParty,
    }),
    [draft],
  );

  const slotKinds = useMemo(() => {
    const kinds: string[] = [...draft.requiredMaterialKinds];
    if (builtByThirdParty && !kinds.includes('POWER_OF_ATTORNEY')) kinds.push('POWER_OF_ATTORNEY');
    for (const k of Object.keys(materials)) if (!kinds.includes(k) && k !== 'OTHER') kinds.push(k);
    kinds.push('OTHER');
    return kinds;
  }, [draft.requiredMaterialKinds, builtByThirdParty, materials]);

  const issueLabel = (field: string) => {
    const names = issuePath(field).filter((p): p is string => typeof p === 'string');
    const kind = MATERIAL_KINDS.find((k) => field.includes(k));
    if (kind) return label(MATERIAL_LABELS, kind);
    const key = [...names].reverse().find((n) => FIELD_LABELS[n]);
    return key ? t(FIELD_LABELS[key] as MessageKey) : field;
  };

  /** Shows a failed payload; returns true when it was handled as "someone else changed it". */
  const showFailure = (payload: AccessApplicationPayload | undefined, fallback: string) => {
    if (!payload) {
      setProblem({ kind: 'message', message: fallback });
      return;
    }
    if (payload.__typename === 'StaleVersionError') {
      message.warning(payload.message ?? t('staleVersion'));
      onStale();
      return;
    }
    if (payload.__typename === 'NotEligibleError') {
      setProblem({ kind: 'notEligible', message: payload.message ?? t('notEligibleTitle'), payload });
      return;
    }
    if (payload.__typename === 'ValidationError' && payload.issues.length) {
      form.setFields(
        payload.issues
          .filter((i) => !MATERIAL_KINDS.some((k) => i.field.includes(k)))
          .map((i) => ({ name: issuePath(i.field), errors: [i.message] })) as Parameters<typeof form.setFields>[0],
      );
      setProblem({ kind: 'issues', message: payload.message ?? t('issuesTitle'), issues: payload.issues });
      return;
    }
    setProblem({ kind: 'message', message: ('message' in payload ? payload.message : undefined) ?? fallback });
  };

  const save = async (): Promise<AccessApplication | null> => {
    const values = stripTypename(form.getFieldsValue(true) as FormValues);
    const rows = (values.useUnits ?? []).map((u, index) => ({ ...u, index }));
    const listed = rows.filter((u) => u?.uscc?.trim() || u?.name?.trim() || u?.relationship);
    // The relationship is an enum the API cannot take empty; everything else the server validates.
    try {
      await form.validateFields(listed.map((u) => ['useUnits', u.index, 'relationship']));
    } catch {
      return null;
    }
    const input: SaveDraftInput = {
      id: draft.id,
      expectedVersion: draft.version,
      claimsLivelihood: draft.claimsLivelihood,
      unitInfoConfirmed: true,
      builtByThirdParty: !!values.builtByThirdParty,
      basicInfo: values.basicInfo ?? {},
      useUnits: listed.map((u) => ({
        uscc: (u.uscc ?? '').trim().toUpperCase(),
        name: (u.name ?? '').trim(),
        relationship: u.relationship,
      })),
      systemInfo: values.systemInfo ?? {},
      materialIds: Object.values(materials).map((m) => m.id),
    };
    const result = await saveDraft({ input });
    const payload = result.data?.saveAccessApplicationDraft;
    if (payload?.__typename === 'AccessApplicationSuccess' && payload.accessApplication) {
      onDraftSaved(payload.accessApplication);
      return payload.accessApplication;
    }
    showFailure(payload, result.error?.message ?? t('submitFailed'));
    return null;
  };

  const clearProblems = () => {
    setProblem(null);
    const names = form
      .getFieldsError()
      .filter((f) => f.errors.length)
      .map((f) => ({ name: f.name, errors: [] }));
    form.setFields(names as unknown as Parameters<typeof form.setFields>[0]);
  };

  const onSave = async () => {
    clearProblems();
    setBusy('save');
    const saved = await save();
    setBusy(null);
    if (saved) message.success(t('draftSaved'));
  };

  const onSubmit = async () => {
    clearProblems();
    setBusy('submit');
    const saved = await save();
    if (!saved) {
      setBusy(null);
      return;
    }
    const result = await submit({ input: { id: saved.id, expectedVersion: saved.version } });
    setBusy(null);
    const payload = result.data?.submitAccessApplication;
    if (payload?.__typename === 'AccessApplicationSuccess' && payload.accessApplication) {
      onSubmitted(payload.accessApplication);
      return;
    }
    showFailure(payload, result.error?.message ?? t('submitFailed'));
  };

  const materialErrors = problem?.kind === 'issues' ? materialIssues(problem.issues, MATERIAL_KINDS) : {};

  return (
    <Form<FormValues> form={form} layout="vertical" initialValues={initialValues} aria-label={t('stepForm')}>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Alert type="success" showIcon title={t('verificationPassed')} data-testid="verification-passed" />
        <Card title={t('sectionBasicInfo')}>
          <Row gutter={16}>
            {(['contactName', 'contactPhone', 'contactEmail'] as const).map((f) => (
              <Col xs={24} md={8} key={f}>
                <Form.Item label={t(f)} name={['basicInfo', f]}>
                  <Input data-testid={`field-basicInfo.${f}`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Form.Item label={t('registeredAddress')} name={['basicInfo', 'registeredAddress']}>
            <Input data-testid="field-basicInfo.registeredAddress" />
          </Form.Item>
          <Form.Item label={t('businessScope')} name={['basicInfo', 'businessScope']}>
            <Input.TextArea rows={2} data-testid="field-basicInfo.businessScope" />
          </Form.Item>
        </Card>

        <Card title={t('sectionUseUnits')}>
          <UseUnitRows />
        </Card>

        <Card title={t('sectionSystemInfo')}>
          <Row gutter={16}>
            {(['systemName', 'systemVersion', 'developerName', 'networkAddress', 'deploymentLocation'] as const).map(
              (f) => (
                <Col xs={24} md={12} key={f}>
                  <Form.Item label={t(f)} name={['systemInfo', f]}>
                    <Input data-testid={`field-systemInfo.${f}`} />
                  </Form.Item>
                </Col>
              ),
            )}
          </Row>
          <Form.Item label={t('systemDescription')} name={['systemInfo', 'description']}>
            <Input.TextArea rows={3} data-testid="field-systemInfo.description" />
          </Form.Item>
          <Form.Item name="builtByThirdParty" valuePropName="checked">
            <Checkbox data-testid="field-builtByThirdParty">{t('builtByThirdParty')}</Checkbox>
          </Form.Item>
        </Card>

        <Card title={t('sectionMaterials')}>
          <MaterialUploads
            kinds={slotKinds}
            required={draft.requiredMaterialKinds}
            materials={materials}
            errors={materialErrors}
            onUploaded={(m) => setMaterials((prev) => ({ ...prev, [m.kind]: m }))}
          />
        </Card>

        {problem && <ProblemAlert problem={problem} issueLabel={issueLabel} />}

        <Space>
          <Button onClick={onSave} loading={busy === 'save'} disabled={!!busy} data-testid="wizard-save-draft">
            {t('saveDraft')}
          </Button>
          <Button
            type="primary"
            onClick={onSubmit}
            loading={busy === 'submit'}
            disabled={!!busy}
            data-testid="wizard-submit"
          >
            {t('submit')}
          </Button>
        </Space>
      </Space>
    </Form>
  );
}

function ProblemAlert({ problem, issueLabel }: { problem: Problem; issueLabel: (field: string) => string }) {
  const { t } = useI18n();
  const description =
    problem.kind === 'issues' ? (
      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {problem.issues.map((i) => (
          <li key={`${i.field}-${i.code}`} data-testid={`issue-${i.field}`}>
            {issueLabel(i.field)}：{i.message}
          </li>
        ))}
      </ul>
    ) : problem.kind === 'notEligible' ? (
      <>
        <EligibilityChecks
          checks={problem.payload.report?.checks.filter((c) => !c.passed) ?? []}
          testId="failed-checks"
        />
        <UseUnitOutcomes units={problem.payload.report?.useUnits} />
      </>
    ) : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="submit-problem"
      title={
        <>
          <Typography.Text strong>{t('submitFailed')}</Typography.Text>：{problem.message}
        </>
      }
      description={description}
    />
  );
}

function UseUnitRows() {
  const { t, label } = useI18n();
  return (
    <Form.List name="useUnits">
      {(fields, { add, remove }) => (
        <>
          {fields.length === 0 && <Typography.Paragraph type="secondary">{t('noUseUnits')}</Typography.Paragraph>}
          {fields.map((field, index) => (
            <Row gutter={12} key={field.key} align="top" data-testid={`use-unit-row-${index}`}>
              <Col xs={24} md={7}>
                <Form.Item label={t('uscc')} name={[field.name, 'uscc']}>
                  <Input data-testid={`use-unit-uscc-${index}`} maxLength={18} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label={t('useUnitName')} name={[field.name, 'name']}>
                  <Input data-testid={`use-unit-name-${index}`} />
                </Form.Item>
              </Col>
              <Col xs={20} md={7}>
                <Form.Item
                  label={t('relationship')}
                  name={[field.name, 'relationship']}
                  rules={[{ required: true, message: t('fieldRequired', { field: t('relationship') }) }]}
                >
                  <Select
                    data-testid={`use-unit-relationship-${index}`}
                    aria-label={`${t('relationship')} ${index + 1}`}
                    options={RELATIONSHIPS.map((r) => ({ value: r, label: label(RELATIONSHIP_LABELS, r) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={4} md={2} style={{ paddingTop: 30 }}>
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={`${t('removeUseUnit')} ${index + 1}`}
                  data-testid={`use-unit-remove-${index}`}
                  onClick={() => remove(field.name)}
                />
              </Col>
            </Row>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ uscc: '', name: '', relationship: undefined })}
            data-testid="wizard-add-use-unit"
          >
            {t('addUseUnit')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
