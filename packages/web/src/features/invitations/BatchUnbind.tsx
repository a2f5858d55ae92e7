// 解除绑定 of invitations' bindings (批量解除 on 邀请列表, 解除绑定 in 查看详情): the confirmation, the call,
// and the outcome of each row.
import { Alert, Button, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { payloadProblem } from '../../ui/payload.ts';
import { UNBIND_USE_UNITS_MUTATION } from './api.ts';
import type { InvitationRow } from './fields.ts';

/** What unbinding needs of an invitation: a list row and the 查看详情 invitation both have it. */
export type UnbindTarget = Pick<InvitationRow, 'id' | 'useUnitName' | 'useUnitUscc'> & {
  binding: { id: string } | null;
};

interface UnbindOutcome {
  row: UnbindTarget;
  ok: boolean;
  message: string;
}

/**
 * The 批量解除 button, its confirmation modal, and the feedback (error or per-row results) to show above the table;
 * `confirm` opens the confirmation from another button. `onUnbound` clears the selection and reloads the list.
 */
export function useBatchUnbind(selected: UnbindTarget[], onUnbound: () => void) {
  const { t } = useI18n();
  const [confirmUnbind, setConfirmUnbind] = useState(false);
  const [outcomes, setOutcomes] = useState<UnbindOutcome[] | null>(null);
  const [unbindError, setUnbindError] = useState<string | null>(null);
  const [unbindState, unbind] = useMutation(UNBIND_USE_UNITS_MUTATION);

  const doUnbind = async () => {
    setUnbindError(null);
    const rows = selected.filter((r) => r.binding);
    const result = await unbind({ input: { bindingIds: rows.flatMap((r) => (r.binding ? [r.binding.id] : [])) } });
    const payload = result.data?.unbindUseUnits;
    setConfirmUnbind(false);
    if (payload?.__typename !== 'UnbindUseUnitsSuccess') {
      setUnbindError(payloadProblem(payload, result.error?.message ?? t('loadFailed')));
      return;
    }
    const done = new Set(payload.unbound?.map((b) => b.id));
    const failures = new Map(payload.failed?.map((f) => [f.bindingId ?? f.uscc ?? '', f.message]));
    setOutcomes(
      rows.map((row) => {
        const id = row.binding?.id ?? '';
        const ok = done.has(id);
        const message = ok
          ? t('unbindSucceeded')
          : (failures.get(id) ?? failures.get(row.useUnitUscc) ?? t('unbindFailed'));
        return { row, ok, message };
      }),
    );
    onUnbound();
  };

  const button = (
    <Button danger disabled={!selected.length} data-testid="batch-unbind" onClick={() => setConfirmUnbind(true)}>
      {t('batchUnbind')}
      {selected.length > 0 && ` (${selected.length})`}
    </Button>
  );
  const feedback = (
    <>
      <FormProblem problem={unbindError} testId="unbind-error" style={{ marginBottom: 12 }} />
      {outcomes && <UnbindResults outcomes={outcomes} onClose={() => setOutcomes(null)} />}
    </>
  );
  const modal = (
    <Modal
      open={confirmUnbind}
      title={
        selected.length === 1
          ? t('unbindOneConfirmTitle', { name: selected[0]?.useUnitName ?? '' })
          : t('unbindConfirmTitle', { count: String(selected.length) })
      }
      okText={t('unbind')}
      okButtonProps={{ danger: true, 'data-testid': 'unbind-confirm' }}
      cancelText={t('cancel')}
      confirmLoading={unbindState.fetching}
      onOk={() => void doUnbind()}
      onCancel={() => setConfirmUnbind(false)}
    >
      <Typography.Paragraph>{t('unbindConfirmHint')}</Typography.Paragraph>
      <ul>
        {selected.map((r) => (
          <li key={r.id}>
            {r.useUnitName}（{r.useUnitUscc}）
          </li>
        ))}
      </ul>
    </Modal>
  );
  return { button, feedback, modal, confirm: () => setConfirmUnbind(true) };
}

function UnbindResults({ outcomes, onClose }: { outcomes: UnbindOutcome[]; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type={outcomes.every((o) => o.ok) ? 'success' : 'warning'}
      closable={{ onClose }}
      style={{ marginBottom: 12 }}
      data-testid="unbind-results"
      title={t('unbindResult')}
      description={
        <Table<UnbindOutcome>
          size="small"
          rowKey={(o) => o.row.id}
          pagination={false}
          dataSource={outcomes}
          onRow={(o) => ({ 'data-testid': `unbind-result-${o.row.useUnitUscc}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('useUnitName'), key: 'name', render: (_, o) => o.row.useUnitName },
            { title: t('uscc'), key: 'uscc', render: (_, o) => o.row.useUnitUscc },
            {
              title: t('result'),
              key: 'result',
              render: (_, o) => <Typography.Text type={o.ok ? 'success' : 'danger'}>{o.message}</Typography.Text>,
            },
          ]}
        />
      }
    />
  );
}
