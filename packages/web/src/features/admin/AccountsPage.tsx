import { Alert, App as AntApp, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { IDENTITY_LABELS } from '../../app/messages.ts';
import { LoadMoreButton } from '../../ui/LoadMoreButton.tsx';
import { LoadError } from '../../ui/PageState.tsx';
import { usePagedList } from '../../ui/usePagedList.ts';
import { AdminListActions } from './AdminListActions.tsx';
import {
  ACCOUNTS_QUERY,
  type AccountRow,
  CREATE_ACCOUNT,
  RESET_PASSWORD,
  RESET_TWO_FACTOR,
  SET_DISABLED,
  UNLOCK_SIGN_IN,
  UPDATE_ACCOUNT,
} from './api.ts';
import { outcomeOf } from './form-result.ts';
import { useAdminText } from './text.ts';

const ROLES = ['ENTERPRISE', 'OFFICER', 'ADMIN'] as const;
const IDENTITIES = ['LEGAL_REPRESENTATIVE', 'FINANCE_MANAGER', 'TAX_CLERK', 'INVOICE_CLERK'];

/** 用户账号: create, edit, reset the password or the two factors, disable and enable. */
export function AccountsPage() {
  const a = useAdminText();
  const { label } = useI18n();
  const { message, modal } = AntApp.useApp();
  const [search, setSearch] = useState('');
  const list = usePagedList(ACCOUNTS_QUERY, { search: search || null }, (data) => data.userAccounts);
  const [editing, setEditing] = useState<{ row: AccountRow | null } | null>(null);
  const [resetting, setResetting] = useState<AccountRow | null>(null);
  const [, setDisabled] = useMutation(SET_DISABLED);
  const [, resetTwoFactor] = useMutation(RESET_TWO_FACTOR);
  const [, unlock] = useMutation(UNLOCK_SIGN_IN);
  const unlockRow = async (row: AccountRow) => {
    const outcome = await unlock({ input: { id: row.id } });
    const kind = outcomeOf(outcome.data?.unlockUserSignIn, 'UnlockUserSignInSuccess', null, message.error);
    if (kind === 'SUCCESS') message.success(a('signInUnlocked'));
    list.reload();
  };
  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  const reload = list.reload;
  const toggle = async (row: AccountRow) => {
    const run = async () => {
      const outcome = await setDisabled({
        input: { id: row.id, disabled: !row.disabled, expectedVersion: row.version },
      });
      const payload = outcome.data?.setUserAccountDisabled;
      const kind = outcomeOf(payload, 'SetUserAccountDisabledSuccess', null, message.error);
      if (kind === 'STALE') message.warning(a('staleReload'));
      if (kind === 'SUCCESS') message.success(a('saved'));
      reload();
    };
    if (row.disabled) await run();
    else modal.confirm({ title: a('disable'), content: a('confirmDisable'), onOk: run });
  };
  const resetFactors = (row: AccountRow) =>
    modal.confirm({
      title: `${a('resetTwoFactor')} · ${row.username}`,
      content: a('confirmResetTwoFactor'),
      okButtonProps: { danger: true },
      onOk: async () => {
        const outcome = await resetTwoFactor({ input: { id: row.id, expectedVersion: row.version } });
        const kind = outcomeOf(outcome.data?.resetUserTwoFactor, 'ResetUserTwoFactorSuccess', null, message.error);
        if (kind === 'STALE') message.warning(a('staleReload'));
        if (kind === 'SUCCESS') message.success(a('twoFactorReset'));
        reload();
      },
    });
  return (
    <Card
      title={a('navAccounts')}
      extra={
        <AdminListActions
          testIds={{ search: 'account-search', add: 'add-account' }}
          onSearch={setSearch}
          onAdd={() => setEditing({ row: null })}
          addLabel={a('createAccount')}
        />
      }
    >
      <Table<AccountRow>
        rowKey="id"
        size="small"
        loading={list.fetching && !list.data}
        dataSource={list.rows}
        pagination={false}
        footer={() => a('total', { count: list.totalCount })}
        columns={[
          { title: a('username'), dataIndex: 'username' },
          { title: a('displayName'), dataIndex: 'displayName' },
          { title: a('role'), dataIndex: 'role', render: (role: AccountRow['role']) => a(`role${role}`) },
          {
            title: `${a('identityType')} / ${a('authority')}`,
            render: (_, row) =>
              row.role === 'ENTERPRISE'
                ? `${row.enterprise?.name ?? ''} · ${label(IDENTITY_LABELS, row.identityType)}`
                : (row.authority?.name ?? '—'),
          },
          {
            title: a('status'),
            render: (_, row) => (
              <Space size={4} wrap>
                <Tag color={row.disabled ? 'red' : 'green'}>{row.disabled ? a('disabled') : a('active')}</Tag>
                {row.signInLockedUntil && (
                  <Tag color="orange" data-testid={`locked-${row.username}`}>
                    {a('signInLocked')}
                  </Tag>
                )}
                {row.twoFactorEnabled && (
                  <Tag color="blue" data-testid={`two-factor-${row.username}`}>
                    {a('twoFactorOn')}
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            title: a('actions'),
            render: (_, row) => (
              <Space>
                <Button size="small" onClick={() => setEditing({ row })} data-testid={`edit-account-${row.username}`}>
                  {a('edit')}
                </Button>
                <Button size="small" onClick={() => setResetting(row)} data-testid={`reset-${row.username}`}>
                  {a('resetPassword')}
                </Button>
                {row.signInLockedUntil && (
                  <Button size="small" onClick={() => unlockRow(row)} data-testid={`unlock-${row.username}`}>
                    {a('unlockSignIn')}
                  </Button>
                )}
                {row.twoFactorEnabled && (
                  <Button
                    size="small"
                    onClick={() => resetFactors(row)}
                    data-testid={`reset-two-factor-${row.username}`}
                  >
                    {a('resetTwoFactor')}
                  </Button>
                )}
                <Button
                  size="small"
                  danger={!row.disabled}
                  onClick={() => toggle(row)}
                  data-testid={`toggle-${row.username}`}
                >
                  {row.disabled ? a('enable') : a('disable')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <LoadMoreButton list={list} label={a('loadMore')} />
      {editing && (
        <AccountForm
          row={editing.row}
          onClose={(changed) => {
            setEditing(null);
            if (changed) reload();
          }}
        />
      )}
      {resetting && <ResetPassword row={resetting} onClose={() => setResetting(null)} />}
    </Card>
  );
}

function AccountForm({ row, onClose }: { row: AccountRow | null; onClose: (changed: boolean) => void }) {
  const a = useAdminText();
  const { label } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const role = Form.useWatch('role', form) as AccountRow['role'] | undefined;
  const [issued, setIssued] = useState<string | null>(null);
  const [createState, create] = useMutation(CREATE_ACCOUNT);
  const [updateState, update] = useMutation(UPDATE_ACCOUNT);
  const initial = row
    ? {
        username: row.username,
        displayName: row.displayName,
        role: row.role,
        identityType: row.identityType,
        enterpriseUscc: row.enterprise?.uscc,
        authorityCode: row.authority?.code,
      }
    : { role: 'ENTERPRISE' };
  const submit = async () => {
    const { username, ...values } = await form.validateFields();
    if (row) {
      const result = await update({ input: { ...values, id: row.id, expectedVersion: row.version } });
      const outcome = outcomeOf(result.data?.updateUserAccount, 'UpdateUserAccountSuccess', form, message.error);
      if (outcome === 'STALE') message.warning(a('staleReload'));
      if (outcome === 'SUCCESS' || outcome === 'STALE') onClose(true);
      return;
    }
    const result = await create({ input: { ...values, username } });
    const payload = result.data?.createUserAccount;
    if (outcomeOf(payload, 'CreateUserAccountSuccess', form, message.error) === 'SUCCESS') {
      if (payload?.__typename === 'CreateUserAccountSuccess' && payload.credentials?.temporaryPassword)
        setIssued(payload.credentials.temporaryPassword);
      else onClose(true);
    }
  };
  if (issued) {
    return (
      <Modal
        open
        title={a('createAccount')}
        onOk={() => onClose(true)}
        onCancel={() => onClose(true)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="success" title={a('temporaryPassword')} />
        <Typography.Paragraph copyable code data-testid="temporary-password" style={{ marginTop: 12 }}>
          {issued}
        </Typography.Paragraph>
      </Modal>
    );
  }
  return (
    <Modal
      open
      title={row ? a('edit') : a('createAccount')}
      okText={a('save')}
      cancelText={a('cancel')}
      confirmLoading={createState.fetching || updateState.fetching}
      onOk={submit}
      onCancel={() => onClose(false)}
    >
      <Form form={form} layout="vertical" initialValues={initial} data-testid="account-form">
        <Form.Item name="username" label={a('username')} rules={[{ required: true }]}>
          <Input maxLength={40} disabled={Boolean(row)} />
        </Form.Item>
        <Form.Item name="displayName" label={a('displayName')} rules={[{ required: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="role" label={a('role')}>
          <Select options={ROLES.map((value) => ({ value, label: a(`role${value}`) }))} data-testid="account-role" />
        </Form.Item>
        {role === 'ENTERPRISE' && (
          <>
            <Form.Item name="enterpriseUscc" label={a('enterpriseUscc')}>
              <Input maxLength={18} />
            </Form.Item>
            <Form.Item name="identityType" label={a('identityType')}>
              <Select
                data-testid="account-identity"
                options={IDENTITIES.map((value) => ({ value, label: label(IDENTITY_LABELS, value) }))}
              />
            </Form.Item>
          </>
        )}
        {role === 'OFFICER' && (
          <Form.Item name="authorityCode" label={a('authority')}>
            <Input maxLength={11} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function ResetPassword({ row, onClose }: { row: AccountRow; onClose: () => void }) {
  const a = useAdminText();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [issued, setIssued] = useState<string | null>(null);
  const [state, reset] = useMutation(RESET_PASSWORD);
  const submit = async () => {
    if (issued !== null) return onClose();
    const { newPassword } = await form.validateFields();
    const result = await reset({ input: { id: row.id, newPassword: newPassword || null } });
    const payload = result.data?.resetUserPassword;
    if (outcomeOf(payload, 'ResetUserPasswordSuccess', form, message.error) !== 'SUCCESS') return;
    message.success(a('passwordSet'));
    if (payload?.__typename === 'ResetUserPasswordSuccess' && payload.credentials?.temporaryPassword)
      setIssued(payload.credentials.temporaryPassword);
    else onClose();
  };
  return (
    <Modal
      open
      title={`${a('resetPassword')} · ${row.username}`}
      okText={issued ? a('save') : a('resetPassword')}
      cancelText={a('cancel')}
      confirmLoading={state.fetching}
      onOk={submit}
      onCancel={onClose}
    >
      {issued ? (
        <>
          <Alert type="success" title={a('temporaryPassword')} />
          <Typography.Paragraph copyable code data-testid="temporary-password" style={{ marginTop: 12 }}>
            {issued}
          </Typography.Paragraph>
        </>
      ) : (
        <Form form={form} layout="vertical" initialValues={{ newPassword: '' }}>
          <Form.Item name="newPassword" label={a('newPassword')}>
            <Input.Password maxLength={64} autoComplete="new-password" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
