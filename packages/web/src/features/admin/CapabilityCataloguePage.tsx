import { App as AntApp, Button, Card, Form, Input, Modal, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { LoadError } from '../../ui/PageState.tsx';
import { CATALOGUE_QUERY, type CapabilityRow, type PayloadError, SAVE_CAPABILITY } from './api.ts';
import { outcomeOf } from './form-result.ts';
import { useAdminText } from './text.ts';

/** 能力目录: every capability by its official 能力编码, disabled ones included. */
export function CapabilityCataloguePage() {
  const a = useAdminText();
  const [result, refetch] = useQuery<{ capabilityCatalogue: CapabilityRow[] }>({
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
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [state, save] = useMutation<{ saveCapability: PayloadError }>(SAVE_CAPABILITY);
  const submit = async () => {
    const values = await form.validateFields();
    const result = await save({ input: values });
    if (outcomeOf(result.data?.saveCapability, 'SaveCapabilitySuccess', form, message.error) === 'SUCCESS') {
      message.success(a('saved'));
      onClose(true);
    }
  };
  return (
    <Modal
      open
      title={row ? a('edit') : a('add')}
      okText={a('save')}
      cancelText={a('cancel')}
      confirmLoading={state.fetching}
      onOk={submit}
      onCancel={() => onClose(false)}
    >
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
    </Modal>
  );
}
