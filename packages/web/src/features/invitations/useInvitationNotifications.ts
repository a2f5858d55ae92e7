import { App } from 'antd';
import { useClient } from 'urql';
import { useAuth } from '../../app/auth.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { INVITATION_STATUS_LABELS } from '../../app/messages.ts';
import { useCaseEvents } from '../../ui/useLiveRefresh.ts';
import { INVITATION_PARTIES_QUERY } from './api.ts';
import { invitationEventText } from './invitation-event-text.ts';

/**
 * Tells the enterprise's users about invitation events as they happen: the use unit gets 收到新的接入邀请, the
 * inviting DCU 邀请状态已更新：<status> (not for invitations it has just sent itself), each with a sentence saying
 * what the event did from the reader's side. The toast opens bottom right, clear of the bell and 退出登录 in the
 * header. The pages refresh themselves.
 */
export function useInvitationNotifications() {
  const { t, label, lang } = useI18n();
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
          description: invitationEventText({
            event: event.event,
            side: asDcu ? 'directUnit' : 'useUnit',
            directUnitName: inv.directUnit.name,
            useUnitName: inv.useUnitName,
            reason: event.reason,
            lang,
          }),
          props: { 'data-testid': 'invitation-notification' } as object,
        });
      });
  });
}
