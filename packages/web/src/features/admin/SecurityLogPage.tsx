import { DownloadOutlined } from '@ant-design/icons';
import {
  ACTOR_ROLE_LABELS,
  SECURITY_EVENT_TYPE_LABELS,
  SECURITY_EVENT_TYPES,
  SECURITY_OUTCOME_LABELS,
  type SecurityEventType,
  type SecurityOutcome,
  SIGN_IN_FAILURE_REASON_LABELS,
} from '@leqi/domain';
import { App as AntApp, Button, Card, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useClient } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { LoadMoreButton } from '../../ui/LoadMoreButton.tsx';
import { LoadError } from '../../ui/PageState.tsx';
import { usePagedList } from '../../ui/usePagedList.ts';
import { SECURITY_LOG_EXPORT_QUERY, SECURITY_LOG_QUERY, type SecurityLogRow } from './api.ts';
import { useAdminText } from './text.ts';

const DAY = 'YYYY-MM-DD';

interface Filter {
  types: SecurityEventType[];
  outcome: SecurityOutcome | null;
  username: string;
  address: string;
  from: string;
  to: string;
}

const EMPTY: Filter = { types: [], outcome: null, username: '', address: '', from: '', to: '' };

/** The filter as the API takes it: empty parts left out, days as the whole day in the browser's time zone. */
function apiFilter(filter: Filter) {
  return {
    ...(filter.types.length ? { types: filter.types } : {}),
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
    ...(filter.username.trim() ? { username: filter.username.trim() } : {}),
    ...(filter.address.trim() ? { address: filter.address.trim() } : {}),
    ...(filter.from ? { from: dayjs(filter.from, DAY).startOf('day').toISOString() } : {}),
    ...(filter.to ? { to: dayjs(filter.to, DAY).endOf('day').toISOString() } : {}),
  };
}

/** 安全审计: the security log of the audit chain, filtered, growing by 加载更多, exported to Excel. */
export function SecurityLogPage() {
  const a = useAdminText();
  const { label } = useI18n();
  const { message } = AntApp.useApp();
  const client = useClient();
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const [draft, setDraft] = useState({ username: '', address: '' });
  const variables = useMemo(() => ({ filter: apiFilter(filter) }), [filter]);
  const list = usePagedList(SECURITY_LOG_QUERY, variables, (data) => data.securityLog);
  const [exporting, setExporting] = useState(false);
  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;

  const exportLog = async () => {
    setExporting(true);
    const result = await client
      .query(SECURITY_LOG_EXPORT_QUERY, variables, { requestPolicy: 'network-only' })
      .toPromise();
    setExporting(false);
    const url = result.data?.securityLogExportUrl;
    if (!url) {
      message.error(result.error?.graphQLErrors[0]?.message ?? result.error?.message ?? 'error');
      return;
    }
    const link = document.createElement('a');
    link.href = url;
    link.click();
  };

  return (
    <Card
      title={a('navSecurityLog')}
      extra={
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportLog} data-testid="security-export">
          {a('securityExport')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{a('securityLogIntro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }} data-testid="security-filters">
        <Select
          mode="multiple"
          allowClear
          data-testid="security-filter-types"
          aria-label={a('securityType')}
          placeholder={a('securityAllTypes')}
          value={filter.types}
          onChange={(types: SecurityEventType[]) => setFilter({ ...filter, types })}
          options={SECURITY_EVENT_TYPES.map((type) => ({
            value: type,
            label: label(SECURITY_EVENT_TYPE_LABELS, type),
          }))}
          optionFilterProp="label"
          maxTagCount="responsive"
          style={{ minWidth: 240, maxWidth: 420 }}
        />
        <Select
          allowClear
          data-testid="security-filter-outcome"
          aria-label={a('securityOutcome')}
          placeholder={a('securityAllOutcomes')}
          value={filter.outcome ?? undefined}
          onChange={(outcome?: SecurityOutcome) => setFilter({ ...filter, outcome: outcome ?? null })}
          options={(['SUCCESS', 'FAILURE'] as const).map((outcome) => ({
            value: outcome,
            label: label(SECURITY_OUTCOME_LABELS, outcome),
          }))}
          style={{ width: 130 }}
        />
        <Input.Search
          allowClear
          data-testid="security-filter-user"
          aria-label={a('securityUserFilter')}
          placeholder={a('securityUserFilter')}
          value={draft.username}
          onChange={(event) => setDraft({ ...draft, username: event.target.value })}
          onSearch={(username) => setFilter({ ...filter, username })}
          style={{ width: 180 }}
        />
        <Input.Search
          allowClear
          data-testid="security-filter-address"
          aria-label={a('securityAddressFilter')}
          placeholder={a('securityAddressFilter')}
          value={draft.address}
          onChange={(event) => setDraft({ ...draft, address: event.target.value })}
          onSearch={(address) => setFilter({ ...filter, address })}
          style={{ width: 180 }}
        />
        <span data-testid="security-filter-dates">
          <DatePicker.RangePicker
            aria-label={a('securityTime')}
            placeholder={[a('securityFrom'), a('securityTo')]}
            allowEmpty={[true, true]}
            format={DAY}
            value={[filter.from ? dayjs(filter.from, DAY) : null, filter.to ? dayjs(filter.to, DAY) : null]}
            onChange={(dates) =>
              setFilter({ ...filter, from: dates?.[0]?.format(DAY) ?? '', to: dates?.[1]?.format(DAY) ?? '' })
            }
          />
        </span>
        <Button
          data-testid="security-filter-reset"
          onClick={() => {
            setFilter(EMPTY);
            setDraft({ username: '', address: '' });
          }}
        >
          {a('securityReset')}
        </Button>
      </Space>
      <Table<SecurityLogRow>
        rowKey="sequence"
        size="small"
        data-testid="security-log"
        loading={list.fetching && !list.data}
        dataSource={list.rows}
        pagination={false}
        scroll={{ x: 960 }}
        footer={() => a('total', { count: String(list.totalCount) })}
        columns={[
          { title: a('securityTime'), dataIndex: 'occurredAt', render: (at: string) => formatDateTime(at), width: 170 },
          {
            title: a('securityType'),
            dataIndex: 'type',
            render: (type: SecurityEventType) => label(SECURITY_EVENT_TYPE_LABELS, type),
          },
          {
            title: a('securityOutcome'),
            dataIndex: 'outcome',
            render: (outcome: SecurityOutcome) => (
              <Tag color={outcome === 'FAILURE' ? 'red' : 'green'}>{label(SECURITY_OUTCOME_LABELS, outcome)}</Tag>
            ),
          },
          { title: a('securityUser'), dataIndex: 'username', render: (value: string | null) => value ?? '—' },
          {
            title: a('securityActor'),
            render: (_, row) =>
              row.actorName ? `${row.actorName}（${label(ACTOR_ROLE_LABELS, row.actorRole)}）` : '—',
          },
          { title: a('securityAddress'), dataIndex: 'address', render: (value: string | null) => value ?? '—' },
          { title: a('securityObject'), dataIndex: 'object' },
          {
            title: a('securityReason'),
            dataIndex: 'reason',
            render: (reason: string | null) => (reason ? label(SIGN_IN_FAILURE_REASON_LABELS, reason) : '—'),
          },
        ]}
      />
      <LoadMoreButton list={list} label={a('loadMore')} />
    </Card>
  );
}
