import type { ServerResponse } from 'node:http';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a generated file as an attachment with a UTF-8 file name. */
/** The headers of a file download (an attachment named `fileName`, never sniffed). */
export function downloadHeaders(fileName: string, mimeType: string, cache = 'private, no-store') {
  return {
    'content-type': mimeType,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'x-content-type-options': 'nosniff',
    'cache-control': cache,
  };
}

export function sendDownload(
  response: ServerResponse,
  bytes: Buffer,
  fileName: string,
  mimeType: string,
  cache = 'private, no-store',
) {
  response.writeHead(200, { ...downloadHeaders(fileName, mimeType, cache), 'content-length': bytes.length });
  response.end(bytes);
}

export function refuseDownload(response: ServerResponse) {
  response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
  response.end('无权下载或链接已过期 (not allowed or link expired)');
}
