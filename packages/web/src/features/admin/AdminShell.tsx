import { Layout, Menu, Space, Tag, Typography } from 'antd';
import { Suspense } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth.tsx';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { Loading } from '../../ui/PageState.tsx';
import { type AdminTextKey, useAdminText } from './text.ts';

const SECTIONS: { path: string; label: AdminTextKey }[] = [
  { path: 'authorities', label: 'navAuthorities' },
  { path: 'registry', label: 'navRegistry' },
  { path: 'rules', label: 'navRules' },
  { path: 'capabilities', label: 'navCapabilities' },
  { path: 'accounts', label: 'navAccounts' },
  { path: 'security-log', label: 'navSecurityLog' },
];

/** 平台管理 for the platform admin: one page per kind of configuration. */
export function AdminShell() {
  const a = useAdminText();
  const { viewer } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const current = SECTIONS.find((section) => location.pathname.startsWith(`/admin/${section.path}`))?.path;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <AppHeader
        context={
          <Space wrap>
            <Tag color="purple">{a('adminArea')}</Tag>
            <Typography.Text type="secondary">{viewer?.displayName}</Typography.Text>
          </Space>
        }
      />
      <Menu
        mode="horizontal"
        data-testid="admin-nav"
        selectedKeys={current ? [current] : []}
        onClick={(item) => navigate(`/admin/${item.key}`)}
        items={SECTIONS.map((section) => ({ key: section.path, label: a(section.label) }))}
      />
      <Layout.Content style={{ padding: 24 }}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
