import { Button, Card, Result, Space, Steps, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useClient, useMutation, useQuery } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { LoadError, Loading } from '../../ui/PageState.tsx';
import { ApplicationForm } from './ApplicationForm.tsx';
import {
  type AccessApplication,
  type CheckedEligibilityReport,
  ELIGIBILITY_CHECK_QUERY,
  type EnterpriseFacts,
  MY_APPLICATIONS_QUERY,
  type MyApplicationsData,
  SAVE_DRAFT_MUTATION,
  type SaveDraftInput,
  stripTypename,
} from './api.ts';
import { listedUseUnits, UnitInfoStep, type UnitInfoValues } from './UnitInfoStep.tsx';
import { VerificationFailed } from './VerificationFailed.tsx';

/** 我要申请 (manual §3.3.1): 确认单位信息 → 核验结果 → 填写接入申请单 → 提交成功. */
export function ApplyWizard() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: MY_APPLICATIONS_QUERY,
    requestPolicy: 'network-only',
  });
  // The wizard decides from the state it was opened in: its own saves and the submission refetch this
  // query (urql invalidates by typename), which must neither remount the wizard nor replace its success page.
  const opened = useRef<MyApplicationsData | null>(null);
  if (data && !opened.current) opened.current = data;
  const snapshot = opened.current;
  if (fetching && !snapshot) return <Loading />;
  if (error && !snapshot)
    return <LoadError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const enterprise = snapshot?.viewer?.enterprise;
  if (!enterprise) return <LoadError error={t('loadFailed')} />;
  const latest = snapshot?.viewer?.accessApplications[0] ?? null;
  // a draft is continued; otherwise the server says whether a new application may start (after a rejection, after exiting)
  if (latest && latest.status !== 'DRAFT' && !enterprise.mayStartAccessApplication) {
    // Already submitted (or connected): one application in flight at a time.
    return (
      <Card>
        <Result
          status="info"
          title={latest.statusLabel}
          extra={
            <Button type="primary" onClick={() => navigate('/access/application')} data-testid="wizard-view-status">
              {t('viewStatus')}
            </Button>
          }
        />
      </Card>
    );
  }
  return (
    <WizardBody
      key={latest?.id ?? 'new'}
      enterprise={enterprise}
      initialDraft={latest?.status === 'DRAFT' ? latest : null}
    />
  );
}

type WizardStep = 0 | 1 | 2 | 3;

function draftInput(draft: AccessApplication, unit: UnitInfoValues): SaveDraftInput {
  return {
    id: draft.id,
    expectedVersion: draft.version,
    claimsLivelihood: unit.claimsLivelihood,
    unitInfoConfirmed: unit.unitInfoConfirmed,
    builtByThirdParty: draft.builtByThirdParty,
    basicInfo: draft.basicInfo,
    // the units as verified now (named or changed at 确认单位信息)
    useUnits: listedUseUnits(unit.useUnits),
    systemInfo: draft.systemInfo,
    materialIds: draft.materials.map((m) => m.id),
  };
}

function WizardBody({
  enterprise,
  initialDraft,
}: {
  enterprise: EnterpriseFacts;
  initialDraft: AccessApplication | null;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const client = useClient();
  // a draft is saved with 我已确认单位信息 only once its verification passed: re-entering it continues at the form
  const resumable = !!initialDraft?.unitInfoConfirmed;
  const [step, setStep] = useState<WizardStep>(resumable ? 2 : 0);
  const [resumed, setResumed] = useState(resumable);
  const [draft, setDraftState] = useState<AccessApplication | null>(initialDraft);
  // the latest saved draft at once, for 上一步 right after a save (the state follows on the next render)
  const latestDraft = useRef(initialDraft);
  const setDraft = (next: AccessApplication) => {
    latestDraft.current = next;
    setDraftState(next);
  };
  const [unit, setUnit] = useState<UnitInfoValues>({
    claimsLivelihood: initialDraft?.claimsLivelihood ?? false,
    unitInfoConfirmed: resumable,
    useUnits: initialDraft?.useUnits ?? [],
  });
  const [report, setReport] = useState<CheckedEligibilityReport | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [stepError, setStepError] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [, saveDraft] = useMutation(SAVE_DRAFT_MUTATION);

  /** Someone (another tab or colleague) changed the draft: load the current version and show it. */
  const reloadDraft = async () => {
    const result = await client.query(MY_APPLICATIONS_QUERY, {}, { requestPolicy: 'network-only' }).toPromise();
    const latest = result.data?.viewer?.accessApplications[0];
    if (latest?.status === 'DRAFT') {
      setDraft(latest);
      setFormKey((k) => k + 1);
    } else {
      navigate('/access/application');
    }
  };

  const verify = async (values: UnitInfoValues) => {
    setUnit(values);
    setStepError(null);
    setVerifying(true);
    try {
      const result = await client
        .query(
          ELIGIBILITY_CHECK_QUERY,
          {
            input: {
              claimsLivelihood: values.claimsLivelihood,
              // with their names and relationships: only such units can count toward the combined figures
              useUnits: listedUseUnits(values.useUnits),
            },
          },
          { requestPolicy: 'network-only' },
        )
        .toPromise();
      const checked = result.data?.eligibilityCheck;
      if (!checked) {
        setStepError(result.error?.message ?? t('loadFailed'));
        return;
      }
      setReport(checked);
      if (!checked.passed) {
        setStep(1);
        return;
      }
      // Passing: keep the choices on a draft (a new one is prefilled by the server from the last application).
      const named = listedUseUnits(values.useUnits);
      const input = draft
        ? stripTypename(draftInput(draft, values))
        : // a new draft is prefilled from the last application; the units named now replace its list
          {
            claimsLivelihood: values.claimsLivelihood,
            unitInfoConfirmed: true,
            ...(named.length ? { useUnits: named } : {}),
          };
      const saved = await saveDraft({ input });
      const payload = saved.data?.saveAccessApplicationDraft;
      if (payload?.__typename === 'AccessApplicationSuccess' && payload.accessApplication) {
        setDraft(payload.accessApplication);
        setResumed(false);
        setStep(2);
      } else if (payload?.__typename === 'StaleVersionError') {
        await reloadDraft();
      } else {
        setStepError(
          (payload && 'message' in payload ? payload.message : undefined) ?? saved.error?.message ?? t('loadFailed'),
        );
      }
    } finally {
      setVerifying(false);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('wizardTitle')}
      </Typography.Title>
      <Steps
        data-testid="wizard-steps"
        current={step}
        status={step === 1 && report && !report.passed ? 'error' : undefined}
        items={[
          { title: t('stepUnitInfo') },
          { title: t('stepVerification') },
          { title: t('stepForm') },
          { title: t('stepDone') },
        ]}
      />
      {stepError && <FormProblem problem={stepError} testId="wizard-error" />}
      {step === 0 && <UnitInfoStep enterprise={enterprise} initial={unit} verifying={verifying} onNext={verify} />}
      {step === 1 && report && <VerificationFailed report={report} onBack={() => setStep(0)} />}
      {step === 2 && draft && (
        <ApplicationForm
          key={`${draft.id}-${formKey}`}
          draft={draft}
          resumed={resumed}
          onDraftSaved={setDraft}
          onBack={() => {
            // 确认单位信息 shows the units as the form left them
            setUnit((prev) => ({ ...prev, useUnits: latestDraft.current?.useUnits ?? prev.useUnits }));
            setStep(0);
          }}
          onSubmitted={() => setStep(3)}
          onStale={() => void reloadDraft()}
        />
      )}
      {step === 3 && (
        <Card>
          <Result
            status="success"
            title={<span data-testid="submit-success">{t('submitSuccess')}</span>}
            subTitle={<span data-testid="paper-reminder">{t('paperReminder')}</span>}
            extra={
              <Button type="primary" onClick={() => navigate('/access/application')} data-testid="wizard-view-status">
                {t('viewStatus')}
              </Button>
            }
          />
        </Card>
      )}
    </Space>
  );
}
