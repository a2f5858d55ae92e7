import { Button, Card, Result, Space, Table, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import type { InvitationRowFailure, InvitationRowInput } from './api.ts';

export interface Outcome {
  succeeded: number;
  failed: (InvitationRowFailure & { name: string })[];
  rows: InvitationRowInput[];
}

export function InviteOutcome({
  outcome,
  onEditFailed,
  onNewBatch,
}: {
  outcome: Outcome;
  onEditFailed: () => void;
  onNewBatch: () => void;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const failed = outcome.failed.length;
  return (
    <Card data-testid="invite-result">
      <Result
        status={failed ? (outcome.succeeded ? 'warning' : 'error') : 'success'}
        title={t('invitationSubmitted')}
        subTitle={
          <Space orientation="vertical">
            <span data-testid="invited-count">{t('invitedCount', { count: String(outcome.succeeded) })}</span>
            {failed > 0 && (
              <Typography.Text type="danger" data-testid="failed-count">
                {t('failedCount', { count: String(failed) })}
              </Typography.Text>
            )}
          </Space>
        }
        extra={[
          <Button
            key="list"
            type="primary"
            onClick={() => navigate('/access/invitations')}
            data-testid="invite-to-list"
          >
            {t('backToList')}
          </Button>,
          failed > 0 && (
            <Button key="edit" onClick={onEditFailed} data-testid="edit-failed-rows">
              {t('editFailedRows')}
            </Button>
          ),
          <Button key="more" onClick={onNewBatch} data-testid="invite-more">
            {t('newBatch')}
          </Button>,
        ]}
      />
      {failed > 0 && (
        <>
          <Typography.Title level={5}>{t('failureRecords')}</Typography.Title>
          <Table
            data-testid="invite-failures"
            size="small"
            rowKey={(f) => `${f.row}-${f.code}`}
            pagination={false}
            dataSource={outcome.failed}
            scroll={{ x: true }}
            onRow={(f) => ({ 'data-testid': `invite-failure-${f.row}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('rowNumber'), dataIndex: 'row' },
              { title: t('uscc'), dataIndex: 'uscc', render: (v: string | null) => v ?? t('noValue') },
              { title: t('useUnitName'), dataIndex: 'name' },
              {
                title: t('failureReason'),
                dataIndex: 'message',
                render: (v: string) => (
                  <Typography.Text copyable type="danger">
                    {v}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
