import { exitApplicationWorkflow } from '@leqi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnterprise, type FreshEnterprise, rawId, upload } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

const EXIT_FIELDS = 'id version status statusLabel lastReason auditTrail { event reason }';
const EXIT_PAYLOAD = `__typename ... on ExitApplicationSuccess { exitApplication { ${EXIT_FIELDS} } } ... on Error { code message } ... on ValidationError { issues { field code } } ... on StaleVersionError { currentVersion }`;
const SUB_PAYLOAD = `__typename ... on CapabilitySubscriptionSuccess { capabilitySubscription { id version status } } ... on Error { code message } ... on ValidationError { issues { field code } }`;

const BUREAU: Record<string, [string, boolean]> = {
  accept: ['acceptExitApplication', false],
  refuse: ['refuseExitApplication', true],
  approveReview: ['approveExitApplicationReview', false],
  rejectReview: ['rejectExitApplicationReview', true],
  confirm: ['confirmExitApplication', false],
  rejectConfirmation: ['rejectExitApplicationConfirmation', true],
};

describe(`exit workflow 退出乐企 (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  /** A fresh ACTIVE DCU of 天河 whose legal representative can sign in. */
  async function activeDcu(): Promise<FreshEnterprise> {
    const dcu = await createEnterprise(server, { identityType: 'LEGAL_REPRESENTATIVE' });
    await server.running.app.db.enterprise.update({ where: { id: dcu.id }, data: { dcuStatus: 'ACTIVE' } });
    return dcu;
  }

  async function submitExit(token: string, withForm = true) {
    const materialIds = withForm ? [(await upload(server, token, 'EXIT_APPLICATION_FORM')).material.id] : [];
    const result = await server.gql(
      `mutation($ids: [ID!]!) { submitExitApplication(input: {materialIds: $ids}) { ${EXIT_PAYLOAD} } }`,
      { ids: materialIds },
      token,
    );
    return result.data?.submitExitApplication;
  }

  async function decide(event: string, user: string, id: string, version: number) {
    const [mutation, withReason] = BUREAU[event] as [string, boolean];
    const result = await server.gql(
      `mutation($input: ${withReason ? 'CaseDecisionWithReasonInput' : 'CaseVersionInput'}!) { ${mutation}(input: $input) { ${EXIT_PAYLOAD} } }`,
      { input: { id, expectedVersion: version, ...(withReason ? { reason: `${event} 原因` } : {}) } },
      await server.signIn(user),
    );
    return result.data?.[mutation];
  }

  async function applySubscription(token: string) {
    const result = await server.gql(
      `mutation($input: ApplyCapabilitySubscriptionInput!) { applyCapabilitySubscription(input: $input) { ${SUB_PAYLOAD} } }`,
      {
        input: {
          capabilityCodes: ['202007'],
          validUntil: '2030-12-31T00:00:00.000Z',
          businessSystemName: '财务中台',
          dailyVolumes: [{ capabilityCode: '202007', volume: 5000 }],
          businessScope: '开具发票',
        },
      },
      token,
    );
    return result.data?.applyCapabilitySubscription;
  }

  const dcuStatus = async (id: string) =>
    (await server.running.app.db.enterprise.findUniqueOrThrow({ where: { id } })).dcuStatus;

  it('the smart check tells a bound DCU how many use units remain, and only 法定代表人/财务负责人 may exit', async () => {
    const clerk = await server.signIn('sl.clerk');
    const clerkCheck = await server.gql('{ exitPrecheck { canExit activeBindingCount identityAllowed } }', {}, clerk);
    expect(clerkCheck.data?.exitPrecheck).toEqual({ canExit: false, activeBindingCount: 2, identityAllowed: false });
    expect((await submitExit(clerk)).code).toBe('IDENTITY_NOT_ALLOWED');

    const legal = await server.signIn('sl.legal');
    const legalCheck = await server.gql('{ exitPrecheck { canExit activeBindingCount identityAllowed } }', {}, legal);
    expect(legalCheck.data?.exitPrecheck).toEqual({ canExit: false, activeBindingCount: 2, identityAllowed: true });
    const blocked = await submitExit(legal);
    expect(blocked.code).toBe('EXIT_BLOCKED');
    expect(blocked.message).toContain('2');
  });

  it('refuses a submission without the signed 直连单位退出申请表 and leaves the DCU ACTIVE', async () => {
    const dcu = await activeDcu();
    const result = await submitExit(dcu.token, false);
    expect(result.code).toBe('MATERIALS_MISSING');
    expect(await dcuStatus(dcu.id)).toBe('ACTIVE');
    expect(await server.running.app.db.exitApplication.count({ where: { enterpriseId: dcu.id } })).toBe(0);
  });

  it('submitting makes the DCU EXITING and cancels in-flight subscription applications in the same transaction', async () => {
    const dcu = await activeDcu();
    const pending = await applySubscription(dcu.token);
    expect(pending.capabilitySubscription.status).toBe('PENDING_APPROVAL');
    const submitted = await submitExit(dcu.token);
    expect(submitted.exitApplication.status).toBe('PENDING_ACCEPTANCE');
    expect(await dcuStatus(dcu.id)).toBe('EXITING');
    const subscription = await server.running.app.db.capabilitySubscription.findUniqueOrThrow({
      where: { id: rawId(pending.capabilitySubscription.id) },
    });
    expect(subscription.status).toBe('CANCELLED');
    expect(subscription.lastReason).toContain('退出申请');
    // from now on: no new subscriptions, no second exit
    expect((await applySubscription(dcu.token)).code).toBe('DCU_NOT_ACTIVE');
    expect((await submitExit(dcu.token)).code).toBe('DCU_NOT_ACTIVE');
  });

  it('a cascade that fails midway leaves nothing half-done', async () => {
    const dcu = await activeDcu();
    await applySubscription(dcu.token);
    const db = server.running.app.db;
    // a real failure inside the transaction: the database refuses the subscription update
    await db.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION leqi_test_refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql`,
    );
    await db.$executeRawUnsafe(
      `CREATE TRIGGER leqi_test_refuse BEFORE UPDATE ON "CapabilitySubscription" FOR EACH ROW WHEN (NEW."status" = 'CANCELLED') EXECUTE FUNCTION leqi_test_refuse()`,
    );
    try {
      const form = (await upload(server, dcu.token, 'EXIT_APPLICATION_FORM')).material.id;
      const response = await server.gql(
        `mutation($ids: [ID!]!) { submitExitApplication(input: {materialIds: $ids}) { __typename } }`,
        { ids: [form] },
        dcu.token,
      );
      expect(response.errors?.length).toBeGreaterThan(0);
    } finally {
      await db.$executeRawUnsafe('DROP TRIGGER leqi_test_refuse ON "CapabilitySubscription"');
    }
    expect(await dcuStatus(dcu.id)).toBe('ACTIVE');
    expect(await db.exitApplication.count({ where: { enterpriseId: dcu.id } })).toBe(0);
    expect(
      await db.capabilitySubscription.count({ where: { dcuEnterpriseId: dcu.id, status: 'PENDING_APPROVAL' } }),
    ).toBe(1);
    expect(await db.auditEvent.count({ where: { caseKind: 'EXIT_APPLICATION', enterpriseId: dcu.id } })).toBe(0);
  });

  it('confirmation cancels subscriptions and authorisations and marks the DCU EXITED; it may apply for access again', async () => {
    const dcu = await activeDcu();
    const applied = await applySubscription(dcu.token);
    const approved = await server.gql(
      `mutation($input: CaseVersionInput!) { approveCapabilitySubscription(input: $input) { ${SUB_PAYLOAD} } }`,
      { input: { id: applied.capabilitySubscription.id, expectedVersion: applied.capabilitySubscription.version } },
      await server.signIn('th.officer1'),
    );
    expect(approved.data?.approveCapabilitySubscription.capabilitySubscription.status).toBe('APPROVED');
    const db = server.running.app.db;
    await db.capabilityAuthorisation.create({
      data: {
        dcuEnterpriseId: dcu.id,
        holderEnterpriseId: dcu.id,
        capabilityCode: '202007',
        validTo: new Date('2099-01-01'),
      },
    });

    let exit = (await submitExit(dcu.token)).exitApplication;
    exit = (await decide('accept', 'th.officer1', exit.id, exit.version)).exitApplication;
    expect((await decide('approveReview', 'th.officer1', exit.id, exit.version)).code).toBe('FOUR_EYES');
    expect((await decide('confirm', 'sh.confirmer', exit.id, exit.version)).code).toBe('NOT_JURISDICTION');
    exit = (await decide('approveReview', 'th.officer2', exit.id, exit.version)).exitApplication;
    const stale = await decide('confirm', 'gd.confirmer', exit.id, exit.version - 1);
    expect(stale).toMatchObject({ __typename: 'StaleVersionError', currentVersion: exit.version });
    exit = (await decide('confirm', 'gd.confirmer', exit.id, exit.version)).exitApplication;
    expect(exit.status).toBe('CONFIRMED');
    expect(exit.statusLabel).toBe('确认通过');

    expect(await dcuStatus(dcu.id)).toBe('EXITED');
    const exited = await db.enterprise.findUniqueOrThrow({ where: { id: dcu.id } });
    expect([exited.leqiId, exited.dcuExpiresAt]).toEqual([null, null]);
    expect(await db.capabilitySubscription.count({ where: { dcuEnterpriseId: dcu.id, status: 'APPROVED' } })).toBe(0);
    expect(await db.capabilitySubscription.count({ where: { dcuEnterpriseId: dcu.id, status: 'REVOKED' } })).toBe(1);
    expect(await db.capabilityAuthorisation.count({ where: { dcuEnterpriseId: dcu.id, status: 'ACTIVE' } })).toBe(0);

    const draft = await server.gql(
      'mutation { saveAccessApplicationDraft(input: {claimsLivelihood: false, unitInfoConfirmed: true}) { __typename ... on AccessApplicationSuccess { accessApplication { status } } ... on Error { code } } }',
      {},
      dcu.token,
    );
    expect(draft.data?.saveAccessApplicationDraft.accessApplication.status).toBe('DRAFT');
  });

  it.each(['refuse', 'rejectReview', 'rejectConfirmation'])(
    'after %s the DCU is ACTIVE again and may apply to exit again',
    async (rejection) => {
      const dcu = await activeDcu();
      let exit = (await submitExit(dcu.token)).exitApplication;
      const path: [string, string][] = {
        refuse: [],
        rejectReview: [['accept', 'th.officer1']],
        rejectConfirmation: [
          ['accept', 'th.officer1'],
          ['approveReview', 'th.officer2'],
        ],
      }[rejection] as [string, string][];
      for (const [event, user] of path) exit = (await decide(event, user, exit.id, exit.version)).exitApplication;
      const decider =
        rejection === 'rejectConfirmation'
          ? 'gd.confirmer'
          : rejection === 'rejectReview'
            ? 'th.officer2'
            : 'th.officer1';
      const rejected = (await decide(rejection, decider, exit.id, exit.version)).exitApplication;
      expect(rejected.status).toBe(exitApplicationWorkflow.transitions.find((rule) => rule.event === rejection)?.to);
      expect(rejected.lastReason).toBe(`${rejection} 原因`);
      expect(await dcuStatus(dcu.id)).toBe('ACTIVE');
      expect((await submitExit(dcu.token)).exitApplication.status).toBe('PENDING_ACCEPTANCE');
    },
  );

  it("exit applications appear in the officers' queues of their jurisdiction only", async () => {
    const dcu = await activeDcu();
    await submitExit(dcu.token);
    const queue = async (user: string) =>
      (
        await server.gql(
          '{ reviewQueue(kind: EXIT_APPLICATION, step: ACCEPTANCE, first: 100) { edges { node { enterprise { uscc } } } } }',
          {},
          await server.signIn(user),
        )
      ).data?.reviewQueue.edges.map((edge: any) => edge.node.enterprise.uscc);
    expect(await queue('th.officer1')).toContain(dcu.uscc);
    expect(await queue('pd.officer1')).not.toContain(dcu.uscc);
  });
});

describe('直连单位退出申请表 download', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it('is a filled-in workbook for the enterprise user it was signed for, and refused when tampered', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const legal = await server.signIn('sl.legal');
    const url = (await server.gql('{ exitApplicationFormUrl }', {}, legal)).data?.exitApplicationFormUrl as string;
    const response = await fetch(`${server.url}${url}`);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('直连单位退出申请表');
    const values = sheet?.getSheetValues().flat().map(String) ?? [];
    expect(values).toContain('上海申联数据服务有限公司');
    expect(values).toContain('913100005432319483');
    expect((await fetch(`${server.url}${url.replace(/s=[^&]+/, 's=forged')}`)).status).toBe(403);
    const officer = await server.signIn('pd.officer1');
    expect((await server.gql('{ exitApplicationFormUrl }', {}, officer)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
  });
});
