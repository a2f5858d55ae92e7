// 授权能力 to an already-bound use unit: the DCU grants subscribed capabilities to a use unit of an ACTIVE binding,
// valid today → 2099-01-01 by default, audited on the binding's invitation; typed refusals in Chinese and English
// (not bound, not subscribed, already held, DCU exiting); only the binding's DCU may grant — not the use unit,
// not another company's DCU.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { createDcu, createToken, invitationIn, type Party, readInvitation } from './invitation.fixtures.ts';

const AUTHORISE = `mutation($input: AuthoriseCapabilitiesInput!) { authoriseCapabilities(input: $input) { __typename
  ... on AuthoriseCapabilitiesSuccess { authorisations { capabilityCode status validFrom validTo holder { uscc } } }
  ... on Error { code message } ... on ValidationError { issues { field code message } } } }`;
/** the database id of a Relay global ID */
const rawId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1] ?? '';
const BINDING = `query($id: ID!) { node(id: $id) { ... on Binding { status authorisableCapabilityCodes
  authorisations { capabilityCode status } } } }`;

describe(`授权能力 to a bound use unit (${databaseKind()})`, () => {
  let server: TestServer;
  let dcu: Party;
  beforeAll(async () => {
    server = await startTestServer();
    dcu = await createDcu(server);
  }, 120_000);
  afterAll(async () => server?.close());

  async function bound(owner: Party = dcu) {
    const walked = await invitationIn(server, 'CONFIRMED', { dcu: owner });
    const invitation = await readInvitation(server, owner.token, walked.id);
    return { ...walked, bindingId: invitation.binding.id as string };
  }

  const grant = (token: string, bindingId: string, capabilityCodes: string[], extra: object = {}) =>
    server
      .gql(AUTHORISE, { input: { bindingId, capabilityCodes, ...extra } }, token)
      .then((answer) => answer.data?.authoriseCapabilities);

  it('grants a subscribed capability, valid today → 2099-01-01, audited and listed on the binding', async () => {
    const one = await bound();
    const before = (await server.gql(BINDING, { id: one.bindingId }, dcu.token)).data?.node;
    expect(before.authorisations).toEqual([{ capabilityCode: '202007', status: 'ACTIVE' }]); // pre-authorised
    expect(before.authorisableCapabilityCodes).toContain('203059');
    expect(before.authorisableCapabilityCodes).not.toContain('202007');
    const granted = await grant(dcu.token, one.bindingId, ['203059']);
    expect(granted.__typename, JSON.stringify(granted)).toBe('AuthoriseCapabilitiesSuccess');
    expect(granted.authorisations).toHaveLength(1);
    const [authorisation] = granted.authorisations;
    expect(authorisation).toMatchObject({
      capabilityCode: '203059',
      status: 'ACTIVE',
      holder: { uscc: one.useUnit.uscc },
    });
    expect(authorisation.validFrom.slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
    expect(authorisation.validTo.slice(0, 10)).toBe('2099-01-01');
    const after = (await server.gql(BINDING, { id: one.bindingId }, dcu.token)).data?.node;
    expect(after.authorisations.map((a: any) => a.capabilityCode).sort()).toEqual(['202007', '203059']);
    expect(after.authorisableCapabilityCodes).not.toContain('203059');
    // the use unit sees it too, and reads the grant in the invitation's trail
    const held = await server.gql(
      '{ capabilityAuthorisations { edges { node { capabilityCode status } } } }',
      {},
      one.useUnit.token,
    );
    expect(JSON.stringify(held.data)).toContain('203059');
    const trail = await readInvitation(server, one.useUnit.token, one.id);
    expect(trail.auditTrail.at(-1)).toMatchObject({ event: 'authoriseCapabilities', actorName: expect.any(String) });
    expect(trail.status).toBe('CONFIRMED');
    // the use unit itself may not grant, and sees nothing to grant
    const self = await grant(one.useUnit.token, one.bindingId, ['100010']);
    expect(self.code).toBe('FORBIDDEN');
    const asUseUnit = (await server.gql(BINDING, { id: one.bindingId }, one.useUnit.token)).data?.node;
    expect(asUseUnit.authorisableCapabilityCodes).toEqual([]);
  });

  it('refuses, typed and in Chinese or English: not subscribed, already held, custom validity checked', async () => {
    const one = await bound();
    const unsubscribed = await grant(dcu.token, one.bindingId, ['203059', '999999']);
    expect(unsubscribed.__typename).toBe('ValidationError');
    expect(unsubscribed.issues).toEqual([
      { field: 'capabilityCodes.1', code: 'CAPABILITY_NOT_SUBSCRIBED', message: '本单位未订阅能力 999999，不能授权' },
    ]);
    const twice = await grant(dcu.token, one.bindingId, ['202007']);
    expect(twice).toMatchObject({
      code: 'DUPLICATE',
      message: '该使用单位已获授权且在有效期内的能力不能重复授权：202007',
    });
    const english = await server.gql(
      AUTHORISE,
      { input: { bindingId: one.bindingId, capabilityCodes: ['202007'] } },
      dcu.token,
      { 'accept-language': 'en' },
    );
    expect(english.data?.authoriseCapabilities.message).toBe(
      'The use unit already holds an active authorisation of: 202007',
    );
    const backwards = await grant(dcu.token, one.bindingId, ['203059'], {
      validFrom: '2030-01-01T00:00:00.000Z',
      validTo: '2029-01-01T00:00:00.000Z',
    });
    expect(backwards.issues.map((issue: any) => issue.field)).toEqual(['validTo']);
    const chosen = await grant(dcu.token, one.bindingId, ['203059'], { validTo: '2030-06-30T00:00:00.000Z' });
    expect(chosen.authorisations[0].validTo.slice(0, 10)).toBe('2030-06-30');
    // nothing was written by the refusals
    const rows = await server.running.app.db.capabilityAuthorisation.findMany({
      where: { bindingId: rawId(one.bindingId) },
    });
    expect(rows.map((row) => row.capabilityCode).sort()).toEqual(['202007', '203059']);
  });

  it('refuses once unbound (not bound) and while the DCU is exiting', async () => {
    const one = await bound();
    const unbound = await server.gql(
      'mutation($input: UnbindUseUnitsInput!) { unbindUseUnits(input: $input) { __typename } }',
      { input: { bindingIds: [one.bindingId] } },
      dcu.token,
    );
    expect(unbound.data?.unbindUseUnits.__typename).toBe('UnbindUseUnitsSuccess');
    const notBound = await grant(dcu.token, one.bindingId, ['203059']);
    expect(notBound).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: '该使用单位未与本单位绑定（或已解除绑定），不能授权能力',
    });
    const exiting = await createDcu(server);
    const other = await bound(exiting);
    await server.running.app.db.enterprise.update({ where: { id: exiting.id }, data: { dcuStatus: 'EXITING' } });
    expect((await grant(exiting.token, other.bindingId, ['203059'])).code).toBe('DCU_NOT_ACTIVE');
    const node = (await server.gql(BINDING, { id: other.bindingId }, exiting.token)).data?.node;
    expect(node.authorisableCapabilityCodes).toEqual([]);
  });

  it("another company's DCU cannot grant to a unit it is not bound to; the DCU's API token can", async () => {
    const one = await bound();
    const stranger = await createDcu(server);
    const refused = await grant(stranger.token, one.bindingId, ['203059']);
    expect(refused).toMatchObject({ code: 'NOT_FOUND' });
    const officer = await grant(await server.signIn('th.officer1'), one.bindingId, ['203059']);
    expect(officer.code).toBe('FORBIDDEN');
    const anonymous = await grant('', one.bindingId, ['203059']);
    expect(anonymous.code).toBe('UNAUTHENTICATED');
    const apiToken = (await createToken(server, dcu.token)).token as string;
    const viaApi = await grant(apiToken, one.bindingId, ['203059']);
    expect(viaApi.__typename, JSON.stringify(viaApi)).toBe('AuthoriseCapabilitiesSuccess');
    const audit = await server.running.app.db.auditEvent.findMany({
      where: { caseId: rawId(one.id), event: 'authoriseCapabilities' },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.payload).toMatchObject({ bindingId: rawId(one.bindingId), capabilityCodes: ['203059'] });
  });

  it('two concurrent grants of the same capability: one succeeds, the other is DUPLICATE', async () => {
    const one = await bound();
    const answers = await Promise.all([
      grant(dcu.token, one.bindingId, ['203059']),
      grant(dcu.token, one.bindingId, ['203059']),
    ]);
    expect(answers.map((answer) => answer.__typename === 'AuthoriseCapabilitiesSuccess' || answer.code).sort()).toEqual(
      ['DUPLICATE', true].sort() as never,
    );
  });
});
