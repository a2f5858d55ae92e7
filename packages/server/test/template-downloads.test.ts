// Template downloads (and the 直连单位退出申请表, also built per request) under a flood, from outside over raw HTTP: a user alternating two template links (their
// DCU's signed one and the generic one) is served from the cache after the first of each, not by a rebuild per
// download (counted by /metrics' leqi_workbook_builds_total); template GETs count in the caller's rate limit —
// a signed link in its user's bucket (shared with their GraphQL requests), a plain one in the address' — and are
// refused with 429, Retry-After and a Chinese and English message past it, while other callers go on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { rawExchange } from './raw-http.ts';

const get = (server: TestServer, path: string) =>
  rawExchange(server.running.http.port, `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`, {
    timeoutMs: 20_000,
  });

async function workbookBuilds(server: TestServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((entry) => entry.startsWith('leqi_workbook_builds_total{workbook="使用单位邀请'));
  return Number(line?.split(' ').pop() ?? 0);
}

async function signedTemplateUrl(server: TestServer, token: string): Promise<string> {
  const answer = await server.gql('{ invitationTemplateUrl }', {}, token);
  const url = answer.data?.invitationTemplateUrl as string;
  expect(url).toMatch(/^\/templates\/invitations\.xlsx\?u=/);
  return url;
}

describe(`template downloads: cache and rate limit (${databaseKind()})`, () => {
  describe('cache', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    }, 120_000);
    afterAll(async () => server?.close());

    it('alternating a signed and the generic link builds each workbook once', async () => {
      const signed = await signedTemplateUrl(server, await server.signIn('sl.clerk'));
      const before = await workbookBuilds(server);
      const sizes = new Set<string>();
      for (let round = 0; round < 4; round += 1) {
        for (const path of [signed, '/templates/invitations.xlsx']) {
          const answer = await get(server, path);
          expect(answer.status, path).toBe(200);
          sizes.add(`${path === signed}:${answer.headers['content-length']}`);
        }
      }
      // two different workbooks (the DCU's lists and every capability), each built once
      expect(sizes.size).toBe(2);
      expect((await workbookBuilds(server)) - before).toBe(2);
    }, 60_000);
  });

  describe('rate limit', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '8', RATE_LIMIT_ADDRESS_PER_MINUTE: '5' });
    }, 120_000);
    afterAll(async () => server?.close());

    it('a flood of anonymous template GETs from one address gets 429 after the limit; signed-in users go on', async () => {
      const paths = ['/templates/materials/PROJECT_REPORT.xlsx', '/templates/invitations.xlsx'];
      const statuses: (number | null)[] = [];
      for (let index = 0; index < 8; index += 1) statuses.push((await get(server, paths[index % 2] as string)).status);
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
      const refused = await get(server, '/templates/materials/SERVICE_AGREEMENT.xlsx');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.utf8).toContain('请求过于频繁');
      expect(refused.utf8).toContain('rate limit exceeded');
      // a signed link is its user's: the address' flood does not refuse it
      const signed = await signedTemplateUrl(server, await server.signIn('sl.clerk'));
      expect((await get(server, signed)).status).toBe(200);
    }, 60_000);

    it("a signed link's downloads share its user's bucket with their GraphQL requests; other users are unaffected", async () => {
      const token = await server.signIn('slwl.clerk');
      const signed = await signedTemplateUrl(server, token); // 1 of 8
      const statuses: (number | null)[] = [];
      for (let index = 0; index < 9; index += 1) statuses.push((await get(server, signed)).status);
      expect(statuses.slice(0, 7)).toEqual(Array(7).fill(200));
      expect(statuses.slice(7)).toEqual([429, 429]);
      const graphql = await server.gql('{ viewer { __typename } }', {}, token);
      expect(graphql.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
      const other = await server.gql('{ viewer { __typename } }', {}, await server.signIn('yf.clerk'));
      expect(other.errors).toBeUndefined();
      // a forged signature is not that user's: counted against the (exhausted) address, then refused
      expect((await get(server, signed.replace(/s=[^&]+/, 's=forged'))).status).toBe(429);
    }, 60_000);

    it('the exit application form download counts in the same buckets: its user is cut at the limit, others go on', async () => {
      const exitFormUrl = async (token: string) => {
        const url = (await server.gql('{ exitApplicationFormUrl }', {}, token)).data?.exitApplicationFormUrl as string;
        expect(url).toMatch(/^\/documents\/exit-application-form\.xlsx\?u=/);
        return url;
      };
      const token = await server.signIn('sl.legal');
      const signed = await exitFormUrl(token); // 1 of 8
      const statuses: (number | null)[] = [];
      for (let index = 0; index < 9; index += 1) statuses.push((await get(server, signed)).status);
      expect(statuses.slice(0, 7)).toEqual(Array(7).fill(200));
      expect(statuses.slice(7)).toEqual([429, 429]);
      const refused = await get(server, signed);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.utf8).toContain('rate limit exceeded');
      // the same user's GraphQL shares the bucket; another enterprise user's download is unaffected
      expect((await server.gql('{ viewer { __typename } }', {}, token)).errors?.[0]?.extensions?.code).toBe(
        'LIMIT_EXCEEDED',
      );
      expect((await get(server, await exitFormUrl(await server.signIn('yf.legal')))).status).toBe(200);
      // without a valid signature the download is the address' (exhausted by the anonymous flood above)
      expect((await get(server, signed.replace(/s=[^&]+/, 's=forged'))).status).toBe(429);
      expect((await get(server, '/documents/exit-application-form.xlsx')).status).toBe(429);
    }, 60_000);
  });
});
