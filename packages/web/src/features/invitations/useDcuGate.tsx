import { Button, Card, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { LoadError, Loading } from '../../ui/PageState.tsx';
import { INVITATION_VIEWER_QUERY } from './api.ts';

/** Only an ACTIVE direct-connect unit invites (DESIGN §3.2); the pages explain the others' situation. */
export function useDcuGate(): { ready: boolean; gate: React.ReactNode | null } {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [{ data, error }, reexecute] = useQuery({
    query: INVITATION_VIEWER_QUERY,
    requestPolicy: 'cache-and-network',
  });
  if (error && !data)
    return {
      ready: false,
      gate: <LoadError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />,
    };
  if (!data) return { ready: false, gate: <Loading /> };
  // whether it may invite is the server's answer; the DCU status only explains why not
  const enterprise = data.viewer?.enterprise;
  if (enterprise?.mayInviteUseUnits) return { ready: true, gate: null };
  const status = enterprise?.dcuStatus;
  return {
    ready: false,
    gate: (
      <Card data-testid="dcu-required">
        <Result
          status="info"
          title={t('onlyActiveDcu')}
          subTitle={status === 'EXITING' ? t('dcuExitingHint') : t('onlyActiveDcuHint')}
          extra={<Button onClick={() => navigate('/access/application')}>{t('goToApplication')}</Button>}
        />
      </Card>
    ),
  };
}
