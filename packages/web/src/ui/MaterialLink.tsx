import { PaperClipOutlined } from '@ant-design/icons';
import { App } from 'antd';
import type { ReactNode } from 'react';
import { useAuth } from '../app/auth.tsx';
import { useI18n } from '../app/i18n.tsx';
import type { Material } from '../features/access-application/api.ts';

/**
 * A material's download link. The session token lives in localStorage, not a cookie, so a plain navigation would
 * reach `/files` unauthenticated: the click fetches with the Authorization header and saves the blob instead.
 */
export function MaterialLink({
  material,
  testId,
  children,
}: {
  material: Material;
  testId?: string;
  children?: ReactNode;
}) {
  const { token } = useAuth();
  const { t } = useI18n();
  const { message } = App.useApp();
  const download = async (event: React.MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    try {
      const response = await fetch(material.downloadUrl, {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      });
      if (!response.ok) throw new Error(`${response.status}`);
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = material.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      message.error(`${t('download')}: ${t('loadFailed')}`);
    }
  };
  return (
    <a href={material.downloadUrl} download={material.fileName} onClick={download} data-testid={testId}>
      <PaperClipOutlined /> {children ?? material.fileName}
    </a>
  );
}
