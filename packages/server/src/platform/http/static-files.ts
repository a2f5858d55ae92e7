import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { MalformedRequest } from './request-failures.ts';
import { openRegularFile, sendFile } from './send-file.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The decoded path of a request; a bad percent-encoding or a NUL is a malformed request (400). */
function decodedPath(pathname: string): string {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    throw new MalformedRequest('path is not valid percent-encoded UTF-8');
  }
  if (path.includes('\0')) throw new MalformedRequest('path contains NUL');
  return path;
}

/** Serves the built web app; unknown paths get index.html so client-side routes survive a reload. */
export async function serveWebApp(
  root: string,
  pathname: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    response.end('不支持的请求方法 (method not allowed)');
    return;
  }
  const path = decodedPath(pathname);
  const candidate = normalize(join(root, path));
  const asset = candidate.startsWith(root + sep) ? await openRegularFile(candidate) : null;
  const file = asset ?? (await openRegularFile(join(root, 'index.html')));
  if (!file) {
    response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('Web UI not built: run `pnpm --filter @leqi/web build` (pnpm start does this).');
    return;
  }
  const immutable = asset !== null && path.startsWith('/assets/');
  await sendFile(file, request.method, response, {
    'content-type': TYPES[extname(asset ? candidate : 'index.html')] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
}
