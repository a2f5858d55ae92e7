import { Button, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { EMPTY_FILTER, type QueueFilterState } from './queue-api.ts';

/** 筛选栏: USCC or name, competent authority, submission dates, order (time in step or submission time). Text fields apply on Enter or blur. */
export function QueueFilters({
  value,
  onChange,
}: {
  value: QueueFilterState;
  onChange: (next: QueueFilterState) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const apply = (patch: Partial<QueueFilterState> = {}) => onChange({ ...draft, ...patch });
  return (
    <Space wrap data-testid="queue-filters" style={{ marginBottom: 12 }}>
      <Input.Search
        data-testid="filter-search"
        aria-label={t('queueSearchPlaceholder')}
        placeholder={t('queueSearchPlaceholder')}
        allowClear
        value={draft.search}
        onChange={(e) => setDraft({ ...draft, search: e.target.value })}
        onSearch={(search) => apply({ search })}
        style={{ width: 260 }}
      />
      <Input
        data-testid="filter-authority"
        aria-label={t('filterAuthority')}
        placeholder={t('filterAuthority')}
        maxLength={11}
        value={draft.authorityCode}
        onChange={(e) => setDraft({ ...draft, authorityCode: e.target.value })}
        onPressEnter={() => apply()}
        onBlur={() => draft.authorityCode !== value.authorityCode && apply()}
        style={{ width: 170 }}
      />
      <Space.Compact>
        <Input
          type="date"
          data-testid="filter-from"
          aria-label={`${t('filterSubmitted')} ≥`}
          value={draft.submittedFrom}
          onChange={(e) => apply({ submittedFrom: e.target.value })}
          style={{ width: 150 }}
        />
        <Input
          type="date"
          data-testid="filter-to"
          aria-label={`${t('filterSubmitted')} ≤`}
          value={draft.submittedTo}
          onChange={(e) => apply({ submittedTo: e.target.value })}
          style={{ width: 150 }}
        />
      </Space.Compact>
      <Select
        data-testid="filter-order"
        aria-label={t('sortOrder')}
        value={draft.orderBy}
        onChange={(orderBy) => apply({ orderBy })}
        style={{ width: 190 }}
        options={[
          { value: 'OLDEST_IN_STEP', label: t('orderOldest') },
          { value: 'NEWEST_IN_STEP', label: t('orderNewest') },
          { value: 'SUBMITTED_OLDEST', label: t('orderSubmittedOldest') },
          { value: 'SUBMITTED_NEWEST', label: t('orderSubmittedNewest') },
        ]}
      />
      <Button data-testid="filter-reset" onClick={() => onChange(EMPTY_FILTER)}>
        {t('resetFilters')}
      </Button>
    </Space>
  );
}
