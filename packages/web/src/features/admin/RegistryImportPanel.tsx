import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { LoadMoreButton } from '../../ui/LoadMoreButton.tsx';
import { LoadError } from '../../ui/PageState.tsx';
import { usePagedList } from '../../ui/usePagedList.ts';
import {
  IMPORT_REGISTRY,
  REGISTRY_IMPORT,
  REGISTRY_IMPORT_PROGRESS,
  REGISTRY_IMPORT_ROWS,
  type RegistryImport,
  type RegistryImportProgress,
  type RegistryImportRow,
} from './api.ts';
import { useAdminText } from './text.ts';

const NO_ROWS = { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] };

/** The row outcomes the server names (RegistryImportRow.outcome is a plain string in the schema). */
const OUTCOMES: Record<string, 'outcomeCREATED' | 'outcomeUPDATED' | 'outcomeUNCHANGED'> = {
  CREATED: 'outcomeCREATED',
  UPDATED: 'outcomeUPDATED',
  UNCHANGED: 'outcomeUNCHANGED',
};

/** 导入企业登记信息: template, upload, live progress, then per-row results and the failure report. */
export function RegistryImportPanel({ templateUrl, onImported }: { templateUrl: string; onImported: () => void }) {
  const a = useAdminText();
  const { message } = AntApp.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [record, setRecord] = useState<RegistryImport | null>(null);
  const [state, importFile] = useMutation(IMPORT_REGISTRY);
  const start = async () => {
    if (!file) return;
    const result = await importFile({ input: { file } });
    const payload = result.data?.importRegistry;
    if (payload?.__typename === 'ImportRegistrySuccess') {
      setRecord(payload.record);
      setFile(null);
    } else {
      message.error(
        (payload && 'message' in payload ? payload.message : undefined) ?? result.error?.message ?? 'error',
      );
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="registry-import">
      <Space wrap>
        <Button icon={<DownloadOutlined />} href={templateUrl} data-testid="registry-template">
          {a('downloadTemplate')}
        </Button>
        <Upload
          accept=".xlsx"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(chosen) => {
            if (!chosen.name.toLowerCase().endsWith('.xlsx')) message.error(a('onlyXlsx'));
            else setFile(chosen);
            return false;
          }}
        >
          <Button icon={<FileExcelOutlined />} data-testid="registry-choose-file">
            {a('chooseFile')}
          </Button>
        </Upload>
        {file && <Typography.Text data-testid="registry-file-name">{file.name}</Typography.Text>}
        <Button type="primary" disabled={!file} loading={state.fetching} onClick={start} data-testid="registry-start">
          {a('startImport')}
        </Button>
      </Space>
      {record && <ImportRun key={record.id} started={record} onFinished={onImported} />}
    </Space>
  );
}

/**
 * The server answers the upload at once and works through the rows in the background: the registryImportProgress
 * subscription moves the bar; once it is done the finished record (results, failure report) is read.
 */
function ImportRun({ started, onFinished }: { started: RegistryImport; onFinished: () => void }) {
  const running = started.status === 'PROCESSING';
  const [{ data: live }] = useSubscription<{ registryImportProgress: RegistryImportProgress }>({
    query: REGISTRY_IMPORT_PROGRESS,
    variables: { importRecordId: started.id },
    pause: !running,
  });
  const progress = live?.registryImportProgress;
  const done = !running || Boolean(progress?.done);
  const [{ data: read }] = useQuery({
    query: REGISTRY_IMPORT,
    variables: { id: started.id },
    pause: !running || !done,
    requestPolicy: 'network-only',
  });
  const finished = running ? (read?.registryImport ?? null) : started;
  const isFinished = finished !== null && finished.status !== 'PROCESSING';
  // once per finished import: the registry list then shows the new and updated entries
  const notify = useRef(onFinished);
  notify.current = onFinished;
  useEffect(() => {
    if (isFinished) notify.current();
  }, [isFinished]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ImportProgressBar fileName={started.fileName} progress={progress} record={finished ?? started} done={done} />
      {isFinished && finished && <ImportResult record={finished} />}
    </Space>
  );
}

function ImportProgressBar({
  fileName,
  progress,
  record,
  done,
}: {
  fileName: string;
  progress: RegistryImportProgress | undefined;
  record: RegistryImport;
  done: boolean;
}) {
  const a = useAdminText();
  const total = progress?.total ?? record.total;
  const processed = progress?.processed ?? (done ? record.succeeded + record.failed : 0);
  const percent = total ? Math.floor((processed / total) * 100) : done ? 100 : 0;
  return (
    <div data-testid="registry-import-progress" data-done={String(done)}>
      <Typography.Text>
        {a('importProgress')}：{fileName}
      </Typography.Text>
      <Progress
        percent={percent}
        status={done ? (record.status === 'FAILED' ? 'exception' : 'success') : 'active'}
        aria-label={a('importProgress')}
      />
      <Typography.Text type="secondary" data-testid="registry-import-progress-counts">
        {a('importProgressCounts', {
          processed,
          total,
          succeeded: progress?.succeeded ?? record.succeeded,
          failed: progress?.failed ?? record.failed,
        })}
      </Typography.Text>
    </div>
  );
}

function ImportResult({ record }: { record: RegistryImport }) {
  const a = useAdminText();
  const variables = useMemo(() => ({ id: record.id }), [record.id]);
  const rows = usePagedList(REGISTRY_IMPORT_ROWS, variables, (data) => data.registryImport?.results ?? NO_ROWS);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type={record.status === 'FAILED' ? 'error' : record.failed > 0 ? 'warning' : 'success'}
        data-testid="registry-import-summary"
        description={('failureReason' in record ? record.failureReason : null) ?? undefined}
        title={a('importResult', {
          total: record.total,
          succeeded: record.succeeded,
          created: record.created,
          updated: record.updated,
          failed: record.failed,
        })}
        action={
          record.failureReportUrl ? (
            <Button size="small" href={record.failureReportUrl} data-testid="registry-failures">
              {a('downloadFailures')}
            </Button>
          ) : undefined
        }
      />
      <Table<RegistryImportRow>
        rowKey="row"
        size="small"
        data-testid="registry-import-rows"
        loading={rows.fetching && !rows.data}
        dataSource={rows.rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: a('row'), dataIndex: 'row', width: 80 },
          { title: a('uscc'), dataIndex: 'uscc' },
          {
            title: a('result'),
            render: (_, row) =>
              row.succeeded ? (
                <Tag color="green">{a(OUTCOMES[row.outcome ?? ''] ?? 'outcomeUNCHANGED')}</Tag>
              ) : (
                <Space>
                  <Tag color="red">{a('failed')}</Tag>
                  <Typography.Text type="danger">{row.message}</Typography.Text>
                </Space>
              ),
          },
        ]}
      />
      {rows.error ? (
        <LoadError error={rows.error} onRetry={rows.reload} />
      ) : (
        <LoadMoreButton list={rows} label={a('loadMore')} />
      )}
    </Space>
  );
}
