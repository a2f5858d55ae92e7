import { Layout, Space, Tag, Typography } from 'antd';
import { Suspense } from 'react';
import { Outlet } from 'react-router-dom';
import { useAuth } from '../../app/auth.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { Loading } from '../../ui/PageState.tsx';

/** 审核工作台 for tax officers. */
export function WorkbenchShell() {
  const { t } = useI18n();
  const { viewer } = useAuth();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <AppHeader
        context={
          <Space wrap>
            <Tag color="geekblue">{t('workbench')}</Tag>
            <Typography.Text strong data-testid="authority-name">
              {viewer?.authority?.name}
            </Typography.Text>
            <Typography.Text type="secondary">{viewer?.displayName}</Typography.Text>
          </Space>
        }
      />
      <Layout.Content style={{ padding: 24 }}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
