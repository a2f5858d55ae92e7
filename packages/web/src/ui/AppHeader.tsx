import { GlobalOutlined, KeyOutlined, LogoutOutlined, SafetyOutlined } from '@ant-design/icons';
import { Button, Grid, Layout, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../app/auth.tsx';
import { useI18n } from '../app/i18n.tsx';
import { CHANGE_PASSWORD_PATH, TWO_FACTOR_PATH } from '../app/viewer.ts';

/** Top bar shared by both shells: product name, who is signed in, language switch, sign out. */
export function AppHeader({ context, actions }: { context: ReactNode; actions?: ReactNode }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  // On a phone the bar wraps: title and buttons on the first line, who is signed in below.
  const narrow = Grid.useBreakpoint().md === false;
  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: narrow ? 4 : 16,
        flexWrap: narrow ? 'wrap' : 'nowrap',
        height: 'auto',
        minHeight: 64,
        lineHeight: narrow ? 1.5 : undefined,
        padding: narrow ? '8px 12px' : undefined,
        background: '#fff',
        borderBottom: '1px solid #f0f0f0',
      }}
    >
      <Typography.Title
        level={narrow ? 5 : 4}
        style={{ margin: 0, whiteSpace: 'nowrap', flex: narrow ? 1 : undefined }}
      >
        {narrow ? t('appTitle') : `${t('appTitle')} · ${t('appSubtitle')}`}
      </Typography.Title>
      <div
        style={{ flex: narrow ? '1 1 100%' : 1, order: narrow ? 3 : undefined, minWidth: 0 }}
        data-testid="header-context"
      >
        {context}
      </div>
      <Space size={narrow ? 0 : undefined}>
        {actions}
        <LanguageSwitch />
        <Button
          type="text"
          icon={<KeyOutlined />}
          aria-label={t('changePassword')}
          data-testid="change-password"
          onClick={() => navigate(CHANGE_PASSWORD_PATH)}
        >
          {narrow ? null : t('changePassword')}
        </Button>
        <Button
          type="text"
          icon={<SafetyOutlined />}
          aria-label={t('twoFactor')}
          data-testid="two-factor"
          onClick={() => navigate(TWO_FACTOR_PATH)}
        >
          {narrow ? null : t('twoFactor')}
        </Button>
        <SignOutButton />
      </Space>
    </Layout.Header>
  );
}

/** 退出登录: forgets the session here and goes to the sign-in page. */
export function SignOutButton() {
  const { t } = useI18n();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  return (
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
