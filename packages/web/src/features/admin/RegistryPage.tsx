import { Button, Card, Form, Input, InputNumber, Select, Space, Switch, Table, Tabs } from 'antd';
import { useState } from 'react';
import { LoadMoreButton } from '../../ui/LoadMoreButton.tsx';
import { LoadError } from '../../ui/PageState.tsx';
import { usePagedList } from '../../ui/usePagedList.ts';
import { AdminEditModal, useAdminSave } from './AdminEditModal.tsx';
import { AdminListActions } from './AdminListActions.tsx';
import { REGISTRY_QUERY, type RegistryRow, SAVE_REGISTRY } from './api.ts';
import { RegistryImportPanel } from './RegistryImportPanel.tsx';
import { useAdminText } from './text.ts';

const RATINGS = ['A', 'B', 'C', 'D', 'M'];

/** 企业登记信息: the registry the verification reads — list, edit, Excel import. */
export function RegistryPage() {
  const a = useAdminText();
  const [search, setSearch] = useState('');
  const paged = usePagedList(REGISTRY_QUERY, { search: search || null }, (data) => data.registryEnterprises);
  const [editing, setEditing] = useState<{ row: RegistryRow | null } | null>(null);
  if (paged.error) return <LoadError error={paged.error} onRetry={paged.reload} />;
  const reload = paged.reload;
  const flag = (value: boolean | null) => (value === null ? '' : value ? a('yes') : a('no'));
  const amount = (value: number | null) => value?.toLocaleString() ?? '';
  const list = (
    <>
      <Table<RegistryRow>
        rowKey="uscc"
        size="small"
        loading={paged.fetching && !paged.data}
        dataSource={paged.rows}
        pagination={false}
        scroll={{ x: true }}
        footer={() => a('total', { count: paged.totalCount })}
        columns={[
          { title: a('uscc'), dataIndex: 'uscc' },
          { title: a('enterpriseName'), dataIndex: 'name' },
          { title: a('competentAuthorityCode'), dataIndex: 'competentAuthorityCode' },
          { title: a('creditRating'), dataIndex: 'creditRating' },
          { title: a('inPilot'), dataIndex: 'inPilot', render: flag },
          { title: a('majorViolation'), dataIndex: 'majorViolation', render: flag },
          { title: a('livelihoodIndustry'), dataIndex: 'livelihoodIndustry', render: flag },
          { title: a('priorYearRevenue'), dataIndex: 'priorYearRevenue', render: amount },
          { title: a('invoiceCount12m'), dataIndex: 'invoiceCount12m', render: amount },
          { title: a('invoiceAmount12m'), dataIndex: 'invoiceAmount12m', render: amount },
          {
            title: a('actions'),
            render: (_, row) => (
              <Button size="small" onClick={() => setEditing({ row })} data-testid={`edit-enterprise-${row.uscc}`}>
                {a('edit')}
              </Button>
            ),
          },
        ]}
      />
      <LoadMoreButton list={paged} label={a('loadMore')} />
    </>
  );
  return (
    <Card
      title={a('navRegistry')}
      extra={
        <AdminListActions
          testIds={{ search: 'registry-search', add: 'add-enterprise' }}
          onSearch={setSearch}
          onAdd={() => setEditing({ row: null })}
        />
      }
    >
      <Tabs
        items={[
          { key: 'list', label: a('navRegistry'), children: list },
          {
            key: 'import',
            label: a('importRegistry'),
            children: <RegistryImportPanel templateUrl={paged.data?.registryTemplateUrl ?? ''} onImported={reload} />,
          },
        ]}
      />
      {editing && (
        <RegistryForm
          row={editing.row}
          onClose={(changed) => {
            setEditing(null);
            if (changed) reload();
          }}
        />
      )}
    </Card>
  );
}

function RegistryForm({ row, onClose }: { row: RegistryRow | null; onClose: (changed: boolean) => void }) {
  const a = useAdminText();
  const { form, saving, save } = useAdminSave(
    SAVE_REGISTRY,
    'saveRegistryEnterprise',
    'SaveRegistryEnterpriseSuccess',
    onClose,
  );
  const initial = row ?? {
    creditRating: 'A',
    inPilot: true,
    majorViolation: false,
    livelihoodIndustry: false,
    priorYearRevenue: 0,
    invoiceCount12m: 0,
    invoiceAmount12m: 0,
  };
  const submit = async () => {
    const { id: _id, version: _version, ...values } = { ...initial, ...(await form.validateFields()) } as RegistryRow;
    await save({ ...values, expectedVersion: row ? row.version : null });
  };
  const number = (name: string, integer = false) => (
    <Form.Item name={name} label={a(name as 'priorYearRevenue')} rules={[{ required: true }]}>
      <InputNumber min={0} precision={integer ? 0 : 2} style={{ width: '100%' }} />
    </Form.Item>
  );
  const toggle = (name: 'inPilot' | 'majorViolation' | 'livelihoodIndustry') => (
    <Form.Item name={name} label={a(name)} valuePropName="checked">
      <Switch />
    </Form.Item>
  );
  return (
    <AdminEditModal editing={Boolean(row)} saving={saving} width={640} onOk={submit} onCancel={() => onClose(false)}>
      <Form form={form} layout="vertical" initialValues={initial} data-testid="registry-form">
        <Form.Item name="uscc" label={a('uscc')} rules={[{ required: true }]}>
          <Input maxLength={18} disabled={Boolean(row)} />
        </Form.Item>
        <Form.Item name="name" label={a('enterpriseName')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="competentAuthorityCode" label={a('competentAuthorityCode')} rules={[{ required: true }]}>
          <Input maxLength={11} />
        </Form.Item>
        <Form.Item name="creditRating" label={a('creditRating')}>
          <Select options={RATINGS.map((rating) => ({ value: rating, label: rating }))} />
        </Form.Item>
        <Space size="large">
          {toggle('inPilot')}
          {toggle('majorViolation')}
          {toggle('livelihoodIndustry')}
        </Space>
        {number('priorYearRevenue')}
        {number('invoiceCount12m', true)}
        {number('invoiceAmount12m')}
      </Form>
    </AdminEditModal>
  );
}
