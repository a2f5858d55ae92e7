// What an enterprise's viewer may do, as the server tells the web: Binding.availableActions (解除绑定 by either side),
// Invitation.mayReplaceProof (变更关系证明材料), Enterprise.mayApplyForExit (申请退出), mayStartAccessApplication (我要申请),
// mayInviteUseUnits (邀请使用单位) and maySubscribeCapabilities (能力订阅).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseIn, createEnterprise, upload } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { createDcu, createToken, invitationIn, type Party, readInvitation } from './invitation.fixtures.ts';

const BINDING = `query($id: ID!) { invitation(id: $id) { mayReplaceProof binding { status availableActions { event label needsReason } } } }`;
const UNBIND = `mutation($input: UnbindUseUnitsInput!) { unbindUseUnits(input: $input) { __typename } }`;
const MAY_EXIT = '{ viewer { enterprise { dcuStatus mayApplyForExit } } }';
const MAY = '{ viewer { enterprise { mayStartAccessApplication mayInviteUseUnits maySubscribeCapabilities } } }';

describe(`the enterprise's available actions (${databaseKind()})`, () => {
  let server: TestServer;
  let dcu: Party;
  beforeAll(async () => {
    server = await startTestServer();
    dcu = await createDcu(server);
  });
  afterAll(async () => server?.close());

  const bindingOf = async (token: string, id: string) =>
    (await server.gql(BINDING, { id }, token)).data?.invitation as {
      mayReplaceProof: boolean;
      binding: { status: string; availableActions: { event: string; label: string; needsReason: boolean }[] } | null;
    };

  it('a binding offers unbinding to each side by its own event, and nothing once unbound', async () => {
    const one = await invitationIn(server, 'CONFIRMED', { dcu });
    const asDcu = await bindingOf(dcu.token, one.id);
    expect(asDcu.binding?.availableActions).toEqual([
      { event: 'unbindByDirectUnit', label: '解除绑定', needsReason: false },
    ]);
    const token = (await createToken(server, dcu.token)).token;
    expect((await bindingOf(token, one.id)).binding?.availableActions.map((a) => a.event)).toEqual([
      'unbindByDirectUnit',
    ]);
    const asUseUnit = await bindingOf(one.useUnit.token, one.id);
    expect(asUseUnit.binding?.availableActions.map((a) => a.event)).toEqual(['unbindByUseUnit']);

    const { id: bindingId } = (await readInvitation(server, dcu.token, one.id)).binding;
    await server.gql(UNBIND, { input: { bindingIds: [bindingId] } }, dcu.token);
    expect((await bindingOf(dcu.token, one.id)).binding).toMatchObject({ status: 'UNBOUND', availableActions: [] });
    expect((await bindingOf(one.useUnit.token, one.id)).binding?.availableActions).toEqual([]);
  });

  it('proof replacement is offered to either side while pending or bound, never when declined or to a token', async () => {
    const pending = await invitationIn(server, 'PENDING_RESPONSE', { dcu });
    expect((await bindingOf(dcu.token, pending.id)).mayReplaceProof).toBe(true);
    const bound = await invitationIn(server, 'CONFIRMED', { dcu });
    expect((await bindingOf(dcu.token, bound.id)).mayReplaceProof).toBe(true);
    expect((await bindingOf(bound.useUnit.token, bound.id)).mayReplaceProof).toBe(true);
    const token = (await createToken(server, dcu.token)).token;
    expect((await bindingOf(token, bound.id)).mayReplaceProof).toBe(false);
    const declined = await invitationIn(server, 'DECLINED', { dcu });
    expect((await bindingOf(dcu.token, declined.id)).mayReplaceProof).toBe(false);
  });

  it('exit is offered to the legal representative of an ACTIVE DCU only, and no longer once submitted', async () => {
    const legal = await createEnterprise(server, { identityType: 'LEGAL_REPRESENTATIVE' });
    expect((await server.gql(MAY_EXIT, {}, legal.token)).data?.viewer.enterprise).toEqual({
      dcuStatus: 'NOT_CONNECTED',
      mayApplyForExit: false,
    });
    await server.running.app.db.enterprise.update({ where: { id: legal.id }, data: { dcuStatus: 'ACTIVE' } });
    expect((await server.gql(MAY_EXIT, {}, legal.token)).data?.viewer.enterprise.mayApplyForExit).toBe(true);
    // a tax clerk of an ACTIVE DCU may not exit
    expect((await server.gql(MAY_EXIT, {}, dcu.token)).data?.viewer.enterprise).toEqual({
      dcuStatus: 'ACTIVE',
      mayApplyForExit: false,
    });
    const form = (await upload(server, legal.token, 'EXIT_APPLICATION_FORM')).material.id;
    const submitted = await server.gql(
      `mutation($ids: [ID!]!) { submitExitApplication(input: {materialIds: $ids}) { __typename } }`,
      { ids: [form] },
      legal.token,
    );
    expect(submitted.data?.submitExitApplication.__typename).toBe('ExitApplicationSuccess');
    expect((await server.gql(MAY_EXIT, {}, legal.token)).data?.viewer.enterprise).toEqual({
      dcuStatus: 'EXITING',
      mayApplyForExit: false,
    });
    // nobody else may apply for this enterprise's exit
    const officer = await server.signIn('th.officer1');
    const asOfficer = await server.gql(
      'query($id: ID!) { node(id: $id) { ... on Enterprise { mayApplyForExit } } }',
      { id: Buffer.from(`Enterprise:${legal.id}`).toString('base64') },
      officer,
    );
    expect(asOfficer.data?.node?.mayApplyForExit ?? false).toBe(false);
  });

  it('starting an access application, inviting and subscribing follow the DCU status and the applications in flight', async () => {
    const may = async (token: string) => (await server.gql(MAY, {}, token)).data?.viewer.enterprise;
    const company = await createEnterprise(server);
    expect(await may(company.token)).toEqual({
      mayStartAccessApplication: true,
      mayInviteUseUnits: false,
      maySubscribeCapabilities: false,
    });
    // a draft is continued, not started again; a submitted one is in flight; after a refusal it may apply again
    for (const [status, start] of [
      ['DRAFT', false],
      ['PENDING_ACCEPTANCE', false],
      ['NOT_ACCEPTED', true],
    ] as const) {
      const applicant = (await caseIn(server, status)).owner;
      expect((await may(applicant.token))?.mayStartAccessApplication, status).toBe(start);
    }
    const officer = await server.signIn('th.officer1');

    expect(await may(dcu.token)).toEqual({
      mayStartAccessApplication: false,
      mayInviteUseUnits: true,
      maySubscribeCapabilities: true,
    });
    for (const [status, start, active] of [
      ['EXITING', false, false],
      ['EXITED', true, false],
    ] as const) {
      await server.running.app.db.enterprise.update({ where: { id: dcu.id }, data: { dcuStatus: status } });
      expect(await may(dcu.token)).toEqual({
        mayStartAccessApplication: start,
        mayInviteUseUnits: active,
        maySubscribeCapabilities: active,
      });
    }
    await server.running.app.db.enterprise.update({ where: { id: dcu.id }, data: { dcuStatus: 'ACTIVE' } });
    // an officer reading the enterprise is offered none of its operators' actions
    const asOfficer = await server.gql(
      'query($id: ID!) { node(id: $id) { ... on Enterprise { mayStartAccessApplication mayInviteUseUnits maySubscribeCapabilities } } }',
      { id: Buffer.from(`Enterprise:${dcu.id}`).toString('base64') },
      officer,
    );
    expect(Object.values(asOfficer.data?.node ?? {}).some(Boolean)).toBe(false);
  });
});
