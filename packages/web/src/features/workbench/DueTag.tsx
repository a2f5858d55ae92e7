import { Space, Tag, Tooltip, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { formatDateTime } from '../../ui/format.ts';
import type { QueueCase } from './api.ts';

/** Age in working days in the current step; 即将到期 orange, 已超期 red, with the due time on hover. */
export function DueTag({ row }: { row: Pick<QueueCase, 'id' | 'ageInWorkingDays' | 'dueAt' | 'dueState'> }) {
  const { t } = useI18n();
  if (row.ageInWorkingDays === null || row.ageInWorkingDays === undefined) return <>—</>;
  const tag =
    row.dueState === 'OVERDUE' ? (
      <Tag color="red">{t('overdue')}</Tag>
    ) : row.dueState === 'DUE_SOON' ? (
      <Tag color="orange">{t('dueSoon')}</Tag>
    ) : null;
  return (
    <Tooltip title={row.dueAt ? t('dueBy', { date: formatDateTime(row.dueAt) }) : undefined}>
      <Space size={4} data-testid={`due-${row.id}`} data-due-state={row.dueState ?? ''}>
        <Typography.Text>{t('workingDays', { n: String(row.ageInWorkingDays) })}</Typography.Text>
        {tag}
      </Space>
    </Tooltip>
  );
}
