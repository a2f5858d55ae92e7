import { isFinishedCase, type ReviewKind } from '@leqi/domain';
import { Alert, Card, Col, Descriptions, Row, Space, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { DCU_STATUS_LABELS, STATUS_LABELS } from '../../app/messages.ts';
import { formatDate, formatDateTime, formatElapsed } from '../../ui/format.ts';
import { EmptyState, LoadError, Loading } from '../../ui/PageState.tsx';
import { useReloadOnCaseEvents } from '../../ui/useLiveRefresh.ts';
import { NOTIFICATIONS_QUERY } from '../notifications/api.ts';
import { NotificationList } from '../notifications/NotificationList.tsx';
import type { CaseProgress, EnterpriseOverview, StatusCount } from './api.ts';
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

export function RenewalReminder({ overview }: { overview: EnterpriseOverview }) {
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

/** When the exit was confirmed: the exit application's entry into 确认通过. */
export function exitedAt(overview: EnterpriseOverview): string | null {
  const exit = overview.exitApplication;
  return exit?.status === 'CONFIRMED' ? exit.since : null;
}

type DescriptionItem = { key: string; label?: ReactNode; children: ReactNode };
type DashboardText = ReturnType<typeof useDashboardText>;

/** Manual §3.6.3 (6): once the exit is confirmed the direct-unit information is no longer shown — the exit is. */
function exitedItems(overview: EnterpriseOverview, text: DashboardText): DescriptionItem[] {
  return exitLines(exitedAt(overview), 'dcu-exited-at', text('exitedHint'), 'dcu-exited-hint', text);
}

/** 退出时间 when it is known, and a line saying what the exit means for the card. */
function exitLines(
  at: string | null | undefined,
  atTestId: string,
  hint: string,
  hintTestId: string,
  text: DashboardText,
): DescriptionItem[] {
  return [
    ...(at
      ? [
          {
            key: 'exitedAt',
            label: text('exitedAt'),
            children: <span data-testid={atTestId}>{formatDateTime(at)}</span>,
          },
        ]
      : []),
    {
      key: 'exitHint',
      children: (
        <Typography.Text type="secondary" data-testid={hintTestId}>
          {hint}
        </Typography.Text>
      ),
    },
  ];
}

function connectedItems(overview: EnterpriseOverview, text: DashboardText): DescriptionItem[] {
  const validity = overview.accessValidity;
  const items: DescriptionItem[] = [
    {
      key: 'leqiId',
      label: text('leqiId'),
      children: overview.leqiId ? (
        <Typography.Text copyable strong data-testid="leqi-id">
          {overview.leqiId}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">{text('leqiIdPending')}</Typography.Text>
      ),
    },
  ];
  if (overview.confirmedAt) {
    items.push({ key: 'confirmedAt', label: text('confirmedAt'), children: formatDateTime(overview.confirmedAt) });
  }
  if (validity) {
    items.push({
      key: 'validUntil',
      label: text('validUntil'),
      children: (
        <Space wrap>
          <span data-testid="valid-until">{formatDate(validity.endsAt)}</span>
          <Tag color={validity.state === 'VALID' ? 'green' : validity.state === 'EXPIRED' ? 'red' : 'orange'}>
            {validity.stateLabel}
          </Tag>
        </Space>
      ),
    });
  }
  return items;
}

export function DcuCard({ overview }: { overview: EnterpriseOverview }) {
  const text = useDashboardText();
  const { label } = useI18n();
  const status: DescriptionItem = {
    key: 'dcuStatus',
    label: text('dcuStatus'),
    children: (
      <Tag color={colorOf(overview.dcuStatus)} data-testid="dcu-status">
        {label(DCU_STATUS_LABELS, overview.dcuStatus)}
      </Tag>
    ),
  };
  const rest = overview.dcuStatus === 'EXITED' ? exitedItems(overview, text) : connectedItems(overview, text);
  return (
    <Card title={text('dcuCard')} data-testid="card-dcu" style={{ height: '100%' }}>
      <Descriptions column={1} size="small" items={[status, ...rest]} />
    </Card>
  );
}

/** What the card says of the case's time: how long in this step while pending, when it finished once it has. */
function timeItem(kind: ReviewKind, progress: CaseProgress, text: DashboardText, lang: 'zh' | 'en'): DescriptionItem {
  if (isFinishedCase(kind, progress.status)) {
    return {
      key: 'finishedAt',
      label: text('finishedAt'),
      children: <span data-testid="case-finished-at">{formatDateTime(progress.since)}</span>,
    };
  }
  return {
    key: 'inStepFor',
    label: text('inStepFor'),
    children: (
      <>
        <span data-testid="case-elapsed">{formatElapsed(progress.since, lang)}</span>
        <Typography.Text type="secondary"> ({formatDateTime(progress.since)})</Typography.Text>
      </>
    ),
  };
}

/** The confirmed access application of an enterprise that has since exited: the access ended with the exit. */
function endedByExitItems(exitedOn: string | null, text: DashboardText): DescriptionItem[] {
  return [
    {
      key: 'status',
      label: text('currentStep'),
      children: <Tag data-testid="case-status">{text('accessEnded')}</Tag>,
    },
    ...exitLines(exitedOn, 'case-exited-at', text('accessEndedHint'), 'case-ended-by-exit', text),
  ];
}

export function ProgressCard(props: {
  testId: string;
  title: string;
  kind: ReviewKind;
  progress: CaseProgress | null;
  empty: string;
  link?: { to: string; label: string } | undefined;
  /** The enterprise exited after this (confirmed) case, at `at`: the case is shown as ended by the exit. */
  endedByExit?: { at: string | null } | null;
}) {
  const text = useDashboardText();
  const { lang, label } = useI18n();
  const { progress } = props;
  const items = (p: CaseProgress): DescriptionItem[] =>
    props.endedByExit
      ? endedByExitItems(props.endedByExit.at, text)
      : [
          {
            key: 'status',
            label: text('currentStep'),
            children: (
              <Tag color={colorOf(p.status)} data-testid="case-status">
                {label(STATUS_LABELS, p.status, p.statusLabel)}
              </Tag>
            ),
          },
          timeItem(props.kind, p, text, lang),
          ...(p.lastReason ? [{ key: 'lastReason', label: text('lastReason'), children: p.lastReason }] : []),
        ];
  return (
    <Card
      title={props.title}
      extra={props.link ? <CardLink {...props.link} /> : undefined}
      data-testid={props.testId}
      style={{ height: '100%' }}
    >
      {progress ? (
        <Descriptions column={1} size="small" items={items(progress)} />
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

export function CountsCard(props: {
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

export function BindingsCard({ overview }: { overview: EnterpriseOverview }) {
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

export function CapabilitiesCard({ overview }: { overview: EnterpriseOverview }) {
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

export function InboxCard() {
  const text = useDashboardText();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: NOTIFICATIONS_QUERY,
    variables: { first: 5 },
    requestPolicy: 'cache-and-network',
  });
  useReloadOnCaseEvents(() => reexecute({ requestPolicy: 'network-only' }));
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
