import { Alert, Card, Col, Descriptions, Row, Space, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { DCU_STATUS_LABELS, STATUS_LABELS } from '../../app/messages.ts';
import { formatDate, formatDateTime, formatElapsed } from '../../ui/format.ts';
import { EmptyState, LoadError, Loading } from '../../ui/PageState.tsx';
import { useCaseEvents } from '../../ui/useLiveRefresh.ts';
import { NOTIFICATIONS_QUERY } from '../notifications/api.ts';
import { NotificationList } from '../notifications/NotificationList.tsx';
import { type CaseProgress, ENTERPRISE_OVERVIEW_QUERY, type EnterpriseOverview, type StatusCount } from './api.ts';
import { useDashboardText } from './text.ts';

const STATUS_COLORS: Record<string, string> = {
  CONFIRMED: 'green',
  APPROVED: 'green',
  ACTIVE: 'green',
  NOT_ACCEPTED: 'red',
  REVIEW_REJECTED: 'red',
  CONFIRMATION_REJECTED: 'red',
  REJECTED: 'red',
  DECLINED: 'red',
  DRAFT: 'default',
  CANCELLED: 'default',
  UNBOUND: 'default',
  REVOKED: 'default',
  EXITED: 'default',
  NOT_CONNECTED: 'default',
};
const colorOf = (status: string) => STATUS_COLORS[status] ?? 'blue';

/** 企业概览: the landing page of enterprise users — where access, invitations, bindings, capabilities and exit stand. */
export function DashboardPage() {
  const text = useDashboardText();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: ENTERPRISE_OVERVIEW_QUERY,
    requestPolicy: 'cache-and-network',
  });
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  useCaseEvents(reload);
  if (fetching && !data) return <Loading />;
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  const overview = data?.enterpriseOverview;
  if (!overview) return <EmptyState />;
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
            progress={overview.accessApplication}
            empty={text('noApplication')}
            link={{
              to: '/access/application',
              label: overview.accessApplication ? text('viewDetails') : text('goApply'),
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
            progress={overview.exitApplication}
            empty={text('noExit')}
            // only an ACTIVE DCU may apply to exit; a past exit stays viewable
            link={
              overview.exitApplication
                ? { to: '/access/exit', label: text('viewDetails') }
                : overview.dcuStatus === 'ACTIVE'
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

function RenewalReminder({ overview }: { overview: EnterpriseOverview }) {
  const text = useDashboardText();
  const validity = overview.accessValidity;
  if (!validity?.remindRenewal) return null;
  const end = formatDate(validity.endsAt);
  const expired = validity.state === 'EXPIRED';
  return (
    <Alert
      type={expired ? 'error' : 'warning'}
      showIcon
      data-testid="renewal-reminder"
      title={expired ? text('expiredTitle') : text('renewalTitle')}
      description={expired ? text('expiredBody', { end }) : text('renewalBody', { days: validity.daysLeft, end })}
    />
  );
}

function CardLink({ to, label }: { to: string; label: string }) {
  return <Link to={to}>{label}</Link>;
}

function DcuCard({ overview }: { overview: EnterpriseOverview }) {
  const text = useDashboardText();
  const { label } = useI18n();
  const validity = overview.accessValidity;
  return (
    <Card title={text('dcuCard')} data-testid="card-dcu" style={{ height: '100%' }}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={text('dcuStatus')}>
          <Tag color={colorOf(overview.dcuStatus)} data-testid="dcu-status">
            {label(DCU_STATUS_LABELS, overview.dcuStatus)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={text('leqiId')}>
          {overview.leqiId ? (
            <Typography.Text copyable strong data-testid="leqi-id">
              {overview.leqiId}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">{text('leqiIdPending')}</Typography.Text>
          )}
        </Descriptions.Item>
        {overview.confirmedAt && (
          <Descriptions.Item label={text('confirmedAt')}>{formatDateTime(overview.confirmedAt)}</Descriptions.Item>
        )}
        {validity && (
          <Descriptions.Item label={text('validUntil')}>
            <Space wrap>
              <span data-testid="valid-until">{formatDate(validity.endsAt)}</span>
              <Tag color={validity.state === 'VALID' ? 'green' : validity.state === 'EXPIRED' ? 'red' : 'orange'}>
                {validity.stateLabel}
              </Tag>
            </Space>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

function ProgressCard(props: {
  testId: string;
  title: string;
  progress: CaseProgress | null;
  empty: string;
  link?: { to: string; label: string } | undefined;
}) {
  const text = useDashboardText();
  const { lang, label } = useI18n();
  const { progress } = props;
  return (
    <Card
      title={props.title}
      extra={props.link ? <CardLink {...props.link} /> : undefined}
      data-testid={props.testId}
      style={{ height: '100%' }}
    >
      {progress ? (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={text('currentStep')}>
            <Tag color={colorOf(progress.status)} data-testid="case-status">
              {label(STATUS_LABELS, progress.status, progress.statusLabel)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={text('inStepFor')}>
            <span data-testid="case-elapsed">{formatElapsed(progress.since, lang)}</span>
            <Typography.Text type="secondary"> ({formatDateTime(progress.since)})</Typography.Text>
          </Descriptions.Item>
          {progress.lastReason && (
            <Descriptions.Item label={text('lastReason')}>{progress.lastReason}</Descriptions.Item>
          )}
        </Descriptions>
      ) : (
        <Typography.Text type="secondary" data-testid="case-none">
          {props.empty}
        </Typography.Text>
      )}
    </Card>
  );
}

/** Statuses with at least one case, each as a tag with its count (the labels come from the server, in the manual's words). */
function StatusTags({ counts, empty }: { counts: StatusCount[]; empty: string }) {
  const shown = counts.filter((c) => c.count > 0);
  if (shown.length === 0) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <Space wrap>
      {shown.map((c) => (
        <Tag key={c.status} color={colorOf(c.status)} data-testid={`count-${c.status}`}>
          {c.label} {c.count}
        </Tag>
      ))}
    </Space>
  );
}

function CountsCard(props: {
  testId: string;
  title: string;
  counts: StatusCount[];
  empty: string;
  link: { to: string; label: string };
}) {
  return (
    <Card
      title={props.title}
      extra={<CardLink {...props.link} />}
      data-testid={props.testId}
      style={{ height: '100%' }}
    >
      <StatusTags counts={props.counts} empty={props.empty} />
    </Card>
  );
}

function Figure({ title, value, testId }: { title: string; value: ReactNode; testId: string }) {
  return <Statistic title={title} value={value as number} data-testid={testId} />;
}

function BindingsCard({ overview }: { overview: EnterpriseOverview }) {
  const text = useDashboardText();
  return (
    <Card
      title={text('bindingsCard')}
      extra={<CardLink to="/access/invitations" label={text('manageInvitations')} />}
      data-testid="card-bindings"
      style={{ height: '100%' }}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Figure title={text('boundUseUnits')} value={overview.activeBindingCount} testId="active-bindings" />
        </Col>
        <Col span={12}>
          <Typography.Text type="secondary">{text('boundTo')}</Typography.Text>
          <div data-testid="direct-unit">
            {overview.directUnit ? overview.directUnit.name : <Typography.Text>{text('notBound')}</Typography.Text>}
          </div>
        </Col>
      </Row>
    </Card>
  );
}

function CapabilitiesCard({ overview }: { overview: EnterpriseOverview }) {
  const text = useDashboardText();
  return (
    <Card
      title={text('capabilitiesCard')}
      extra={<CardLink to="/access/capabilities" label={text('manageCapabilities')} />}
      data-testid="card-capabilities"
      style={{ height: '100%' }}
    >
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col span={8}>
          <Figure
            title={text('subscribedCapabilities')}
            value={overview.subscribedCapabilityCount}
            testId="capabilities"
          />
        </Col>
        <Col span={8}>
          <Figure
            title={text('authorisationsGiven')}
            value={overview.authorisationsGiven}
            testId="authorisations-given"
          />
        </Col>
        <Col span={8}>
          <Figure title={text('authorisationsHeld')} value={overview.authorisationsHeld} testId="authorisations-held" />
        </Col>
      </Row>
      <StatusTags counts={overview.subscriptions} empty={text('noSubscriptions')} />
    </Card>
  );
}

function InboxCard() {
  const text = useDashboardText();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: NOTIFICATIONS_QUERY,
    variables: { first: 5 },
    requestPolicy: 'cache-and-network',
  });
  useCaseEvents(() => reexecute({ requestPolicy: 'network-only' }));
  const items = data?.notifications.edges.map((e) => e.node) ?? [];
  return (
    <Card
      title={text('inboxCard')}
      extra={<CardLink to="/access/notifications" label={text('viewAll')} />}
      data-testid="card-inbox"
      style={{ height: '100%' }}
    >
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <LoadError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : items.length === 0 ? (
        <EmptyState description={text('noNotifications')} />
      ) : (
        <NotificationList items={items} />
      )}
    </Card>
  );
}
