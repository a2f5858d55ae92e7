// The size limit of /graphql request bodies (MAX_UPLOAD_MB + 1 MB), from outside over raw HTTP: a body with a
// Content-Length is judged by its header, a chunked body of unknown length by counting it as it is read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { rawExchange } from './raw-http.ts';

const MB = 1024 * 1024;

/** A POST /graphql of `body`, sent chunked (64 KB chunks) or with its Content-Length. */
function post(body: string, chunked: boolean): Buffer {
  const head = (length: string) =>
    `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: close\r\n${length}\r\n`;
  const bytes = Buffer.from(body);
  if (!chunked) return Buffer.concat([Buffer.from(head(`Content-Length: ${bytes.length}\r\n`)), bytes]);
  const parts: Buffer[] = [Buffer.from(head('Transfer-Encoding: chunked\r\n'))];
  for (let offset = 0; offset < bytes.length; offset += 64 * 1024) {
    const chunk = bytes.subarray(offset, offset + 64 * 1024);
    parts.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

const query = (padding: number) => JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(padding) } });

describe(`request body limit of /graphql (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ MAX_UPLOAD_MB: '1' });
  });
  afterAll(async () => server?.close());
  const port = () => Number(new URL(server.url).port);

  it.each([
    ['with a Content-Length', false],
    ['chunked', true],
  ])('a small body %s is answered', async (_name, chunked) => {
    const answer = await rawExchange(port(), post(query(300 * 1024), chunked), { timeoutMs: 15_000 });
    expect(answer.status).toBe(200);
    expect(answer.utf8).toContain('"__typename":"Query"');
  });

  it.each([
    ['with a Content-Length', false],
    ['chunked', true],
  ])('a body past the limit %s is refused with 413 LIMIT_EXCEEDED', async (_name, chunked) => {
    const answer = await rawExchange(port(), post(query(3 * MB), chunked), { timeoutMs: 15_000 });
    expect(answer.status).toBe(413);
    expect(answer.utf8).toContain('LIMIT_EXCEEDED');
    expect(answer.utf8).toContain('请求过大');
  });

  it('the server still answers after refusing', async () => {
    const result = await server.gql('{ __typename }');
    expect(result.data).toEqual({ __typename: 'Query' });
  });
});
