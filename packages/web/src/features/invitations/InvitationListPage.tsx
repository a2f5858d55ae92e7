import { ImportOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Drawer, Input, Modal, Result, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { INVITATION_STATUS_LABELS, RELATIONSHIP_LABELS } from '../../app/messages.ts';
import { formatDateTime } from '../../ui/format.ts';
import { EmptyState, LoadError, Loading } from '../../ui/PageState.tsx';
import { useCaseEvents } from '../../ui/useLiveRefresh.ts';
import {
  INVITATION_QUERY,
  INVITATION_STATUSES,
  INVITATION_VIEWER_QUERY,
  type InvitationRow,
  type InvitationStatus,
  LIST_PAGE_SIZE,
  payloadProblem,
  SENT_INVITATIONS_QUERY,
  UNBIND_USE_UNITS_MUTATION,
} from './api.ts';
import { InvitationDetails, InvitationStatusTag } from './InvitationDetails.tsx';

/** Only an ACTIVE direct-connect unit invites (DESIGN §3.2); the pages explain the others' situation. */
export function useDcuGate(): { ready: boolean; gate: React.ReactNode | null } {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [{ data, error }, reexecute] = useQuery({
    query: INVITATION_VIEWER_QUERY,
    requestPolicy: 'cache-and-network',
  });
  if (error && !data)
    return {
      ready: false,
      gate: <LoadError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />,
    };
  if (!data) return { ready: false, gate: <Loading /> };
  const status = data.viewer?.enterprise?.dcuStatus;
  if (status === 'ACTIVE') return { ready: true, gate: null };
  return {
    ready: false,
    gate: (
      <Card data-testid="dcu-required">
        <Result
          status="info"
          title={t('onlyActiveDcu')}
          subTitle={status === 'EXITING' ? t('dcuExitingHint') : t('onlyActiveDcuHint')}
          extra={<Button onClick={() => navigate('/access/application')}>{t('goToApplication')}</Button>}
        />
      </Card>
    ),
  };
}

/** 接入管理 → 接入邀请 → 邀请列表 (manual §3.4.1.4, §3.5.1). */
export function InvitationListPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { ready, gate } = useDcuGate();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('invitations')} · {t('invitationList')}
        </Typography.Title>
        {ready && (
          <Space wrap>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="new-invitation-button"
              onClick={() => navigate('/access/invitations/new')}
            >
              {t('newInvitation')}
            </Button>
            <Button
              icon={<ImportOutlined />}
              data-testid="import-invitations-button"
              onClick={() => navigate('/access/invitations/import')}
            >
              {t('importInvitations')}
            </Button>
            <Button
              icon={<KeyOutlined />}
              data-testid="api-tokens-button"
              onClick={() => navigate('/access/api-tokens')}
            >
              {t('apiTokens')}
            </Button>
          </Space>
        )}
      </Space>
      {gate ?? <SentInvitations />}
    </Space>
  );
}

interface UnbindOutcome {
  row: InvitationRow;
  ok: boolean;
  message: string;
}

function SentInvitations() {
  const { t, label } = useI18n();
  // `?status=CONFIRMED` (from 申请退出 → 去解除绑定) opens the list filtered to that status.
  const [params] = useSearchParams();
  const [status, setStatus] = useState<InvitationStatus | undefined>(() => {
    const wanted = params.get('status');
    return INVITATION_STATUSES.find((s) => s.status === wanted)?.status;
  });
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState<string | undefined>(undefined);
  // Cursor paging: cursors[i] is the `after` of page i (page 0 starts at the beginning).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const page = cursors.length - 1;
  const [detailId, setDetailId] = useState<string | null>(null);
  const [selected, setSelected] = useState<InvitationRow[]>([]);
  const [confirmUnbind, setConfirmUnbind] = useState(false);
  const [outcomes, setOutcomes] = useState<UnbindOutcome[] | null>(null);
  const [unbindError, setUnbindError] = useState<string | null>(null);

  const [{ data, fetching, error }, reexecute] = useQuery({
    query: SENT_INVITATIONS_QUERY,
    variables: { status, search, first: LIST_PAGE_SIZE, after: cursors[page] ?? undefined },
    requestPolicy: 'cache-and-network',
  });
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  useCaseEvents((e) => {
    if (e.caseKind === 'INVITATION') reload();
  });
  const [unbindState, unbind] = useMutation(UNBIND_USE_UNITS_MUTATION);

  const restart = () => {
    setCursors([null]);
    setSelected([]);
  };

  const doUnbind = async () => {
    setUnbindError(null);
    const rows = selected.filter((r) => r.binding);
    const result = await unbind({ input: { bindingIds: rows.flatMap((r) => (r.binding ? [r.binding.id] : [])) } });
    const payload = result.data?.unbindUseUnits;
    setConfirmUnbind(false);
    if (payload?.__typename !== 'UnbindUseUnitsSuccess') {
      setUnbindError(payloadProblem(payload, result.error?.message ?? t('loadFailed')));
      return;
    }
    const done = new Set(payload.unbound?.map((b) => b.id));
    const failures = new Map(payload.failed?.map((f) => [f.bindingId ?? f.uscc ?? '', f.message]));
    setOutcomes(
      rows.map((row) => {
        const id = row.binding?.id ?? '';
        const ok = done.has(id);
        const message = ok
          ? t('unbindSucceeded')
          : (failures.get(id) ?? failures.get(row.useUnitUscc) ?? t('unbindFailed'));
        return { row, ok, message };
      }),
    );
    setSelected([]);
    reload();
  };

  const list = data?.sentInvitations;
  const rows = list?.edges.map((e) => e.node) ?? [];

  return (
    <Card>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          style={{ minWidth: 220 }}
          placeholder={t('allStatuses')}
          aria-label={t('invitationStatus')}
          data-testid="status-filter"
          value={status}
          onChange={(v) => {
            setStatus(v);
            restart();
          }}
          options={INVITATION_STATUSES.map((s) => ({
            value: s.status,
            label: `${label(INVITATION_STATUS_LABELS, s.status)}（${s.code}）`,
          }))}
        />
        <Input.Search
          allowClear
          aria-label={t('searchUseUnit')}
          placeholder={t('searchUseUnit')}
          data-testid="invitation-search"
          value={searchText}
          enterButton={t('search')}
          onChange={(e) => setSearchText(e.target.value)}
          onSearch={(v) => {
            setSearch(v.trim() || undefined);
            restart();
          }}
          style={{ width: 320, maxWidth: '100%' }}
        />
        <Button danger disabled={!selected.length} data-testid="batch-unbind" onClick={() => setConfirmUnbind(true)}>
          {t('batchUnbind')}
          {selected.length > 0 && ` (${selected.length})`}
        </Button>
      </Space>
      {unbindError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={unbindError}
          data-testid="unbind-error"
          style={{ marginBottom: 12 }}
        />
      )}
      {outcomes && <UnbindResults outcomes={outcomes} onClose={() => setOutcomes(null)} />}
      {error && !data ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Table<InvitationRow>
          data-testid="invitation-table"
          rowKey="id"
          size="middle"
          loading={fetching && !data}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <EmptyState description={t('noInvitations')} /> }}
          rowSelection={{
            selectedRowKeys: selected.map((r) => r.id),
            onChange: (_keys, selectedRows) => setSelected(selectedRows),
            getCheckboxProps: (r) => ({
              disabled: !(r.status === 'CONFIRMED' && r.binding?.status === 'ACTIVE'),
              'aria-label': `${t('batchUnbind')} ${r.useUnitName}`,
              'data-testid': `select-${r.id}`,
            }),
          }}
          onRow={(r) =>
            ({
              'data-testid': `invitation-row-${r.id}`,
              'data-uscc': r.useUnitUscc,
            }) as React.HTMLAttributes<HTMLElement>
          }
          columns={[
            { title: t('useUnitName'), dataIndex: 'useUnitName' },
            { title: t('uscc'), dataIndex: 'useUnitUscc' },
            {
              title: t('relationship'),
              dataIndex: 'relationship',
              render: (r: string) => label(RELATIONSHIP_LABELS, r),
            },
            { title: t('provinceAuthority'), key: 'authority', render: (_, r) => r.provinceAuthority.name },
            {
              title: t('invitationStatus'),
              key: 'status',
              render: (_, r) => (
                <InvitationStatusTag status={r.status} statusLabel={r.statusLabel} code={r.officialStatusCode} />
              ),
            },
            { title: t('invitedAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            {
              title: t('actions'),
              key: 'detail',
              fixed: 'right',
              render: (_, r) => (
                <Button type="link" data-testid={`detail-${r.id}`} onClick={() => setDetailId(r.id)}>
                  {t('viewDetail')}
                </Button>
              ),
            },
          ]}
        />
      )}
      {list && (
        <Space style={{ marginTop: 12 }} wrap>
          <Typography.Text type="secondary" data-testid="invitation-total">
            {t('totalCount', { count: String(list.totalCount) })}
          </Typography.Text>
          <Button disabled={page === 0} data-testid="prev-page" onClick={() => setCursors((c) => c.slice(0, -1))}>
            {t('prevPage')}
          </Button>
          <Tag>{page + 1}</Tag>
          <Button
            disabled={!list.pageInfo.hasNextPage}
            data-testid="next-page"
            onClick={() => setCursors((c) => [...c, list.pageInfo.endCursor])}
          >
            {t('nextPage')}
          </Button>
        </Space>
      )}
      <Modal
        open={confirmUnbind}
        title={t('unbindConfirmTitle', { count: String(selected.length) })}
        okText={t('unbind')}
        okButtonProps={{ danger: true, 'data-testid': 'unbind-confirm' }}
        cancelText={t('cancel')}
        confirmLoading={unbindState.fetching}
        onOk={() => void doUnbind()}
        onCancel={() => setConfirmUnbind(false)}
      >
        <Typography.Paragraph>{t('unbindConfirmHint')}</Typography.Paragraph>
        <ul>
          {selected.map((r) => (
            <li key={r.id}>
              {r.useUnitName}（{r.useUnitUscc}）
            </li>
          ))}
        </ul>
      </Modal>
      <Drawer
        open={!!detailId}
        size="large"
        title={t('invitationDetail')}
        onClose={() => setDetailId(null)}
        destroyOnHidden
      >
        {detailId && <InvitationDrawerBody id={detailId} onChanged={reload} />}
      </Drawer>
    </Card>
  );
}

function UnbindResults({ outcomes, onClose }: { outcomes: UnbindOutcome[]; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type={outcomes.every((o) => o.ok) ? 'success' : 'warning'}
      closable={{ onClose }}
      style={{ marginBottom: 12 }}
      data-testid="unbind-results"
      title={t('unbindResult')}
      description={
        <Table<UnbindOutcome>
          size="small"
          rowKey={(o) => o.row.id}
          pagination={false}
          dataSource={outcomes}
          onRow={(o) => ({ 'data-testid': `unbind-result-${o.row.useUnitUscc}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('useUnitName'), key: 'name', render: (_, o) => o.row.useUnitName },
            { title: t('uscc'), key: 'uscc', render: (_, o) => o.row.useUnitUscc },
            {
              title: t('result'),
              key: 'result',
              render: (_, o) => <Typography.Text type={o.ok ? 'success' : 'danger'}>{o.message}</Typography.Text>,
            },
          ]}
        />
      }
    />
  );
}

function InvitationDrawerBody({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t } = useI18n();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: INVITATION_QUERY,
    variables: { id },
    requestPolicy: 'cache-and-network',
  });
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  useCaseEvents((e) => {
    if (e.caseId === id) reload();
  });
  if (fetching && !data) return <Loading />;
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!data?.invitation) return <EmptyState description={t('notFound')} />;
  return (
    <InvitationDetails
      invitation={data.invitation}
      canReplaceProof
      onChanged={() => {
        reload();
        onChanged();
      }}
    />
  );
}
