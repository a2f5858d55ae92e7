import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useClient } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { ItemList, ItemRow } from '../../ui/ItemList.tsx';
import { MaterialLink } from '../../ui/MaterialLink.tsx';
import { type Material, UPLOAD_MATERIAL_MUTATION, uploadRefusal } from '../access-application/api.ts';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx';

/**
 * 关系证明材料: any number of files, each uploaded at once as a RELATIONSHIP_PROOF material; the caller sends the
 * ids with its mutation. `testId` prefixes the controls (`<testId>-input`, `<testId>-file-<id>`, …).
 */
export function ProofUploads({
  materials,
  onChange,
  testId = 'proof',
  label,
}: {
  materials: Material[];
  onChange: (materials: Material[]) => void;
  testId?: string;
  label?: string;
}) {
  const { t } = useI18n();
  const client = useClient();
  const [uploading, setUploading] = useState(0);
  const [error, setError] = useState<string | null>(null);
  // Several files may finish in any order: always append to the latest list.
  const [latest] = useState<{ current: Material[] }>(() => ({ current: materials }));
  latest.current = materials;

  const upload = async (file: File) => {
    setUploading((n) => n + 1);
    setError(null);
    const result = await client
      .mutation(UPLOAD_MATERIAL_MUTATION, { input: { file, kind: 'RELATIONSHIP_PROOF' } })
      .toPromise();
    setUploading((n) => n - 1);
    const payload = result.data?.uploadMaterial;
    if (payload?.__typename === 'UploadMaterialSuccess') {
      latest.current = [...latest.current, payload.material];
      onChange(latest.current);
    } else setError(uploadRefusal(payload) ?? result.error?.message ?? t('uploadFailed'));
  };

  const name = label ?? t('relationshipProof');
  return (
    <div data-testid={testId}>
      <Upload accept={ACCEPT} multiple showUploadList={false} customRequest={({ file }) => void upload(file as File)}>
        <Button
          icon={<UploadOutlined />}
          loading={uploading > 0}
          data-testid={`${testId}-upload`}
          aria-label={`${t('upload')} ${name}`}
          style={{ minHeight: 40 }}
        >
          {t('upload')}
        </Button>
      </Upload>
      {error && (
        <Typography.Text type="danger" role="alert" style={{ display: 'block' }} data-testid={`${testId}-error`}>
          {error}
        </Typography.Text>
      )}
      <ItemList
        items={materials}
        itemKey={(m) => m.id}
        renderItem={(m) => (
          <ItemRow
            title={<MaterialLink material={m} testId={`${testId}-file-${m.id}`} />}
            actions={
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={`${t('removeFile')} ${m.fileName}`}
                data-testid={`${testId}-remove-${m.id}`}
                onClick={() => onChange(materials.filter((x) => x.id !== m.id))}
              />
            }
          />
        )}
      />
    </div>
  );
}
