import { Button, Card, Form, Input, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useQuery } from 'urql';
import { LoadError } from '../../ui/PageState.tsx';
import { AdminEditModal, useAdminSave } from './AdminEditModal.tsx';
import { CATALOGUE_QUERY, type CapabilityRow, SAVE_CAPABILITY } from './api.ts';
import { useAdminText } from './text.ts';

/** 能力目录: every capability by its official 能力编码, disabled ones included. */
export function CapabilityCataloguePage() {
  const a = useAdminText();
  const [result, refetch] = useQuery({
    query: CATALOGUE_QUERY,
    requestPolicy: 'cache-and-network',
  });
  const [editing, setEditing] = useState<{ row: CapabilityRow | null } | null>(null);
  if (result.error) return <LoadError error={result.error} onRetry={() => refetch()} />;
  return (
    <Card
      title={a('navCapabilities')}
      extra={
        <Button type="primary" onClick={() => setEditing({ row: null })} data-testid="add-capability">
          {a('add')}
        </Button>
      }
    >
      <Table<CapabilityRow>
        rowKey="code"
        size="small"
        loading={result.fetching && !result.data}
        dataSource={result.data?.capabilityCatalogue ?? []}
        pagination={false}
        columns={[
          { title: a('capabilityCode'), dataIndex: 'code' },
          { title: a('capabilityName'), dataIndex: 'name' },
          { title: a('isPublic'), dataIndex: 'isPublic', render: (v: boolean) => (v ? a('yes') : a('no')) },
          {
            title: a('enabled'),
            dataIndex: 'enabled',
            render: (v: boolean) => <Tag color={v ? 'green' : 'default'}>{v ? a('enabled') : a('disabled')}</Tag>,
          },
          {
            title: a('actions'),
            render: (_, row) => (
              <Button size="small" onClick={() => setEditing({ row })} data-testid={`edit-capability-${row.code}`}>
                {a('edit')}
              </Button>
            ),
          },
        ]}
      />
      {editing && (
        <CapabilityForm
          row={editing.row}
          onClose={(changed) => {
            setEditing(null);
            if (changed) refetch({ requestPolicy: 'network-only' });
          }}
        />
      )}
    </Card>
  );
}

function CapabilityForm({ row, onClose }: { row: CapabilityRow | null; onClose: (changed: boolean) => void }) {
  const a = useAdminText();
  const { form, saving, save } = useAdminSave(SAVE_CAPABILITY, 'saveCapability', 'SaveCapabilitySuccess', onClose);
  const submit = async () => save(await form.validateFields());
  return (
    <AdminEditModal editing={Boolean(row)} saving={saving} onOk={submit} onCancel={() => onClose(false)}>
      <Form
        form={form}
        layout="vertical"
        initialValues={row ?? { isPublic: false, enabled: true, description: '' }}
        data-testid="capability-form"
      >
        <Form.Item name="code" label={a('capabilityCode')} rules={[{ required: true }]}>
          <Input maxLength={6} disabled={Boolean(row)} />
        </Form.Item>
        <Form.Item name="name" label={a('capabilityName')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="isPublic" label={a('isPublic')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="enabled" label={a('enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="description" label={a('description')}>
          <Input.TextArea maxLength={1000} rows={3} />
        </Form.Item>
      </Form>
    </AdminEditModal>
  );
}
