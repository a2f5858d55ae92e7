import { EyeOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../app/i18n.tsx';
import { MATERIAL_LABELS } from '../app/messages.ts';
import type { Material } from '../features/access-application/api.ts';

export function previewKind(material: Pick<Material, 'mimeType'>): 'pdf' | 'image' | null {
  if (material.mimeType === 'application/pdf') return 'pdf';
  if (material.mimeType.startsWith('image/')) return 'image';
  return null;
}

/**
 * 材料预览: PDFs and images shown inline from their signed link (the server serves them inline and lets our own
 * origin frame them); other files are downloaded from the list above.
 */
export function MaterialPreview({ materials }: { materials: Material[] }) {
  const { t, label } = useI18n();
  const previewable = materials.filter((m) => previewKind(m));
  const [openId, setOpenId] = useState<string | null>(null);
  if (!previewable.length) return null;
  const open = previewable.find((m) => m.id === openId) ?? null;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }} data-testid="material-preview">
      <Space wrap>
        {previewable.map((m) => (
          <Button
            key={m.id}
            size="small"
            icon={<EyeOutlined />}
            type={m.id === openId ? 'primary' : 'default'}
            data-testid={`preview-${m.id}`}
            onClick={() => setOpenId(m.id === openId ? null : m.id)}
          >
            {t('preview')} {label(MATERIAL_LABELS, m.kind)}
          </Button>
        ))}
      </Space>
      {open && (
        <div data-testid="preview-pane">
          <Typography.Text type="secondary">{open.fileName}</Typography.Text>
          {previewKind(open) === 'pdf' ? (
            <iframe
              title={open.fileName}
              src={open.downloadUrl}
              data-testid="preview-pdf"
              style={{ width: '100%', height: 560, border: '1px solid #f0f0f0' }}
            />
          ) : (
            <img
              src={open.downloadUrl}
              alt={open.fileName}
              data-testid="preview-image"
              style={{ maxWidth: '100%', maxHeight: 560, display: 'block' }}
            />
          )}
          <Button size="small" onClick={() => setOpenId(null)} style={{ marginTop: 4 }}>
            {t('closePreview')}
          </Button>
        </div>
      )}
    </Space>
  );
}
