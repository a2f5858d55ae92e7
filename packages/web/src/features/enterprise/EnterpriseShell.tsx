import { ApiOutlined, AuditOutlined } from '@ant-design/icons';
import { Layout, Menu, Space, Tag, Typography } from 'antd';
import { Suspense } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { IDENTITY_LABELS } from '../../app/messages.ts';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { Loading } from '../../ui/PageState.tsx';

/** 企业端: top bar with the enterprise and the operator's identity type, menu 接入管理 → 接入申请. */
export function EnterpriseShell() {
  const { t, label } = useI18n();
  const { viewer } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const selected = pathname.startsWith('/access/application') ? 'application' : '';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <AppHeader
        context={
          <Space wrap>
            <Typography.Text strong data-testid="enterprise-name">
              {viewer?.enterprise?.name}
            </Typography.Text>
            <Tag color="blue" data-testid="identity-type">
              {label(IDENTITY_LABELS, viewer?.identityType)}
            </Tag>
            <Typography.Text type="secondary">{viewer?.displayName}</Typography.Text>
          </Space>
        }
      />
      <Layout>
        <Layout.Sider width={200} theme="light" breakpoint="md" collapsedWidth={0}>
          <Menu
            mode="inline"
            aria-label={t('accessManagement')}
            selectedKeys={[selected]}
            defaultOpenKeys={['access']}
            onClick={({ key }) => {
              if (key === 'application') navigate('/access/application');
            }}
            items={[
              {
                key: 'access',
                icon: <AuditOutlined />,
                label: t('accessManagement'),
                children: [
                  {
                    key: 'application',
                    label: <span data-testid="menu-access-application">{t('accessApplication')}</span>,
                  },
                  { key: 'invitations', label: t('invitations'), disabled: true },
                  { key: 'respond', label: t('respondInvitations'), disabled: true },
                ],
              },
              { key: 'capabilities', icon: <ApiOutlined />, label: t('capabilitySubscription'), disabled: true },
            ]}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24 }}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
