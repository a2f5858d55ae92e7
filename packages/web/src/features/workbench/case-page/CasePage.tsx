import { ArrowLeftOutlined } from '@ant-design/icons';
import { isFinishedCase } from '@leqi/domain';
import { Alert, Button, Card, Descriptions, Space } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { useI18n } from '../../../app/i18n.tsx';
import { CaseSteps } from '../../../ui/CaseSteps.tsx';
import { formatDateTime, formatElapsed } from '../../../ui/format.ts';
import { EmptyState, LoadError, Loading } from '../../../ui/PageState.tsx';
import { useLiveQuery } from '../../../ui/useLiveRefresh.ts';
import { DecisionPanel } from '../DecisionPanel.tsx';
import type { ReviewKind } from '../queue-api.ts';
import { accessApplicationSlot } from './access-application.tsx';
import { capabilitySubscriptionSlot } from './capability-subscription.tsx';
import { exitApplicationSlot } from './exit-application.tsx';
import { invitationSlot } from './invitation.tsx';
import type { CaseSlot, CaseView } from './slot.ts';

/** One slot per case kind: a new kind is a new slot here. */
export const CASE_SLOTS: Record<ReviewKind, CaseSlot> = {
  ACCESS_APPLICATION: accessApplicationSlot,
  INVITATION: invitationSlot,
  EXIT_APPLICATION: exitApplicationSlot,
  CAPABILITY_SUBSCRIPTION: capabilitySubscriptionSlot,
};

/** A case as a reviewer sees it, whatever its kind: header, decisions from availableActions, the kind's body. */
export function CasePage({ kind }: { kind: ReviewKind }) {
  const i18n = useI18n();
  const { t } = i18n;
  const navigate = useNavigate();
  const id = useParams().id ?? '';
  const slot = CASE_SLOTS[kind];
  const [{ data, fetching, error }, reload] = useLiveQuery(
    {
      query: slot.query,
      variables: { id },
    },
    (e) => e.caseId === id,
  );

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} data-testid="back-to-queue">
      {t('backToQueue')}
    </Button>
  );
  if (fetching && !data) return <Loading />;
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  const view = data ? slot.view(data, i18n) : null;
  if (!view)
    return (
      <Space orientation="vertical">
        {back}
        <EmptyState description={t('notFound')} />
      </Space>
    );
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="case-detail">
      {back}
      <CaseHeader view={view} finished={isFinishedCase(kind, view.status)} />
      <DecisionPanel
        application={view.subject}
        onChanged={reload}
        decisions={view.decisions}
        statusLabels={view.statusLabels}
      />
      {view.body}
    </Space>
  );
}

/** The version stays in the data (decisions send it for optimistic locking) but is no reader's business. */
function CaseHeader({ view, finished }: { view: CaseView; finished: boolean }) {
  const { t, lang } = useI18n();
  return (
    <Card
      title={
        <Space wrap>
          {view.titleKey && t(view.titleKey)}
          <span data-testid="case-enterprise-name">{view.name}</span>
          {view.statusTag}
        </Space>
      }
    >
      {view.steps && <CaseSteps status={view.steps.status} statusLabel={view.steps.statusLabel} />}
      <Descriptions style={view.steps ? { marginTop: 16 } : undefined} column={{ xs: 1, md: 3 }} size="small">
        {view.leadingFacts?.map((fact) => (
          <Descriptions.Item key={fact.label} label={fact.label}>
            {fact.value}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('submittedAt')}>{formatDateTime(view.submittedAt)}</Descriptions.Item>
        {!finished && (
          <Descriptions.Item label={t('timeInStep')}>
            <span data-testid="case-time-in-step">{formatElapsed(view.stepEnteredAt, lang)}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
      {view.lastReason && (
        <Alert type="error" showIcon title={`${t('reason')}：${view.lastReason}`} data-testid="case-last-reason" />
      )}
    </Card>
  );
}
