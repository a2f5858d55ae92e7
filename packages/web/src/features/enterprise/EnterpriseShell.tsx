import { ApiOutlined, AuditOutlined, CodeOutlined, DashboardOutlined } from '@ant-design/icons';
import { canManageWebhooks, isIdentityType } from '@leqi/domain';
import { Grid, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Suspense } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { IDENTITY_LABELS } from '../../app/messages.ts';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { Loading } from '../../ui/PageState.tsx';
import { useInvitationNotifications } from '../invitations/useInvitationNotifications.ts';
import { NotificationBell } from '../notifications/NotificationBell.tsx';

const MENU_PATHS: Record<string, string> = {
  overview: '/access/overview',
  application: '/access/application',
  invitations: '/access/invitations',
  respond: '/access/responses',
  capabilities: '/access/capabilities',
  developer: '/access/webhooks',
};

function selectedKey(pathname: string): string {
  if (pathname.startsWith('/access/overview') || pathname.startsWith('/access/notifications')) return 'overview';
  if (pathname.startsWith('/access/application') || pathname.startsWith('/access/exit')) return 'application';
  if (pathname.startsWith('/access/capabilities')) return 'capabilities';
  if (pathname.startsWith('/access/invitations') || pathname.startsWith('/access/api-tokens')) return 'invitations';
  if (pathname.startsWith('/access/responses')) return 'respond';
  if (pathname.startsWith('/access/webhooks')) return 'developer';
  return '';
}

/** 企业端: top bar with the enterprise and the operator's identity type, menu 接入管理 → 接入申请 / 接入邀请 / 响应邀请. */
export function EnterpriseShell() {
  const { t, label } = useI18n();
  const { viewer } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const selected = selectedKey(pathname);
  const narrow = Grid.useBreakpoint().md === false;
  // 开发者设置 (webhooks) is the legal representative's and the finance manager's; the page itself asks the server,
  // which also requires an ACTIVE direct-connect unit
  const identityType = viewer?.identityType;
  const developer = !!identityType && isIdentityType(identityType) && canManageWebhooks(identityType);
  useInvitationNotifications();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <AppHeader
        actions={<NotificationBell />}
        context={
          <Space wrap>
            <Typography.Text strong data-testid="enterprise-name">
              {viewer?.enterprise?.name}
            </Typography.Text>
            <Tag color="blue" data-testid="identity-type">
              {label(IDENTITY_LABELS, viewer?.identityType)}
            </Tag>
            <Typography.Text type="secondary" data-testid="user-name">
              {personOf(viewer?.displayName, viewer?.enterprise?.name)}
            </Typography.Text>
          </Space>
        }
      />
      <Layout>
        <Layout.Sider width={200} theme="light" breakpoint="md" collapsedWidth={0} zeroWidthTriggerStyle={{ top: 8 }}>
          <Menu
            mode="inline"
            aria-label={t('accessManagement')}
            selectedKeys={[selected]}
            defaultOpenKeys={['access']}
            onClick={({ key }) => {
              const path = MENU_PATHS[key];
              if (path) navigate(path);
            }}
            items={[
              {
                key: 'overview',
                icon: <DashboardOutlined />,
                label: <span data-testid="menu-overview">{t('overview')}</span>,
              },
              {
                key: 'access',
                icon: <AuditOutlined />,
                label: t('accessManagement'),
                children: [
                  {
                    key: 'application',
                    label: <span data-testid="menu-access-application">{t('accessApplication')}</span>,
                  },
                  { key: 'invitations', label: <span data-testid="menu-invitations">{t('invitations')}</span> },
                  { key: 'respond', label: <span data-testid="menu-responses">{t('respondInvitations')}</span> },
                ],
              },
              {
                key: 'capabilities',
                icon: <ApiOutlined />,
                label: <span data-testid="menu-capabilities">{t('capabilitySubscription')}</span>,
              },
              ...(developer
                ? [
                    {
                      key: 'developer',
                      icon: <CodeOutlined />,
                      label: <span data-testid="menu-developer">{t('developerSettings')}</span>,
                    },
                  ]
                : []),
            ]}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: narrow ? '56px 12px 16px' : 24, minWidth: 0 }}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** The person beside the company name: a display name that starts with the company's name does not repeat it. */
export function personOf(displayName: string | undefined, enterpriseName: string | undefined): string | undefined {
  if (!displayName || !enterpriseName || !displayName.startsWith(enterpriseName)) return displayName;
  return displayName.slice(enterpriseName.length).replace(/^[\s·•\-—:：]+/, '') || displayName;
}
