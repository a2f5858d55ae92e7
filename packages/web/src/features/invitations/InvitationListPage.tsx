import { ImportOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { INVITATION_STATUS_LABELS, RELATIONSHIP_LABELS } from '../../app/messages.ts';
import { offers } from '../../ui/available-actions.ts';
import { CursorPager, useCursorPages } from '../../ui/CursorPager.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { EmptyState, LoadError } from '../../ui/PageState.tsx';
import { useLiveQuery } from '../../ui/useLiveRefresh.ts';
import { SENT_INVITATIONS_QUERY } from './api.ts';
import { useBatchUnbind } from './BatchUnbind.tsx';
import {
  INVITATION_STATUSES,
  type InvitationRow,
  type InvitationStatus,
  LIST_PAGE_SIZE,
  offersReinvite,
  type ReinviteState,
} from './fields.ts';
import { InvitationStatusTag } from './InvitationDetails.tsx';
import { InvitationDrawer } from './InvitationDrawer.tsx';
import { useDcuGate } from './useDcuGate.tsx';

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

function SentInvitations() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  // `?status=CONFIRMED` (from 申请退出 → 去解除绑定) opens the list filtered to that status.
  const [params] = useSearchParams();
  const [status, setStatus] = useState<InvitationStatus | undefined>(() => {
    const wanted = params.get('status');
    return INVITATION_STATUSES.find((s) => s.status === wanted)?.status;
  });
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState<string | undefined>(undefined);
  const pages = useCursorPages();
  const [detailId, setDetailId] = useState<string | null>(null);
  const [selected, setSelected] = useState<InvitationRow[]>([]);
  const [{ data, fetching, error }, reload] = useLiveQuery(
    {
      query: SENT_INVITATIONS_QUERY,
      variables: { status, search, first: LIST_PAGE_SIZE, after: pages.after },
    },
    (e) => e.caseKind === 'INVITATION',
  );
  const unbinding = useBatchUnbind(selected, () => {
    setSelected([]);
    reload();
  });

  const restart = () => {
    pages.restart();
    setSelected([]);
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
        {unbinding.button}
      </Space>
      {unbinding.feedback}
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
              disabled: !offers(r.binding, 'unbindByDirectUnit'),
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
              width: 190,
              render: (_, r) => (
                <Space size={0}>
                  <Button type="link" data-testid={`detail-${r.id}`} onClick={() => setDetailId(r.id)}>
                    {t('viewDetail')}
                  </Button>
                  {offersReinvite(r.status) && (
                    <Button
                      type="link"
                      data-testid={`reinvite-${r.id}`}
                      onClick={() => navigate('/access/invitations/new', { state: reinviteState(r) })}
                    >
                      {t('reinvite')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      {list && <CursorPager pages={pages} list={list} totalTestId="invitation-total" />}
      {unbinding.modal}
      <InvitationDrawer id={detailId} onClose={() => setDetailId(null)} onChanged={reload} />
    </Card>
  );
}

function reinviteState(row: InvitationRow): ReinviteState {
  return {
    reinvite: {
      uscc: row.useUnitUscc,
      name: row.useUnitName,
      provinceAuthorityCode: row.provinceAuthority.code,
      relationship: row.relationship,
      capabilityCodes: row.capabilityCodes,
    },
  };
}
