import { Alert, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { EligibilityChecks } from '../../ui/EligibilityChecks.tsx';
import type { AccessApplicationPayload, FieldIssue } from './api.ts';
import { UseUnitOutcomes } from './UseUnitOutcomes.tsx';

export type Problem =
  | { kind: 'issues'; message: string; issues: FieldIssue[] }
  | {
      kind: 'notEligible';
      message: string;
      payload: Extract<AccessApplicationPayload, { __typename: 'NotEligibleError' }>;
    }
  | { kind: 'message'; message: string };

/** What the server refused, with the fields it named. */
export function ProblemAlert({ problem, issueLabel }: { problem: Problem; issueLabel: (field: string) => string }) {
  const { t } = useI18n();
  const description =
    problem.kind === 'issues' ? (
      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {problem.issues.map((i) => (
          <li key={`${i.field}-${i.code}`} data-testid={`issue-${i.field}`}>
            {issueLabel(i.field)}：{i.message}
          </li>
        ))}
      </ul>
    ) : problem.kind === 'notEligible' ? (
      <>
        <EligibilityChecks
          checks={problem.payload.report?.checks.filter((c) => !c.passed) ?? []}
          testId="failed-checks"
        />
        <UseUnitOutcomes units={problem.payload.report?.useUnits} />
      </>
    ) : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="submit-problem"
      title={
        <>
          <Typography.Text strong>{t('submitFailed')}</Typography.Text>：{problem.message}
        </>
      }
      description={description}
    />
  );
}
