import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { INVITATION_STATUS_LABELS } from '../../app/messages.ts';
import { formatDateTime, formatElapsed } from '../../ui/format.ts';
import { EmptyState, LoadError, Loading } from '../../ui/PageState.tsx';
import { useCaseEvents } from '../../ui/useLiveRefresh.ts';
import { INVITATION_DECISIONS, INVITATION_QUERY, type Invitation } from '../invitations/api.ts';
import { InvitationDetails, InvitationStatusTag } from '../invitations/InvitationDetails.tsx';
import { DecisionPanel } from './DecisionPanel.tsx';

/** A use-unit invitation as the use unit's authority sees it: parties, relationship, proof, timeline, decisions. */
export function InvitationCasePage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const id = useParams().id ?? '';
  const [{ data, fetching, error }, reexecute] = useQuery<{ invitation: Invitation | null }>({
    query: INVITATION_QUERY,
    variables: { id },
    requestPolicy: 'cache-and-network',
  });
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  useCaseEvents((e) => {
    if (e.caseId === id) reload();
  });
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} data-testid="back-to-queue">
      {t('backToQueue')}
    </Button>
  );
  if (fetching && !data) return <Loading />;
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  const inv = data?.invitation;
  if (!inv)
    return (
      <Space orientation="vertical">
        {back}
        <EmptyState description={t('notFound')} />
      </Space>
    );
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="case-detail">
      {back}
      <Card
        title={
          <Space wrap>
            {t('invitationCase')}
            <span data-testid="case-enterprise-name">{inv.useUnitName}</span>
            <InvitationStatusTag
              status={inv.status}
              statusLabel={inv.statusLabel}
              code={inv.officialStatusCode}
              testId="case-status"
            />
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('submittedAt')}>{formatDateTime(inv.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('timeInStep')}>{formatElapsed(inv.stepEnteredAt, lang)}</Descriptions.Item>
          <Descriptions.Item label="version">{inv.version}</Descriptions.Item>
        </Descriptions>
        {inv.lastReason && (
          <Alert type="error" showIcon title={`${t('reason')}：${inv.lastReason}`} data-testid="case-last-reason" />
        )}
      </Card>
      <DecisionPanel
        application={inv}
        onChanged={reload}
        decisions={INVITATION_DECISIONS}
        statusLabels={INVITATION_STATUS_LABELS}
      />
      <Card title={t('applicationInfo')}>
        <InvitationDetails invitation={inv} />
      </Card>
    </Space>
  );
}
