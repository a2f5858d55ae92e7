// No request may end the process: whatever one request's handler throws (or rejects with) is answered and logged
// here, and malformed requests that node's parser refuses are answered without a stack trace.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../observability/log.ts';
import { requestIdOf } from './request-log.ts';

/** The request itself is malformed (a target that is no URL, a path that does not decode): 400, not a bug. */
export class MalformedRequest extends Error {}

const ABSOLUTE_FORM = /^https?:\/\//i;

/**
 * The URL of a request target, or null when it is none. Origin-form (`/path?query`) is read as a path on this
 * server, so `//host/x` is the path `//host/x` and never another host; absolute-form (`http://host/path`, which
 * HTTP/1.1 servers must accept) is parsed as given; anything else (`*`, garbage) is null.
 */
export function requestUrl(target: string | undefined): URL | null {
  const text = target ?? '';
  try {
    if (text.startsWith('/')) return new URL(`http://localhost${text}`);
    if (ABSOLUTE_FORM.test(text)) return new URL(text);
  } catch {
    // not a URL
  }
  return null;
}

/** The path of a request for a log line, without the query string (download links carry signatures). */
export function loggedPath(request: IncomingMessage): string {
  return (request.url ?? '').split('?')[0]?.slice(0, 256) ?? '';
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/**
 * Runs `handle` for each request so that a synchronous throw, a rejected promise or an 'error' event on the
 * response is contained: malformed requests get 400, bugs 500 with the request id (and one error log line with
 * the stack); a response already under way is cut.
 */
export function containFailures(log: Logger, handle: Handler): Handler {
  return (request, response) => {
    const fail = (error: unknown) => {
      try {
        answerFailure(request, response, error, log);
      } catch {
        // the answer itself failed (a socket gone meanwhile): nothing is left to tell this client
        response.destroy();
      }
    };
    response.on('error', (error) => {
      log.warn('response error', { requestId: requestIdOf(request), path: loggedPath(request), error: String(error) });
    });
    try {
      const pending = handle(request, response);
      if (pending) pending.catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}

function answerFailure(request: IncomingMessage, response: ServerResponse, error: unknown, log: Logger): void {
  const malformed = error instanceof MalformedRequest;
  const requestId = requestIdOf(request);
  if (!malformed) log.error('request failed', { requestId, method: request.method, path: loggedPath(request), error });
  if (response.headersSent || response.destroyed) {
    response.destroy();
    return;
  }
  const status = malformed ? 400 : 500;
  const message = malformed
    ? '请求无效 (bad request)'
    : `服务器内部错误，请求编号 ${requestId} (internal server error, request id ${requestId})`;
  const graphql = loggedPath(request) === '/graphql';
  const body = graphql
    ? JSON.stringify({
        errors: [{ message, extensions: { code: malformed ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR', requestId } }],
      })
    : message;
  // headers a handler set before failing (a Content-Disposition, say) belong to the answer that failed
  for (const name of response.getHeaderNames()) {
    if (!SURVIVING_HEADERS.has(name)) response.removeHeader(name);
  }
  response.writeHead(status, {
    'content-type': graphql ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

const SURVIVING_HEADERS = new Set([
  'x-request-id',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
  'cross-origin-opener-policy',
  'strict-transport-security',
  'content-security-policy',
]);

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/**
 * What node's HTTP parser refuses before any handler runs (a malformed request line or header, headers over
 * the size limit, broken chunked encoding, a timeout): one log line without a stack, and 400/408/431 when nothing
 * of a response was written yet to the connection.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex, log: Logger): void {
  const code = error.code ?? 'UNKNOWN';
  if (code === 'ECONNRESET' || code === 'EPIPE' || !socket.writable) {
    socket.destroy();
    return;
  }
  log.info('malformed request refused', { code });
  // node's own rule: raw bytes would corrupt a response that has begun on this connection
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const status = code === 'HPE_HEADER_OVERFLOW' ? 431 : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = status === 431 ? '请求头过大 (request headers too large)' : '请求无效 (bad request)';
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\ncontent-type: text/plain; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/** CONNECT (a proxy tunnel) is no method of this server; without an answer node would just drop the connection. */
export function refuseConnect(socket: Duplex): void {
  socket.on('error', () => socket.destroy());
  const body = '不支持的请求方法 (method not allowed)';
  socket.end(
    `HTTP/1.1 405 Method Not Allowed\r\nallow: GET, HEAD, POST\r\ncontent-type: text/plain; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
