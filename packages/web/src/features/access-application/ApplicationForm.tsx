import { Alert, App, Button, Card, Checkbox, Col, Form, Input, Row, Space, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { MATERIAL_LABELS } from '../../app/messages.ts';
import {
  type AccessApplication,
  type AccessApplicationPayload,
  type BasicInfo,
  type FieldIssue,
  type ListedUseUnit,
  type Material,
  SUBMIT_MUTATION,
  type SystemInfo,
  stripTypename,
} from './api.ts';
import { changedPaths, issuePath, materialIssues, standingIssues } from './issues.ts';
import { MaterialUploads } from './MaterialUploads.tsx';
import { type Problem, ProblemAlert } from './ProblemAlert.tsx';
import { UseUnitRows } from './UseUnitRows.tsx';
import { type DraftFields, type SaveOutcome, useDraftSaver } from './useDraftSaver.ts';

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

const SAVE_STATE_LABELS: Record<SaveState, MessageKey> = {
  saved: 'autosaved',
  unsaved: 'unsavedChanges',
  failed: 'autosaveFailed',
};

function latestByKind(materials: Material[]): Record<string, Material> {
  const out: Record<string, Material> = {};
  for (const m of materials) out[m.kind] = m;
  return out;
}

/** A pause in typing after which the edits are saved to the draft. */
export const AUTOSAVE_DELAY_MS = 1000;

type SaveState = 'saved' | 'unsaved' | 'failed';

/** Rows the API can take: the relationship is an enum it cannot take empty; everything else the server validates. */
function listedRows(values: FormValues) {
  return (values.useUnits ?? [])
    .map((u, index) => ({ ...u, index }))
    .filter((u) => u?.uscc?.trim() || u?.name?.trim() || u?.relationship);
}

/**
 * Step 3 填写接入申请单: 单位基本信息, 使用单位信息, 应用系统信息, 上传材料; 保存草稿 or 提交.
 * Work is kept as the user goes: an uploaded file is attached to the draft at once, edits are saved after a pause
 * (and when the form is left), and closing or reloading the tab with unsaved edits asks first.
 */
export function ApplicationForm({
  draft,
  resumed,
  onDraftSaved,
  onSubmitted,
  onStale,
  onBack,
}: {
  draft: AccessApplication;
  /** opened on a draft saved earlier, without verifying again now (the server verifies on submit) */
  resumed: boolean;
  onDraftSaved: (draft: AccessApplication) => void;
  onSubmitted: (application: AccessApplication) => void;
  onStale: () => void;
  onBack: () => void;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [materials, setMaterials] = useState<Record<string, Material>>(() => latestByKind(draft.materials));
  const materialsRef = useRef(materials);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [uploadedKinds, setUploadedKinds] = useState<ReadonlySet<string>>(new Set());
  const [editedPaths, setEditedPaths] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const edits = useRef(0);
  const savedEdits = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saver = useDraftSaver(draft, { onSaved: onDraftSaved, onStale });
  const pendingCount = saver.pendingCount;
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

  const showFieldIssues = (issues: FieldIssue[]) =>
    form.setFields(
      issues
        .filter((i) => !MATERIAL_KINDS.some((k) => i.field.includes(k)))
        .map((i) => ({ name: issuePath(i.field), errors: [i.message] })) as Parameters<typeof form.setFields>[0],
    );

  const showProblem = (next: Problem) => {
    setUploadedKinds(new Set());
    setEditedPaths(new Set());
    setProblem(next);
  };

  /** Shows a failed payload (a conflict is handled by the saver, which reloads the draft). */
  const showFailure = (payload: AccessApplicationPayload | undefined, fallback: string) => {
    if (!payload) {
      showProblem({ kind: 'message', message: fallback });
      return;
    }
    if (payload.__typename === 'StaleVersionError') {
      message.warning(payload.message ?? t('staleVersion'));
      return;
    }
    if (payload.__typename === 'NotEligibleError') {
      showProblem({ kind: 'notEligible', message: payload.message ?? t('notEligibleTitle'), payload });
      return;
    }
    if (payload.__typename === 'ValidationError' && payload.issues.length) {
      showFieldIssues(payload.issues);
      showProblem({ kind: 'issues', message: payload.message ?? t('issuesTitle'), issues: payload.issues });
      return;
    }
    showProblem({ kind: 'message', message: ('message' in payload ? payload.message : undefined) ?? fallback });
  };

  /** The form as a draft save; `strict` first checks the relationships of the listed rows (保存草稿, 提交). */
  const fieldsOf = async (strict: boolean): Promise<DraftFields | null> => {
    const values = stripTypename(form.getFieldsValue(true) as FormValues);
    const rows = listedRows(values);
    if (strict) {
      try {
        await form.validateFields(rows.map((u) => ['useUnits', u.index, 'relationship']));
      } catch {
        return null;
      }
    }
    return {
      claimsLivelihood: draft.claimsLivelihood,
      unitInfoConfirmed: true,
      builtByThirdParty: !!values.builtByThirdParty,
      basicInfo: values.basicInfo ?? {},
      useUnits: rows
        .filter((u) => strict || u.relationship)
        .map((u) => ({
          uscc: (u.uscc ?? '').trim().toUpperCase(),
          name: (u.name ?? '').trim(),
          relationship: u.relationship,
        })),
      systemInfo: values.systemInfo ?? {},
      materialIds: Object.values(materialsRef.current).map((m) => m.id),
    };
  };

  const cancelAutosave = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
  };

  /** Saves the form as it is now; the edits made meanwhile stay unsaved. */
  const saveForm = async (strict: boolean): Promise<SaveOutcome | null> => {
    cancelAutosave();
    const fields = await fieldsOf(strict);
    if (!fields) return null;
    const seq = edits.current;
    const outcome = await saver.save(fields);
    if (outcome.ok) savedEdits.current = Math.max(savedEdits.current, seq);
    setSaveState(outcome.ok ? (edits.current === savedEdits.current ? 'saved' : 'unsaved') : 'failed');
    return outcome;
  };

  const autosave = async () => {
    const outcome = await saveForm(false);
    if (outcome && !outcome.ok && outcome.payload?.__typename === 'ValidationError')
      showFieldIssues(outcome.payload.issues);
  };
  const autosaveRef = useRef(autosave);
  autosaveRef.current = autosave;

  const onValuesChange = (changed: Partial<FormValues>) => {
    edits.current += 1;
    setSaveState('unsaved');
    const paths = changedPaths(changed);
    setEditedPaths((prev) => new Set([...prev, ...paths]));
    // an error the server gave a field is about the value it saw; a field with rules re-validates by itself
    form.setFields(
      paths.map((path) => ({ name: issuePath(path), errors: [] })) as unknown as Parameters<typeof form.setFields>[0],
    );
    cancelAutosave();
    timer.current = setTimeout(() => void autosaveRef.current(), AUTOSAVE_DELAY_MS);
  };

  // Leaving the form (browser Back, another page) saves what was not saved yet; closing or reloading the tab asks.
  // biome-ignore lint/correctness/useExhaustiveDependencies: refs, read when the page is left, not when rendering
  useEffect(() => {
    const edited = () => edits.current !== savedEdits.current;
    const unsaved = () => edited() || pendingCount.current > 0;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!unsaved()) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      if (edited()) void autosaveRef.current();
    };
  }, []);

  /** An uploaded file is attached to the draft at once, whatever else is still being edited. */
  const onUploaded = async (material: Material) => {
    const next = { ...materialsRef.current, [material.kind]: material };
    materialsRef.current = next;
    setMaterials(next);
    setUploadedKinds((prev) => new Set([...prev, material.kind]));
    const outcome = await saver.save({
      claimsLivelihood: draft.claimsLivelihood,
      unitInfoConfirmed: true,
      materialIds: Object.values(next).map((m) => m.id),
    });
    if (!outcome.ok && outcome.payload?.__typename !== 'StaleVersionError') message.error(t('attachFailed'));
  };

  const goBack = async () => {
    if (edits.current !== savedEdits.current) await saveForm(false);
    onBack();
  };

  const onSave = async () => {
    setProblem(null);
    setBusy('save');
    const outcome = await saveForm(true);
    setBusy(null);
    if (!outcome) return;
    if (outcome.ok) message.success(t('draftSaved'));
    else showFailure(outcome.payload, outcome.error ?? t('submitFailed'));
  };

  const onSubmit = async () => {
    setProblem(null);
    setBusy('submit');
    const outcome = await saveForm(true);
    if (!outcome?.ok) {
      setBusy(null);
      if (outcome) showFailure(outcome.payload, outcome.error ?? t('submitFailed'));
      return;
    }
    // after the save, and before any upload's attachment that arrives meanwhile
    const result = await saver.enqueue(() =>
      submit({ input: { id: outcome.draft.id, expectedVersion: saver.version.current } }),
    );
    setBusy(null);
    const payload = result.data?.submitAccessApplication;
    if (payload?.__typename === 'AccessApplicationSuccess' && payload.accessApplication) {
      saver.version.current = payload.accessApplication.version;
      onSubmitted(payload.accessApplication);
      return;
    }
    showFailure(payload, result.error?.message ?? t('submitFailed'));
  };

  const standing =
    problem?.kind === 'issues' ? standingIssues(problem.issues, { uploadedKinds, editedPaths }, MATERIAL_KINDS) : [];
  const shownProblem =
    problem?.kind === 'issues' ? (standing.length ? { ...problem, issues: standing } : null) : problem;
  const materialErrors = materialIssues(standing, MATERIAL_KINDS);

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={onValuesChange}
      aria-label={t('stepForm')}
    >
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {resumed ? (
          <Alert type="info" showIcon title={t('draftResumed')} data-testid="draft-resumed" />
        ) : (
          <Alert type="success" showIcon title={t('verificationPassed')} data-testid="verification-passed" />
        )}
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
            onUploaded={(m) => void onUploaded(m)}
          />
        </Card>

        {shownProblem && <ProblemAlert problem={shownProblem} issueLabel={issueLabel} />}

        <Space wrap>
          <Button onClick={() => void goBack()} disabled={!!busy} data-testid="wizard-previous">
            {t('previous')}
          </Button>
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
          <Typography.Text type={saveState === 'failed' ? 'danger' : 'secondary'} data-testid="autosave-state">
            {saver.pending ? t('autosaving') : t(SAVE_STATE_LABELS[saveState])}
          </Typography.Text>
        </Space>
      </Space>
    </Form>
  );
}
