import { Card } from 'antd';
import { INVITATION_STATUS_LABELS } from '../../../app/messages.ts';
import { INVITATION_QUERY } from '../../invitations/api.ts';
import { InvitationDetails, InvitationStatusTag } from '../../invitations/InvitationDetails.tsx';
import { INVITATION_DECISIONS } from './decisions.ts';
import { defineCaseSlot } from './slot.ts';

/** 使用单位接入邀请 as the use unit's authority sees it: parties, relationship, proof, timeline. */
export const invitationSlot = defineCaseSlot(INVITATION_QUERY, (data, { t }) => {
  const inv = data.invitation;
  if (!inv) return null;
  return {
    subject: inv,
    status: inv.status,
    titleKey: 'invitationCase',
    name: inv.useUnitName,
    statusTag: (
      <InvitationStatusTag
        status={inv.status}
        statusLabel={inv.statusLabel}
        code={inv.officialStatusCode}
        testId="case-status"
      />
    ),
    submittedAt: inv.submittedAt,
    stepEnteredAt: inv.stepEnteredAt,
    lastReason: inv.lastReason,
    decisions: INVITATION_DECISIONS,
    statusLabels: INVITATION_STATUS_LABELS,
    body: (
      <Card title={t('applicationInfo')}>
        <InvitationDetails invitation={inv} />
      </Card>
    ),
  };
});
