import { Col, Row, Space, Typography } from 'antd';
import { useQuery } from 'urql';
import { EmptyState, LoadError, Loading } from '../../ui/PageState.tsx';
import { useReloadOnCaseEvents } from '../../ui/useLiveRefresh.ts';
import { ENTERPRISE_OVERVIEW_QUERY } from './api.ts';
import {
  BindingsCard,
  CapabilitiesCard,
  CountsCard,
  DcuCard,
  exitedAt,
  InboxCard,
  ProgressCard,
  RenewalReminder,
} from './OverviewCards.tsx';
import { useDashboardText } from './text.ts';

/** 企业概览: the landing page of enterprise users — where access, invitations, bindings, capabilities and exit stand. */
export function DashboardPage() {
  const text = useDashboardText();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: ENTERPRISE_OVERVIEW_QUERY,
    requestPolicy: 'cache-and-network',
  });
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  useReloadOnCaseEvents(reload);
  if (fetching && !data) return <Loading />;
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  const overview = data?.enterpriseOverview;
  if (!overview) return <EmptyState />;
  // the access confirmed before a confirmed exit ended with it (manual §3.6.3 (6))
  const accessEndedByExit =
    overview.dcuStatus === 'EXITED' && overview.accessApplication?.status === 'CONFIRMED'
      ? { at: exitedAt(overview) }
      : null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="dashboard">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {text('overview')}
        </Typography.Title>
        <Typography.Text type="secondary">{text('overviewIntro')}</Typography.Text>
      </div>
      <RenewalReminder overview={overview} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <DcuCard overview={overview} />
        </Col>
        <Col xs={24} lg={12}>
          <ProgressCard
            testId="card-access"
            title={text('accessCard')}
            kind="ACCESS_APPLICATION"
            progress={overview.accessApplication}
            endedByExit={accessEndedByExit}
            empty={text('noApplication')}
            link={{
              to: '/access/application',
              label: accessEndedByExit
                ? text('reapply')
                : overview.accessApplication
                  ? text('viewDetails')
                  : text('goApply'),
            }}
          />
        </Col>
        <Col xs={24} lg={12}>
          <CountsCard
            testId="card-sent-invitations"
            title={text('sentCard')}
            counts={overview.sentInvitations}
            empty={text('noInvitations')}
            link={{ to: '/access/invitations', label: text('manageInvitations') }}
          />
        </Col>
        <Col xs={24} lg={12}>
          <CountsCard
            testId="card-received-invitations"
            title={text('receivedCard')}
            counts={overview.receivedInvitations}
            empty={text('noInvitations')}
            link={{ to: '/access/responses', label: text('respondInvitations') }}
          />
        </Col>
        <Col xs={24} lg={12}>
          <BindingsCard overview={overview} />
        </Col>
        <Col xs={24} lg={12}>
          <CapabilitiesCard overview={overview} />
        </Col>
        <Col xs={24} lg={12}>
          <ProgressCard
            testId="card-exit"
            title={text('exitCard')}
            kind="EXIT_APPLICATION"
            progress={overview.exitApplication}
            empty={text('noExit')}
            // a past exit stays viewable; a new one is offered when the server says the viewer may apply
            link={
              overview.exitApplication
                ? { to: '/access/exit', label: text('viewDetails') }
                : overview.enterprise.mayApplyForExit
                  ? { to: '/access/exit', label: text('goExit') }
                  : undefined
            }
          />
        </Col>
        <Col xs={24} lg={12}>
          <InboxCard />
        </Col>
      </Row>
    </Space>
  );
}
