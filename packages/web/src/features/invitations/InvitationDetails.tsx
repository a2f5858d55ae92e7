import { invitationWorkflow } from '@leqi/domain';
import { Alert, Button, Card, Descriptions, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import {
  AUTHORISATION_STATUS_LABELS,
  CHANNEL_LABELS,
  INVITATION_STATUS_LABELS,
  RELATIONSHIP_LABELS,
} from '../../app/messages.ts';
import { AuditTimeline } from '../../ui/AuditTimeline.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { MaterialList } from '../../ui/MaterialList.tsx';
import { MaterialPreview } from '../../ui/MaterialPreview.tsx';
import { payloadProblem } from '../../ui/payload.ts';
import type { Material } from '../access-application/api.ts';
import { CAPABILITIES_QUERY, REPLACE_PROOF_MUTATION } from './api.ts';
import type { CapabilityAuthorisation, Invitation } from './fields.ts';
import { ProofUploads } from './ProofUploads.tsx';

const STATUS_COLORS: Record<string, string> = {
  CONFIRMED: 'green',
  NOT_ACCEPTED: 'red',
  CONFIRMATION_REJECTED: 'red',
  DECLINED: 'red',
  UNBOUND: 'default',
  CANCELLED: 'default',
};

/** 待使用单位响应 (0): the manual's name with the official 接入状态 code. */
export function InvitationStatusTag({
  status,
  statusLabel,
  code,
  testId,
}: {
  status: string;
  statusLabel?: string;
  code?: number;
  testId?: string;
}) {
  const { label } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'blue'} data-testid={testId} data-status={status}>
      {label(INVITATION_STATUS_LABELS, status, statusLabel)}
      {code !== undefined && `（${code}）`}
    </Tag>
  );
}

/** 能力预授权 as tags: code and, once the catalogue is loaded, the name. */
export function CapabilityTags({ codes }: { codes: string[] }) {
  const { t } = useI18n();
  const [{ data }] = useQuery({ query: CAPABILITIES_QUERY, pause: !codes.length });
  if (!codes.length) return <>{t('noValue')}</>;
  const names = new Map(data?.capabilities.map((c) => [c.code, c.name]));
  return (
    <Space size={[4, 4]} wrap data-testid="capability-tags">
      {codes.map((code) => (
        <Tag key={code}>{names.get(code) ? `${code} ${names.get(code)}` : code}</Tag>
      ))}
    </Space>
  );
}

/**
 * Every field of an invitation, its proof, its binding with authorisations and its timeline (查看详情); 更换证明材料
 * where the server offers it to the viewer.
 */
export function InvitationDetails({ invitation: inv, onChanged }: { invitation: Invitation; onChanged?: () => void }) {
  const { t, label } = useI18n();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="invitation-detail">
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('invitationStatus')}>
          <InvitationStatusTag
            status={inv.status}
            statusLabel={inv.statusLabel}
            code={inv.officialStatusCode}
            testId="invitation-status"
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('officialStatusCode')}>{inv.officialStatusCode}</Descriptions.Item>
        <Descriptions.Item label={t('useUnitName')}>
          <span data-testid="detail-use-unit-name">{inv.useUnitName}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('uscc')}>{inv.useUnitUscc}</Descriptions.Item>
        <Descriptions.Item label={t('directUnit')}>
          <span data-testid="detail-direct-unit">{inv.directUnit.name}</span>
        </Descriptions.Item>
        <Descriptions.Item label={`${t('directUnit')} ${t('uscc')}`}>{inv.directUnit.uscc}</Descriptions.Item>
        <Descriptions.Item label={t('relationship')}>
          {label(RELATIONSHIP_LABELS, inv.relationship)}（{inv.relationshipCode}）
        </Descriptions.Item>
        <Descriptions.Item label={t('provinceAuthority')}>
          {inv.provinceAuthority.name}（{inv.provinceAuthority.code}）
        </Descriptions.Item>
        <Descriptions.Item label={t('useUnitAuthority')}>
          {inv.useUnitAuthority ? `${inv.useUnitAuthority.name}（${inv.useUnitAuthority.code}）` : t('noValue')}
        </Descriptions.Item>
        <Descriptions.Item label={t('channel')}>{label(CHANNEL_LABELS, inv.channel)}</Descriptions.Item>
        <Descriptions.Item label={t('capabilityPreauth')} span={2}>
          <CapabilityTags codes={inv.capabilityCodes} />
        </Descriptions.Item>
        <Descriptions.Item label={t('invitedAt')}>{formatDateTime(inv.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('respondedAt')}>{formatDateTime(inv.respondedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('decidedAt')}>{formatDateTime(inv.decidedAt)}</Descriptions.Item>
      </Descriptions>
      {inv.lastReason && (
        <Alert
          type="error"
          showIcon
          data-testid="invitation-reason"
          title={`${label(INVITATION_STATUS_LABELS, inv.status, inv.statusLabel)}：${inv.lastReason}`}
        />
      )}
      <Card
        size="small"
        title={t('relationshipProof')}
        extra={inv.mayReplaceProof && <ReplaceProof invitation={inv} onDone={onChanged} />}
      >
        <MaterialList materials={inv.proofMaterials} />
        <MaterialPreview materials={inv.proofMaterials} />
      </Card>
      <BindingCard invitation={inv} />
      <Card size="small" title={t('timeline')}>
        <AuditTimeline events={inv.auditTrail} labels={INVITATION_STATUS_LABELS} />
      </Card>
    </Space>
  );
}

function BindingCard({ invitation: inv }: { invitation: Invitation }) {
  const { t, label } = useI18n();
  const b = inv.binding;
  // an invitation that ended without confirmation never gets a binding: do not promise one
  const ended = invitationWorkflow.statusInfo[inv.status as keyof typeof invitationWorkflow.statusInfo]?.terminal;
  return (
    <Card size="small" title={t('binding')} data-testid="binding-card">
      {!b ? (
        <Typography.Text type="secondary" data-testid="no-binding">
          {ended ? t('noBindingEnded') : t('noBinding')}
        </Typography.Text>
      ) : (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('bindingStatus')}>
              <Tag color={b.status === 'ACTIVE' ? 'green' : 'default'} data-testid="binding-status">
                {b.status === 'ACTIVE' ? t('bindingActive') : t('bindingUnbound')}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('boundAt')}>{formatDateTime(b.boundAt)}</Descriptions.Item>
            <Descriptions.Item label={t('unboundAt')}>{formatDateTime(b.unboundAt)}</Descriptions.Item>
          </Descriptions>
          <Table<CapabilityAuthorisation>
            size="small"
            rowKey="id"
            pagination={false}
            data-testid="authorisations"
            dataSource={b.authorisations}
            scroll={{ x: true }}
            columns={[
              { title: t('capabilityCode'), dataIndex: 'capabilityCode' },
              { title: t('capabilityName'), dataIndex: 'capabilityName' },
              { title: t('validFrom'), dataIndex: 'validFrom', render: (v: string) => formatDate(v) },
              { title: t('validTo'), dataIndex: 'validTo', render: (v: string) => formatDate(v) },
              {
                title: t('status'),
                dataIndex: 'status',
                render: (status: string) => label(AUTHORISATION_STATUS_LABELS, status),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** 更换证明材料: upload the new files, then replace the invitation's (and its binding's) proof with them. */
export function ReplaceProof({ invitation, onDone }: { invitation: Invitation; onDone?: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [files, setFiles] = useState<Material[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [state, replace] = useMutation(REPLACE_PROOF_MUTATION);

  const submit = async () => {
    setProblem(null);
    const result = await replace({ input: { invitationId: invitation.id, materialIds: files.map((m) => m.id) } });
    const payload = result.data?.replaceRelationshipProof;
    if (payload?.__typename === 'InvitationSuccess') {
      setOpen(false);
      setFiles([]);
      onDone?.();
    } else setProblem(payloadProblem(payload, result.error?.message ?? t('loadFailed')));
  };

  return (
    <>
      <Button size="small" data-testid="replace-proof" onClick={() => setOpen(true)}>
        {t('replaceProof')}
      </Button>
      <Modal
        open={open}
        title={t('replaceProof')}
        okText={t('submit')}
        cancelText={t('cancel')}
        okButtonProps={{ disabled: !files.length, 'data-testid': 'replace-proof-submit' }}
        confirmLoading={state.fetching}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('replaceProofHint')}</Typography.Paragraph>
        <ProofUploads materials={files} onChange={setFiles} testId="replace-proof-files" />
        <FormProblem problem={problem} testId="replace-proof-error" />
      </Modal>
    </>
  );
}
