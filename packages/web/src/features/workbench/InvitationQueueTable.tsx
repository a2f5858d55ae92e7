import { Alert, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { RELATIONSHIP_LABELS } from '../../app/messages.ts';
import { formatDateTime, formatElapsed } from '../../ui/format.ts';
import { EmptyState, LoadError } from '../../ui/PageState.tsx';
import { useQueueChanges } from '../../ui/useLiveRefresh.ts';
import { InvitationStatusTag } from '../invitations/InvitationDetails.tsx';
import { INVITATION_QUEUE_QUERY, type InvitationQueueCase, QUEUE_PAGE_SIZE, type ReviewStep } from './api.ts';
import { BulkInvitationDecision } from './BulkInvitationDecision.tsx';
import { ClaimTag } from './ClaimTag.tsx';
import { DueTag } from './DueTag.tsx';
import { QueueToolbar, useQueueFilter } from './QueueToolbar.tsx';
import { queueVariables } from './queue-api.ts';

/** 使用单位邀请 queue: the use unit (whose authority decides), the inviting DCU and the relationship. */
export function InvitationQueueTable({ step }: { step: ReviewStep }) {
  const { t, lang, label } = useI18n();
  const navigate = useNavigate();
  const [filter, setFilter] = useQueueFilter();
  const variables = useMemo(() => ({ step, first: QUEUE_PAGE_SIZE, ...queueVariables(filter) }), [step, filter]);
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: INVITATION_QUEUE_QUERY,
    variables,
    requestPolicy: 'cache-and-network',
  });
  useQueueChanges('INVITATION', step, () => reexecute({ requestPolicy: 'network-only' }));
  const [selectedIds, setSelectedIds] = useState<string[]>([]);

  if (error && !data) return <LoadError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const queue = data?.reviewQueue;
  // the queue is asked for kind INVITATION only: every node is an invitation
  const rows = (queue?.edges.map((e) => e.node) ?? []).filter((n): n is InvitationQueueCase => 'useUnitUscc' in n);
  const path = (c: InvitationQueueCase) => `/workbench/invitations/${encodeURIComponent(c.id)}`;
  const selected = rows.filter((c) => selectedIds.includes(c.id));

  return (
    <>
      <QueueToolbar kind="INVITATION" step={step} filter={filter} onChange={setFilter} />
      {error && data && <Alert type="warning" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <BulkInvitationDecision
        step={step}
        selected={selected}
        names={Object.fromEntries(rows.map((c) => [c.id, c.useUnitName]))}
        onDone={() => {
          setSelectedIds([]);
          reexecute({ requestPolicy: 'network-only' });
        }}
      />
      <Table<InvitationQueueCase>
        rowSelection={{
          selectedRowKeys: selectedIds,
          onChange: (keys) => setSelectedIds(keys.map(String)),
        }}
        data-testid="queue-table"
        rowKey="id"
        loading={fetching && !data}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: <EmptyState description={t('queueEmpty')} /> }}
        onRow={(c) =>
          ({
            'data-testid': `queue-row-${c.useUnitUscc}`,
            style: { cursor: 'pointer' },
            // the selection checkbox selects; the rest of the row opens the case
            onClick: (e: React.MouseEvent<HTMLElement>) => {
              if (!(e.target as HTMLElement).closest('.ant-table-selection-column')) navigate(path(c));
            },
          }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: t('useUnit'),
            key: 'name',
            render: (_, c) => (
              <Link to={path(c)} onClick={(e) => e.stopPropagation()}>
                {c.useUnitName}
              </Link>
            ),
          },
          { title: t('uscc'), key: 'uscc', render: (_, c) => c.useUnitUscc },
          { title: t('directUnit'), key: 'dcu', render: (_, c) => c.directUnit.name },
          { title: t('relationship'), key: 'rel', render: (_, c) => label(RELATIONSHIP_LABELS, c.relationship) },
          {
            title: t('status'),
            key: 'status',
            render: (_, c) => (
              <>
                <InvitationStatusTag status={c.status} statusLabel={c.statusLabel} />
                <ClaimTag id={c.id} claim={c.claim} />
              </>
            ),
          },
          { title: t('submittedAt'), key: 'submittedAt', render: (_, c) => formatDateTime(c.submittedAt) },
          { title: t('timeInStep'), key: 'inStep', render: (_, c) => formatElapsed(c.stepEnteredAt, lang) },
          { title: t('ageInStep'), key: 'due', render: (_, c) => <DueTag row={c} /> },
        ]}
      />
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
