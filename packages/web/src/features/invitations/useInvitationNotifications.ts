import { App } from 'antd';
import { useClient } from 'urql';
import { useAuth } from '../../app/auth.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { INVITATION_STATUS_LABELS } from '../../app/messages.ts';
import { useCaseEvents } from '../../ui/useLiveRefresh.ts';
import { INVITATION_PARTIES_QUERY } from './api.ts';

/**
 * Tells the enterprise's users about invitation events as they happen: the use unit gets 收到新的接入邀请, the
 * inviting DCU 邀请状态已更新：<status> (not for invitations it has just sent itself). The pages refresh themselves.
 */
export function useInvitationNotifications() {
  const { t, label } = useI18n();
  const { viewer } = useAuth();
  const client = useClient();
  const { notification } = App.useApp();

  useCaseEvents((event) => {
    if (event.caseKind !== 'INVITATION' || !viewer?.enterprise) return;
    const enterpriseId = viewer.enterprise.id;
    void client
      .query(INVITATION_PARTIES_QUERY, { id: event.caseId }, { requestPolicy: 'network-only' })
      .toPromise()
      .then(({ data }) => {
        const inv = data?.invitation;
        if (!inv) return;
        const asDcu = inv.directUnit.id === enterpriseId;
        const isNew = !event.fromStatus && event.toStatus === 'PENDING_RESPONSE';
        if (asDcu && isNew) return;
        const status = label(INVITATION_STATUS_LABELS, event.toStatus, event.toStatus ?? '');
        notification.info({
          key: `invitation-${event.caseId}`,
          title: !asDcu && isNew ? t('newInvitationReceived') : t('invitationStatusChanged', { status }),
          description: asDcu ? inv.useUnitName : t('invitationFrom', { dcu: inv.directUnit.name }),
          props: { 'data-testid': 'invitation-notification' } as object,
        });
      });
  });
}
