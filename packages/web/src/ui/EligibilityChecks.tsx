import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { phraseCheck } from '@leqi/domain';
import { Typography } from 'antd';
import { useI18n } from '../app/i18n.tsx';
import type { EligibilityCheck } from '../features/access-application/api.ts';
import { ItemList, ItemRow } from './ItemList.tsx';

/** One line per check: label, actual vs required as people read them (the domain's one formatter), message. */
export function EligibilityChecks({ checks, testId }: { checks: EligibilityCheck[]; testId?: string }) {
  const { t, lang } = useI18n();
  const locale = lang === 'en' ? 'en' : 'zh-CN';
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
              <CheckFigures check={c} locale={locale} actualLabel={t('actual')} requiredLabel={t('required')} />
              {!c.passed && <Typography.Text type="danger">{c.message}</Typography.Text>}
            </>
          }
        />
      )}
    />
  );
}

function CheckFigures(props: {
  check: EligibilityCheck;
  locale: 'zh-CN' | 'en';
  actualLabel: string;
  requiredLabel: string;
}) {
  const phrased = phraseCheck(props.check, { locale: props.locale });
  const [colon, separator] = props.locale === 'en' ? [': ', '; '] : ['：', '；'];
  return (
    <div data-testid={`check-figures-${props.check.code}`}>
      {props.actualLabel}
      {colon}
      {phrased.actual}
      {separator}
      {props.requiredLabel}
      {colon}
      {phrased.required}
    </div>
  );
}
