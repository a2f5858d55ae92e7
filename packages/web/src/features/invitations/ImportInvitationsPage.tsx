import { ArrowLeftOutlined, DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQuery, useSubscription } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { EmptyState, LoadError } from '../../ui/PageState.tsx';
import { payloadProblem } from '../../ui/payload.ts';
import type { Material } from '../access-application/api.ts';
import {
  IMPORT_INVITATIONS_MUTATION,
  IMPORT_PAGE_QUERY,
  IMPORT_PROGRESS_SUBSCRIPTION,
  type ImportProgress,
  type ImportRecord,
} from './import-api.ts';
import { ProofUploads } from './ProofUploads.tsx';
import { useDcuGate } from './useDcuGate.tsx';

const RECORDS_PAGE_SIZE = 20;
const XLSX = '.xlsx';

/** 接入邀请 → 导入邀请 (manual §3.4.1.2): template, upload with a batch of proof, live progress, 导入记录. */
export function ImportInvitationsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { gate } = useDcuGate();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/access/invitations')} data-testid="back-to-list">
          {t('backToList')}
        </Button>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('importInvitations')}
        </Typography.Title>
      </Space>
      {gate ?? <ImportBody />}
    </Space>
  );
}

function ImportBody() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [proof, setProof] = useState<Material[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [running, setRunning] = useState<ImportRecord | null>(null);
  const [{ data, error }, reexecute] = useQuery({
    query: IMPORT_PAGE_QUERY,
    variables: { first: RECORDS_PAGE_SIZE },
    requestPolicy: 'cache-and-network',
  });
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const [state, importFile] = useMutation(IMPORT_INVITATIONS_MUTATION);

  const choose = (f: File) => {
    if (!f.name.toLowerCase().endsWith(XLSX)) {
      setFileError(t('onlyXlsx'));
      setFile(null);
    } else {
      setFileError(null);
      setFile(f);
    }
    return false; // keep the file; it is sent with the import mutation
  };

  const submit = async () => {
    setProblem(null);
    if (!file) {
      setFileError(t('noFileChosen'));
      return;
    }
    const result = await importFile({ input: { file, proofMaterialIds: proof.map((m) => m.id) } });
    const payload = result.data?.importUseUnitInvitations;
    if (payload?.__typename === 'ImportUseUnitInvitationsSuccess') {
      setRunning(payload.importRecord);
      setFile(null);
      setProof([]);
      reload();
    } else setProblem(payloadProblem(payload, result.error?.message ?? t('submitFailed')));
  };

  return (
    <>
      <Card>
        <Typography.Paragraph type="secondary">{t('importHint')}</Typography.Paragraph>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {data?.invitationTemplateUrl && (
            <a href={data.invitationTemplateUrl} download data-testid="download-template">
              <DownloadOutlined /> {t('downloadTemplate')}
            </a>
          )}
          <div data-testid="import-file">
            <Upload accept={XLSX} maxCount={1} showUploadList={false} beforeUpload={choose}>
              <Button icon={<FileExcelOutlined />} data-testid="choose-file" aria-label={t('chooseFile')}>
                {t('chooseFile')}
              </Button>
            </Upload>
            {file && (
              <Typography.Text style={{ marginLeft: 8 }} data-testid="chosen-file">
                {file.name}
              </Typography.Text>
            )}
            {fileError && (
              <Typography.Text type="danger" role="alert" style={{ display: 'block' }} data-testid="file-error">
                {fileError}
              </Typography.Text>
            )}
          </div>
          <div>
            <Typography.Text strong>{t('relationshipProof')}</Typography.Text>
            <Typography.Paragraph type="secondary">{t('proofForBatch')}</Typography.Paragraph>
            <ProofUploads materials={proof} onChange={setProof} testId="import-proof" />
          </div>
          {problem && <FormProblem problem={problem} testId="import-error" />}
          <Button type="primary" loading={state.fetching} onClick={() => void submit()} data-testid="import-submit">
            {t('startImport')}
          </Button>
          {running && <ImportProgressBar record={running} onDone={reload} />}
        </Space>
      </Card>
      <Card title={t('importRecords')}>
        {error && !data ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <ImportRecords records={data?.importRecords.edges.map((e) => e.node) ?? []} loading={!data} />
        )}
      </Card>
    </>
  );
}

/** Fed by the importProgress subscription while the server works through the rows. */
function ImportProgressBar({ record, onDone }: { record: ImportRecord; onDone: () => void }) {
  const { t } = useI18n();
  const [{ data }] = useSubscription<{ importProgress: ImportProgress }>({
    query: IMPORT_PROGRESS_SUBSCRIPTION,
    variables: { importRecordId: record.id },
  });
  const p = data?.importProgress;
  const done = p?.done ?? record.status !== 'PROCESSING';
  // once per finished import: the records table then shows its totals and failure report
  const finished = useRef(onDone);
  finished.current = onDone;
  useEffect(() => {
    if (p?.done) finished.current();
  }, [p?.done]);
  const total = p?.total ?? record.total;
  const processed = p?.processed ?? (done ? record.total : 0);
  const percent = total ? Math.floor((processed / total) * 100) : done ? 100 : 0;
  return (
    <div data-testid="import-progress" data-done={String(done)}>
      <Typography.Text>
        {t('importProgress')}：{record.fileName}
      </Typography.Text>
      <Progress percent={percent} status={done ? 'success' : 'active'} aria-label={t('importProgress')} />
      <Typography.Text type="secondary" data-testid="import-progress-counts">
        {processed} / {total} · {t('succeeded')} {p?.succeeded ?? record.succeeded} · {t('failed')}{' '}
        {p?.failed ?? record.failed}
      </Typography.Text>
    </div>
  );
}

function ImportRecords({ records, loading }: { records: ImportRecord[]; loading: boolean }) {
  const { t } = useI18n();
  return (
    <Table<ImportRecord>
      data-testid="import-records"
      rowKey="id"
      size="middle"
      loading={loading}
      pagination={false}
      dataSource={records}
      scroll={{ x: 800 }}
      locale={{ emptyText: <EmptyState /> }}
      onRow={(r) => ({ 'data-testid': `import-record-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('fileName'), dataIndex: 'fileName' },
        { title: t('time'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
        { title: t('total'), dataIndex: 'total' },
        { title: t('succeeded'), dataIndex: 'succeeded' },
        { title: t('failed'), dataIndex: 'failed' },
        {
          title: t('status'),
          dataIndex: 'status',
          render: (s: string) => (
            <Tag color={s === 'DONE' ? 'green' : s === 'FAILED' ? 'red' : 'blue'}>
              {t(`importStatus_${s}` as MessageKey) ?? s}
            </Tag>
          ),
        },
        {
          title: t('downloadFailures'),
          key: 'report',
          render: (_, r) =>
            r.failureReportUrl ? (
              <a href={r.failureReportUrl} download data-testid={`failure-report-${r.id}`}>
                <DownloadOutlined /> {t('downloadFailures')}
              </a>
            ) : (
              t('noValue')
            ),
        },
      ]}
    />
  );
}
