import { Alert, Button, Card, Form, Input, Modal, Space, Typography } from 'antd';
import type { DocumentNode } from 'graphql';
import { useState } from 'react';
import { useClient } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import type { CaseAction } from '../access-application/api.ts';
import { type ClaimableCase, ClaimBar } from './ClaimBar.tsx';

/** What a decision needs to know about a case, whatever its workflow. */
export interface DecidableCase extends ClaimableCase {
  id: string;
  version: number;
  availableActions: CaseAction[];
  blockedReason: string | null;
}

type CaseResult = { status: string; statusLabel: string };
/** Any payload union of a case decision: `<Case>Success { <case> }` or an error member. */
type DecisionPayload = { __typename: string; message?: string } & Record<string, unknown>;

type Outcome = { kind: 'done'; status: string } | { kind: 'stale' } | { kind: 'error'; message: string };

/**
 * The viewer's `availableActions` as buttons (labels from the server). Each decision carries the case's version
 * and waits for the server; a refusal first asks for the reason.
 */
export function DecisionPanel({
  application,
  onChanged,
  decisions,
  statusLabels,
}: {
  application: DecidableCase;
  onChanged: () => void;
  /** event → mutation of the case's kind (case-page/decisions.ts) */
  decisions: Readonly<Record<string, DocumentNode>>;
  statusLabels: Record<string, { zh: string; en: string }>;
}) {
  const { t, label } = useI18n();
  const client = useClient();
  const [pending, setPending] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [reasonFor, setReasonFor] = useState<CaseAction | null>(null);
  const [reasonForm] = Form.useForm<{ reason: string }>();

  const decide = async (action: CaseAction, reason?: string) => {
    const decision = decisions[action.event];
    if (!decision) {
      setOutcome({ kind: 'error', message: action.event });
      return false;
    }
    setPending(action.event);
    setOutcome(null);
    const input = { id: application.id, expectedVersion: application.version, ...(reason ? { reason } : {}) };
    const result = await client.mutation<Record<string, DecisionPayload>>(decision, { input }).toPromise();
    setPending(null);
    // a decision document selects one root field: the payload
    const payload = Object.values(result.data ?? {}).find((v): v is DecisionPayload => typeof v === 'object' && !!v);
    const next = payload?.__typename.endsWith('Success')
      ? (Object.values(payload).find((v) => typeof v === 'object' && v !== null && 'status' in v) as CaseResult)
      : undefined;
    if (next) {
      setOutcome({ kind: 'done', status: label(statusLabels, next.status, next.statusLabel) });
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
        {/* remounted after a decision: the claim notices of before it ("已认领") no longer hold */}
        <ClaimBar key={outcome?.kind === 'done' ? 'decided' : 'open'} subject={application} onChanged={onChanged} />
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
        {outcome?.kind === 'error' && <FormProblem problem={outcome.message} testId="decision-error" />}
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
