import { Alert, Button, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import type { DocumentNode } from 'graphql';
import { useState } from 'react';
import { useClient } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { formatDateTime } from '../../ui/format.ts';
import {
  type CaseClaim,
  CLAIM_CASE,
  type ClaimOptions,
  type ClaimPayload,
  REASSIGN_CASE_CLAIM,
  RELEASE_CASE_CLAIM,
} from './claims-api.ts';

/** What the claim bar needs of a case (the ReviewCaseFields fragment). */
export interface ClaimableCase {
  id: string;
  version: number;
  claim?: CaseClaim | null;
  claimOptions?: ClaimOptions | null;
}

type Notice = { type: 'success' | 'error'; text: string };

/**
 * 认领 / 释放 / 改派 on a case: who holds it, and the buttons the server offers this viewer. A refused claim shows
 * the server's message, which names the officer holding the case.
 */
export function ClaimBar({ subject, onChanged }: { subject: ClaimableCase; onChanged: () => void }) {
  const { t } = useI18n();
  const client = useClient();
  const [pending, setPending] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [reassigning, setReassigning] = useState(false);
  const [form] = Form.useForm<{ username: string }>();
  const options = subject.claimOptions;
  const claim = subject.claim ?? null;
  // a case nobody holds and this viewer can do nothing about (decided, or another officer's step): no claim to speak of
  if (!options || (!claim && !options.canClaim && !options.canRelease && !options.canReassign)) return null;

  const run = async (
    name: string,
    document: DocumentNode,
    input: Record<string, unknown>,
    done: (claim: CaseClaim | null) => string,
  ) => {
    setPending(name);
    setNotice(null);
    const result = await client.mutation<Record<string, ClaimPayload>>(document, { input }).toPromise();
    setPending(null);
    const payload = result.data ? Object.values(result.data)[0] : undefined;
    if (payload?.__typename === 'CaseClaimSuccess' && 'claim' in payload) {
      setNotice({ type: 'success', text: done(payload.claim) });
      onChanged();
      return true;
    }
    const message = payload && 'message' in payload ? payload.message : (result.error?.message ?? t('loadFailed'));
    setNotice({ type: 'error', text: message });
    onChanged();
    return false;
  };

  const reassign = async () => {
    const { username } = await form.validateFields();
    const ok = await run('reassign', REASSIGN_CASE_CLAIM, { id: subject.id, officerUsername: username.trim() }, (c) =>
      t('reassignDone', { name: c?.holder.name ?? username }),
    );
    if (ok) {
      setReassigning(false);
      form.resetFields();
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="claim-bar">
      <Space wrap>
        {claim ? (
          <Tag color={claim.heldByViewer ? 'green' : 'orange'} data-testid="claim-status">
            {claim.heldByViewer
              ? t('claimedByYou', { time: formatDateTime(claim.expiresAt) })
              : t('claimedBy', { name: claim.holder.name })}
          </Tag>
        ) : (
          <Tag data-testid="claim-status">{t('notClaimed')}</Tag>
        )}
        {options.canClaim && !claim?.heldByViewer && (
          <Button
            type="primary"
            ghost
            data-testid="claim-button"
            loading={pending === 'claim'}
            disabled={!!pending}
            onClick={() =>
              void run('claim', CLAIM_CASE, { id: subject.id, expectedVersion: subject.version }, () => t('claimDone'))
            }
          >
            {t('claim')}
          </Button>
        )}
        {options.canRelease && claim && (
          <Button
            data-testid="release-button"
            loading={pending === 'release'}
            disabled={!!pending}
            onClick={() => void run('release', RELEASE_CASE_CLAIM, { id: subject.id }, () => t('releaseDone'))}
          >
            {t('releaseClaim')}
          </Button>
        )}
        {options.canReassign && (
          <Button data-testid="reassign-button" disabled={!!pending} onClick={() => setReassigning(true)}>
            {t('reassignClaim')}
          </Button>
        )}
      </Space>
      {!claim && options.canClaim && <Typography.Text type="secondary">{t('claimHint')}</Typography.Text>}
      {notice && (
        <Alert
          type={notice.type}
          showIcon
          role={notice.type === 'error' ? 'alert' : 'status'}
          data-testid={notice.type === 'error' ? 'claim-error' : 'claim-result'}
          title={notice.text}
        />
      )}
      <Modal
        open={reassigning}
        title={t('reassignClaim')}
        okText={t('confirmAction')}
        cancelText={t('cancel')}
        confirmLoading={pending === 'reassign'}
        onOk={() => void reassign().catch(() => undefined)}
        onCancel={() => {
          setReassigning(false);
          form.resetFields();
        }}
        okButtonProps={{ 'data-testid': 'reassign-submit' }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            label={t('reassignTo')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('reassignToRequired') }]}
          >
            <Input data-testid="reassign-username" autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
