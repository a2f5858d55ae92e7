import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { List, Typography } from 'antd';
import type { EligibilityCheck } from '../features/access-application/api.ts';
import { useI18n } from '../app/i18n.tsx';

/** One line per check: label, actual vs required, message. */
export function EligibilityChecks({ checks, testId }: { checks: EligibilityCheck[]; testId?: string }) {
  const { t } = useI18n();
  return (
    <List
      data-testid={testId}
      size="small"
      dataSource={checks}
      rowKey="code"
      renderItem={(c) => (
        <List.Item data-testid={`check-${c.code}`} data-passed={c.passed}>
          <List.Item.Meta
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
        </List.Item>
      )}
    />
  );
}
