import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppServices } from '../context.ts';
import { refuseDownload } from './downloads.ts';
import { openRegularFile, sendFile } from './send-file.ts';

export type MaterialFile = { path: string; fileName: string; mimeType: string };

/** GET /files/<materialId>?u=&e=&s=: a material by its signed link, for the user the link was signed for. */
export async function serveMaterialDownload(
  app: AppServices,
  download: (materialId: string, userId: string) => Promise<MaterialFile | null>,
  materialId: string,
  url: URL,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const userId = url.searchParams.get('u') ?? '';
  const expires = Number(url.searchParams.get('e'));
  const signature = url.searchParams.get('s') ?? '';
  const material = app.files.verifySignedUrl(materialId, userId, expires, signature)
    ? await download(materialId, userId)
    : null;
  if (!material) return refuseDownload(response);
  const file = await openRegularFile(material.path);
  if (!file) {
    // the database knows the material but its bytes are gone from DATA_DIR/files: an operator must look
    app.log?.error('material file missing', { materialId });
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('文件不存在 (file not found)');
    return;
  }
  const inline = material.mimeType === 'application/pdf' || material.mimeType.startsWith('image/');
  await sendFile(file, request.method, response, {
    'content-type': material.mimeType,
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(material.fileName)}`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  });
}
