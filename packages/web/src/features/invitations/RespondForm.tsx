import { Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { VariablesOf } from '../../app/graphql.ts';
import { useI18n } from '../../app/i18n.tsx';
import { INVITATION_STATUS_LABELS, RELATIONSHIP_LABELS } from '../../app/messages.ts';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { payloadProblem } from '../../ui/payload.ts';
import type { Material } from '../access-application/api.ts';
import { DECLINE_MUTATION, INVITATION_VIEWER_QUERY, RESPOND_MUTATION } from './api.ts';
import { type Invitation, type InvitationPayload, RELATIONSHIPS } from './fields.ts';
import { ProofUploads } from './ProofUploads.tsx';

interface Values {
  relationship: VariablesOf<typeof RESPOND_MUTATION>['input']['relationship'];
}

/**
 * The use unit's response (manual §4.3.1): its 主管税务机关 is the registered one (shown, not chosen — DESIGN §4),
 * confirm the 单位关系, optionally replace the proof, then 提交 — or 拒绝 after a confirmation. Shared by the web
 * page and the mobile page (`compact`).
 */
export function RespondForm({
  invitation,
  onDone,
  compact,
}: {
  invitation: Invitation;
  onDone: (message: string) => void;
  compact?: boolean;
}) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const [proof, setProof] = useState<Material[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [declineOpen, setDeclineOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [{ data: viewer }] = useQuery({ query: INVITATION_VIEWER_QUERY });
  const [respondState, respond] = useMutation(RESPOND_MUTATION);
  const [declineState, decline] = useMutation(DECLINE_MUTATION);
  const authority = invitation.useUnitAuthority ?? viewer?.viewer?.enterprise?.competentAuthority ?? null;
  const touch = compact ? { minHeight: 44 } : undefined;

  const outcome = (payload: InvitationPayload | undefined, fallback: string, done: (i: Invitation) => string) => {
    if (payload?.__typename === 'InvitationSuccess' && payload.invitation) {
      onDone(done(payload.invitation));
      return true;
    }
    if (payload?.__typename === 'StaleVersionError') {
      setProblem(t('staleInvitation'));
      onDone('');
      return false;
    }
    setProblem(payloadProblem(payload, fallback));
    return false;
  };

  const submit = async (values: Values) => {
    setProblem(null);
    const result = await respond({
      input: {
        id: invitation.id,
        expectedVersion: invitation.version,
        relationship: values.relationship,
        ...(proof.length ? { proofMaterialIds: proof.map((m) => m.id) } : {}),
      },
    });
    outcome(result.data?.respondToInvitation, result.error?.message ?? t('submitFailed'), (i) =>
      t('responded', { status: label(INVITATION_STATUS_LABELS, i.status, i.statusLabel) }),
    );
  };

  const doDecline = async () => {
    setProblem(null);
    const trimmed = reason.trim();
    const result = await decline({
      input: { id: invitation.id, expectedVersion: invitation.version, ...(trimmed ? { reason: trimmed } : {}) },
    });
    setDeclineOpen(false);
    outcome(result.data?.declineInvitation, result.error?.message ?? t('submitFailed'), () => t('declined'));
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      aria-label={t('respond')}
      data-testid="respond-form"
      initialValues={{ relationship: invitation.relationship }}
      onFinish={(v) => void submit(v)}
    >
      <Typography.Paragraph type="secondary">{t('respondHint')}</Typography.Paragraph>
      <Form.Item label={t('competentAuthority')} extra={t('competentAuthorityRegistered')}>
        <Typography.Text data-testid="respond-authority">
          {authority ? `${authority.name}（${authority.code}）` : '—'}
        </Typography.Text>
      </Form.Item>
      <Form.Item
        label={t('relationship')}
        name="relationship"
        rules={[{ required: true, message: t('fieldRequired', { field: t('relationship') }) }]}
      >
        <Select
          size={compact ? 'large' : 'middle'}
          aria-label={t('relationship')}
          data-testid="respond-relationship"
          options={RELATIONSHIPS.map((r) => ({ value: r, label: label(RELATIONSHIP_LABELS, r) }))}
        />
      </Form.Item>
      <Form.Item label={t('replaceProofOptional')}>
        <ProofUploads materials={proof} onChange={setProof} testId="respond-proof" />
      </Form.Item>
      <FormProblem problem={problem} testId="respond-error" style={{ marginBottom: 16 }} />
      <Space
        wrap
        style={compact ? { width: '100%', display: 'flex' } : undefined}
        orientation={compact ? 'vertical' : 'horizontal'}
      >
        <Button
          type="primary"
          htmlType="submit"
          block={compact}
          style={touch}
          loading={respondState.fetching}
          data-testid="respond-submit"
        >
          {t('submit')}
        </Button>
        <Button danger block={compact} style={touch} data-testid="decline-button" onClick={() => setDeclineOpen(true)}>
          {t('decline')}
        </Button>
      </Space>
      <Modal
        open={declineOpen}
        title={t('declineConfirmTitle')}
        okText={t('decline')}
        cancelText={t('cancel')}
        okButtonProps={{ danger: true, 'data-testid': 'decline-confirm' }}
        cancelButtonProps={{ 'data-testid': 'decline-cancel' }}
        confirmLoading={declineState.fetching}
        onOk={() => void doDecline()}
        onCancel={() => setDeclineOpen(false)}
        width={compact ? 'calc(100vw - 32px)' : undefined}
      >
        <Typography.Paragraph>
          {invitation.directUnit.name}（{invitation.directUnit.uscc}）
        </Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={500}
          aria-label={t('declineReason')}
          placeholder={t('declineReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="decline-reason"
        />
      </Modal>
    </Form>
  );
}
