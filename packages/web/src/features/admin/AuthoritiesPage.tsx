import { Button, Card, Form, Input, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { LoadMoreButton } from '../../ui/LoadMoreButton.tsx';
import { LoadError } from '../../ui/PageState.tsx';
import { usePagedList } from '../../ui/usePagedList.ts';
import { AdminEditModal, useAdminSave } from './AdminEditModal.tsx';
import { AdminListActions } from './AdminListActions.tsx';
import { AUTHORITIES_QUERY, SAVE_AUTHORITY, type TaxAuthorityRow } from './api.ts';
import { useAdminText } from './text.ts';

type Editing = { row: TaxAuthorityRow | null } | null;

/** 税务机关: 11-digit code, level and parent. */
export function AuthoritiesPage() {
  const a = useAdminText();
  const [search, setSearch] = useState('');
  const list = usePagedList(AUTHORITIES_QUERY, { search: search || null }, (data) => data.adminTaxAuthorities);
  const [editing, setEditing] = useState<Editing>(null);
  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  return (
    <Card
      title={a('navAuthorities')}
      extra={
        <AdminListActions
          testIds={{ search: 'authority-search', add: 'add-authority' }}
          onSearch={setSearch}
          onAdd={() => setEditing({ row: null })}
        />
      }
    >
      <Table<TaxAuthorityRow>
        rowKey="code"
        size="small"
        loading={list.fetching && !list.data}
        dataSource={list.rows}
        pagination={false}
        footer={() => a('total', { count: list.totalCount })}
        columns={[
          { title: a('authorityCode'), dataIndex: 'code' },
          { title: a('authorityName'), dataIndex: 'name' },
          {
            title: a('level'),
            dataIndex: 'level',
            render: (level: 'PROVINCIAL' | 'LOCAL') => <Tag>{a(`level${level}`)}</Tag>,
          },
          { title: a('parentCode'), dataIndex: 'parentCode', render: (code: string | null) => code ?? '—' },
          {
            title: a('actions'),
            render: (_, row) => (
              <Button size="small" onClick={() => setEditing({ row })} data-testid={`edit-authority-${row.code}`}>
                {a('edit')}
              </Button>
            ),
          },
        ]}
      />
      <LoadMoreButton list={list} label={a('loadMore')} />
      {editing && (
        <AuthorityForm
          row={editing.row}
          onClose={(changed) => {
            setEditing(null);
            if (changed) list.reload();
          }}
        />
      )}
    </Card>
  );
}

function AuthorityForm({ row, onClose }: { row: TaxAuthorityRow | null; onClose: (changed: boolean) => void }) {
  const a = useAdminText();
  const { form, saving, save } = useAdminSave(SAVE_AUTHORITY, 'saveTaxAuthority', 'SaveTaxAuthoritySuccess', onClose);
  const submit = async () => {
    const values = await form.validateFields();
    await save({ ...values, parentCode: values.parentCode || null, expectedVersion: row ? row.version : null });
  };
  return (
    <AdminEditModal editing={Boolean(row)} saving={saving} onOk={submit} onCancel={() => onClose(false)}>
      <Form form={form} layout="vertical" initialValues={row ?? { level: 'LOCAL' }} data-testid="authority-form">
        <Form.Item name="code" label={a('authorityCode')} rules={[{ required: true }]}>
          <Input maxLength={11} disabled={Boolean(row)} />
        </Form.Item>
        <Form.Item name="name" label={a('authorityName')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="level" label={a('level')}>
          <Select
            options={(['PROVINCIAL', 'LOCAL'] as const).map((level) => ({ value: level, label: a(`level${level}`) }))}
          />
        </Form.Item>
        <Form.Item name="parentCode" label={a('parentCode')}>
          <Input maxLength={11} />
        </Form.Item>
      </Form>
    </AdminEditModal>
  );
}
