import { formatIsoDate } from '@leqi/domain';
import { Button, Card, Result, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { EligibilityChecks } from '../../ui/EligibilityChecks.tsx';
import type { CheckedEligibilityReport } from './api.ts';
import { UseUnitOutcomes } from './UseUnitOutcomes.tsx';

/** Step 2 核验结果 when verification fails: every failed check with actual vs required; the wizard stops here. */
export function VerificationFailed({ report, onBack }: { report: CheckedEligibilityReport; onBack: () => void }) {
  const { t, lang } = useI18n();
  const failed = report.checks.filter((c) => !c.passed);
  return (
    <Card>
      <Result
        status="error"
        title={<span data-testid="verification-failed">{t('verificationFailed')}</span>}
        subTitle={t('verificationFailedHint')}
        extra={
          <Button onClick={onBack} data-testid="wizard-back">
            {t('backToUnitInfo')}
          </Button>
        }
      >
        {report.livelihoodThresholdsApplied && <Typography.Paragraph>{t('livelihoodApplied')}</Typography.Paragraph>}
        {report.ruleApplied && (
          <Typography.Paragraph data-testid="rule-applied">
            {t('ruleAppliedFrom', {
              date: formatIsoDate(report.ruleApplied.effectiveFrom, lang === 'en' ? 'en' : 'zh-CN'),
            })}
          </Typography.Paragraph>
        )}
        <EligibilityChecks checks={failed} testId="failed-checks" />
        <UseUnitOutcomes units={report.useUnits} />
      </Result>
    </Card>
  );
}
