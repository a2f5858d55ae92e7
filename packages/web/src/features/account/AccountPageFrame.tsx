import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import type { SessionViewer } from '../../app/viewer.ts';
import { LanguageSwitch, SignOutButton } from '../../ui/AppHeader.tsx';

/**
 * The page of one's own account (修改密码, 双因素认证): outside the shells, since a user who must change the password
 * or set up two factors sees nothing else; the product's name, language, 退出登录, and a card naming the account.
 */
export function AccountPageFrame({
  viewer,
  title,
  width,
  children,
}: {
  viewer: SessionViewer;
  title: string;
  width: number;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa', padding: '24px 12px', boxSizing: 'border-box' }}>
      <div style={{ maxWidth: width, margin: '0 auto' }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 16, flexWrap: 'wrap' }}>
          <Typography.Title level={4} style={{ margin: 0, flex: 1 }}>
            {t('appTitle')}
          </Typography.Title>
          <LanguageSwitch />
          <SignOutButton />
        </div>
        <Card>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {title}
          </Typography.Title>
          <Typography.Paragraph type="secondary" data-testid="account-name">
            {t('changePasswordFor', { name: viewer.displayName, username: viewer.username })}
          </Typography.Paragraph>
          {children}
        </Card>
      </div>
    </div>
  );
}
