import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useClient, useQuery } from 'urql';
import type { VariablesOf } from '../../app/graphql.ts';
import { useI18n } from '../../app/i18n.tsx';
import { MATERIAL_LABELS } from '../../app/messages.ts';
import { ItemList, ItemRow } from '../../ui/ItemList.tsx';
import { MaterialLink } from '../../ui/MaterialLink.tsx';
import { MATERIAL_TEMPLATES_QUERY, type Material, UPLOAD_MATERIAL_MUTATION, uploadRefusal } from './api.ts';

// the slots' kinds are requiredMaterialKinds (plain strings in the schema) and the optional kinds of MaterialKind
type MaterialKind = VariablesOf<typeof UPLOAD_MATERIAL_MUTATION>['input']['kind'];

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx';

/**
 * 上传材料: one slot per required kind plus the optional ones; a new upload replaces the slot's file. A kind with a
 * form offers it for download beside its slot (下载模板).
 */
export function MaterialUploads({
  kinds,
  required,
  materials,
  errors,
  onUploaded,
}: {
  kinds: string[];
  required: string[];
  materials: Record<string, Material>;
  errors: Record<string, string>;
  onUploaded: (material: Material) => void;
}) {
  const [{ data }] = useQuery({ query: MATERIAL_TEMPLATES_QUERY });
  const templates = new Map(data?.materialTemplates.map((template) => [template.kind as string, template.url]));
  return (
    <ItemList
      items={kinds}
      itemKey={(k) => k}
      renderItem={(kind) => (
        <MaterialSlot
          kind={kind}
          required={required.includes(kind)}
          material={materials[kind]}
          error={errors[kind]}
          template={templates.get(kind)}
          onUploaded={onUploaded}
        />
      )}
    />
  );
}

function MaterialSlot({
  kind,
  required,
  material,
  error,
  template,
  onUploaded,
}: {
  kind: string;
  required: boolean;
  material: Material | undefined;
  error: string | undefined;
  /** where the kind's form downloads from, when it has one */
  template: string | undefined;
  onUploaded: (material: Material) => void;
}) {
  const { t, label } = useI18n();
  const client = useClient();
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const name = label(MATERIAL_LABELS, kind);

  const upload = async (file: File) => {
    setUploading(true);
    setUploadError(null);
    // @urql/core sends File variables as a GraphQL multipart request.
    const result = await client
      .mutation(UPLOAD_MATERIAL_MUTATION, { input: { file, kind: kind as MaterialKind } })
      .toPromise();
    setUploading(false);
    const payload = result.data?.uploadMaterial;
    if (payload?.__typename === 'UploadMaterialSuccess') onUploaded(payload.material);
    else setUploadError(uploadRefusal(payload) ?? result.error?.message ?? t('uploadFailed'));
  };

  const problem = uploadError ?? error;
  return (
    <ItemRow
      testId={`material-slot-${kind}`}
      actions={
        <Upload accept={ACCEPT} showUploadList={false} customRequest={({ file }) => void upload(file as File)}>
          <Button
            icon={<UploadOutlined />}
            loading={uploading}
            data-testid={`upload-${kind}`}
            aria-label={`${material ? t('replace') : t('upload')} ${name}`}
          >
            {material ? t('replace') : t('upload')}
          </Button>
        </Upload>
      }
      title={
        <span>
          {name}{' '}
          <Tag color={required ? 'red' : 'default'}>{required ? t('requiredMaterial') : t('optionalMaterial')}</Tag>
        </span>
      }
      description={
        <>
          {template && (
            <a href={template} download data-testid={`material-template-${kind}`} style={{ marginRight: 12 }}>
              <DownloadOutlined /> {t('downloadTemplate')}
            </a>
          )}
          {material && <MaterialLink material={material} testId={`material-file-${kind}`} />}
          {problem && (
            <Typography.Text type="danger" role="alert" style={{ display: 'block' }}>
              {problem}
            </Typography.Text>
          )}
        </>
      }
    />
  );
}
