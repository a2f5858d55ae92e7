import { Typography } from 'antd';
import { useI18n } from '../app/i18n.tsx';
import { MATERIAL_LABELS } from '../app/messages.ts';
import type { Material } from '../features/access-application/api.ts';
import { formatSize } from './format.ts';
import { ItemList, ItemRow } from './ItemList.tsx';
import { MaterialLink } from './MaterialLink.tsx';

export function MaterialList({ materials }: { materials: Material[] }) {
  const { t, label } = useI18n();
  if (!materials.length) return <Typography.Text type="secondary">{t('noMaterials')}</Typography.Text>;
  return (
    <ItemList
      testId="material-list"
      items={materials}
      itemKey={(m) => m.id}
      renderItem={(m) => (
        <ItemRow
          title={
            <span>
              <Typography.Text type="secondary">{label(MATERIAL_LABELS, m.kind)}：</Typography.Text>
              <MaterialLink material={m} testId={`material-${m.id}`} />
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {formatSize(m.size)}
              </Typography.Text>
            </span>
          }
        />
      )}
    />
  );
}
