import { isFinishedCase } from '@leqi/domain';
import { Alert, App, Button, Card, Descriptions, Result, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { DCU_STATUS_LABELS, STATUS_LABELS } from '../../app/messages.ts';
import { AuditTimeline } from '../../ui/AuditTimeline.tsx';
import { CaseSteps } from '../../ui/CaseSteps.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { formatDate, formatDateTime, formatElapsed } from '../../ui/format.ts';
import { MaterialList } from '../../ui/MaterialList.tsx';
import { LoadError, Loading } from '../../ui/PageState.tsx';
import { useReloadOnCaseEvents } from '../../ui/useLiveRefresh.ts';
import { ApplicationFields } from './ApplicationFields.tsx';
import { type AccessApplication, type EnterpriseFacts, MY_APPLICATIONS_QUERY, SAVE_DRAFT_MUTATION } from './api.ts';

const REJECTED = new Set(['NOT_ACCEPTED', 'REVIEW_REJECTED', 'CONFIRMATION_REJECTED']);

/** 接入管理 → 接入申请: the current application's status (manual §3.3.2) or 我要申请. */
export function ApplicationStatusPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: MY_APPLICATIONS_QUERY,
    requestPolicy: 'cache-and-network',
  });
  // A bureau decision arrives as a case event: reload without a page refresh.
  useReloadOnCaseEvents(() => reexecute({ requestPolicy: 'network-only' }));

  if (fetching && !data) return <Loading />;
  if (error && !data) return <LoadError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const viewer = data?.viewer;
  const current = viewer?.accessApplications[0];
  const enterprise = viewer?.enterprise ?? null;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('accessApplication')}
      </Typography.Title>
      {(enterprise?.dcuStatus === 'ACTIVE' || enterprise?.dcuStatus === 'EXITING') && (
        <DcuFacts enterprise={enterprise} />
      )}
      {enterprise?.dcuStatus === 'EXITED' && (!current || current.status === 'CONFIRMED') ? (
        <Card data-testid="exited-card">
          <Result
            status="info"
            title={t('exitedTitle')}
            subTitle={t('exitedHint')}
            extra={
              <Space wrap>
                {enterprise.mayStartAccessApplication && (
                  <Button
                    type="primary"
                    data-testid="apply-button"
                    onClick={() => navigate('/access/application/apply')}
                  >
                    {t('apply')}
                  </Button>
                )}
                <Button data-testid="view-exit" onClick={() => navigate('/access/exit')}>
                  {t('viewExit')}
                </Button>
              </Space>
            }
          />
        </Card>
      ) : current ? (
        <CurrentApplication application={current} mayStart={enterprise?.mayStartAccessApplication ?? false} />
      ) : (
        <Card>
          <Result
            status="info"
            title={t('noApplication')}
            extra={
              enterprise?.mayStartAccessApplication && (
                <Button type="primary" data-testid="apply-button" onClick={() => navigate('/access/application/apply')}>
                  {t('apply')}
                </Button>
              )
            }
          />
        </Card>
      )}
    </Space>
  );
}

function DcuFacts({ enterprise }: { enterprise: EnterpriseFacts }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const exiting = enterprise.dcuStatus === 'EXITING';
  return (
    <Card
      extra={
        exiting ? (
          <Button data-testid="view-exit" onClick={() => navigate('/access/exit')}>
            {t('viewExit')}
          </Button>
        ) : (
          <Button danger data-testid="exit-button" onClick={() => navigate('/access/exit')}>
            {t('exitLeqi')}
          </Button>
        )
      }
      title={
        <Space>
          {t('dcuStatus')}
          <Tag color={exiting ? 'orange' : 'green'} data-testid="dcu-status" data-status={enterprise.dcuStatus}>
            {label(DCU_STATUS_LABELS, enterprise.dcuStatus)}
          </Tag>
        </Space>
      }
    >
      {exiting && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="exit-in-progress-banner"
          title={t('exitInProgress')}
        />
      )}
      <Descriptions column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('leqiId')}>
          <Typography.Text copyable strong data-testid="leqi-id">
            {enterprise.leqiId}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('validUntil')}>
          <span data-testid="dcu-expires-at">{formatDate(enterprise.dcuExpiresAt)}</span>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** `mayStart`: the server's answer to whether a new application may start now (重新申请 after a rejection). */
function CurrentApplication({ application: a, mayStart }: { application: AccessApplication; mayStart: boolean }) {
  const { t, lang, label } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [reapplyError, setReapplyError] = useState<string | null>(null);
  const [saveState, saveDraft] = useMutation(SAVE_DRAFT_MUTATION);
  const rejected = REJECTED.has(a.status);
  const statusText = label(STATUS_LABELS, a.status, a.statusLabel);

  const reapply = async () => {
    setReapplyError(null);
    // Without id the server starts a new draft prefilled from this application.
    const result = await saveDraft({ input: { claimsLivelihood: a.claimsLivelihood, unitInfoConfirmed: false } });
    const payload = result.data?.saveAccessApplicationDraft;
    if (payload?.__typename === 'AccessApplicationSuccess') {
      message.success(t('draftSaved'));
      navigate('/access/application/apply');
    } else {
      setReapplyError(payload?.message ?? result.error?.message ?? t('loadFailed'));
    }
  };

  return (
    <>
      <Card
        title={
          <Space>
            {t('currentStatus')}
            <Tag
              color={rejected ? 'red' : a.status === 'CONFIRMED' ? 'green' : 'blue'}
              data-testid="application-status"
            >
              {statusText}
            </Tag>
          </Space>
        }
        extra={
          <Space>
            {a.status === 'DRAFT' && (
              <Button
                type="primary"
                data-testid="continue-draft-button"
                onClick={() => navigate('/access/application/apply')}
              >
                {t('continueDraft')}
              </Button>
            )}
            {rejected && mayStart && (
              <Button type="primary" data-testid="reapply-button" loading={saveState.fetching} onClick={reapply}>
                {t('reapply')}
              </Button>
            )}
          </Space>
        }
      >
        <CaseSteps status={a.status} statusLabel={statusText} />
        <Descriptions style={{ marginTop: 24 }} column={{ xs: 1, md: 2 }}>
          {isFinishedCase('ACCESS_APPLICATION', a.status) ? (
            // a finished application stays where it ended: when, not for how long
            <Descriptions.Item label={t('decidedAt')}>
              <span data-testid="finished-at">{formatDateTime(a.stepEnteredAt)}</span>
            </Descriptions.Item>
          ) : (
            <Descriptions.Item label={t('inStepFor')}>
              <span data-testid="time-in-step">{formatElapsed(a.stepEnteredAt, lang)}</span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('submittedAt')}>{formatDateTime(a.submittedAt)}</Descriptions.Item>
        </Descriptions>
        {rejected && a.lastReason && (
          <Alert
            type="error"
            showIcon
            data-testid="rejection-reason"
            title={statusText}
            description={`${t('rejectionReason')}：${a.lastReason}`}
          />
        )}
        <FormProblem problem={reapplyError} testId="reapply-error" style={{ marginTop: 16 }} />
      </Card>
      {/* what was submitted, read-only; a draft is still being edited in the wizard */}
      {a.status !== 'DRAFT' && <ApplicationFields application={a} />}
      <Card title={t('materials')}>
        <MaterialList materials={a.materials} />
      </Card>
      <Card title={t('timeline')}>
        <AuditTimeline events={a.auditTrail} />
      </Card>
    </>
  );
}
