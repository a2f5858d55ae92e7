// 安全审计 (issue 22): sign-ins and their failures (with the reason only the log knows), lock-outs (once per lock),
// sign-outs, API tokens, account and two-factor changes are read from the audit chain as one security log with
// time, user, source address, type, object and outcome; filtered, paged and exported to Excel by the admin alone,
// the export itself recorded; the chain stays verifiable.
import { SECURITY_LOG_SUBJECTS } from '@leqi/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../src/platform/events/verify.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from './harness.ts';
import { createToken } from './invitation.fixtures.ts';

const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { __typename ... on SignInSuccess { token } ... on Error { code } } }`;
const LOG = `query($filter: SecurityLogFilter, $first: Int, $after: String) {
  securityLog(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { sequence occurredAt type outcome username actorName actorRole address object reason } } } }`;
const EXPORT = 'query($filter: SecurityLogFilter) { securityLogExportUrl(filter: $filter) }';

let server: TestServer;
let admin: string;

const signIn = async (username: string, password = DEMO_PASSWORD) =>
  (await server.gql(SIGN_IN, { input: { username, password } })).data?.signIn as { __typename: string; token?: string };
type Entry = Record<string, unknown>;
async function log(filter: Record<string, unknown>, first = 50, after?: string) {
  const answer = await server.gql(LOG, { filter, first, after }, admin);
  expect(answer.errors).toBeUndefined();
  const connection = answer.data?.securityLog as {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string };
    edges: { node: Entry }[];
  };
  return { ...connection, entries: connection.edges.map((edge) => edge.node) };
}

beforeAll(async () => {
  server = await startTestServer({ SIGN_IN_MAX_FAILURES_PER_ACCOUNT: '3', SIGN_IN_MAX_FAILURES_PER_ADDRESS: '1000' });
  admin = await server.signIn('platform.admin');
}, 120_000);
afterAll(async () => server?.close());

describe('the security log', () => {
  it('records each sign-in with its outcome, reason, user and address; a lock-out once, when it begins', async () => {
    expect((await signIn('nobody.here', 'Whatever-1')).__typename).toBe('BaseError');
    expect((await signIn('ny.clerk', 'Wrong-Pass-1')).__typename).toBe('BaseError');
    const token = (await signIn('ny.clerk')).token as string;
    expect(await server.gql('mutation { signOut }', {}, token)).toEqual({ data: { signOut: true } });
    // three failures are allowed; the fourth attempt begins the lock, the fifth is refused within it
    for (let attempt = 0; attempt < 5; attempt += 1) await signIn('hzq.officer1', 'Wrong-Pass-1');

    const failures = await log({ outcome: 'FAILURE', types: ['signInFailed'] });
    const byUser = Object.fromEntries(failures.entries.map((entry) => [entry.username, entry]));
    expect(byUser['nobody.here']).toMatchObject({ reason: 'UNKNOWN_USER', actorName: null, address: '127.0.0.1' });
    expect(byUser['ny.clerk']).toMatchObject({ reason: 'WRONG_PASSWORD', outcome: 'FAILURE', type: 'signInFailed' });
    const ny = await log({ username: 'NY.Clerk' });
    expect(ny.entries.map((entry) => entry.type)).toEqual(['signedOut', 'signInSucceeded', 'signInFailed']);
    expect(ny.entries[1]).toMatchObject({
      outcome: 'SUCCESS',
      actorName: '周杰',
      actorRole: 'ENTERPRISE',
      reason: null,
    });

    const officer = await log({ username: 'hzq.officer1' });
    expect(officer.entries.map((entry) => entry.type)).toEqual([
      'signInLockedOut',
      'signInFailed',
      'signInFailed',
      'signInFailed',
    ]);
    expect(officer.entries[0]).toMatchObject({ outcome: 'FAILURE', address: '127.0.0.1' });
  });

  it('the admin sees the lock and lifts it; the lifting is recorded', async () => {
    const ACCOUNT = `query { userAccounts(search: "hzq.officer1", first: 1) { edges { node { id username signInLockedUntil } } } }`;
    const locked = (await server.gql(ACCOUNT, {}, admin)).data?.userAccounts.edges[0].node;
    expect(Date.parse(locked.signInLockedUntil)).toBeGreaterThan(Date.now());
    expect((await signIn('hzq.officer1')).__typename).toBe('RetryLaterError');
    const unlock = await server.gql(
      `mutation($input: UnlockUserSignInInput!) { unlockUserSignIn(input: $input) { __typename
        ... on UnlockUserSignInSuccess { account { signInLockedUntil } } } }`,
      { input: { id: locked.id } },
      admin,
    );
    expect(unlock.data?.unlockUserSignIn).toEqual({
      __typename: 'UnlockUserSignInSuccess',
      account: { signInLockedUntil: null },
    });
    expect((await signIn('hzq.officer1')).__typename).toBe('SignInSuccess');
    const lifted = await log({ types: ['signInUnlocked'] });
    expect(lifted.entries).toEqual([
      expect.objectContaining({
        username: 'hzq.officer1',
        actorRole: 'ADMIN',
        address: '127.0.0.1',
        object: '已锁定的账号 hzq.officer1',
      }),
    ]);
  });

  it('holds token, account and two-factor changes, filtered by type, address and time, paged newest first', async () => {
    const legal = await server.signIn('sl.legal');
    const created = await createToken(server, legal, 'ERP 审计');
    await server.gql(
      'mutation($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { __typename } }',
      { input: { id: created.apiToken.id } },
      legal,
    );
    const user = await server.running.app.db.user.findUniqueOrThrow({ where: { username: 'ny.clerk' } });
    const id = Buffer.from(`UserAccount:${user.id}`).toString('base64');
    await server.gql(
      'mutation($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { __typename } }',
      { input: { id } },
      admin,
    );
    const tokens = await log({ types: ['apiTokenCreated', 'apiTokenRevoked'] });
    expect(tokens.entries.map((entry) => entry.type)).toEqual(['apiTokenRevoked', 'apiTokenCreated']);
    expect(tokens.entries[1]).toMatchObject({
      username: 'sl.legal',
      actorName: '吴霞',
      address: '127.0.0.1',
      object: expect.stringMatching(/^ERP 审计 \(lqk_/),
    });
    const reset = await log({ types: ['resetUserPassword'], username: 'ny.clerk' });
    expect(reset.entries).toEqual([
      expect.objectContaining({ outcome: 'SUCCESS', actorRole: 'ADMIN', object: '用户账号 ny.clerk', address: null }),
    ]);

    const elsewhere = await log({ address: '10.9.9.9' });
    expect(elsewhere.totalCount).toBe(0);
    const future = await log({ from: new Date(Date.now() + 60_000).toISOString() });
    expect(future.totalCount).toBe(0);
    const all = await log({}, 3);
    expect(all.totalCount).toBeGreaterThan(10);
    expect(all.entries).toHaveLength(3);
    const next = await log({}, 3, all.pageInfo.endCursor);
    expect(Number(next.entries[0]?.sequence)).toBeLessThan(Number(all.entries[2]?.sequence));
    // review cases and registry data are business, not security: never in this log
    const db = server.running.app.db;
    expect(await db.auditEvent.count({ where: { caseKind: { notIn: [...SECURITY_LOG_SUBJECTS] } } })).toBeGreaterThan(
      0,
    );
    expect(all.totalCount).toBe(await db.auditEvent.count({ where: { caseKind: { in: [...SECURITY_LOG_SUBJECTS] } } }));
  });

  it('refuses anyone but the admin, and bad filters and cursors', async () => {
    const officer = await server.signIn('th.officer1');
    const refused = await server.gql(LOG, { filter: {} }, officer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await server.gql(EXPORT, {}, officer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await server.gql(LOG, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const backwards = await server.gql(
      LOG,
      { filter: { from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' } },
      admin,
    );
    expect(backwards.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const badCursor = await server.gql(LOG, { after: 'not-a-cursor' }, admin);
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const badType = await server.gql(LOG, { filter: { types: ['dropTables'] } }, admin);
    expect(badType.errors?.[0]?.message).toMatch(/dropTables/);
  });

  it('exports the selected records to Excel for the admin, records the export, and refuses a changed link', async () => {
    const filter = { outcome: 'FAILURE', types: ['signInFailed'] };
    const expected = await log(filter);
    const link = (await server.gql(EXPORT, { filter }, admin)).data?.securityLogExportUrl as string;
    expect(link).toMatch(/^\/security-log\/[A-Za-z0-9_-]+\.xlsx\?u=/);
    const response = await fetch(`${server.url}${link}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('安全审计记录-'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet('安全审计记录');
    expect(sheet?.getRow(1).values).toEqual([
      undefined,
      '时间',
      '事件类型',
      '结果',
      '用户',
      '操作人',
      '操作人角色',
      '来源地址',
      '对象',
      '原因',
    ]);
    expect(sheet?.actualRowCount).toBe(expected.totalCount + 1);
    expect(sheet?.getRow(2).getCell(2).value).toBe('登录失败');
    expect(sheet?.getRow(2).getCell(3).value).toBe('失败');

    const exports = await log({ types: ['securityLogExported'] });
    expect(exports.entries[0]).toMatchObject({
      username: 'platform.admin',
      actorRole: 'ADMIN',
      object: expect.stringContaining(`${expected.totalCount} 条`),
    });
    // another filter under the same signature, or no signature: refused
    const other = Buffer.from(JSON.stringify({})).toString('base64url');
    const forged = link.replace(/\/security-log\/[^.]+\.xlsx/, `/security-log/${other}.xlsx`);
    expect((await fetch(`${server.url}${forged}`)).status).toBe(403);
    expect((await fetch(`${server.url}${link.split('?')[0]}`)).status).toBe(403);
  });

  it('every record sits in an intact hash chain', async () => {
    const report = await verifyAuditChains(server.running.app.db);
    expect(report.intact).toBe(true);
    const security = await verifyAuditChains(server.running.app.db, { caseKind: 'SECURITY' });
    expect(security.checkedEvents).toBeGreaterThan(10);
    expect(security.intact).toBe(true);
  });
});
