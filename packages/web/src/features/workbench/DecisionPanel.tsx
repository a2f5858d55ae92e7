import { Alert, Button, Card, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useClient } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { STATUS_LABELS } from '../../app/messages.ts';
import type { AccessApplication, AccessApplicationPayload, CaseAction } from '../access-application/api.ts';
import { DECISIONS } from './api.ts';

type Outcome = { kind: 'done'; status: string } | { kind: 'stale' } | { kind: 'error'; message: string };

/**
 * The viewer's `availableActions` as buttons (labels from the server). Each decision carries the case's version
 * and waits for the server; a refusal first asks for the reason.
 */
export function DecisionPanel({ application, onChanged }: { application: AccessApplication; onChanged: () => void }) {
  const { t, label } = useI18n();
  const client = useClient();
  const [pending, setPending] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [reasonFor, setReasonFor] = useState<CaseAction | null>(null);
  const [reasonForm] = Form.useForm<{ reason: string }>();

  const decide = async (action: CaseAction, reason?: string) => {
    const decision = DECISIONS[action.event];
    if (!decision) {
      setOutcome({ kind: 'error', message: action.event });
      return false;
    }
    setPending(action.event);
    setOutcome(null);
    const input = { id: application.id, expectedVersion: application.version, ...(reason ? { reason } : {}) };
    const result = await client
      .mutation<Record<string, AccessApplicationPayload>>(decision.document, { input })
      .toPromise();
    setPending(null);
    const payload = result.data?.[decision.field];
    if (payload?.__typename === 'AccessApplicationSuccess' && payload.accessApplication) {
      const next = payload.accessApplication;
      setOutcome({ kind: 'done', status: label(STATUS_LABELS, next.status, next.statusLabel) });
      onChanged();
      return true;
    }
    if (payload?.__typename === 'StaleVersionError') {
      setOutcome({ kind: 'stale' });
      onChanged();
      return true;
    }
    setOutcome({ kind: 'error', message: payload?.message ?? result.error?.message ?? t('loadFailed') });
    return false;
  };

  const submitReason = async () => {
    if (!reasonFor) return;
    const { reason } = await reasonForm.validateFields();
    const closed = await decide(reasonFor, reason.trim());
    if (closed) {
      setReasonFor(null);
      reasonForm.resetFields();
    }
  };

  const actions = application.availableActions;
  return (
    <Card title={t('actions')} data-testid="decision-panel">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {outcome?.kind === 'done' && (
          <Alert
            type="success"
            showIcon
            role="status"
            data-testid="decision-result"
            title={t('decisionDone', { status: outcome.status })}
          />
        )}
        {outcome?.kind === 'stale' && (
          <Alert type="warning" showIcon role="alert" data-testid="stale-version" title={t('staleVersion')} />
        )}
        {outcome?.kind === 'error' && (
          <Alert type="error" showIcon role="alert" data-testid="decision-error" title={outcome.message} />
        )}
        {application.blockedReason && (
          <Alert type="info" showIcon data-testid="blocked-reason" title={application.blockedReason} />
        )}
        {actions.length === 0 && !application.blockedReason && (
          <Typography.Text type="secondary">{t('noActions')}</Typography.Text>
        )}
        {actions.length > 0 && (
          <Space wrap>
            {actions.map((a) => (
              <Button
                key={a.event}
                type={a.needsReason ? 'default' : 'primary'}
                danger={a.needsReason}
                loading={pending === a.event}
                disabled={!!pending}
                data-testid={`action-${a.event}`}
                onClick={() => (a.needsReason ? setReasonFor(a) : void decide(a))}
              >
                {a.label}
              </Button>
            ))}
          </Space>
        )}
      </Space>
      <Modal
        open={!!reasonFor}
        title={reasonFor?.label}
        okText={t('confirmAction')}
        cancelText={t('cancel')}
        confirmLoading={!!pending}
        onOk={() => void submitReason().catch(() => undefined)}
        onCancel={() => {
          setReasonFor(null);
          reasonForm.resetFields();
        }}
        okButtonProps={{ 'data-testid': 'reason-submit' }}
        cancelButtonProps={{ 'data-testid': 'reason-cancel' }}
        destroyOnHidden
      >
        <Form form={reasonForm} layout="vertical" preserve={false}>
          <Form.Item
            label={t('reason')}
            name="reason"
            rules={[{ required: true, whitespace: true, message: t('reasonRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={500} showCount data-testid="reason-input" autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
