import { Alert, Button, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useClient } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import type { ReviewStep } from './api.ts';
import { ACCEPT_INVITATIONS, type BulkFailure, type BulkPayload, CONFIRM_INVITATIONS } from './claims-api.ts';

export interface BulkTarget {
  id: string;
  version: number;
  useUnitName: string;
}

type Outcome =
  | { kind: 'done'; succeeded: { id: string; useUnitName: string }[]; failed: BulkFailure[] }
  | { kind: 'error'; message: string };

/** 批量受理 (待受理) / 批量确认 (待确认) of the selected invitations, with each case's result listed. */
export function BulkInvitationDecision({
  step,
  selected,
  names,
  onDone,
}: {
  step: ReviewStep;
  selected: BulkTarget[];
  /** id → use unit name, to name failed cases */
  names: Record<string, string>;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const client = useClient();
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const accept = step === 'ACCEPTANCE';
  const document = accept ? ACCEPT_INVITATIONS : CONFIRM_INVITATIONS;
  const field = accept ? 'acceptInvitations' : 'confirmInvitations';

  const decide = async () => {
    setPending(true);
    setOutcome(null);
    const input = { items: selected.map((c) => ({ id: c.id, expectedVersion: c.version })) };
    const result = await client.mutation<Record<string, BulkPayload>>(document, { input }).toPromise();
    setPending(false);
    const payload = result.data?.[field];
    if (payload && 'succeeded' in payload) {
      setOutcome({ kind: 'done', succeeded: payload.succeeded, failed: payload.failed });
      onDone();
      return;
    }
    setOutcome({
      kind: 'error',
      message: payload && 'message' in payload ? payload.message : (result.error?.message ?? t('loadFailed')),
    });
  };

  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
      <Space wrap>
        <Button
          type="primary"
          data-testid="bulk-decide"
          disabled={selected.length === 0}
          loading={pending}
          onClick={() => void decide()}
        >
          {t(accept ? 'bulkAccept' : 'bulkConfirm')}
        </Button>
        <Typography.Text type="secondary" data-testid="bulk-selected">
          {t('bulkSelected', { count: String(selected.length) })}
        </Typography.Text>
      </Space>
      {outcome?.kind === 'error' && <FormProblem problem={outcome.message} testId="bulk-error" />}
      {outcome?.kind === 'done' && (
        <Alert
          type={outcome.failed.length > 0 ? 'warning' : 'success'}
          showIcon
          data-testid="bulk-result"
          title={t('bulkResult', { ok: String(outcome.succeeded.length), failed: String(outcome.failed.length) })}
          description={
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {[
                ...outcome.succeeded.map((c) => ({
                  key: `ok-${c.id}`,
                  id: c.id,
                  name: c.useUnitName,
                  ok: true,
                  message: '',
                })),
                ...outcome.failed.map((f, n) => ({
                  key: `failed-${n}`,
                  id: f.invitationId,
                  name: names[f.invitationId] ?? f.invitationId,
                  ok: false,
                  message: f.message,
                })),
              ].map((row) => (
                <li key={row.key} data-testid={`bulk-row-${row.id}`} style={{ padding: '4px 0' }}>
                  <Space wrap>
                    <Tag color={row.ok ? 'green' : 'red'}>{t(row.ok ? 'bulkSucceeded' : 'bulkFailed')}</Tag>
                    <span>{row.name}</span>
                    {row.message && <Typography.Text type="danger">{row.message}</Typography.Text>}
                  </Space>
                </li>
              ))}
            </ul>
          }
        />
      )}
    </Space>
  );
}
