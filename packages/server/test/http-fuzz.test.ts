// The HTTP edge under raw sockets: malformed request lines, every bad percent-encoding in paths and query strings,
// odd methods, huge and broken headers, broken chunked bodies and generated requests, on every route (web app,
// assets, /graphql, download links, feature downloads, /metrics, /healthz, /readyz), in the development and the
// production configuration. Every request must be answered with a status below 500, without a stack trace or a
// file path, and after every batch the server still answers /healthz and a GraphQL query. The seed and the counts
// are fixed, so the printed figures are the same on every run.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/platform/observability/log.ts';
import { databaseKind, startTestServer, TEST_METRICS_TOKEN, type TestServer } from './harness.ts';
import { type RawAnswer, rawExchange } from './raw-http.ts';

const SEED = 20261202;
export const GENERATED_REQUESTS = 300;
const BATCH = 60;
const CONCURRENCY = 12;
const PING = 'query Ping { __typename }';

/** What an answer must never contain: stack frames, file paths. */
const LEAKS = [/\bat \S+ \(?\S+:\d+:\d+\)?/, /node_modules/, /\/work\/|\/home\/|\/tmp\/|file:\/\//, /\.ts:\d+/];

interface FuzzCase {
  name: string;
  request: string;
  /** the request is incomplete by design: close our side at once so that the server must answer */
  halfClose?: boolean;
  /** the request may be incomplete (a random Content-Length, a request line cut short) */
  mayBeIncomplete?: boolean;
  /** the only acceptable status, when the case has one; null: nothing was asked, so nothing is answered */
  expect?: number | null;
}

/** A built web app in miniature: index.html, two assets and the manifest of persisted operations. */
function fakeWebDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'leqi-web-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>leqi</title><script src="/assets/app.js"></script>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("leqi")');
  writeFileSync(join(dir, 'assets', 'app.css'), 'body{}');
  const hash = createHash('sha256').update(PING).digest('hex');
  writeFileSync(join(dir, 'persisted-operations.json'), JSON.stringify({ [hash]: PING }));
  return dir;
}

function request(method: string, target: string, headers: string[] = [], body = ''): string {
  return `${method} ${target} HTTP/1.1\r\nHost: localhost\r\n${headers.map((header) => `${header}\r\n`).join('')}\r\n${body}`;
}

function graphqlPost(target: string, body: string, headers: string[] = []): string {
  return request(
    'POST',
    target,
    ['Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body, 'latin1')}`, ...headers],
    body,
  );
}

/** Escapes that are not percent-encoded UTF-8: truncated, not hex, overlong, surrogates, beyond U+10FFFF. */
const BAD_ESCAPES = [
  '%',
  '%%',
  '%Z',
  '%ZZ',
  '%G0',
  '%0G',
  '%u0041',
  '%E0%A4%A',
  '%E0%A4',
  '%C3',
  '%C3%28',
  '%E2%82%28',
  '%C0%AF',
  '%C0%80',
  '%E0%80%AF',
  '%ED%A0%80',
  '%ED%BF%BF',
  '%F4%90%80%80',
  '%F8%88%80%80%80',
  '%FE',
  '%FF',
  '%80',
  '%BF',
  ...'0123456789ABCDEFabcdef'.split('').map((digit) => `%${digit}`),
];

/** Routes that build an Excel workbook per request (0.1–0.3 s of CPU each): a few variants each keep the run short. */
const EXPENSIVE_TARGETS = new Set(['/templates/invitations.xlsx', '/templates/registry.xlsx']);
const variantsFor = <T>(target: string, variants: T[]): T[] =>
  EXPENSIVE_TARGETS.has(target) ? variants.slice(0, 4) : variants;

function splitTarget(target: string): [string, string] {
  const at = target.indexOf('?');
  return at < 0 ? [target, ''] : [target.slice(0, at), target.slice(at)];
}

/** Every route of the server, with valid parameters where it takes some. */
function targetsOf(materialLink: string): string[] {
  return [
    '/',
    '/index.html',
    '/workbench/cases',
    '/assets/app.js',
    '/assets/',
    '/graphql',
    `/graphql?query=${encodeURIComponent(PING)}`,
    materialLink,
    '/files/abc?u=x&e=1&s=y',
    '/templates/invitations.xlsx',
    '/templates/registry.xlsx',
    '/imports/abc/failures.xlsx?u=x&e=99999999999&s=y',
    '/admin/registry-imports/abc/failures.xlsx?u=x&e=1&s=y',
    '/documents/exit-application-form.xlsx?u=x&e=1&s=y',
    '/metrics',
    '/healthz',
    '/readyz',
  ];
}

function percentEncodingCases(targets: string[]): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (let byte = 0; byte < 256; byte++) {
    const sequence = `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    // one byte of 0x80 and above is never UTF-8 on its own; NUL is refused in paths
    const bad = byte >= 0x80 || byte === 0;
    for (const base of ['/', '/assets/']) {
      cases.push({
        name: `GET ${base}${sequence}`,
        request: request('GET', `${base}${sequence}`),
        expect: bad ? 400 : undefined,
      });
    }
  }
  for (const target of targets) {
    const [path, query] = splitTarget(target);
    for (const sequence of BAD_ESCAPES) {
      // a path that does not decode is a request for the web app's file of that name: 400
      cases.push({
        name: `GET ${path}${sequence}`,
        request: request('GET', `${path}${sequence}${query}`),
        expect: 400,
      });
    }
    for (const sequence of variantsFor(target, BAD_ESCAPES)) {
      cases.push({
        name: `GET ${path}?…${sequence}`,
        request: request('GET', `${path}${query ? `${query}&` : '?'}x=${sequence}&${sequence}=1`),
      });
    }
  }
  return cases;
}

const MALFORMED_REQUEST_LINES = [
  'GET //[ HTTP/1.1',
  'GET //[::1 HTTP/1.1',
  'GET //user@[ HTTP/1.1',
  'GET //%ZZ HTTP/1.1',
  'GET //evil.example/graphql HTTP/1.1',
  'GET http://[ HTTP/1.1',
  'GET http://evil.example/healthz HTTP/1.1',
  'GET https://localhost:99999/ HTTP/1.1',
  'GET ftp://localhost/ HTTP/1.1',
  'GET * HTTP/1.1',
  'OPTIONS * HTTP/1.1',
  'GET ? HTTP/1.1',
  'GET relative/path HTTP/1.1',
  'GET  HTTP/1.1',
  'GET / HTTP/9.9',
  'GET / HTTP/1.1 trailing',
  'GET / HTTP/1',
  'GET / http/1.1',
  'GET / FTP/1.1',
  'GET /\x00 HTTP/1.1',
  'GET /a\tb HTTP/1.1',
  'GET /\x7f HTTP/1.1',
  'GET /\xc3\xa9 HTTP/1.1',
  'GET /\xff\xfe HTTP/1.1',
  'GET /..\\..\\etc\\passwd HTTP/1.1',
  'GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1',
  'GET /..%2f..%2fetc%2fpasswd HTTP/1.1',
  'GET /assets/..%2f..%2f..%2fpackage.json HTTP/1.1',
  `GET /${'a'.repeat(20_000)} HTTP/1.1`,
  'GET /',
  'GET',
  '/ HTTP/1.1',
  'HTTP/1.1 200 OK',
  '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03',
  'PRI * HTTP/2.0\r\n\r\nSM',
];

const ODD_METHODS = [
  'FOO',
  'get',
  'PROPFIND',
  'TRACE',
  'DELETE',
  'PUT',
  'PATCH',
  'OPTIONS',
  'M-SEARCH',
  'CONNECT',
  'BREW',
  'HEAD',
  'POST',
];

function requestLineCases(targets: string[]): FuzzCase[] {
  const cases: FuzzCase[] = MALFORMED_REQUEST_LINES.map((line) => ({
    name: `request line ${JSON.stringify(line.slice(0, 60))}`,
    request: `${line}\r\nHost: localhost\r\n\r\n`,
    mayBeIncomplete: true,
  }));
  cases.push({ name: 'no request line', request: '\r\n\r\n\r\n', halfClose: true, expect: null });
  cases.push({ name: 'binary garbage', request: '\x00\x01\x02\xff\r\n\r\n', mayBeIncomplete: true });
  for (const method of ODD_METHODS) {
    for (const target of targets) cases.push({ name: `${method} ${target}`, request: request(method, target) });
  }
  return cases;
}

function headerCases(targets: string[]): FuzzCase[] {
  const huge = `X-Big: ${'b'.repeat(20_000)}`;
  const many = Array.from({ length: 2_000 }, (_, index) => `X-H${index}: v`);
  const tooMany = Array.from({ length: 10_000 }, (_, index) => `X-H${index}: v`);
  const variants: [string, string[]][] = [
    ['one 20 KB header', [huge]],
    ['2,000 headers', many],
    ['10,000 headers', tooMany],
    ['NUL in a header value', ['X-A: a\x00b']],
    ['CR alone in a header value', ['X-A: a\rb']],
    ['header without colon', ['NoColon']],
    ['space before colon', ['X-A : b']],
    ['obsolete line folding', ['X-A: a', ' folded']],
    ['empty header name', [': value']],
    ['non-ASCII header name', ['X-\xe9: v']],
    ['two Content-Length', ['Content-Length: 1', 'Content-Length: 2']],
    ['negative Content-Length', ['Content-Length: -1']],
    ['Content-Length not a number', ['Content-Length: abc']],
    ['Content-Length huge', ['Content-Length: 99999999999999999999']],
    ['Content-Length and chunked', ['Content-Length: 3', 'Transfer-Encoding: chunked']],
    ['unknown Transfer-Encoding', ['Transfer-Encoding: gzip']],
    ['second Host', ['Host: other']],
    ['Host not a host', ['Host: [']],
    ['Host with path', ['Host: a/b?c']],
    ['x-request-id hostile', [`X-Request-Id: ${'\xff'.repeat(300)}`]],
    ['Accept-Language hostile', ['Accept-Language: en;q=\xff']],
    ['Authorization garbage', ['Authorization: Bearer \xff\x00']],
    ['Expect 100-continue', ['Expect: 100-continue']],
    ['Upgrade websocket without key', ['Upgrade: websocket', 'Connection: Upgrade']],
    [
      'Upgrade websocket with a bad key',
      ['Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Key: x', 'Sec-WebSocket-Version: 13'],
    ],
    [
      'Upgrade h2c',
      ['Upgrade: h2c', 'Connection: Upgrade, HTTP2-Settings', 'HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA'],
    ],
    ['Origin of another site', ['Origin: https://evil.example']],
    ['Range request', ['Range: bytes=5-1']],
  ];
  const cases: FuzzCase[] = [];
  for (const target of targets) {
    for (const [name, headers] of variantsFor(target, variants)) {
      cases.push({
        name: `${name} on ${target}`,
        request: request('GET', target, headers),
        halfClose: name.includes('Content-Length') || name.includes('chunked'),
        expect: name === 'one 20 KB header' || name === '10,000 headers' ? 431 : undefined,
      });
    }
  }
  cases.push({ name: 'no Host header', request: 'GET / HTTP/1.1\r\n\r\n' });
  cases.push({ name: 'HTTP/1.0 without Host', request: 'GET /healthz HTTP/1.0\r\n\r\n' });
  return cases;
}

function chunkingCases(targets: string[]): FuzzCase[] {
  const bodies: [string, string][] = [
    ['chunk size not hex', 'zz\r\nabc\r\n0\r\n\r\n'],
    ['chunk longer than its size', '2\r\nabcdef\r\n0\r\n\r\n'],
    ['chunk shorter than its size', 'ff\r\nabc\r\n0\r\n\r\n'],
    ['negative chunk size', '-1\r\nabc\r\n0\r\n\r\n'],
    ['chunk size overflow', 'ffffffffffffffffffff\r\nabc\r\n'],
    ['huge chunk extension', `3;${'x'.repeat(20_000)}\r\nabc\r\n0\r\n\r\n`],
    ['missing CRLF after chunk', '3\r\nabc0\r\n\r\n'],
    ['no last chunk', '3\r\nabc\r\n'],
    ['bad trailer', '0\r\nX-T\x00: v\r\n\r\n'],
    ['LF-only line endings', '3\nabc\n0\n\n'],
  ];
  const cases: FuzzCase[] = [];
  for (const target of ['/graphql', ...targets.filter((target) => target !== '/graphql').slice(0, 6)]) {
    for (const [name, body] of bodies) {
      cases.push({
        name: `${name} POST ${target}`,
        request: request('POST', target, ['Content-Type: application/json', 'Transfer-Encoding: chunked'], body),
        halfClose: true,
      });
    }
    for (const encoding of [
      'chunked, identity',
      'identity, chunked',
      'gzip, chunked',
      'chunked, chunked',
      ' chunked',
    ]) {
      cases.push({
        name: `Transfer-Encoding "${encoding}" POST ${target}`,
        request: request('POST', target, [`Transfer-Encoding: ${encoding}`], '3\r\nabc\r\n0\r\n\r\n'),
        halfClose: true,
      });
    }
  }
  cases.push({
    name: 'body shorter than Content-Length',
    request: graphqlPost('/graphql', '{"query":"{ __typename }"}').replace(
      /Content-Length: \d+/,
      'Content-Length: 500',
    ),
    halfClose: true,
  });
  cases.push({ name: 'body is not JSON', request: graphqlPost('/graphql', '{"query":') });
  cases.push({ name: 'body is binary', request: graphqlPost('/graphql', '\xff\xfe\x00\x01') });
  return cases;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'X', 'get', 'G\x00T', ''];

function generatedCases(targets: string[]): FuzzCase[] {
  const segment = fc.oneof(
    fc.constantFrom(...targets.map((target) => splitTarget(target)[0].slice(1))),
    fc.constantFrom(
      ...BAD_ESCAPES,
      '%2F',
      '%2e%2e',
      '..',
      '.',
      '',
      '//',
      '\\',
      '[',
      ']',
      '@',
      ':',
      '#',
      '%00',
      '\xff',
      ' ',
    ),
    fc.string({ maxLength: 12 }).map((text) => encodeURIComponent(text)),
    fc.string({ unit: 'binary-ascii', maxLength: 8 }),
  );
  const target = fc
    .tuple(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.option(fc.array(segment, { maxLength: 3 })))
    .map(([path, query]) => `/${path.join('/')}${query ? `?${query.join('&')}` : ''}`);
  const header = fc.oneof(
    fc.constantFrom(
      'Content-Type: application/json',
      'Content-Type: multipart/form-data; boundary=x',
      'Transfer-Encoding: chunked',
      'Content-Length: 5',
      'Connection: close',
      'Connection: keep-alive',
      'Accept: text/html',
      'Accept: application/graphql-response+json',
      `Authorization: Bearer ${TEST_METRICS_TOKEN}`,
      'Origin: https://evil.example',
      'Upgrade: websocket',
    ),
    fc
      .tuple(fc.string({ unit: 'binary-ascii', maxLength: 10 }), fc.string({ unit: 'binary-ascii', maxLength: 30 }))
      .map(([name, value]) => `${name}: ${value}`),
  );
  const body = fc.oneof(
    fc.constant(''),
    fc.constant(JSON.stringify({ query: PING })),
    fc.string({ unit: 'binary', maxLength: 60 }).map((text) => Buffer.from(text).toString('latin1')),
  );
  const generated = fc.record({
    method: fc.constantFrom(...METHODS),
    target,
    headers: fc.array(header, { maxLength: 4 }),
    body,
  });
  return fc.sample(generated, { seed: SEED, numRuns: GENERATED_REQUESTS }).map((sample, index) => ({
    name: `generated #${index} ${sample.method} ${JSON.stringify(sample.target.slice(0, 60))}`,
    request: request(sample.method, sample.target, sample.headers, sample.body),
    mayBeIncomplete: true,
  }));
}

/** What is wrong with one answer; empty when nothing is. */
function problemsOf(fuzzCase: FuzzCase, answer: RawAnswer): string[] {
  const problems: string[] = [];
  if (answer.status === null && fuzzCase.expect !== null) {
    problems.push(answer.timedOut ? 'no answer (timed out)' : 'connection closed without an answer');
  } else if (answer.status !== null && answer.status >= 500) problems.push(`status ${answer.status}`);
  if (fuzzCase.expect !== undefined && answer.status !== fuzzCase.expect) {
    problems.push(`status ${answer.status}, expected ${fuzzCase.expect}`);
  }
  for (const leak of LEAKS) if (leak.test(answer.text)) problems.push(`answer matches ${leak}`);
  return problems;
}

async function runAll(cases: FuzzCase[], port: number): Promise<{ answers: RawAnswer[]; failures: string[] }> {
  const answers: RawAnswer[] = new Array(cases.length);
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < cases.length; index = next++) {
      const fuzzCase = cases[index] as FuzzCase;
      const answer = await rawExchange(port, fuzzCase.request, {
        halfClose: fuzzCase.halfClose,
        halfCloseAfterMs: fuzzCase.mayBeIncomplete ? 3000 : undefined,
        head: fuzzCase.request.startsWith('HEAD '),
        timeoutMs: 10_000,
      });
      answers[index] = answer;
      const problems = problemsOf(fuzzCase, answer);
      if (problems.length > 0) failures.push(`${fuzzCase.name}: ${problems.join('; ')} — ${answer.text.slice(0, 160)}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { answers, failures };
}

function statusCounts(answers: RawAnswer[]): string {
  const counts = new Map<string, number>();
  for (const answer of answers) counts.set(String(answer.status), (counts.get(String(answer.status)) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');
}

const CONFIGURATIONS = [
  { name: 'development', env: {} },
  // production seeds no demo accounts unless told to; the fuzzer's material belongs to the demo admin
  { name: 'production', env: { NODE_ENV: 'production', SEED_DEMO_DATA: 'true' } },
] as const;

describe.each(CONFIGURATIONS)(`HTTP edge fuzzing, $name configuration (${databaseKind()})`, ({ name, env }) => {
  let server: TestServer;
  let port: number;
  let targets: string[];
  const dist = fakeWebDist();
  const lines: string[] = [];

  beforeAll(async () => {
    server = await startTestServer(
      { ...env, WEB_DIST_DIR: dist, LOG_LEVEL: 'info' },
      { log: createLogger('info', (line) => lines.push(line)) },
    );
    port = server.running.http.port;
    const { app } = server.running;
    const admin = await app.db.user.findFirstOrThrow({ where: { username: 'platform.admin' } });
    const sha256 = app.files.put(Buffer.from(`%PDF-1.4 fuzz material of the ${name} run`));
    const material = await app.db.material.create({
      data: {
        sha256,
        kind: 'OTHER',
        fileName: 'fuzz.pdf',
        mimeType: 'application/pdf',
        size: 40,
        uploadedById: admin.id,
      },
    });
    targets = targetsOf(app.files.signedUrl(material.id, admin.id));
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  /** The server is still up: /healthz answers and so does a (persisted) GraphQL query. */
  async function expectHealthy() {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    await health.text();
    expect((await server.gql(PING)).data).toEqual({ __typename: 'Query' });
  }

  async function fuzz(label: string, cases: FuzzCase[]): Promise<void> {
    const answers: RawAnswer[] = [];
    const failures: string[] = [];
    for (let start = 0; start < cases.length; start += BATCH) {
      const batch = await runAll(cases.slice(start, start + BATCH), port);
      answers.push(...batch.answers);
      failures.push(...batch.failures);
      await expectHealthy();
    }
    console.log(`${name} · ${label}: ${cases.length} requests, statuses ${statusCounts(answers)}`);
    expect(failures).toEqual([]);
    const bugs = lines.filter((line) => line.includes('"level":"error"'));
    expect(bugs).toEqual([]);
  }

  it('GET /%ZZ and /assets/%E0%A4%A answer 400 and the server stays up', async () => {
    for (const target of ['/%ZZ', '/assets/%E0%A4%A']) {
      const answer = await rawExchange(port, request('GET', target));
      expect(answer.status).toBe(400);
      expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.utf8).toContain('请求无效 (bad request)');
    }
    await expectHealthy();
  });

  it('GET //[ HTTP/1.1 is the path //[ (the web app, as any unknown path); a target that is no URL answers 400', async () => {
    const answer = await rawExchange(port, 'GET //[ HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('<title>leqi</title>');
    const garbage = await rawExchange(port, 'GET http://[ HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect(garbage.status).toBe(400);
    await expectHealthy();
  });

  it('GET //host/metrics is the path //host/metrics, not /metrics on another host (no route is reachable by an alias)', async () => {
    for (const target of ['//evil.example/metrics', '//evil.example/graphql?query=%7B__typename%7D']) {
      const answer = await rawExchange(port, request('GET', target));
      expect(answer.status).toBe(200);
      expect(answer.text).toContain('<title>leqi</title>');
      expect(answer.text).not.toContain('leqi_http_requests_total');
    }
  });

  it('every bad percent-encoding, on every route, in the path and in the query string', async () => {
    await fuzz('percent-encodings', percentEncodingCases(targets));
  });

  it('malformed request lines and odd methods on every route', async () => {
    await fuzz('request lines and methods', requestLineCases(targets));
  });

  it('huge, broken and hostile headers on every route', async () => {
    await fuzz('headers', headerCases(targets));
  });

  it('broken chunked and truncated bodies', async () => {
    await fuzz('bodies', chunkingCases(targets));
  });

  it(`${GENERATED_REQUESTS} generated requests (fixed seed)`, async () => {
    await fuzz('generated', generatedCases(targets));
  });
});
