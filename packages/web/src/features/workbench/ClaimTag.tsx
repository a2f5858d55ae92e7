import { Tag } from 'antd';
import { useI18n } from '../../app/i18n.tsx';

/** A queue row's claim: "已被 X 认领" for cases another officer holds, "已认领" for the viewer's own. */
export function ClaimTag({
  id,
  claim,
}: {
  id: string;
  claim?: { holder: { name: string }; heldByViewer: boolean } | null;
}) {
  const { t } = useI18n();
  if (!claim) return null;
  return (
    <Tag color={claim.heldByViewer ? 'green' : 'orange'} data-testid={`claim-tag-${id}`}>
      {claim.heldByViewer ? t('claimDone') : t('claimedBy', { name: claim.holder.name })}
    </Tag>
  );
}
