import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Result, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useClient } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { base64Bytes, saveFile, XLSX_MIME } from '../../ui/save-file.ts';
import { INVITATION_FAILURE_REPORT_QUERY, type InvitationRowFailure, type InvitationRowInput } from './api.ts';

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
  const download = useFailureReportDownload(outcome);
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
          <Space wrap align="baseline" style={{ marginBottom: 8 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('failureRecords')}
            </Typography.Title>
            <Button
              icon={<DownloadOutlined />}
              loading={download.busy}
              onClick={() => void download.start()}
              data-testid="download-failures"
            >
              {t('downloadFailures')}
            </Button>
            <Typography.Text type="secondary">{t('failureReportHint')}</Typography.Text>
          </Space>
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

/** 下载失败记录 (manual §3.4.1.1): the server writes the refused rows in the Excel import's layout. */
function useFailureReportDownload(outcome: Outcome) {
  const { t } = useI18n();
  const client = useClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const start = async () => {
    const rows = outcome.failed.flatMap((failure) => {
      const sent = outcome.rows[failure.row - 1];
      return sent
        ? [
            {
              uscc: sent.uscc,
              name: sent.name,
              provinceAuthorityCode: sent.provinceAuthorityCode ?? null,
              relationship: sent.relationship ?? null,
              capabilityCodes: sent.capabilityCodes ?? [],
              reason: failure.message,
            },
          ]
        : [];
    });
    setBusy(true);
    const result = await client
      .query(INVITATION_FAILURE_REPORT_QUERY, { rows }, { requestPolicy: 'network-only' })
      .toPromise();
    setBusy(false);
    const base64 = result.data?.invitationFailureReport;
    if (!base64) {
      void message.error(t('failureReportFailed'));
      return;
    }
    saveFile(base64Bytes(base64), `失败记录-新增邀请-${fileStamp(new Date())}.xlsx`, XLSX_MIME);
  };
  return { busy, start };
}

/** 20261203-1416: local time, sortable, safe in a file name. */
function fileStamp(date: Date): string {
  const two = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}-${two(date.getHours())}${two(date.getMinutes())}`;
}
