import { PaperClipOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Material } from '../features/access-application/api.ts';

/** A material's download link: `downloadUrl` is signed by the server for the current viewer, so a plain link works. */
export function MaterialLink({
  material,
  testId,
  children,
}: {
  material: Material;
  testId?: string;
  children?: ReactNode;
}) {
  return (
    <a href={material.downloadUrl} download={material.fileName} data-testid={testId}>
      <PaperClipOutlined /> {children ?? material.fileName}
    </a>
  );
}
