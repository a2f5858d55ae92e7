import { Tag, Typography } from 'antd';
import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { STATUS_LABELS } from '../../app/messages.ts';
import { formatDateTime } from '../../ui/format.ts';
import { ItemList, ItemRow } from '../../ui/ItemList.tsx';
import { EARLIER_APPLICATIONS_QUERY } from './queue-api.ts';

/** 历史申请: the enterprise's earlier applications of the same kind, with status, dates and reason. */
export function EarlierApplications({ caseId }: { caseId: string }) {
  const { t, label } = useI18n();
  const [{ data }] = useQuery({
    query: EARLIER_APPLICATIONS_QUERY,
    variables: { id: caseId },
  });
  const node = data?.node;
  const earlier = node && 'earlierApplications' in node ? node.earlierApplications : undefined;
  if (!earlier) return null;
  if (!earlier.length) return <Typography.Text type="secondary">{t('noEarlierApplications')}</Typography.Text>;
  return (
    <ItemList
      testId="earlier-applications"
      items={earlier}
      itemKey={(a) => a.id}
      renderItem={(a) => (
        <ItemRow
          title={
            <span>
              <Tag>{label(STATUS_LABELS, a.status, a.statusLabel)}</Tag>
              {t('submittedAt')}：{formatDateTime(a.submittedAt)}
              {a.lastReason && (
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                  {t('rejectionReason')}：{a.lastReason}
                </Typography.Text>
              )}
            </span>
          }
        />
      )}
    />
  );
}
