// Failures inside one request stay inside it: a feature route or a download hook that throws or rejects is
// answered 500 with its request id and logged once (with the stack, in the log only); a material whose file is
// gone is a 404; a WebSocket frame over the size limit closes that socket with 1009 and one log line. The server
// keeps answering throughout.
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { type RunningServer, startHttpServer } from '../src/platform/http/server.ts';
import { createLogger } from '../src/platform/observability/log.ts';
import { schema } from '../src/schema.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { rawExchange } from './raw-http.ts';

const STACK_FRAME = /\bat \S+ \(?\S+:\d+:\d+\)?/;

describe(`failures contained per request (${databaseKind()})`, () => {
  let server: TestServer;
  let failing: RunningServer;
  const lines: string[] = [];
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, any>);

  beforeAll(async () => {
    server = await startTestServer({ LOG_LEVEL: 'info' }, { log: createLogger('info', (line) => lines.push(line)) });
    const app = server.running.app;
    // the real HTTP server with feature routes and a download hook that fail the ways a bug would
    failing = await startHttpServer(
      app,
      schema,
      {
        viewerFromToken: async () => null,
        download: async () => {
          throw new Error('database went away');
        },
        routes: [
          {
            pattern: /^\/boom\/sync$/,
            handle: () => {
              throw new Error('thrown before any promise');
            },
          },
          { pattern: /^\/boom\/async$/, handle: async () => Promise.reject(new TypeError('rejected later')) },
          {
            pattern: /^\/boom\/midway$/,
            handle: async (_match, _url, _request, response) => {
              response.writeHead(200, { 'content-type': 'text/plain' });
              response.write('half of the answer');
              await new Promise((resolve) => setTimeout(resolve, 10));
              throw new Error('failed after the headers');
            },
          },
          {
            pattern: /^\/boom\/write-after-end$/,
            handle: async (_match, _url, _request, response) => {
              response.end('done');
              response.write('too late');
            },
          },
        ],
      },
      { port: 0, host: '127.0.0.1' },
    );
  });
  afterAll(async () => {
    await failing?.close();
    await server?.close();
  });
  afterEach(() => vi.restoreAllMocks());

  async function expectStillServing(url: string) {
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    await health.text();
  }

  it.each(['/boom/sync', '/boom/async'])(
    'a feature route failing (%s) is answered 500 with its request id and logged once',
    async (path) => {
      const response = await fetch(`${failing.url}${path}`, { headers: { 'x-request-id': `req-${path.slice(6)}` } });
      expect(response.status).toBe(500);
      const body = await response.text();
      expect(body).toBe(
        `服务器内部错误，请求编号 req-${path.slice(6)} (internal server error, request id req-${path.slice(6)})`,
      );
      expect(body).not.toMatch(STACK_FRAME);
      expect(response.headers.get('x-request-id')).toBe(`req-${path.slice(6)}`);
      const logged = records().filter((record) => record.requestId === `req-${path.slice(6)}`);
      const failures = logged.filter((record) => record.level === 'error');
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatchObject({ msg: 'request failed', method: 'GET', path });
      expect(failures[0]?.error.stack).toMatch(STACK_FRAME);
      expect(logged.find((record) => record.msg === 'request')).toMatchObject({ status: 500 });
      await expectStillServing(failing.url);
    },
  );

  it('a download hook that rejects (the database went away) is a 500, not a crash', async () => {
    const app = server.running.app;
    const link = app.files.signedUrl('some-material', 'some-user');
    const response = await fetch(`${failing.url}${link}`);
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/^服务器内部错误/);
    await expectStillServing(failing.url);
  });

  it('a route failing after its headers went out cuts that connection only', async () => {
    const answer = await rawExchange(failing.port, 'GET /boom/midway HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('half of the answer');
    expect(answer.text).not.toMatch(/0\r\n\r\n$/);
    await expectStillServing(failing.url);
    expect(records().filter((record) => record.error?.message === 'failed after the headers')).toHaveLength(1);
  });

  it('a write after the end of a response is logged, not thrown', async () => {
    const response = await fetch(`${failing.url}/boom/write-after-end`);
    expect(await response.text()).toBe('done');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expectStillServing(failing.url);
    expect(records().some((record) => record.msg === 'response error')).toBe(true);
  });

  it('a material whose file is gone from DATA_DIR/files is a 404 and an error line for the operator', async () => {
    const app = server.running.app;
    const admin = await app.db.user.findFirstOrThrow({ where: { username: 'platform.admin' } });
    const bytes = Buffer.from('%PDF-1.4 a material whose file will vanish');
    const sha256 = app.files.put(bytes);
    const material = await app.db.material.create({
      data: {
        sha256,
        kind: 'OTHER',
        fileName: 'vanished.pdf',
        mimeType: 'application/pdf',
        size: bytes.length,
        uploadedById: admin.id,
      },
    });
    const link = `${server.url}${app.files.signedUrl(material.id, admin.id)}`;
    const before = await fetch(link);
    expect(before.status).toBe(200);
    expect(Buffer.from(await before.arrayBuffer()).equals(bytes)).toBe(true);
    rmSync(app.files.pathOf(sha256));
    const after = await fetch(link);
    expect(after.status).toBe(404);
    expect(await after.text()).toBe('文件不存在 (file not found)');
    expect(records().find((record) => record.msg === 'material file missing')).toMatchObject({
      level: 'error',
      materialId: material.id,
    });
    await expectStillServing(server.url);
  });

  it('a 2 MiB WebSocket frame closes that socket with 1009 and one log line, without a stack trace', async () => {
    const printed = vi.spyOn(console, 'error');
    const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('x'.repeat(2 * 1024 * 1024));
    expect(await closed).toBe(1009);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(printed).not.toHaveBeenCalled();
    const refused = records().filter((record) => record.msg === 'websocket refused a malformed frame');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ level: 'info', code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' });
    expect(JSON.stringify(refused[0])).not.toMatch(STACK_FRAME);
    await expectStillServing(server.url);
  });
});
