import { CheckCircleFilled, MinusCircleFilled } from '@ant-design/icons';
import { Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { ItemList, ItemRow } from '../../ui/ItemList.tsx';
import type { ListedUseUnitEligibility } from './api.ts';

/** The listed use units of a verification, each counted toward the combined figures or not (the server never says why). */
export function UseUnitOutcomes({ units }: { units: ListedUseUnitEligibility[] | undefined }) {
  const { t } = useI18n();
  if (!units?.length) return null;
  return (
    <div style={{ textAlign: 'start' }}>
      <Typography.Text strong>{t('useUnitOutcomes')}</Typography.Text>
      <ItemList
        testId="use-unit-outcomes"
        items={units}
        itemKey={(u) => u.uscc}
        renderItem={(u) => (
          <ItemRow
            testId={`use-unit-outcome-${u.uscc}`}
            avatar={
              u.counted ? (
                <CheckCircleFilled style={{ color: '#52c41a' }} aria-label="counted" />
              ) : (
                <MinusCircleFilled style={{ color: '#faad14' }} aria-label="not counted" />
              )
            }
            title={`${u.name || '—'}（${u.uscc}）`}
            description={u.message}
          />
        )}
      />
    </div>
  );
}
