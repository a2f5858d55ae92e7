import { provinceCodeOf } from '@leqi/domain';
import { Button, DatePicker, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { useAuth } from '../../app/auth.tsx';
import { useI18n } from '../../app/i18n.tsx';
import type { SessionViewer } from '../../app/viewer.ts';
import { EMPTY_FILTER, LOCAL_AUTHORITIES_QUERY, type QueueFilterState } from './queue-api.ts';

const DAY = 'YYYY-MM-DD';
type LocalAuthority = { code: string; name: string };

/** The competent (local) authorities whose cases the viewer may see: their own, their province's, or all (admin). */
function visibleAuthorities(viewer: SessionViewer | null, all: readonly LocalAuthority[]): LocalAuthority[] {
  const own = viewer?.authority;
  if (viewer?.role === 'ADMIN') return [...all];
  if (!own) return [];
  if (own.level === 'LOCAL') return all.filter((a) => a.code === own.code);
  return all.filter((a) => provinceCodeOf(a.code) === own.code);
}

/** 筛选栏: USCC or name, competent authority, submission dates, order (time in step or submission time). Text fields apply on Enter or blur. */
export function QueueFilters({
  value,
  onChange,
}: {
  value: QueueFilterState;
  onChange: (next: QueueFilterState) => void;
}) {
  const { t } = useI18n();
  const { viewer } = useAuth();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const apply = (patch: Partial<QueueFilterState> = {}) => onChange({ ...draft, ...patch });
  const [{ data }] = useQuery({ query: LOCAL_AUTHORITIES_QUERY });
  const authorities = useMemo(() => visibleAuthorities(viewer, data?.taxAuthorities ?? []), [viewer, data]);
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
      <Select
        id="queue-filter-authority"
        data-testid="filter-authority"
        aria-label={t('filterAuthority')}
        placeholder={t('filterAuthority')}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        value={draft.authorityCode || undefined}
        onChange={(code?: string) => apply({ authorityCode: code ?? '' })}
        options={authorities.map((a) => ({ value: a.code, label: a.name }))}
        style={{ width: 220 }}
      />
      <span data-testid="filter-submitted">
        <DatePicker.RangePicker
          aria-label={t('filterSubmitted')}
          placeholder={[t('filterSubmittedFrom'), t('filterSubmittedTo')]}
          allowEmpty={[true, true]}
          format={DAY}
          value={[
            draft.submittedFrom ? dayjs(draft.submittedFrom, DAY) : null,
            draft.submittedTo ? dayjs(draft.submittedTo, DAY) : null,
          ]}
          onChange={(dates) =>
            apply({ submittedFrom: dates?.[0]?.format(DAY) ?? '', submittedTo: dates?.[1]?.format(DAY) ?? '' })
          }
          style={{ width: 260 }}
        />
      </span>
      <Select
        id="queue-filter-order"
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
