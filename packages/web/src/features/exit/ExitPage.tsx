import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { DCU_STATUS_LABELS, IDENTITY_LABELS } from '../../app/messages.ts';
import { LoadError, Loading } from '../../ui/PageState.tsx';
import { useLiveQuery } from '../../ui/useLiveRefresh.ts';
import { EXIT_PAGE_QUERY } from './api.ts';
import { ExitFlow } from './ExitFlow.tsx';
import { ExitStatus } from './ExitStatus.tsx';

/**
 * 接入管理 → 接入申请 → 申请退出 (manual §3.6): notice, 智能校验, signed form, status. Whether the flow is offered is
 * the server's `mayApplyForExit`; the identity and DCU status only explain why not.
 */
export function ExitPage() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  // A bureau decision on the exit arrives as a case event: reload without a page refresh.
  const [{ data, fetching, error }, reload] = useLiveQuery(
    {
      query: EXIT_PAGE_QUERY,
    },
    (e) => e.caseKind === 'EXIT_APPLICATION',
  );
  const [submitted, setSubmitted] = useState(false);

  if (fetching && !data) return <Loading />;
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  const viewer = data?.viewer;
  const enterprise = viewer?.enterprise;
  if (!viewer || !enterprise) return <LoadError error={t('loadFailed')} onRetry={reload} />;
  const latest = viewer.exitApplications[0] ?? null;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="exit-page">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('accessApplication')} · {t('exitLeqi')}
        </Typography.Title>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/access/application')}>
          {t('backToApplication')}
        </Button>
      </Space>
      {submitted && (
        <Card>
          <Result
            status="success"
            title={<span data-testid="exit-submitted">{t('exitSubmitted')}</span>}
            subTitle={t('exitSubmittedHint')}
          />
        </Card>
      )}
      {latest && <ExitStatus exit={latest} />}
      {!viewer.canExit ? (
        <Card data-testid="exit-identity-restricted">
          <Result
            status="warning"
            title={t('exitIdentityRestricted')}
            subTitle={t('exitIdentityRestrictedHint', { identity: label(IDENTITY_LABELS, viewer.identityType) })}
          />
        </Card>
      ) : enterprise.mayApplyForExit ? (
        <ExitFlow
          key={latest?.id ?? 'first'}
          onSubmitted={() => {
            setSubmitted(true);
            reload();
          }}
        />
      ) : (
        !latest && (
          <Card data-testid="exit-not-dcu">
            <Result
              status="info"
              title={t('exitNotDcu')}
              subTitle={`${t('dcuStatus')}：${label(DCU_STATUS_LABELS, enterprise.dcuStatus)}`}
            />
          </Card>
        )
      )}
    </Space>
  );
}
