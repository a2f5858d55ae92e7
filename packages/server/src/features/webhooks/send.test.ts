import type { ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { NO_ALLOWED_HOSTS, parseAllowedHosts } from '@leqi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalServer, localServer } from '../../../test/webhook-receiver.ts';
import { sendWebhook } from './send.ts';

const DEVELOPMENT = { allowed: NO_ALLOWED_HOSTS, allowLoopback: true };
const PRODUCTION = { allowed: NO_ALLOWED_HOSTS, allowLoopback: false };

describe('one webhook attempt over HTTP', () => {
  const seen: { host: string | undefined; path: string | undefined; body: string }[] = [];
  let answer: (response: ServerResponse) => void = (response) => response.end();
  let server: LocalServer | undefined;
  let port = 0;
  beforeAll(async () => {
    server = await localServer((received, response) => {
      seen.push({ host: received.headers.host, path: received.path, body: received.body });
      answer(response);
    });
    port = server.port;
  });
  afterAll(() => server?.close());

  it('posts the body with the given headers and reports the status and latency', async () => {
    answer = (response) => {
      response.statusCode = 204;
      response.end();
    };
    const outcome = await sendWebhook(`http://127.0.0.1:${port}/in`, { 'webhook-id': 'msg_1' }, '{"a":1}', DEVELOPMENT);
    expect(outcome).toMatchObject({ status: 204, error: null });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(0);
    expect(seen.at(-1)).toEqual({ host: `127.0.0.1:${port}`, path: '/in', body: '{"a":1}' });
  });

  it('connects to the address the name was checked at, and sends the name as Host', async () => {
    answer = (response) => response.end('ok');
    let asked = '';
    const outcome = await sendWebhook(`http://erp.example.test:${port}/in`, {}, '{}', DEVELOPMENT, {
      resolve: async (host) => {
        asked = host;
        return ['127.0.0.1'];
      },
    });
    expect(asked).toBe('erp.example.test');
    expect(outcome.status).toBe(200);
    expect(seen.at(-1)?.host).toBe(`erp.example.test:${port}`);
  });

  it('refuses before connecting when any resolved address is outside the policy', async () => {
    const before = seen.length;
    const resolve = async () => ['127.0.0.1'];
    expect(await sendWebhook(`http://erp.example.test:${port}/in`, {}, '{}', PRODUCTION, { resolve })).toMatchObject({
      status: null,
      error: 'TARGET_NOT_ALLOWED',
    });
    const mixed = async () => ['8.8.8.8', '10.0.0.1'];
    expect(await sendWebhook('http://erp.example.test/in', {}, '{}', PRODUCTION, { resolve: mixed })).toMatchObject({
      error: 'TARGET_NOT_ALLOWED',
    });
    const allowed = parseAllowedHosts('erp.example.test');
    if (!allowed.ok) throw new Error('fixture');
    const intranet = { allowed: allowed.allowed, allowLoopback: false };
    expect((await sendWebhook(`http://erp.example.test:${port}/in`, {}, '{}', intranet, { resolve })).status).toBe(200);
    expect(seen.length).toBe(before + 1);
  });

  it('does not follow a redirect, gives up after the timeout, and reports a refused connection', async () => {
    answer = (response) => {
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' });
      response.end();
    };
    expect(await sendWebhook(`http://127.0.0.1:${port}/in`, {}, '{}', DEVELOPMENT)).toMatchObject({ status: 302 });
    answer = () => undefined; // never answers
    expect(await sendWebhook(`http://127.0.0.1:${port}/in`, {}, '{}', DEVELOPMENT, { timeoutMs: 200 })).toMatchObject({
      status: null,
      error: 'TIMEOUT',
    });
    const closed = await localServer(() => undefined);
    await closed.close();
    expect(await sendWebhook(`${closed.origin}/in`, {}, '{}', DEVELOPMENT)).toMatchObject({
      status: null,
      error: 'ECONNREFUSED',
    });
    expect(await sendWebhook('http://does-not-resolve.invalid/in', {}, '{}', DEVELOPMENT)).toMatchObject({
      status: null,
      error: expect.stringMatching(/^DNS: /),
    });
  });

  it('reads at most 4 KiB of an answer', async () => {
    answer = (response) => {
      response.statusCode = 200;
      response.end('x'.repeat(1024 * 1024));
    };
    expect((await sendWebhook(`http://127.0.0.1:${port}/in`, {}, '{}', DEVELOPMENT)).status).toBe(200);
  });

  it('sends again at once, on a new connection, when a kept connection the receiver closed fails before any answer', async () => {
    // a receiver that answers the first request of a connection and drops the connection at the second, as one
    // closing an idle kept connection just as it is reused
    const requests: string[] = [];
    const dropping = createNetServer((socket) => {
      let served = 0;
      let buffered = '';
      socket.on('data', (chunk) => {
        buffered += chunk.toString();
        while (buffered.includes('{"n":')) {
          const end = buffered.indexOf('}', buffered.indexOf('{"n":')) + 1;
          if (end === 0) return;
          const body = buffered.slice(buffered.indexOf('{"n":'), end);
          buffered = buffered.slice(end);
          requests.push(body);
          served += 1;
          if (served === 1) socket.write('HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: keep-alive\r\n\r\n');
          else socket.destroy();
        }
      });
    });
    await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(dropping.address() as { port: number }).port}/in`;
    try {
      expect((await sendWebhook(url, {}, '{"n":1}', DEVELOPMENT)).status).toBe(200);
      const outcome = await sendWebhook(url, {}, '{"n":2}', DEVELOPMENT);
      expect(outcome).toMatchObject({ status: 200, error: null });
      expect(requests).toEqual(['{"n":1}', '{"n":2}', '{"n":2}']);
    } finally {
      await new Promise<void>((resolve) => dropping.close(() => resolve()));
    }
  });
});
