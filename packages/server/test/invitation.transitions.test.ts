// Every invitation status × every client transition over HTTP, derived from the domain table; jurisdiction,
// four-eyes, binding and authorisations on 确认通过, the queues, and the seeded cases.
import { findTransition, INVITATION_STATUSES, type InvitationStatus, invitationWorkflow } from '@leqi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIANHE } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import {
  CLIENT_EVENTS,
  type ClientEvent,
  createDcu,
  createUseUnit,
  fire,
  HAIZHU,
  invitationIn,
  invite,
  OFFICERS,
  performerOfEvent,
  readInvitation,
  rowFor,
  uploadProof,
  type WalkedInvitation,
} from './invitation.fixtures.ts';

const wf = invitationWorkflow;

describe(`invitation transitions over HTTP (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  const shared = new Map<InvitationStatus, Promise<WalkedInvitation>>();
  const sharedCase = (status: InvitationStatus) => {
    if (!shared.has(status)) shared.set(status, invitationIn(server, status));
    return shared.get(status) as Promise<WalkedInvitation>;
  };

  async function performerToken(walked: WalkedInvitation, event: ClientEvent): Promise<string> {
    if (performerOfEvent(event) === 'USE_UNIT') return walked.useUnit.token;
    return server.signIn(walked.lastDecider === OFFICERS[0] ? OFFICERS[1] : OFFICERS[0]);
  }

  it('the seed has an invitation in every status, with its official code', async () => {
    const db = server.running.app.db;
    const rows = await db.invitation.findMany({ select: { status: true } });
    for (const status of INVITATION_STATUSES) expect(rows.map((row) => row.status)).toContain(status);
    const clerk = await server.signIn('slrj.clerk');
    const received = await server.gql(
      '{ receivedInvitations(first: 10) { totalCount edges { node { status officialStatusCode directUnit { name } availableActions { event } } } } }',
      {},
      clerk,
    );
    expect(received.data?.receivedInvitations.edges[0].node).toMatchObject({
      status: 'PENDING_RESPONSE',
      officialStatusCode: 0,
      directUnit: { name: '上海申联数据服务有限公司' },
      availableActions: [{ event: 'decline' }, { event: 'respond' }],
    });
    const sl = await server.signIn('sl.clerk');
    const sent = await server.gql(
      '{ sentInvitations(first: 100) { totalCount edges { node { status } } } bindings(status: ACTIVE) { totalCount edges { node { useUnit { name } authorisations { capabilityCode status } } } } subscribedCapabilityCodes }',
      {},
      sl,
    );
    expect(sent.errors).toBeUndefined();
    expect(new Set(sent.data?.sentInvitations.edges.map((edge: any) => edge.node.status)).size).toBe(
      INVITATION_STATUSES.length,
    );
    expect(sent.data?.bindings.totalCount).toBe(2);
    for (const edge of sent.data?.bindings.edges ?? [])
      expect(edge.node.authorisations).toEqual([{ capabilityCode: '202007', status: 'ACTIVE' }]);
    expect(sent.data?.subscribedCapabilityCodes).toEqual(['100010', '202007', '203059']);
  });

  for (const status of INVITATION_STATUSES) {
    for (const event of CLIENT_EVENTS) {
      const rule = findTransition(wf, status, event);
      const reachable = status !== 'CANCELLED' && status !== 'UNBOUND';
      if (!reachable) continue; // walked in the binding suite (unbind) and cancelled only by the exit workflow
      const title = rule ? `${status} --${event}--> ${rule.to}` : `${status} --${event}--> INVALID_TRANSITION`;
      it(title, async () => {
        const walked = rule ? await invitationIn(server, status) : await sharedCase(status);
        const token = await performerToken(walked, event);
        const result = await fire(server, token, event, walked.id, walked.version);
        if (!rule) {
          // before the use unit responds no bureau has the case: officers are outside its jurisdiction
          const neverResponded = status === 'PENDING_RESPONSE' || status === 'DECLINED';
          const expected =
            neverResponded && performerOfEvent(event) === 'LOCAL_OFFICER' ? 'NOT_JURISDICTION' : 'INVALID_TRANSITION';
          expect(result).toMatchObject({ __typename: 'BaseError', code: expected });
          const after = await readInvitation(server, walked.dcu.token, walked.id);
          expect(after).toMatchObject({ status, version: walked.version });
          return;
        }
        expect(result.__typename, JSON.stringify(result)).toBe('InvitationSuccess');
        expect(result.invitation).toMatchObject({
          status: rule.to,
          version: walked.version + 1,
          officialStatusCode: wf.statusInfo[rule.to].officialCode,
        });
        if (rule.needsReason) expect(result.invitation.lastReason).toBe(`${event} 的原因`);
        const after = await readInvitation(server, walked.dcu.token, walked.id);
        expect(after.auditTrail.at(-1)).toMatchObject({ event });
      });
    }
  }

  it('reasons are required for refuse and rejectConfirmation', async () => {
    const walked = await invitationIn(server, 'PENDING_ACCEPTANCE');
    const officer = await server.signIn(OFFICERS[0]);
    const blank = await fire(server, officer, 'refuse', walked.id, walked.version, { reason: '  ' });
    expect(blank).toMatchObject({ code: 'REASON_REQUIRED' });
  });

  it('four-eyes: the officer who accepted cannot confirm or reject; another officer can', async () => {
    const walked = await invitationIn(server, 'PENDING_CONFIRMATION');
    const accepter = await server.signIn(walked.lastDecider as string);
    for (const event of ['confirm', 'rejectConfirmation'] as const) {
      expect(await fire(server, accepter, event, walked.id, walked.version)).toMatchObject({ code: 'FOUR_EYES' });
    }
    const view = await readInvitation(server, accepter, walked.id);
    expect(view.availableActions).toEqual([]);
    expect(view.blockedReason).toBeTruthy();
    const other = await server.signIn(walked.lastDecider === OFFICERS[0] ? OFFICERS[1] : OFFICERS[0]);
    expect((await readInvitation(server, other, walked.id)).availableActions.map((a: any) => a.event)).toEqual([
      'confirm',
      'rejectConfirmation',
    ]);
    expect((await fire(server, other, 'confirm', walked.id, walked.version)).__typename).toBe('InvitationSuccess');
  });

  it('jurisdiction: another authority, a provincial officer, the DCU and other enterprises cannot decide', async () => {
    const walked = await invitationIn(server, 'PENDING_ACCEPTANCE');
    const haizhu = await server.signIn('hzq.officer1');
    expect(await fire(server, haizhu, 'accept', walked.id, walked.version)).toMatchObject({ code: 'NOT_JURISDICTION' });
    const province = await server.signIn('gd.confirmer');
    expect(await fire(server, province, 'accept', walked.id, walked.version)).toMatchObject({
      code: 'NOT_JURISDICTION',
    });
    expect(await fire(server, walked.dcu.token, 'accept', walked.id, walked.version)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await fire(server, walked.useUnit.token, 'refuse', walked.id, walked.version)).toMatchObject({
      code: 'FORBIDDEN',
    });
    const pending = await invitationIn(server, 'PENDING_RESPONSE');
    expect(await fire(server, pending.dcu.token, 'respond', pending.id, 0)).toMatchObject({ code: 'FORBIDDEN' });
    const stranger = await createUseUnit(server);
    expect(await fire(server, stranger.token, 'decline', pending.id, 0)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await readInvitation(server, stranger.token, pending.id)).toBeNull();
    expect(await readInvitation(server, haizhu, walked.id)).toBeNull();
    expect(await readInvitation(server, province, walked.id)).not.toBeNull();
    expect(await fire(server, undefined, 'decline', pending.id, 0)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await readInvitation(server, pending.dcu.token, pending.id)).status).toBe('PENDING_RESPONSE');
  });

  it('a stale expectedVersion is refused with the current version', async () => {
    const walked = await invitationIn(server, 'PENDING_RESPONSE');
    const result = await fire(server, walked.useUnit.token, 'decline', walked.id, 5);
    expect(result).toMatchObject({ __typename: 'StaleVersionError', currentVersion: 0 });
  });

  it('respond: the registered competent authority decides; naming another one is refused (issue 13, finding 8)', async () => {
    // a use unit registered with 海珠 names 天河, as in the report
    const dcu = await createDcu(server);
    const useUnit = await createUseUnit(server, { authority: HAIZHU });
    const ofTianhe = await createUseUnit(server);
    const proof = await uploadProof(server, dcu.token);
    const invited = await invite(server, dcu.token, [rowFor(useUnit), rowFor(ofTianhe)], {
      proofMaterialIds: [proof],
    });
    const [first] = invited.succeeded;
    const raw = (code: string, headers?: Record<string, string>) =>
      server.gql(
        `mutation { respondToInvitation(input: {id: "${first.id}", expectedVersion: 0, competentAuthorityCode: "${code}", relationship: PARENT_SUBSIDIARY}) {
          __typename ... on Error { code message } ... on ValidationError { issues { field code message } } } }`,
        {},
        useUnit.token,
        headers,
      );
    const chosen = await raw('14401060000');
    expect(chosen.data?.respondToInvitation).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: expect.any(String),
      issues: [
        {
          field: 'competentAuthorityCode',
          code: 'NOT_REGISTERED_AUTHORITY',
          message: '主管税务机关以登记信息为准（14401050000），不能另选',
        },
      ],
    });
    const english = await raw('14401060000', { 'accept-language': 'en' });
    expect(english.data?.respondToInvitation.issues[0].message).toBe(
      'The competent authority is the registered one (14401050000); it cannot be chosen',
    );
    // other bureaus, provincial codes and malformed codes are refused alike; nothing changed
    for (const code of ['14400000000', '13101150000', '1440106000', '14401069999']) {
      const result = await fire(server, useUnit.token, 'respond', first.id, 0, { competentAuthorityCode: code });
      expect(result, code).toMatchObject({
        __typename: 'ValidationError',
        issues: [{ field: 'competentAuthorityCode' }],
      });
    }
    const tianhe = await server.signIn('th.officer1');
    expect(await readInvitation(server, useUnit.token, first.id)).toMatchObject({
      status: 'PENDING_RESPONSE',
      useUnitAuthority: null,
    });
    expect(await readInvitation(server, tianhe, first.id)).toBeNull();

    // naming the registered one is accepted; omitting it (the field is deprecated) is the same
    const ownProof = await uploadProof(server, useUnit.token);
    const result = await fire(server, useUnit.token, 'respond', first.id, 0, {
      competentAuthorityCode: HAIZHU,
      relationship: 'HQ_BRANCH',
      proofMaterialIds: [ownProof],
    });
    expect(result.invitation).toMatchObject({
      status: 'PENDING_ACCEPTANCE',
      useUnitAuthority: { code: HAIZHU },
      relationship: 'HQ_BRANCH',
      relationshipCode: '01',
    });
    // 海珠 decides, never 天河
    expect(await fire(server, tianhe, 'accept', first.id, 1)).toMatchObject({ code: 'NOT_JURISDICTION' });
    const haizhu = await server.signIn('hzq.officer1');
    expect((await fire(server, haizhu, 'accept', first.id, 1)).__typename).toBe('InvitationSuccess');

    const [, second] = invited.succeeded;
    const omitted = await fire(server, ofTianhe.token, 'respond', second.id, 0);
    expect(omitted.invitation).toMatchObject({ status: 'PENDING_ACCEPTANCE', useUnitAuthority: { code: TIANHE } });
  });

  it('确认通过 creates the ACTIVE binding and turns pre-authorisations into authorisations', async () => {
    const dcu = await createDcu(server);
    const useUnit = await createUseUnit(server);
    const proof = await uploadProof(server, dcu.token);
    const invited = await invite(
      server,
      dcu.token,
      [rowFor(useUnit, { capabilityCodes: ['202007', '203059', '100010'] })],
      {
        proofMaterialIds: [proof],
      },
    );
    const id = invited.succeeded[0].id;
    expect((await fire(server, useUnit.token, 'respond', id, 0)).__typename).toBe('InvitationSuccess');
    const one = await server.signIn('th.officer1');
    const two = await server.signIn('th.officer2');
    expect((await fire(server, one, 'accept', id, 1)).__typename).toBe('InvitationSuccess');
    const confirmed = await fire(server, two, 'confirm', id, 2);
    expect(confirmed.invitation.binding.status).toBe('ACTIVE');
    const authorisations = confirmed.invitation.binding.authorisations;
    expect(authorisations.map((a: any) => a.capabilityCode).sort()).toEqual(['100010', '202007', '203059']);
    for (const a of authorisations) {
      expect(a).toMatchObject({ status: 'ACTIVE', holder: { uscc: useUnit.uscc } });
      expect(a.validTo.startsWith('2099-01-01')).toBe(true);
    }
    const bindings = await server.gql(
      '{ bindings { totalCount edges { node { directUnit { uscc } useUnit { uscc } status } } } }',
      {},
      useUnit.token,
    );
    expect(bindings.data?.bindings.edges[0].node).toEqual({
      directUnit: { uscc: dcu.uscc },
      useUnit: { uscc: useUnit.uscc },
      status: 'ACTIVE',
    });
    // bound now: another DCU cannot invite it
    const other = await createDcu(server);
    const again = await invite(server, other.token, [rowFor(useUnit)], {
      proofMaterialIds: [await uploadProof(server, other.token)],
    });
    expect(again.failed[0]).toMatchObject({ code: 'ALREADY_BOUND' });
  });

  for (const status of ['DECLINED', 'NOT_ACCEPTED', 'CONFIRMATION_REJECTED'] as const) {
    it(`after ${status} the DCU may invite the same use unit again`, async () => {
      const walked = await invitationIn(server, status);
      const again = await invite(server, walked.dcu.token, [rowFor(walked.useUnit)], {
        proofMaterialIds: [await uploadProof(server, walked.dcu.token)],
      });
      expect(again.failed).toEqual([]);
      expect(again.succeeded).toHaveLength(1);
    });
  }

  it('queues: 天河 officers see responded invitations of their use units at ACCEPTANCE and CONFIRMATION', async () => {
    const acceptance = await invitationIn(server, 'PENDING_ACCEPTANCE');
    const confirmation = await invitationIn(server, 'PENDING_CONFIRMATION');
    const officer = await server.signIn('th.officer2');
    const queue = async (step: string, token: string) =>
      (
        await server.gql(
          `query($step: ReviewStep!) { reviewQueue(kind: INVITATION, step: $step, first: 100) { totalCount edges { node { id status enterprise { uscc } ... on Invitation { directUnit { uscc } } } } } }`,
          { step },
          token,
        )
      ).data?.reviewQueue;
    const accepting = await queue('ACCEPTANCE', officer);
    expect(accepting.edges.map((edge: any) => edge.node.id)).toContain(acceptance.id);
    for (const edge of accepting.edges) expect(edge.node.status).toBe('PENDING_ACCEPTANCE');
    const node = accepting.edges.find((edge: any) => edge.node.id === acceptance.id).node;
    expect(node).toMatchObject({
      enterprise: { uscc: acceptance.useUnit.uscc },
      directUnit: { uscc: acceptance.dcu.uscc },
    });
    const confirming = await queue('CONFIRMATION', officer);
    expect(confirming.edges.map((edge: any) => edge.node.id)).toContain(confirmation.id);
    const haizhu = await queue('ACCEPTANCE', await server.signIn('hzq.officer1'));
    expect(haizhu.edges.map((edge: any) => edge.node.id)).not.toContain(acceptance.id);
    // the seeded 浦东 cases are in 浦东's queue
    const pudong = await queue('ACCEPTANCE', await server.signIn('pd.officer1'));
    expect(pudong.totalCount).toBeGreaterThan(0);
  });

  it('proof materials are downloadable by both enterprises and the deciding officers, not by others', async () => {
    const walked = await invitationIn(server, 'PENDING_ACCEPTANCE');
    const query = `query($id: ID!) { invitation(id: $id) { proofMaterials { id downloadUrl } } }`;
    const links = await server.gql(query, { id: walked.id }, walked.useUnit.token);
    const url = links.data?.invitation.proofMaterials[0].downloadUrl;
    expect(url).toBeTruthy();
    expect((await fetch(`${server.url}${url}`)).status).toBe(200);
    const officerLinks = await server.gql(query, { id: walked.id }, await server.signIn('th.officer1'));
    expect((await fetch(`${server.url}${officerLinks.data?.invitation.proofMaterials[0].downloadUrl}`)).status).toBe(
      200,
    );
    const stranger = await createUseUnit(server);
    const materialId = links.data?.invitation.proofMaterials[0].id;
    const signed = server.running.app.files.signedUrl(
      Buffer.from(materialId, 'base64').toString().split(':')[1] as string,
      (await server.running.app.db.user.findFirstOrThrow({ where: { username: stranger.username } })).id,
    );
    expect((await fetch(`${server.url}${signed}`)).status).toBe(403);
  });

  it('the audit trail is in English on Accept-Language: en, and status labels too', async () => {
    const walked = await invitationIn(server, 'PENDING_RESPONSE');
    const result = await server.gql(
      `query($id: ID!) { invitation(id: $id) { statusLabel } }`,
      { id: walked.id },
      walked.dcu.token,
      { 'accept-language': 'en' },
    );
    expect(result.data?.invitation.statusLabel).toBe('Awaiting use unit response');
  });
});
