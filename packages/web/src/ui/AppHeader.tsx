import { GlobalOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Layout, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../app/auth.tsx';
import { useI18n } from '../app/i18n.tsx';

/** Top bar shared by both shells: product name, who is signed in, language switch, sign out. */
export function AppHeader({ context }: { context: ReactNode }) {
  const { t } = useI18n();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  return (
    <Layout.Header
      style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#fff', borderBottom: '1px solid #f0f0f0' }}
    >
      <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>
        {t('appTitle')} · {t('appSubtitle')}
      </Typography.Title>
      <div style={{ flex: 1, minWidth: 0 }} data-testid="header-context">
        {context}
      </div>
      <Space>
        <LanguageSwitch />
        <Button
          icon={<LogoutOutlined />}
          data-testid="sign-out"
          onClick={() => {
            signOut();
            navigate('/login');
          }}
        >
          {t('signOut')}
        </Button>
      </Space>
    </Layout.Header>
  );
}

export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      aria-label={t('language')}
      data-testid="language-switch"
      onClick={() => setLang(lang === 'en' ? 'zh' : 'en')}
    >
      {lang === 'en' ? t('switchToZh') : t('switchToEn')}
    </Button>
  );
}
