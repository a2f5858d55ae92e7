import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Typography } from 'antd';
import { useI18n } from '../app/i18n.tsx';
import type { EligibilityCheck } from '../features/access-application/api.ts';
import { ItemList, ItemRow } from './ItemList.tsx';

/** One line per check: label, actual vs required, message. */
export function EligibilityChecks({ checks, testId }: { checks: EligibilityCheck[]; testId?: string }) {
  const { t } = useI18n();
  return (
    <ItemList
      testId={testId}
      items={checks}
      itemKey={(c) => c.code}
      renderItem={(c) => (
        <ItemRow
          testId={`check-${c.code}`}
          avatar={
            c.passed ? (
              <CheckCircleFilled style={{ color: '#52c41a' }} aria-label="passed" />
            ) : (
              <CloseCircleFilled style={{ color: '#ff4d4f' }} aria-label="failed" />
            )
          }
          title={c.label}
          description={
            <>
              <div>
                {t('actual')}：{c.actual}；{t('required')}：{c.required}
              </div>
              {!c.passed && <Typography.Text type="danger">{c.message}</Typography.Text>}
            </>
          }
        />
      )}
    />
  );
}
