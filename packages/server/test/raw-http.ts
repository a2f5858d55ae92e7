// Raw HTTP/1.1 over node:net: requests a client library would refuse to send (malformed request lines, bad
// percent-encodings, broken chunking), and the first response exactly as the server wrote it.
import { connect } from 'node:net';

export interface RawAnswer {
  /** status of the first response; null when the connection closed (or timed out) without one */
  status: number | null;
  /** lower-cased header names of the first response */
  headers: Record<string, string>;
  /** everything the server wrote, as latin1 text (bytes preserved) */
  text: string;
  /** the same, decoded as UTF-8 (for reading messages) */
  utf8: string;
  timedOut: boolean;
}

export interface RawOptions {
  /** close our sending side right after the request: a server waiting for more body bytes must answer then */
  halfClose?: boolean;
  /** close our sending side when no whole response came within this time (the server may wait for more bytes) */
  halfCloseAfterMs?: number;
  /** the request was HEAD: a response has no body whatever its headers say */
  head?: boolean;
  timeoutMs?: number;
}

const HEAD_END = '\r\n\r\n';

/** Whether `text` holds one whole response (head, then the body its headers announce). */
function complete(text: string, head: boolean): boolean {
  const end = text.indexOf(HEAD_END);
  if (end < 0) return false;
  const headers = text.slice(0, end).toLowerCase();
  const status = Number(text.slice(9, 12));
  if (head || status === 204 || status === 304 || (status >= 100 && status < 200)) return true;
  const body = text.slice(end + HEAD_END.length);
  const length = headers.match(/\r\ncontent-length:\s*(\d+)/)?.[1];
  if (length !== undefined) return Buffer.byteLength(body, 'latin1') >= Number(length);
  if (/\r\ntransfer-encoding:[^\r]*chunked/.test(headers)) return /(^|\r\n)0\r\n\r\n$/.test(body);
  return false;
}

function parse(text: string, timedOut: boolean): RawAnswer {
  const status = text.match(/^HTTP\/1\.[01] (\d{3})/)?.[1];
  const headers: Record<string, string> = {};
  const end = text.indexOf(HEAD_END);
  for (const line of text
    .slice(0, end < 0 ? text.length : end)
    .split('\r\n')
    .slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const utf8 = Buffer.from(text, 'latin1').toString('utf8');
  return { status: status ? Number(status) : null, headers, text, utf8, timedOut };
}

/**
 * Sends `request` on a fresh connection and resolves with the first response (or what came before the connection
 * closed or `timeoutMs` passed). Closing our side early makes a server that waits for more bytes answer, but also
 * makes node abandon a request still being handled: use it only for requests that cannot be complete.
 */
export function rawExchange(port: number, request: string | Buffer, options: RawOptions = {}): Promise<RawAnswer> {
  const timeoutMs = options.timeoutMs ?? 5000;
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let settled = false;
    const finish = (timedOut: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(halfCloseLater);
      clearTimeout(deadline);
      socket.destroy();
      resolve(parse(text, timedOut));
    };
    let halfCloseLater: NodeJS.Timeout | undefined;
    const deadline = setTimeout(() => finish(true), timeoutMs);
    socket.on('connect', () => {
      socket.write(typeof request === 'string' ? Buffer.from(request, 'latin1') : request);
      if (options.halfClose) socket.end();
      else if (options.halfCloseAfterMs !== undefined) {
        halfCloseLater = setTimeout(() => socket.end(), options.halfCloseAfterMs);
      }
    });
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (complete(text, options.head ?? false)) finish(false);
    });
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
  });
}
