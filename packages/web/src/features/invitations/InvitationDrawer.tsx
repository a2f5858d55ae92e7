import { Button, Drawer, Space } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { offers } from '../../ui/available-actions.ts';
import { EmptyState, LoadError, Loading } from '../../ui/PageState.tsx';
import { useLiveQuery } from '../../ui/useLiveRefresh.ts';
import { INVITATION_QUERY } from './api.ts';
import { useBatchUnbind } from './BatchUnbind.tsx';
import type { Invitation } from './fields.ts';
import { InvitationDetails } from './InvitationDetails.tsx';

/** 查看详情 of a sent invitation, beside the list; `onChanged` reloads the list after 更换证明材料. */
export function InvitationDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: string | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  return (
    <Drawer open={!!id} size="large" title={t('invitationDetail')} onClose={onClose} destroyOnHidden>
      {id && <InvitationDrawerBody id={id} onChanged={onChanged} />}
    </Drawer>
  );
}

function InvitationDrawerBody({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t } = useI18n();
  const [{ data, fetching, error }, reload] = useLiveQuery(
    {
      query: INVITATION_QUERY,
      variables: { id },
    },
    (e) => e.caseId === id,
  );
  if (fetching && !data) return <Loading />;
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!data?.invitation) return <EmptyState description={t('notFound')} />;
  const changed = () => {
    reload();
    onChanged();
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <UnbindAction invitation={data.invitation} onUnbound={changed} />
      <InvitationDetails invitation={data.invitation} onChanged={changed} />
    </Space>
  );
}

/** 解除绑定 of this invitation's binding, where the server offers it: the list's confirmation and call, for one row. */
function UnbindAction({ invitation, onUnbound }: { invitation: Invitation; onUnbound: () => void }) {
  const { t } = useI18n();
  const offered = offers(invitation.binding, 'unbindByDirectUnit');
  const unbinding = useBatchUnbind(offered ? [invitation] : [], onUnbound);
  return (
    <>
      {unbinding.feedback}
      {offered && (
        <Button danger data-testid="drawer-unbind" onClick={unbinding.confirm}>
          {t('unbind')}
        </Button>
      )}
      {unbinding.modal}
    </>
  );
}
