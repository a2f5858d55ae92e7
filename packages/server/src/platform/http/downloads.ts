import type { ServerResponse } from 'node:http';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a generated file as an attachment with a UTF-8 file name. */
export function sendDownload(
  response: ServerResponse,
  bytes: Buffer,
  fileName: string,
  mimeType: string,
  cache = 'private, no-store',
) {
  response.writeHead(200, {
    'content-type': mimeType,
    'content-length': bytes.length,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'x-content-type-options': 'nosniff',
    'cache-control': cache,
  });
  response.end(bytes);
}

export function refuseDownload(response: ServerResponse) {
  response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
  response.end('无权下载或链接已过期 (not allowed or link expired)');
}
