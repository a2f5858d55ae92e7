import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnterprise, upload } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

const SUB_PAYLOAD =
  '__typename ... on CapabilitySubscriptionSuccess { capabilitySubscription { id version status statusLabel } } ... on Error { code message } ... on ValidationError { issues { field code } }';

describe(`capabilities 能力 (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  async function activeDcu() {
    const dcu = await createEnterprise(server, { identityType: 'LEGAL_REPRESENTATIVE' });
    await server.running.app.db.enterprise.update({ where: { id: dcu.id }, data: { dcuStatus: 'ACTIVE' } });
    return dcu;
  }

  const apply = async (token: string, overrides: Record<string, unknown> = {}) =>
    (
      await server.gql(
        `mutation($input: ApplyCapabilitySubscriptionInput!) { applyCapabilitySubscription(input: $input) { ${SUB_PAYLOAD} } }`,
        {
          input: {
            capabilityCodes: ['202007', '203059'],
            validUntil: '2031-06-30T00:00:00.000Z',
            businessSystemName: '财务中台',
            dailyVolumes: [
              { capabilityCode: '202007', volume: 99999 },
              { capabilityCode: '203059', volume: 10 },
            ],
            businessScope: '开票与查验',
            ...overrides,
          },
        },
        token,
      )
    ).data?.applyCapabilitySubscription;

  const usability = async (token: string, code: string) =>
    (
      await server.gql(
        'query($c: String!) { capabilityUsability(capabilityCode: $c) { usable reason } }',
        { c: code },
        token,
      )
    ).data?.capabilityUsability;

  it('validates the application: public or unknown capabilities, volumes 1–99999, validity in the future, required texts', async () => {
    const dcu = await activeDcu();
    const bad = await apply(dcu.token, {
      capabilityCodes: ['100010', '999999', '202007'],
      validUntil: '2020-01-01T00:00:00.000Z',
      businessSystemName: ' ',
      dailyVolumes: [{ capabilityCode: '202007', volume: 100000 }],
      businessScope: '',
    });
    expect(bad.code).toBe('VALIDATION_FAILED');
    expect(bad.issues.map((issue: { field: string; code: string }) => `${issue.field}:${issue.code}`).sort()).toEqual(
      [
        'businessScope:REQUIRED',
        'businessSystemName:REQUIRED',
        'capabilityCodes.0:INVALID_FORMAT',
        'capabilityCodes.1:INVALID_FORMAT',
        'dailyVolumes.0:REQUIRED',
        'dailyVolumes.1:REQUIRED',
        'dailyVolumes.2:OUT_OF_RANGE',
        'validUntil:OUT_OF_RANGE',
      ].sort(),
    );
    const notDcu = await createEnterprise(server);
    expect((await apply(notDcu.token)).code).toBe('DCU_NOT_ACTIVE');
  });

  it('approval by the competent officer authorises the DCU itself; the rejection needs a reason; other authorities cannot decide', async () => {
    const dcu = await activeDcu();
    const applied = (await apply(dcu.token)).capabilitySubscription;
    expect(applied.statusLabel).toBe('待审核');
    const decide = async (mutation: string, user: string, reason?: string) =>
      (
        await server.gql(
          `mutation($input: ${reason === undefined ? 'CaseVersionInput' : 'CaseDecisionWithReasonInput'}!) { ${mutation}(input: $input) { ${SUB_PAYLOAD} } }`,
          { input: { id: applied.id, expectedVersion: applied.version, ...(reason === undefined ? {} : { reason }) } },
          await server.signIn(user),
        )
      ).data?.[mutation];
    expect((await decide('approveCapabilitySubscription', 'pd.officer1')).code).toBe('NOT_JURISDICTION');
    expect((await decide('approveCapabilitySubscription', 'gd.confirmer')).code).toBe('NOT_JURISDICTION');
    expect((await decide('rejectCapabilitySubscription', 'th.officer1', '  ')).code).toBe('REASON_REQUIRED');
    expect((await usability(dcu.token, '202007')).usable).toBe(false);
    const approved = await decide('approveCapabilitySubscription', 'th.officer2');
    expect(approved.capabilitySubscription.status).toBe('APPROVED');
    expect(await usability(dcu.token, '202007')).toEqual({ usable: true, reason: null });
    expect((await usability(dcu.token, '203065')).usable).toBe(false);
    const codes = (await server.gql('{ subscribedCapabilityCodes }', {}, dcu.token)).data?.subscribedCapabilityCodes;
    expect(codes).toEqual(expect.arrayContaining(['100010', '202007', '203059']));
    const authorisations = (
      await server.gql(
        '{ capabilityAuthorisations { edges { node { capabilityCode status holder { uscc } validTo } } } }',
        {},
        dcu.token,
      )
    ).data?.capabilityAuthorisations.edges.map((edge: { node: unknown }) => edge.node);
    expect(authorisations.map((row: { capabilityCode: string }) => row.capabilityCode).sort()).toEqual([
      '202007',
      '203059',
    ]);
    expect(authorisations[0].holder.uscc).toBe(dcu.uscc);

    // once the exit is submitted, capability use is refused with the reason
    const form = (await upload(server, dcu.token, 'EXIT_APPLICATION_FORM')).material.id;
    const exit = await server.gql(
      'mutation($ids: [ID!]!) { submitExitApplication(input: {materialIds: $ids}) { __typename } }',
      { ids: [form] },
      dcu.token,
    );
    expect(exit.data?.submitExitApplication.__typename).toBe('ExitApplicationSuccess');
    const refused = await usability(dcu.token, '202007');
    expect(refused.usable).toBe(false);
    expect(refused.reason).toContain('退出中');
  });

  it('bound use units may use what they were authorised while their DCU is ACTIVE', async () => {
    const slgz = await server.signIn('slgz.clerk');
    expect(await usability(slgz, '202007')).toEqual({ usable: true, reason: null });
    expect((await usability(slgz, '203059')).usable).toBe(false);
  });

  it('the platform admin keeps the catalogue (audited); nobody else may', async () => {
    const save = async (user: string, input: Record<string, unknown>) =>
      (
        await server.gql(
          'mutation($input: SaveCapabilityInput!) { saveCapability(input: $input) { __typename ... on SaveCapabilitySuccess { capability { code name isPublic enabled } } ... on Error { code } ... on ValidationError { issues { field code } } } }',
          { input },
          await server.signIn(user),
        )
      ).data?.saveCapability;
    expect(
      (await save('th.officer1', { code: '209001', name: '数电发票下载能力', isPublic: false, enabled: true })).code,
    ).toBe('FORBIDDEN');
    expect(
      (await save('platform.admin', { code: '20A', name: '', isPublic: false, enabled: true })).issues,
    ).toHaveLength(2);
    const created = await save('platform.admin', {
      code: '209001',
      name: '数电发票下载能力',
      isPublic: false,
      enabled: true,
    });
    expect(created.capability).toEqual({ code: '209001', name: '数电发票下载能力', isPublic: false, enabled: true });
    await save('platform.admin', { code: '209001', name: '数电发票下载能力', isPublic: false, enabled: false });
    const listed = (
      await server.gql('{ capabilities { code } }', {}, await server.signIn('sl.clerk'))
    ).data?.capabilities.map((c: { code: string }) => c.code);
    expect(listed).not.toContain('209001');
    const audit = await server.running.app.db.auditEvent.findMany({
      where: { caseKind: 'CAPABILITY', caseId: '209001' },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((event) => event.event)).toEqual(['createCapability', 'updateCapability']);
  });
});
