import { LogoutOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from 'urql';
import { useAuth } from '../../app/auth.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { LanguageSwitch } from '../../ui/AppHeader.tsx';
import { EmptyState, LoadError, Loading } from '../../ui/PageState.tsx';
import { useCaseEvents, useCoalescedReload } from '../../ui/useLiveRefresh.ts';
import { PENDING_RESPONSES_QUERY } from './api.ts';
import { InvitationStatusTag } from './InvitationDetails.tsx';
import { RespondForm } from './RespondForm.tsx';
import { InvitationSummary, mayRespond } from './ResponsesPage.tsx';

const TOUCH = { minHeight: 44 };

/**
 * 乐企移动端 【接入确认】→【待确认】 (manual §4.3.1.2): one column that fits a 375 px phone; every control is a
 * full-width touch target; the same respond/decline flow as the web page.
 */
export function MobileConfirmPage() {
  const { t } = useI18n();
  const { viewer, signOut } = useAuth();
  const navigate = useNavigate();
  const [tab, setTab] = useState<'pending' | 'handled'>('pending');
  return (
    <div
      data-testid="mobile-confirm"
      style={{ minHeight: '100vh', background: '#f5f7fa', overflowX: 'hidden', boxSizing: 'border-box' }}
    >
      <header
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          background: '#1f5fbf',
          color: '#fff',
          padding: '8px 12px',
          display: 'flex',
          alignItems: 'center',
          gap: 8,
        }}
      >
        <div style={{ flex: 1, minWidth: 0 }}>
          <div style={{ fontSize: 12, opacity: 0.85 }}>{t('mobileTitle')}</div>
          <Typography.Title level={4} style={{ margin: 0, color: '#fff' }}>
            {t('accessConfirmation')}
          </Typography.Title>
        </div>
        <Button
          type="text"
          style={{ color: '#fff', ...TOUCH }}
          aria-label={t('signOut')}
          data-testid="sign-out"
          icon={<LogoutOutlined />}
          onClick={() => {
            signOut();
            navigate('/login');
          }}
        />
      </header>
      <main style={{ maxWidth: 560, margin: '0 auto', padding: '0 12px 24px', overflowWrap: 'anywhere' }}>
        <div
          style={{
            display: 'flex',
            flexWrap: 'wrap',
            justifyContent: 'space-between',
            alignItems: 'center',
            padding: '8px 0',
            gap: 8,
          }}
        >
          <Typography.Text strong data-testid="enterprise-name" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
            {viewer?.enterprise?.name}
          </Typography.Text>
          <Space size={4}>
            <LanguageSwitch />
            <Link to="/access/responses" data-testid="desktop-version">
              {t('desktopVersion')}
            </Link>
          </Space>
        </div>
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as 'pending' | 'handled')}
          centered
          items={[
            { key: 'pending', label: <span data-testid="mobile-tab-pending">{t('tabPending')}</span> },
            { key: 'handled', label: <span data-testid="mobile-tab-handled">{t('tabHandled')}</span> },
          ]}
        />
        <InvitationCards key={tab} pending={tab === 'pending'} />
      </main>
    </div>
  );
}

function InvitationCards({ pending }: { pending: boolean }) {
  const { t } = useI18n();
  const [notice, setNotice] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: PENDING_RESPONSES_QUERY,
    variables: { status: pending ? 'PENDING_RESPONSE' : undefined, first: 50 },
    requestPolicy: 'cache-and-network',
  });
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const reloadSoon = useCoalescedReload(reload);
  useCaseEvents((e) => {
    if (e.caseKind === 'INVITATION') reloadSoon();
  });
  if (fetching && !data) return <Loading />;
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  const all = data?.receivedInvitations.edges.map((e) => e.node) ?? [];
  const cards = pending ? all : all.filter((i) => i.status !== 'PENDING_RESPONSE');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {notice && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={notice}
          data-testid="respond-result"
          closable={{ onClose: () => setNotice(null) }}
        />
      )}
      {!cards.length && <EmptyState description={pending ? t('noPending') : t('noInvitations')} />}
      {cards.map((inv) => (
        <Card
          key={inv.id}
          size="small"
          data-testid={`mobile-card-${inv.id}`}
          data-dcu={inv.directUnit.uscc}
          title={<span style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>{inv.directUnit.name}</span>}
          extra={<InvitationStatusTag status={inv.status} statusLabel={inv.statusLabel} />}
          styles={{ body: { padding: 12 } }}
        >
          <InvitationSummary invitation={inv} compact />
          {mayRespond(inv) &&
            (openId === inv.id ? (
              <RespondForm
                compact
                invitation={inv}
                onDone={(message) => {
                  if (message) {
                    setNotice(message);
                    setOpenId(null);
                  }
                  reload();
                }}
              />
            ) : (
              <Button
                type="primary"
                block
                style={TOUCH}
                data-testid={`mobile-respond-${inv.id}`}
                onClick={() => setOpenId(inv.id)}
              >
                {t('respond')}
              </Button>
            ))}
        </Card>
      ))}
    </Space>
  );
}
