import { Steps } from 'antd';
import { useI18n } from '../app/i18n.tsx';

type StepStatus = 'wait' | 'process' | 'finish' | 'error';

/** Where each status sits on 提交 → 受理 → 复核 → 确认, and whether that step failed. */
const POSITION: Record<string, { current: number; status: StepStatus }> = {
  DRAFT: { current: 0, status: 'process' },
  PENDING_ACCEPTANCE: { current: 1, status: 'process' },
  NOT_ACCEPTED: { current: 1, status: 'error' },
  PENDING_REVIEW: { current: 2, status: 'process' },
  REVIEW_REJECTED: { current: 2, status: 'error' },
  PENDING_CONFIRMATION: { current: 3, status: 'process' },
  CONFIRMED: { current: 3, status: 'finish' },
  CONFIRMATION_REJECTED: { current: 3, status: 'error' },
};

export function CaseSteps({
  status,
  statusLabel,
  testId = 'application-steps',
}: {
  status: string;
  statusLabel: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const pos = POSITION[status] ?? { current: 0, status: 'process' as const };
  const titles = [t('stepSubmit'), t('stepAccept'), t('stepReview'), t('stepConfirm')];
  return (
    <Steps
      data-testid={testId}
      current={pos.current}
      status={pos.status}
      items={titles.map((title, i) => ({ title, content: i === pos.current ? statusLabel : undefined }))}
    />
  );
}
