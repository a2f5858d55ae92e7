import { Alert, Button, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { useAuth } from '../../app/auth.tsx';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { STATUS_LABELS, SUBSCRIPTION_STATUS_LABELS } from '../../app/messages.ts';
import { formatDateTime, formatElapsed } from '../../ui/format.ts';
import { LiveIndicator } from '../../ui/LiveIndicator.tsx';
import { EmptyState, LoadError } from '../../ui/PageState.tsx';
import { useQueueChanges } from '../../ui/useLiveRefresh.ts';
import { QUEUE_PAGE_SIZE, type QueueCase, REVIEW_QUEUE_QUERY, REVIEW_STEPS, type ReviewStep } from './api.ts';
import { ClaimTag } from './ClaimTag.tsx';
import { DueTag } from './DueTag.tsx';
import { InvitationQueueTable } from './InvitationQueueTable.tsx';
import { kindQuery, QueueToolbar, useQueueFilter } from './QueueToolbar.tsx';
import { queueVariables } from './queue-api.ts';
import { queueTabLabel } from './queue-labels.ts';
import { useStableRows } from './stable-rows.ts';
import { useMorePages } from './useMorePages.ts';

/**
 * 事项类型: access and exit applications go through three steps, use-unit invitations through 受理 and 确认,
 * capability subscriptions through one 审核 step (queued under REVIEW).
 */
const KINDS = {
  ACCESS_APPLICATION: { label: 'kindAccessApplication', steps: REVIEW_STEPS, path: '/workbench/cases/' },
  INVITATION: { label: 'kindInvitation', steps: ['ACCEPTANCE', 'CONFIRMATION'], path: '/workbench/invitations/' },
  EXIT_APPLICATION: { label: 'kindExitApplication', steps: REVIEW_STEPS, path: '/workbench/exits/' },
  CAPABILITY_SUBSCRIPTION: {
    label: 'kindCapabilitySubscription',
    steps: ['REVIEW'],
    path: '/workbench/subscriptions/',
  },
} as const satisfies Record<string, { label: MessageKey; steps: readonly ReviewStep[]; path: string }>;
type QueueKind = keyof typeof KINDS;
const KIND_STATUS_LABELS: Record<QueueKind, Record<string, { zh: string; en: string }>> = {
  ACCESS_APPLICATION: STATUS_LABELS,
  INVITATION: STATUS_LABELS,
  EXIT_APPLICATION: STATUS_LABELS,
  CAPABILITY_SUBSCRIPTION: SUBSCRIPTION_STATUS_LABELS,
};

/** /workbench: provincial officers confirm, local officers accept and review. */
export function WorkbenchHome() {
  const { viewer } = useAuth();
  const step: ReviewStep = viewer?.authority?.level === 'PROVINCIAL' ? 'CONFIRMATION' : 'ACCEPTANCE';
  return <Navigate to={`/workbench/queue/${step}`} replace />;
}

export function QueuePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const params = useParams();
  const [search] = useSearchParams();
  const wanted = search.get('kind');
  const kind: QueueKind = wanted && wanted in KINDS ? (wanted as QueueKind) : 'ACCESS_APPLICATION';
  const steps: readonly ReviewStep[] = KINDS[kind].steps;
  const step = REVIEW_STEPS.find((s) => s === params.step);
  if (!step) return <Navigate to="/workbench" replace />;
  const query = kindQuery(kind);
  // A kind without this step (复核 of an invitation, 受理 of a subscription) falls back to its first step.
  if (!steps.includes(step)) return <Navigate to={`/workbench/queue/${steps[0]}${query}`} replace />;
  return (
    <>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%', marginBottom: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('workbench')}
        </Typography.Title>
        <Link to="/workbench/dashboard" data-testid="dashboard-link">
          {t('dashboard')}
        </Link>
        <Segmented<QueueKind>
          aria-label={t('caseKind')}
          value={kind}
          onChange={(k) => {
            const kindSteps = KINDS[k].steps as readonly ReviewStep[];
            const nextStep = kindSteps.includes(step) ? step : kindSteps[0];
            navigate(`/workbench/queue/${nextStep}${kindQuery(k)}`);
          }}
          options={(Object.keys(KINDS) as QueueKind[]).map((k) => ({
            value: k,
            label: <span data-testid={`queue-kind-${k}`}>{t(KINDS[k].label)}</span>,
          }))}
        />
      </Space>
      <Tabs
        activeKey={step}
        onChange={(key) => navigate(`/workbench/queue/${key}${query}`)}
        tabBarExtraContent={<LiveIndicator />}
        items={steps.map((s) => ({
          key: s,
          label: <span data-testid={`queue-tab-${s}`}>{t(queueTabLabel(kind, s))}</span>,
        }))}
      />
      {kind === 'INVITATION' ? (
        <InvitationQueueTable key={`i-${step}`} step={step} />
      ) : (
        <QueueTable key={`${kind}-${step}`} kind={kind} step={step} />
      )}
    </>
  );
}

function QueueTable({ kind, step }: { kind: QueueKind; step: ReviewStep }) {
  const { t, lang, label } = useI18n();
  const navigate = useNavigate();
  const [filter, setFilter] = useQueueFilter();
  const variables = useMemo(
    () => ({ kind, step, first: QUEUE_PAGE_SIZE, ...queueVariables(filter) }),
    [kind, step, filter],
  );
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: REVIEW_QUEUE_QUERY,
    variables,
    requestPolicy: 'cache-and-network',
  });
  const latest = useMemo(() => data?.reviewQueue.edges.map((e) => e.node), [data]);
  const stable = useStableRows(latest, JSON.stringify(variables));
  // Another officer's decision or a new submission changes the queue: re-run the query, no page reload;
  // rows on screen stay where they are and new arrivals are announced rather than inserted.
  const more = useMorePages(variables);
  useQueueChanges(kind, step, () => {
    stable.markLive();
    reexecute({ requestPolicy: 'network-only' });
    void more.refresh();
  });

  if (error && !data) return <LoadError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const queue = data?.reviewQueue;
  const firstIds = new Set(stable.rows.map((row) => row.id));
  const rows = [...stable.rows, ...more.rows.filter((row) => !firstIds.has(row.id))];
  const hasNextPage = more.loaded ? more.hasNextPage : (queue?.pageInfo.hasNextPage ?? false);
  const path = (c: QueueCase) => `${KINDS[kind].path}${encodeURIComponent(c.id)}`;
  const open = (c: QueueCase) => navigate(path(c));

  return (
    <>
      <QueueToolbar kind={kind} step={step} filter={filter} onChange={setFilter} />
      {error && data && <Alert type="warning" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      {stable.arrivals.length > 0 && (
        <Button type="link" data-testid="new-arrivals" onClick={stable.reveal} aria-live="polite">
          {t('newArrivals', { n: String(stable.arrivals.length) })}
        </Button>
      )}
      <Table<QueueCase>
        data-testid="queue-table"
        rowKey="id"
        loading={fetching && !data}
        dataSource={rows}
        pagination={false}
        // on a phone the columns keep their width and the table scrolls sideways instead of wrapping every character
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <EmptyState description={t('queueEmpty')} /> }}
        onRow={(c) =>
          ({
            'data-testid': `queue-row-${c.enterprise.uscc}`,
            style: { cursor: 'pointer' },
            onClick: () => open(c),
          }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: t('enterpriseName'),
            key: 'name',
            render: (_, c) => (
              <Link to={path(c)} onClick={(e) => e.stopPropagation()}>
                {c.enterprise.name}
              </Link>
            ),
          },
          { title: t('uscc'), key: 'uscc', render: (_, c) => c.enterprise.uscc },
          {
            title: t('status'),
            key: 'status',
            render: (_, c) => (
              <>
                <Tag color="blue">{label(KIND_STATUS_LABELS[kind], c.status, c.statusLabel)}</Tag>
                <ClaimTag id={c.id} claim={c.claim} />
              </>
            ),
          },
          { title: t('submittedAt'), key: 'submittedAt', render: (_, c) => formatDateTime(c.submittedAt) },
          { title: t('timeInStep'), key: 'inStep', render: (_, c) => formatElapsed(c.stepEnteredAt, lang) },
          { title: t('ageInStep'), key: 'due', render: (_, c) => <DueTag row={c} /> },
        ]}
      />
      {hasNextPage && (
        <Button
          style={{ marginTop: 8 }}
          data-testid="load-more"
          loading={more.fetching}
          onClick={() => more.load(more.loaded ? more.cursor : (queue?.pageInfo.endCursor ?? null))}
        >
          {t('loadMore')}
        </Button>
      )}
      {queue && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="queue-total">
          {queue.totalCount > rows.length
            ? t('shownOfTotal', { shown: String(rows.length), total: String(queue.totalCount) })
            : t('totalCount', { count: String(queue.totalCount) })}
        </Typography.Paragraph>
      )}
    </>
  );
}
