import { ArrowLeftOutlined, MobileOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Modal, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation } from 'urql';
import type { ResultOf } from '../../app/graphql.ts';
import { useI18n } from '../../app/i18n.tsx';
import { INVITATION_STATUS_LABELS, RELATIONSHIP_LABELS } from '../../app/messages.ts';
import { offers } from '../../ui/available-actions.ts';
import { CursorPager, useCursorPages } from '../../ui/CursorPager.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { MaterialList } from '../../ui/MaterialList.tsx';
import { EmptyState, LoadError, Loading } from '../../ui/PageState.tsx';
import { payloadProblem } from '../../ui/payload.ts';
import { useLiveQuery } from '../../ui/useLiveRefresh.ts';
import { INVITATION_QUERY, RECEIVED_INVITATIONS_QUERY, UNBIND_DIRECT_UNIT_MUTATION } from './api.ts';
import { INVITATION_STATUSES, type Invitation, type InvitationStatus, LIST_PAGE_SIZE } from './fields.ts';
import { CapabilityTags, InvitationDetails, InvitationStatusTag } from './InvitationDetails.tsx';
import { RespondForm } from './RespondForm.tsx';

type ReceivedRow = ResultOf<typeof RECEIVED_INVITATIONS_QUERY>['receivedInvitations']['edges'][number]['node'];

/** Whether the server offers the viewer 响应 (respond or decline) on this invitation — never read off its status. */
export const mayRespond = (inv: { availableActions: readonly { event: string }[] }) =>
  offers(inv, 'respond', 'decline');

/** 接入管理 → 响应邀请 (manual §4.3.1.1): the invitations this enterprise received. */
export function ResponsesPage() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const [status, setStatus] = useState<InvitationStatus | undefined>(undefined);
  const pages = useCursorPages();
  const [{ data, fetching, error }, reload] = useLiveQuery(
    {
      query: RECEIVED_INVITATIONS_QUERY,
      variables: { status, first: LIST_PAGE_SIZE, after: pages.after },
    },
    (e) => e.caseKind === 'INVITATION',
  );
  const list = data?.receivedInvitations;
  const open = (r: ReceivedRow) => navigate(`/access/responses/${encodeURIComponent(r.id)}`);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('respondInvitations')}
        </Typography.Title>
        <Link to="/m/confirm" data-testid="open-on-phone">
          <MobileOutlined /> {t('openOnPhone')}（{t('openOnPhoneHint')}）
        </Link>
      </Space>
      <Card>
        <Select
          allowClear
          style={{ minWidth: 220, marginBottom: 16 }}
          placeholder={t('allStatuses')}
          aria-label={t('invitationStatus')}
          data-testid="response-status-filter"
          value={status}
          onChange={(v) => {
            setStatus(v);
            pages.restart();
          }}
          options={INVITATION_STATUSES.map((s) => ({
            value: s.status,
            label: `${label(INVITATION_STATUS_LABELS, s.status)}（${s.code}）`,
          }))}
        />
        {error && !data ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<ReceivedRow>
            data-testid="response-table"
            rowKey="id"
            loading={fetching && !data}
            dataSource={list?.edges.map((e) => e.node) ?? []}
            pagination={false}
            scroll={{ x: 800 }}
            locale={{ emptyText: <EmptyState description={t('noInvitations')} /> }}
            onRow={(r) =>
              ({
                'data-testid': `response-row-${r.id}`,
                'data-dcu': r.directUnit.uscc,
                style: { cursor: 'pointer' },
                onClick: () => open(r),
              }) as React.HTMLAttributes<HTMLElement>
            }
            columns={[
              { title: t('directUnit'), key: 'dcu', render: (_, r) => r.directUnit.name },
              { title: t('uscc'), key: 'dcuUscc', render: (_, r) => r.directUnit.uscc },
              {
                title: t('relationship'),
                dataIndex: 'relationship',
                render: (v: string) => label(RELATIONSHIP_LABELS, v),
              },
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
                key: 'open',
                render: (_, r) => (
                  <Link
                    to={`/access/responses/${encodeURIComponent(r.id)}`}
                    onClick={(e) => e.stopPropagation()}
                    data-testid={`response-open-${r.id}`}
                  >
                    {mayRespond(r) ? t('respond') : t('viewDetail')}
                  </Link>
                ),
              },
            ]}
          />
        )}
        {list && <CursorPager pages={pages} list={list} />}
      </Card>
    </Space>
  );
}

/** 响应邀请 → 查看详情: the DCU's invitation and proof; respond or decline; unbind or replace proof where offered. */
export function ResponseDetailPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const id = useParams().id ?? '';
  const [notice, setNotice] = useState<string | null>(null);
  const [{ data, fetching, error }, reload] = useLiveQuery(
    {
      query: INVITATION_QUERY,
      variables: { id },
    },
    (e) => e.caseId === id,
  );
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/access/responses')} data-testid="back-to-responses">
      {t('back')}
    </Button>
  );
  if (fetching && !data) return <Loading />;
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  const inv = data?.invitation;
  if (!inv)
    return (
      <Space orientation="vertical">
        {back}
        <EmptyState description={t('notFound')} />
      </Space>
    );
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="response-detail">
      {back}
      {notice && <Alert type="success" showIcon role="status" title={notice} data-testid="respond-result" closable />}
      {mayRespond(inv) && (
        <Card title={t('respond')}>
          <InvitationSummary invitation={inv} />
          <RespondForm
            invitation={inv}
            onDone={(message) => {
              if (message) setNotice(message);
              reload();
            }}
          />
        </Card>
      )}
      {offers(inv.binding, 'unbindByUseUnit') && (
        <BoundActions invitation={inv} onChanged={reload} onNotice={setNotice} />
      )}
      <Card title={t('invitationDetail')}>
        <InvitationDetails invitation={inv} onChanged={reload} />
      </Card>
    </Space>
  );
}

/** What the use unit checks before answering: the inviting DCU, the relationship, capabilities, the DCU's proof. */
export function InvitationSummary({ invitation: inv, compact }: { invitation: Invitation; compact?: boolean }) {
  const { t, label } = useI18n();
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
      {/* on a phone the labels sit above the values: a label column would squeeze them to one character a line */}
      <Descriptions size="small" column={1} bordered={!compact} layout={compact ? 'vertical' : 'horizontal'}>
        <Descriptions.Item label={t('directUnit')}>
          <div data-testid="summary-direct-unit">{inv.directUnit.name}</div>
          <Typography.Text type="secondary" style={{ display: 'block' }}>
            {inv.directUnit.uscc}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('relationship')}>{label(RELATIONSHIP_LABELS, inv.relationship)}</Descriptions.Item>
        <Descriptions.Item label={t('capabilityPreauth')}>
          <CapabilityTags codes={inv.capabilityCodes} />
        </Descriptions.Item>
        <Descriptions.Item label={t('invitedAt')}>{formatDateTime(inv.createdAt)}</Descriptions.Item>
      </Descriptions>
      <Typography.Text strong>{t('relationshipProof')}</Typography.Text>
      <MaterialList materials={inv.proofMaterials} />
    </Space>
  );
}

function BoundActions({
  invitation: inv,
  onChanged,
  onNotice,
}: {
  invitation: Invitation;
  onChanged: () => void;
  onNotice: (message: string) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [state, unbind] = useMutation(UNBIND_DIRECT_UNIT_MUTATION);
  const binding = inv.binding;
  if (!binding) return null;
  const doUnbind = async () => {
    setProblem(null);
    const result = await unbind({ input: { bindingId: binding.id } });
    setOpen(false);
    const payload = result.data?.unbindDirectUnit;
    if (payload?.__typename === 'BindingSuccess') {
      onNotice(t('unbound'));
      onChanged();
    } else setProblem(payloadProblem(payload, result.error?.message ?? t('submitFailed')));
  };
  return (
    <Card title={t('binding')} data-testid="bound-actions">
      <Button danger data-testid="unbind-direct-unit" onClick={() => setOpen(true)}>
        {t('unbind')}
      </Button>
      <FormProblem problem={problem} testId="unbind-error" style={{ marginTop: 12 }} />
      <Modal
        open={open}
        title={t('unbind')}
        okText={t('unbind')}
        cancelText={t('cancel')}
        okButtonProps={{ danger: true, 'data-testid': 'unbind-direct-confirm' }}
        confirmLoading={state.fetching}
        onOk={() => void doUnbind()}
        onCancel={() => setOpen(false)}
      >
        {t('unbindDirectConfirm', { name: inv.directUnit.name })}
      </Modal>
    </Card>
  );
}
