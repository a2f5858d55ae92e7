// 平台管理: tax authorities, province rules (effective dates), user accounts — each operation's happy path,
// validation, FORBIDDEN for non-admins, optimistic versions, and the audit chain of every change.
import { addDays, businessDate } from '@leqi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_COST } from '../src/platform/auth/passwords.ts';
import { caseIn } from './fixtures.ts';
import { DEMO_PASSWORD, databaseKind, startTestServer, type TestServer } from './harness.ts';

const GUANGDONG = '14400000000';
const ERRORS =
  '__typename ... on Error { code message } ... on ValidationError { issues { field code } } ... on StaleVersionError { currentVersion }';

/** The global ID of a user account (UserAccount is a Node), from its database id. */
const accountId = (id: string) => Buffer.from(`UserAccount:${id}`).toString('base64');
const databaseIdOf = (globalId: string) =>
  Buffer.from(globalId, 'base64')
    .toString()
    .replace(/^UserAccount:/, '');

describe(`平台管理 (${databaseKind()})`, () => {
  let server: TestServer;
  let admin: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.signIn('platform.admin');
  }, 60_000);
  afterAll(() => server?.close());

  const auditOf = (caseKind: string, caseId: string) =>
    server.running.app.db.auditEvent.findMany({ where: { caseKind, caseId }, orderBy: { id: 'asc' } });

  async function chainIntact(caseKind: string, caseId: string) {
    const report = await server.gql(
      'query($id: String) { auditIntegrity(caseId: $id) { intact checkedEvents } }',
      { id: caseId },
      admin,
    );
    expect(report.errors, JSON.stringify(report.errors)).toBeUndefined();
    expect(report.data?.auditIntegrity.intact).toBe(true);
    expect((await auditOf(caseKind, caseId)).length).toBeGreaterThan(0);
  }

  describe('税务机关', () => {
    const save = async (input: Record<string, unknown>, token = admin) =>
      (
        await server.gql(
          `mutation($input: SaveTaxAuthorityInput!) { saveTaxAuthority(input: $input) { ${ERRORS} ... on SaveTaxAuthoritySuccess { taxAuthority { code name level parentCode version } } } }`,
          { input },
          token,
        )
      ).data?.saveTaxAuthority;

    it('adds and edits a local authority with its version; stale edits and duplicates are refused', async () => {
      const input = {
        code: '14401110000',
        name: '国家税务总局广州市白云区税务局',
        level: 'LOCAL',
        parentCode: GUANGDONG,
      };
      const created = await save(input);
      expect(created.taxAuthority).toEqual({ ...input, version: 0 });
      expect((await save(input)).code).toBe('DUPLICATE');
      const edited = await save({ ...input, name: '白云区税务局', expectedVersion: 0 });
      expect(edited.taxAuthority).toMatchObject({ name: '白云区税务局', version: 1 });
      const stale = await save({ ...input, name: '过期', expectedVersion: 0 });
      expect(stale).toMatchObject({ __typename: 'StaleVersionError', code: 'STALE_VERSION', currentVersion: 1 });
      const audit = await auditOf('ADMIN_AUTHORITY', '14401110000');
      expect(audit.map((e) => e.event)).toEqual(['createTaxAuthority', 'updateTaxAuthority']);
      expect(audit[1]?.actorUserId).toBeTruthy();
      await chainIntact('ADMIN_AUTHORITY', '14401110000');
    });

    it('validates the 11-digit code, level and parent', async () => {
      const bad = await save({ code: '1440111', name: '', level: 'LOCAL', parentCode: null });
      expect(bad.issues.map((i: { field: string }) => i.field)).toEqual(['code', 'name']);
      const wrongParent = await save({ code: '14401120000', name: '某区', level: 'LOCAL', parentCode: '13100000000' });
      expect(wrongParent.issues).toEqual([{ field: 'parentCode', code: 'INVALID_AUTHORITY_CODE' }]);
    });

    it('is refused to everyone but the admin', async () => {
      const input = { code: '14401130000', name: '某区', level: 'LOCAL', parentCode: GUANGDONG };
      expect((await save(input, await server.signIn('gd.confirmer'))).code).toBe('FORBIDDEN');
      expect((await save(input, await server.signIn('yf.legal'))).code).toBe('FORBIDDEN');
      const list = await server.gql(
        '{ adminTaxAuthorities(first: 5) { totalCount } }',
        {},
        await server.signIn('yf.legal'),
      );
      expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('lists with search and keyset pages', async () => {
      const page = async (after?: string) =>
        (
          await server.gql(
            'query($after: String) { adminTaxAuthorities(first: 2, after: $after, search: "144") { totalCount pageInfo { hasNextPage endCursor } edges { node { code } } } }',
            { after },
            admin,
          )
        ).data?.adminTaxAuthorities;
      const first = await page();
      expect(first.totalCount).toBeGreaterThanOrEqual(4);
      const second = await page(first.pageInfo.endCursor);
      const codes = [...first.edges, ...second.edges].map((e: { node: { code: string } }) => e.node.code);
      expect(codes).toEqual([...codes].sort());
      expect(new Set(codes).size).toBe(4);
      expect(codes.every((code: string) => code.startsWith('144'))).toBe(true);
    });
  });

  describe('省级接入条件 and the effective date', () => {
    const today = () => businessDate(new Date());
    const rule = (overrides: Record<string, unknown> = {}) => ({
      provinceCode: GUANGDONG,
      minRevenue: 300_000_000,
      minInvoiceCount: 50_000,
      minInvoiceAmount: 500_000_000,
      livelihoodMinRevenue: 50_000_000,
      livelihoodMinInvoiceCount: 10_000,
      livelihoodMinInvoiceAmount: 100_000_000,
      effectiveFrom: today(),
      ...overrides,
    });
    const create = async (input: Record<string, unknown>, token = admin) =>
      (
        await server.gql(
          `mutation($input: CreateProvinceRuleInput!) { createProvinceRule(input: $input) { ${ERRORS} ... on CreateProvinceRuleSuccess { rule { id effectiveFrom minRevenue createdBy } } } }`,
          { input },
          token,
        )
      ).data?.createProvinceRule;
    const verify = async () =>
      (
        await server.gql(
          '{ eligibilityCheck(input: { claimsLivelihood: false }) { passed checks { code passed required } ruleApplied { minRevenue effectiveFrom } } }',
          {},
          await server.signIn('yf.legal'),
        )
      ).data?.eligibilityCheck;

    it('validates: no back-dating, non-negative, lowered livelihood thresholds, provincial code; admin only', async () => {
      const bad = await create(
        rule({ effectiveFrom: addDays(today(), -1), minInvoiceCount: -5, livelihoodMinRevenue: 400_000_000 }),
      );
      expect(bad.issues.map((i: { field: string; code: string }) => `${i.field}:${i.code}`).sort()).toEqual([
        'effectiveFrom:DATE_IN_PAST',
        'livelihoodMinRevenue:ABOVE_NORMAL_THRESHOLD',
        'minInvoiceCount:OUT_OF_RANGE',
      ]);
      expect((await create(rule({ provinceCode: '14401060000' }))).issues[0].field).toBe('provinceCode');
      expect((await create(rule(), await server.signIn('gd.confirmer'))).code).toBe('FORBIDDEN');
    });

    it('a rule effective tomorrow does not change today’s verification; one effective today does, and old reports keep their rule', async () => {
      const before = await verify();
      expect(before.passed).toBe(true);
      expect(before.ruleApplied.minRevenue).toBe(300_000_000);
      // an application submitted (and verified) under the old rule
      const judged = await caseIn(server, 'PENDING_ACCEPTANCE');

      const tomorrow = await create(rule({ minRevenue: 2_000_000_000, effectiveFrom: addDays(today(), 1) }));
      expect(tomorrow.rule).toMatchObject({ effectiveFrom: addDays(today(), 1), createdBy: '平台管理员' });
      expect((await verify()).ruleApplied.minRevenue).toBe(300_000_000);

      const raised = await create(rule({ minRevenue: 1_000_000_000 }));
      expect(raised.__typename).toBe('CreateProvinceRuleSuccess');
      const after = await verify();
      expect(after.passed).toBe(false);
      expect(after.ruleApplied).toEqual({ minRevenue: 1_000_000_000, effectiveFrom: today() });
      expect(after.checks.find((c: { code: string }) => c.code === 'COMBINED_REVENUE')).toMatchObject({
        passed: false,
        required: '>=1000000000.00',
      });

      const old = await server.gql(
        'query($id: ID!) { accessApplication(id: $id) { eligibilityReport { passed ruleApplied { minRevenue effectiveFrom } } } }',
        { id: judged.id },
        judged.owner.token,
      );
      expect(old.data?.accessApplication.eligibilityReport).toEqual({
        passed: true,
        ruleApplied: { minRevenue: 300_000_000, effectiveFrom: '2024-01-01' },
      });

      const history = await server.gql(
        'query($p: String) { provinceRuleHistory(provinceCode: $p) { today inForceIds inForce { id minRevenue } rules { totalCount edges { node { id effectiveFrom minRevenue } } } } }',
        { p: GUANGDONG },
        admin,
      );
      const list = history.data?.provinceRuleHistory;
      expect(list.today).toBe(today());
      expect(list.rules.edges.map((edge: { node: { minRevenue: number } }) => edge.node.minRevenue)).toEqual([
        2_000_000_000, 1_000_000_000, 300_000_000,
      ]);
      expect(list.rules.totalCount).toBe(3);
      expect(list.inForceIds).toEqual([raised.rule.id]);
      expect(list.inForce).toEqual([{ id: raised.rule.id, minRevenue: raised.rule.minRevenue }]);

      // every province's history, two rules a page: the same rules in the same order as one page of all
      const rulesPage = async (paging: string) =>
        (
          await server.gql(
            `{ provinceRuleHistory { inForce { provinceCode } rules(${paging}) { totalCount pageInfo { hasNextPage endCursor } edges { node { id provinceCode } } } } }`,
            {},
            admin,
          )
        ).data?.provinceRuleHistory;
      const whole = await rulesPage('first: 100');
      expect(whole.rules.pageInfo.hasNextPage).toBe(false);
      const provinces = whole.rules.edges.map((edge: { node: { provinceCode: string } }) => edge.node.provinceCode);
      expect(new Set(provinces).size).toBeGreaterThan(1);
      expect(provinces).toEqual([...provinces].sort());
      expect(whole.inForce.map((rule: { provinceCode: string }) => rule.provinceCode)).toEqual([...new Set(provinces)]);
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const { rules } = await rulesPage(cursor ? `first: 2, after: "${cursor}"` : 'first: 2');
        expect(rules.totalCount).toBe(whole.rules.totalCount);
        walked.push(...rules.edges.map((edge: { node: { id: string } }) => edge.node.id));
        cursor = rules.pageInfo.hasNextPage ? rules.pageInfo.endCursor : null;
      } while (cursor);
      expect(walked).toEqual(whole.rules.edges.map((edge: { node: { id: string } }) => edge.node.id));
      const audit = await auditOf('ADMIN_PROVINCE_RULE', GUANGDONG);
      expect(audit.map((e) => e.event)).toEqual(['createProvinceRule', 'createProvinceRule']);
      await chainIntact('ADMIN_PROVINCE_RULE', GUANGDONG);
    });
  });

  describe('用户账号', () => {
    const ACCOUNT = 'id username role identityType disabled version enterprise { uscc } authority { code }';
    const SUCCESS: Record<string, string> = {
      createUserAccount: `... on CreateUserAccountSuccess { credentials { temporaryPassword account { ${ACCOUNT} } } }`,
      resetUserPassword: `... on ResetUserPasswordSuccess { credentials { temporaryPassword account { ${ACCOUNT} } } }`,
      updateUserAccount: `... on UpdateUserAccountSuccess { account { ${ACCOUNT} } }`,
      setUserAccountDisabled: `... on SetUserAccountDisabledSuccess { account { ${ACCOUNT} } }`,
    };
    const mutate = async (name: string, inputType: string, input: Record<string, unknown>, token = admin) => {
      const result = await server.gql(
        `mutation($input: ${inputType}!) { ${name}(input: $input) { ${ERRORS} ${SUCCESS[name]} } }`,
        { input },
        token,
      );
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      return result.data?.[name];
    };
    const signIn = async (username: string, password: string) =>
      (
        await server.gql(
          'mutation($u: String!, $p: String!) { signIn(input: {username: $u, password: $p}) { __typename ... on SignInSuccess { token } ... on Error { code } } }',
          { u: username, p: password },
        )
      ).data?.signIn;

    it('creates an enterprise user with a one-time temporary password who can then sign in', async () => {
      const created = await mutate('createUserAccount', 'CreateUserAccountInput', {
        username: 'yf.new',
        displayName: '新办税员',
        role: 'ENTERPRISE',
        identityType: 'TAX_CLERK',
        enterpriseUscc: '91440100628194821M',
      });
      expect(created.credentials.account).toMatchObject({ username: 'yf.new', identityType: 'TAX_CLERK', version: 0 });
      const password = created.credentials.temporaryPassword;
      expect(password).toMatch(/^Lq[A-Za-z0-9]{12}9$/);
      expect((await signIn('yf.new', password)).__typename).toBe('SignInSuccess');
      // a password the product sets is stored at the product's cost (test fixtures use a cheaper one)
      const stored = await server.running.app.db.user.findUniqueOrThrow({ where: { username: 'yf.new' } });
      expect(stored.passwordHash.startsWith(`scrypt$${PASSWORD_COST.N}$${PASSWORD_COST.r}$${PASSWORD_COST.p}$`)).toBe(
        true,
      );
      expect(
        (await auditOf('ADMIN_USER', databaseIdOf(created.credentials.account.id)))[0]?.payload,
      ).not.toHaveProperty('password');
    });

    it('validates role requirements, usernames and duplicates; only the admin may', async () => {
      const officer = await mutate('createUserAccount', 'CreateUserAccountInput', {
        username: 'Bad Name',
        displayName: '',
        role: 'OFFICER',
      });
      expect(officer.issues.map((i: { field: string }) => i.field)).toEqual(['username']);
      const missing = await mutate('createUserAccount', 'CreateUserAccountInput', {
        username: 'th.officer9',
        displayName: '',
        role: 'OFFICER',
      });
      expect(missing.issues.map((i: { field: string }) => i.field).sort()).toEqual(['authorityCode', 'displayName']);
      const enterprise = await mutate('createUserAccount', 'CreateUserAccountInput', {
        username: 'x.clerk',
        displayName: '某人',
        role: 'ENTERPRISE',
      });
      expect(enterprise.issues.map((i: { field: string }) => i.field).sort()).toEqual([
        'enterpriseUscc',
        'identityType',
      ]);
      const dup = await mutate('createUserAccount', 'CreateUserAccountInput', {
        username: 'th.officer1',
        displayName: '重复',
        role: 'OFFICER',
        authorityCode: '14401060000',
      });
      expect(dup.code).toBe('DUPLICATE');
      const forbidden = await mutate(
        'createUserAccount',
        'CreateUserAccountInput',
        { username: 'x.admin', displayName: '某人', role: 'ADMIN' },
        await server.signIn('th.officer1'),
      );
      expect(forbidden.code).toBe('FORBIDDEN');
    });

    it('edits an officer with its version; a lost race is STALE_VERSION', async () => {
      const created = await mutate('createUserAccount', 'CreateUserAccountInput', {
        username: 'hz.officer3',
        displayName: '海珠三号',
        role: 'OFFICER',
        authorityCode: '14401050000',
        password: 'Officer2026',
      });
      expect(created.credentials.temporaryPassword).toBeNull();
      const id = created.credentials.account.id;
      const moved = await mutate('updateUserAccount', 'UpdateUserAccountInput', {
        id,
        expectedVersion: 0,
        displayName: '天河三号',
        role: 'OFFICER',
        authorityCode: '14401060000',
      });
      expect(moved.account).toMatchObject({ authority: { code: '14401060000' }, version: 1 });
      const stale = await mutate('updateUserAccount', 'UpdateUserAccountInput', {
        id,
        expectedVersion: 0,
        displayName: 'x',
        role: 'OFFICER',
        authorityCode: '14401060000',
      });
      expect(stale).toMatchObject({ code: 'STALE_VERSION', currentVersion: 1 });
      const token = (await signIn('hz.officer3', 'Officer2026')).token;
      const viewer = await server.gql('{ viewer { authority { code } } }', {}, token);
      expect(viewer.data?.viewer.authority.code).toBe('14401060000');
    });

    it('concurrent edits with one version: one wins; every loser is told the version stored, not a guess', async () => {
      const created = await mutate('createUserAccount', 'CreateUserAccountInput', {
        username: 'hz.officer4',
        displayName: '海珠四号',
        role: 'OFFICER',
        authorityCode: '14401050000',
        password: 'Officer2026',
      });
      const id = created.credentials.account.id;
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          mutate('updateUserAccount', 'UpdateUserAccountInput', {
            id,
            expectedVersion: 0,
            displayName: `海珠四号 ${index}`,
            role: 'OFFICER',
            authorityCode: '14401050000',
          }),
        ),
      );
      const winners = results.filter((result) => result.account);
      expect(winners).toHaveLength(1);
      for (const loser of results.filter((result) => !result.account)) {
        expect(loser).toMatchObject({ code: 'STALE_VERSION', currentVersion: 1 });
      }
    });

    it('disabling ends sessions and sign-in; enabling restores sign-in; a reset password replaces the old one', async () => {
      const db = server.running.app.db;
      const user = await db.user.findUniqueOrThrow({ where: { username: 'ny.clerk' } });
      const session = await server.signIn('ny.clerk');
      const disabled = await mutate('setUserAccountDisabled', 'SetUserAccountDisabledInput', {
        id: accountId(user.id),
        disabled: true,
        expectedVersion: user.version,
      });
      expect(disabled.account.disabled).toBe(true);
      const after = await server.gql('{ viewer { accountId } }', {}, session);
      expect(after.data?.viewer ?? null).toBeNull();
      expect((await signIn('ny.clerk', DEMO_PASSWORD)).code).toBe('UNAUTHENTICATED');
      await mutate('setUserAccountDisabled', 'SetUserAccountDisabledInput', {
        id: accountId(user.id),
        disabled: false,
        expectedVersion: disabled.account.version,
      });
      const token = (await signIn('ny.clerk', DEMO_PASSWORD)).token;
      expect(token).toBeTruthy();

      const reset = await mutate('resetUserPassword', 'ResetUserPasswordInput', { id: accountId(user.id) });
      const temporary = reset.credentials.temporaryPassword;
      expect(temporary).toBeTruthy();
      expect((await server.gql('{ viewer { accountId } }', {}, token)).data?.viewer ?? null).toBeNull();
      expect((await signIn('ny.clerk', DEMO_PASSWORD)).code).toBe('UNAUTHENTICATED');
      expect((await signIn('ny.clerk', temporary)).__typename).toBe('SignInSuccess');
      const weak = await mutate('resetUserPassword', 'ResetUserPasswordInput', {
        id: accountId(user.id),
        newPassword: 'short',
      });
      expect(weak.issues[0].field).toBe('newPassword');
      const given = await mutate('resetUserPassword', 'ResetUserPasswordInput', {
        id: accountId(user.id),
        newPassword: DEMO_PASSWORD,
      });
      expect(given.credentials.temporaryPassword).toBeNull();
      expect((await auditOf('ADMIN_USER', user.id)).map((e) => e.event)).toEqual([
        'disableUserAccount',
        'enableUserAccount',
        'resetUserPassword',
        'resetUserPassword',
      ]);
      await chainIntact('ADMIN_USER', user.id);
    });

    it('never disables or demotes yourself', async () => {
      const me = await server.running.app.db.user.findUniqueOrThrow({ where: { username: 'platform.admin' } });
      const disable = await mutate('setUserAccountDisabled', 'SetUserAccountDisabledInput', {
        id: accountId(me.id),
        disabled: true,
        expectedVersion: me.version,
      });
      expect(disable.code).toBe('ADMIN_SELF_PROTECTION');
      const demote = await mutate('updateUserAccount', 'UpdateUserAccountInput', {
        id: accountId(me.id),
        expectedVersion: me.version,
        displayName: '平台管理员',
        role: 'OFFICER',
        authorityCode: GUANGDONG,
      });
      expect(demote.code).toBe('ADMIN_SELF_PROTECTION');
    });

    it('lists accounts by role and search', async () => {
      const list = await server.gql(
        '{ userAccounts(first: 50, role: OFFICER, search: "th.") { totalCount edges { node { username role authority { code } } } } }',
        {},
        admin,
      );
      const names = list.data?.userAccounts.edges.map((e: { node: { username: string } }) => e.node.username);
      expect(names).toEqual(expect.arrayContaining(['th.officer1', 'th.officer2']));
      expect(names.every((n: string) => n.startsWith('th.'))).toBe(true);
    });
  });
});
