import { Timeline, Typography } from 'antd';
import { useI18n } from '../app/i18n.tsx';
import { CLAIM_EVENT_LABELS, STATUS_LABELS } from '../app/messages.ts';
import type { AuditEvent } from '../features/access-application/api.ts';
import { formatDateTime } from './format.ts';

/** `labels` names the statuses of the case's workflow (access applications by default). */
export function AuditTimeline({
  events,
  labels = STATUS_LABELS,
}: {
  events: AuditEvent[];
  labels?: Record<string, { zh: string; en: string }>;
}) {
  const { t, label } = useI18n();
  if (!events.length) return <Typography.Text type="secondary">{t('empty')}</Typography.Text>;
  return (
    <Timeline
      data-testid="audit-timeline"
      items={events.map((e) => ({
        key: e.id,
        color: e.reason ? 'red' : 'blue',
        content: (
          <div>
            <div>
              <Typography.Text strong>
                {e.event in CLAIM_EVENT_LABELS
                  ? label(CLAIM_EVENT_LABELS, e.event)
                  : label(labels, e.toStatus, e.event)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {formatDateTime(e.createdAt)}
              </Typography.Text>
            </div>
            {e.actorName && (
              <div>
                {t('actor')}：{e.actorName}
              </div>
            )}
            {e.reason && (
              <div>
                {t('reason')}：{e.reason}
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}
