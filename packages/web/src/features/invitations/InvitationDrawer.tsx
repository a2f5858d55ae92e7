import { Drawer } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { EmptyState, LoadError, Loading } from '../../ui/PageState.tsx';
import { useLiveQuery } from '../../ui/useLiveRefresh.ts';
import { INVITATION_QUERY } from './api.ts';
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
  return (
    <InvitationDetails
      invitation={data.invitation}
      onChanged={() => {
        reload();
        onChanged();
      }}
    />
  );
}
