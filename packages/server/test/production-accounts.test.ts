// Production ships no demo accounts (issue 13, finding 6: with NODE_ENV=production the persisted DemoUsers
// query listed all 26 users anonymously and platform.admin / Leqi@2026 signed in as ADMIN). A production start
// seeds nothing and lists nobody; the first admin comes from `pnpm admin:create` with a password read from
// standard input; and a database seeded with the demo data earlier no longer opens to the published password.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/platform/auth/totp.ts';
import { sha256Hex } from '../src/platform/http/persisted-operations.ts';
import { DEMO_USERNAMES } from '../src/seed/demo-data.ts';
import { OFFICIAL_CAPABILITIES, seedReferenceData } from '../src/seed/reference-data.ts';
import {
  DEMO_PASSWORD,
  databaseKind,
  freshPostgresDatabase,
  SIGN_IN_DOCUMENT,
  startTestServer,
  type TestServer,
} from './harness.ts';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
// the sign-in page's query, as the web app sends it (by hash, anonymously)
const DEMO_USERS = `query DemoUsers {
  demoUsers {
    username
    displayName
    role
    hint
  }
}`;
const VIEWER = '{ viewer { username displayName role } }';
const CREATE_ADMIN = `mutation { createUserAccount(input: {username: "ops.second", displayName: "第二管理员", role: ADMIN}) {
  __typename ... on CreateUserAccountSuccess { credentials { temporaryPassword } } } }`;
const BEGIN = 'mutation { beginTwoFactorEnrolment { ... on TwoFactorEnrolmentOffer { secret } } }';
const CONFIRM = 'mutation($code: String!) { confirmTwoFactorEnrolment(input: {oneTimeCode: $code}) { __typename } }';
const ADMIN_PASSWORD = 'Ops-Admin-2026-secret';

/** One deployment's database that survives server restarts: a PGlite directory or a PostgreSQL database. */
async function deploymentDatabase(dataDir: string): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (databaseKind() === 'postgres') {
    const database = await freshPostgresDatabase(process.env.TEST_DATABASE_URL as string);
    return { env: { DATA_DIR: dataDir, DATABASE_URL: database.url }, drop: database.drop };
  }
  return { env: { DATA_DIR: dataDir, DATABASE_URL: '', PGLITE_DIR: join(dataDir, 'pglite') }, drop: async () => {} };
}

function adminCreate(env: Record<string, string>, args: string[], password: string) {
  const { DATABASE_URL: _inherited, TEST_DATABASE_URL: _test, ...base } = process.env;
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/features/admin/create-admin-cli.ts', ...args], {
    cwd: SERVER_DIR,
    env: { ...base, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    input: `${password}\n`,
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const signIn = async (server: TestServer, username: string, password: string) =>
  (await server.gql(SIGN_IN_DOCUMENT, { u: username, p: password })).data?.signIn;

const byHash = async (server: TestServer, document: string) => {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(document) } } }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
};

describe(`production: no demo accounts, first admin from the command line (${databaseKind()})`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leqi-prod-'));
  const manifest = join(dataDir, 'persisted-operations.json');
  let database: Awaited<ReturnType<typeof deploymentDatabase>>;
  let server: TestServer;
  let created: ReturnType<typeof adminCreate>;
  let duplicate: ReturnType<typeof adminCreate>;
  let demoPassword: ReturnType<typeof adminCreate>;
  beforeAll(async () => {
    // trusted documents stay on, as in production: the manifest holds the documents this test sends
    const documents = [DEMO_USERS, SIGN_IN_DOCUMENT, VIEWER, CREATE_ADMIN, BEGIN, CONFIRM];
    writeFileSync(manifest, JSON.stringify(Object.fromEntries(documents.map((doc) => [sha256Hex(doc), doc]))));
    database = await deploymentDatabase(dataDir);
    // the operator creates the first admin before the first start (the command migrates an empty database)
    created = adminCreate(database.env, ['ops.admin', '--name', '运维管理员'], ADMIN_PASSWORD);
    duplicate = adminCreate(database.env, ['ops.admin'], 'Another-Pass-2026');
    demoPassword = adminCreate(database.env, ['ops.admin2'], DEMO_PASSWORD);
    server = await startTestServer({ ...database.env, NODE_ENV: 'production', PERSISTED_OPERATIONS: manifest });
  }, 600_000);
  afterAll(async () => {
    await server?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds nothing: the sign-in page lists nobody and platform.admin / Leqi@2026 is refused', async () => {
    expect(await byHash(server, DEMO_USERS)).toEqual({ data: { demoUsers: [] } });
    expect(await signIn(server, 'platform.admin', DEMO_PASSWORD)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await signIn(server, 'th.officer1', DEMO_PASSWORD)).toMatchObject({ code: 'UNAUTHENTICATED' });
    const db = server.running.app.db;
    expect(await db.user.findMany({ select: { username: true } })).toEqual([{ username: 'ops.admin' }]);
    expect(await db.taxAuthority.count()).toBe(0);
    expect(await db.enterprise.count()).toBe(0);
  });

  it('seeds the official capability catalogue (reference data, not demo data), keeping what the admin changed', async () => {
    const db = server.running.app.db;
    const catalogue = await db.capability.findMany({ orderBy: { code: 'asc' }, select: { code: true, name: true } });
    expect(catalogue).toEqual(
      [...OFFICIAL_CAPABILITIES].sort((a, b) => a.code.localeCompare(b.code)).map(({ code, name }) => ({ code, name })),
    );
    expect(catalogue).toContainEqual({ code: '100010', name: '使用单位管理能力' });
    await db.capability.update({ where: { code: '203067' }, data: { name: '归集能力（本地）', enabled: false } });
    await seedReferenceData(db);
    expect(await db.capability.findUniqueOrThrow({ where: { code: '203067' } })).toMatchObject({
      name: '归集能力（本地）',
      enabled: false,
    });
    expect(await db.capability.count()).toBe(OFFICIAL_CAPABILITIES.length);
  });

  it('pnpm admin:create made a working, audited platform admin', async () => {
    expect(created).toMatchObject({ status: 0, stdout: expect.stringContaining('ops.admin') });
    const success = await signIn(server, 'ops.admin', ADMIN_PASSWORD);
    expect(success.__typename).toBe('SignInSuccess');
    const token = success.token as string;
    const viewer = await server.gql(VIEWER, {}, token);
    expect(viewer.data?.viewer).toEqual({ username: 'ops.admin', displayName: '运维管理员', role: 'ADMIN' });
    // production requires two factors of admins (TWO_FACTOR_ROLES): nothing else until they are set up
    const early = await server.gql(CREATE_ADMIN, {}, token);
    expect(early.errors?.[0]?.extensions?.code).toBe('TWO_FACTOR_ENROLMENT_REQUIRED');
    const offer = (
      await server.gql('mutation { beginTwoFactorEnrolment { ... on TwoFactorEnrolmentOffer { secret } } }', {}, token)
    ).data?.beginTwoFactorEnrolment;
    const enrolled = await server.gql(
      'mutation($code: String!) { confirmTwoFactorEnrolment(input: {oneTimeCode: $code}) { __typename } }',
      { code: totpCode(offer.secret) },
      token,
    );
    expect(enrolled.data?.confirmTwoFactorEnrolment.__typename).toBe('TwoFactorEnrolled');
    // the admin can do an admin's work: create an account
    const account = await server.gql(CREATE_ADMIN, {}, token);
    expect(account.data?.createUserAccount.__typename).toBe('CreateUserAccountSuccess');
    const events = await server.running.app.db.auditEvent.findMany({
      where: { caseKind: 'ADMIN_USER', event: 'createUserAccount' },
      orderBy: { id: 'asc' },
    });
    expect(events[0]).toMatchObject({
      actorUserId: 'cli:admin-create',
      actorName: expect.stringMatching(/^命令行 admin:create（.+）$/),
      actorRole: 'ADMIN',
      payload: expect.objectContaining({ username: 'ops.admin', passwordSetBy: 'ADMIN' }),
    });
  });

  it('refuses an existing username and the published demo password, creating nothing', async () => {
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr).toContain('记录已存在（ops.admin）');
    expect(await signIn(server, 'ops.admin', 'Another-Pass-2026')).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(demoPassword.status).toBe(1);
    expect(demoPassword.stderr).toContain('password');
    expect(await server.running.app.db.user.findUnique({ where: { username: 'ops.admin2' } })).toBeNull();
  });

  it('never takes the password from the command line', () => {
    const refused = adminCreate(database.env, ['ops.admin3', ADMIN_PASSWORD], ADMIN_PASSWORD);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('usage: pnpm admin:create <username>');
  });
});

describe(`production on a database seeded with the demo data earlier (${databaseKind()})`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leqi-upgrade-'));
  let database: Awaited<ReturnType<typeof deploymentDatabase>>;
  afterAll(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the published demo password opens no account once demo data is off; explicitly on, it does', async () => {
    database = await deploymentDatabase(dataDir);
    const demo = await startTestServer({ ...database.env, SEED_DEMO_DATA: 'true' });
    expect((await signIn(demo, 'platform.admin', DEMO_PASSWORD)).__typename).toBe('SignInSuccess');
    await demo.close();

    const production = await startTestServer({ ...database.env, NODE_ENV: 'production', TRUSTED_DOCUMENTS: 'false' });
    try {
      expect(await signIn(production, 'platform.admin', DEMO_PASSWORD)).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect((await production.gql('{ demoUsers { username } }')).data?.demoUsers).toEqual([]);
    } finally {
      await production.close();
    }

    const optedIn = await startTestServer({
      ...database.env,
      NODE_ENV: 'production',
      SEED_DEMO_DATA: 'true',
      TRUSTED_DOCUMENTS: 'false',
    });
    try {
      expect((await signIn(optedIn, 'platform.admin', DEMO_PASSWORD)).__typename).toBe('SignInSuccess');
      const listed: { username: string }[] = (await optedIn.gql('{ demoUsers { username } }')).data?.demoUsers;
      // every demo account, no other
      expect(listed.map((user) => user.username).sort()).toEqual([...DEMO_USERNAMES].sort());
    } finally {
      await optedIn.close();
    }
  }, 600_000);
});
