import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { IMPORT_REGISTRY, type PayloadError, type RegistryImport, type RegistryImportRow } from './api.ts';
import { useAdminText } from './text.ts';

/** 导入企业登记信息: template, upload, per-row results and the failure report. */
export function RegistryImportPanel({ templateUrl, onImported }: { templateUrl: string; onImported: () => void }) {
  const a = useAdminText();
  const { message } = AntApp.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [record, setRecord] = useState<RegistryImport | null>(null);
  const [state, importFile] = useMutation<{ importRegistry: PayloadError & { record?: RegistryImport } }>(
    IMPORT_REGISTRY,
  );
  const start = async () => {
    if (!file) return;
    const result = await importFile({ input: { file } });
    const payload = result.data?.importRegistry;
    if (payload?.record) {
      setRecord(payload.record);
      setFile(null);
      onImported();
    } else {
      message.error(payload?.message ?? result.error?.message ?? 'error');
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
      {record && <ImportResult record={record} />}
    </Space>
  );
}

function ImportResult({ record }: { record: RegistryImport }) {
  const a = useAdminText();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type={record.failed > 0 ? 'warning' : 'success'}
        data-testid="registry-import-summary"
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
        dataSource={record.results}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: a('row'), dataIndex: 'row', width: 80 },
          { title: a('uscc'), dataIndex: 'uscc' },
          {
            title: a('result'),
            render: (_, row) =>
              row.succeeded ? (
                <Tag color="green">{a(`outcome${row.outcome ?? 'UNCHANGED'}`)}</Tag>
              ) : (
                <Space>
                  <Tag color="red">{a('failed')}</Tag>
                  <Typography.Text type="danger">{row.message}</Typography.Text>
                </Space>
              ),
          },
        ]}
      />
    </Space>
  );
}
