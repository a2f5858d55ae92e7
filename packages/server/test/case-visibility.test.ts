// One visibility rule for cases and their events (DESIGN §4, issue 13 findings 14 and 15), attacked from outside:
// graphql-ws and SSE subscriptions, HTTP queries. An officer is told only of events of cases node() shows them;
// claim events (naming officers) reach the bureau only — not a party's auditTrail, caseEvents or notifications.
import { type Actor, isBureauOnlyCaseEvent, isProvincialCode, provinceCodeOf } from '@leqi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibleEvents } from '../src/features/events/visibility.ts';
import { deliverableEnd } from '../src/platform/events/cursor.ts';
import { COMPLETE_DRAFT, caseIn, createEnterprise, rawId, saveDraft } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { createDcu, createUseUnit, HAIZHU, invite, type Party, rowFor, uploadProof } from './invitation.fixtures.ts';
import { sleep, subscribeTo, type TestSubscription } from './ws-client.ts';

const EVENT_FIELDS = 'cursor caseKind caseId event actorName reason';
const CASE_EVENTS = `subscription($after: String) { caseEvents(after: $after) { ${EVENT_FIELDS} } }`;
/** Officers of every kind of relation to a 天河 DCU and a 海珠 use unit. */
const OFFICERS = ['th.officer1', 'hzq.officer1', 'gd.confirmer', 'pd.officer1', 'sh.confirmer'] as const;

interface SeenEvent {
  cursor: string;
  caseKind: string;
  caseId: string;
  event: string;
  actorName: string | null;
  reason: string | null;
}

function officerActor(user: { id: string; authorityCode: string | null }): Actor {
  const authorityCode = user.authorityCode as string;
  return {
    role: 'OFFICER',
    userId: user.id,
    authorityCode,
    authorityLevel: isProvincialCode(authorityCode) ? 'PROVINCIAL' : 'LOCAL',
  };
}

/** GraphQL over SSE (graphql-yoga's distinct-connections mode): what arrives within `ms`. */
async function sseEvents(server: TestServer, token: string, after: string, ms: number): Promise<SeenEvent[]> {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: CASE_EVENTS, variables: { after } }),
    signal: controller.signal,
  });
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const timer = setTimeout(() => controller.abort(), ms);
  let text = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
  } catch {
    // aborted: the window is over
  } finally {
    clearTimeout(timer);
  }
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice(6)).data?.caseEvents)
    .filter(Boolean);
}

describe(`one visibility rule for cases and their events (${databaseKind()})`, () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  let dcu: Party;
  let useUnit: Party;
  let baseline: string;
  let subscriptionId: string;
  let invitationId: string;
  const live: Record<string, TestSubscription> = {};

  const gql = async (query: string, variables: Record<string, unknown>, token: string) => {
    const result = await server.gql(query, variables, token);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data as Record<string, any>;
  };
  const claimAndRelease = async (officer: string, id: string, version: number) => {
    const claimed = await gql(
      'mutation($input: ClaimCaseInput!) { claimCase(input: $input) { __typename ... on Error { code } } }',
      { input: { id, expectedVersion: version } },
      tokens[officer] as string,
    );
    expect(claimed.claimCase.__typename).toBe('CaseClaimSuccess');
    const released = await gql(
      'mutation($input: ReleaseCaseClaimInput!) { releaseCaseClaim(input: $input) { __typename } }',
      { input: { id } },
      tokens[officer] as string,
    );
    expect(released.releaseCaseClaim.__typename).toBe('CaseClaimSuccess');
  };
  const nodeOf = async (token: string, id: string) =>
    (await server.gql('query($id: ID!) { node(id: $id) { __typename id } }', { id }, token)).data?.node ?? null;

  beforeAll(async () => {
    server = await startTestServer();
    for (const username of [...OFFICERS, 'hzq.officer2', 'platform.admin'])
      tokens[username] = await server.signIn(username);
    dcu = await createDcu(server);
    useUnit = await createUseUnit(server, { authority: HAIZHU });
    baseline = String(await deliverableEnd(server.running.app.db));
    for (const [name, token] of [
      ...OFFICERS.map((officer) => [officer, tokens[officer] as string]),
      ['dcu', dcu.token],
      ['useUnit', useUnit.token],
    ] as const) {
      live[name] = subscribeTo(server.url, token, CASE_EVENTS);
      await live[name]?.connected;
    }
    await sleep(300);

    // a capability subscription of the 天河 DCU: claimed, released, then rejected with a reason
    const applied = await gql(
      `mutation($input: ApplyCapabilitySubscriptionInput!) { applyCapabilitySubscription(input: $input) {
        __typename ... on CapabilitySubscriptionSuccess { capabilitySubscription { id version } } ... on Error { code message } } }`,
      {
        input: {
          capabilityCodes: ['203067'],
          validUntil: '2031-06-30T00:00:00.000Z',
          businessSystemName: '财务中台',
          dailyVolumes: [{ capabilityCode: '203067', volume: 10 }],
          businessScope: '归集',
        },
      },
      dcu.token,
    );
    const subscription = applied.applyCapabilitySubscription.capabilitySubscription;
    subscriptionId = subscription.id;
    await claimAndRelease('th.officer1', subscriptionId, subscription.version);
    const rejected = await gql(
      `mutation($input: CaseDecisionWithReasonInput!) { rejectCapabilitySubscription(input: $input) { __typename } }`,
      { input: { id: subscriptionId, expectedVersion: subscription.version, reason: '业务范围不清（驳回理由）' } },
      tokens['th.officer1'] as string,
    );
    expect(rejected.rejectCapabilitySubscription.__typename).toBe('CapabilitySubscriptionSuccess');

    // an invitation of a 海珠 use unit: invited (before any response), answered, claimed and refused
    const proof = await uploadProof(server, dcu.token);
    const invited = await invite(server, dcu.token, [rowFor(useUnit)], { proofMaterialIds: [proof] });
    expect(invited.failed).toEqual([]);
    invitationId = invited.succeeded[0].id;
    const responded = await gql(
      `mutation($input: RespondToInvitationInput!) { respondToInvitation(input: $input) {
        __typename ... on InvitationSuccess { invitation { version } } ... on Error { code message } } }`,
      {
        input: {
          id: invitationId,
          expectedVersion: 0,
          competentAuthorityCode: HAIZHU,
          relationship: 'PARENT_SUBSIDIARY',
        },
      },
      useUnit.token,
    );
    const version = responded.respondToInvitation.invitation.version;
    await claimAndRelease('hzq.officer1', invitationId, version);
    const refused = await gql(
      `mutation($input: CaseDecisionWithReasonInput!) { refuseInvitation(input: $input) { __typename } }`,
      { input: { id: invitationId, expectedVersion: version, reason: '证明材料不清晰（不予受理理由）' } },
      tokens['hzq.officer1'] as string,
    );
    expect(refused.refuseInvitation.__typename).toBe('InvitationSuccess');
    await sleep(800);
  }, 180_000);

  afterAll(async () => {
    for (const subscription of Object.values(live)) await subscription.close();
    await server?.close();
  });

  const ours = (events: SeenEvent[]) => events.filter((e) => BigInt(e.cursor) > BigInt(baseline));

  it('finding 15: every event an officer receives (graphql-ws live, SSE replay) is of a case node() shows them', async () => {
    const received: Record<string, SeenEvent[]> = {};
    for (const officer of OFFICERS) {
      const token = tokens[officer] as string;
      const overWs = ours(live[officer]?.events ?? []);
      const replayed = ours(await sseEvents(server, token, baseline, 2_500));
      expect(
        replayed.map((e) => e.cursor),
        `${officer}: SSE replay = graphql-ws live`,
      ).toEqual(overWs.map((e) => e.cursor));
      received[officer] = overWs;
      for (const caseId of new Set(overWs.map((e) => e.caseId))) {
        expect(await nodeOf(token, caseId), `${officer} was told of ${caseId} but node() hides it`).not.toBeNull();
      }
    }
    // exactly as reported: the province's confirmer follows the subscription, the use unit's bureau the invitation
    expect(received['gd.confirmer']?.some((e) => e.caseKind === 'CAPABILITY_SUBSCRIPTION' && e.reason)).toBe(true);
    expect(received['hzq.officer1']?.some((e) => e.caseKind === 'INVITATION' && e.event === 'invite')).toBe(true);
    // and nobody outside the jurisdiction is told anything, nor can load the cases
    for (const outsider of ['pd.officer1', 'sh.confirmer']) {
      expect(received[outsider]).toEqual([]);
      expect(await nodeOf(tokens[outsider] as string, subscriptionId)).toBeNull();
      expect(await nodeOf(tokens[outsider] as string, invitationId)).toBeNull();
    }
    expect(received['th.officer1']?.some((e) => e.caseKind === 'INVITATION')).toBe(false);
    expect(await nodeOf(tokens['th.officer1'] as string, invitationId)).toBeNull();
  });

  it('an invitation not yet answered: its use unit’s registered authority may load it, as it is told of it', async () => {
    const fresh = await createUseUnit(server, { authority: HAIZHU });
    const proof = await uploadProof(server, dcu.token);
    const invited = await invite(server, dcu.token, [rowFor(fresh)], { proofMaterialIds: [proof] });
    const id = invited.succeeded[0].id as string;
    expect(await nodeOf(tokens['hzq.officer1'] as string, id)).toMatchObject({ __typename: 'Invitation' });
    expect(await nodeOf(tokens['gd.confirmer'] as string, id)).toMatchObject({ __typename: 'Invitation' });
    expect(await nodeOf(tokens['th.officer1'] as string, id)).toBeNull();
  });

  it('finding 14: the parties’ auditTrail, caseEvents and notifications carry no claim event; the bureau’s do', async () => {
    const trailOfInvitation = async (token: string) =>
      (
        await gql(
          'query($id: ID!) { invitation(id: $id) { auditTrail { event actorName } } }',
          { id: invitationId },
          token,
        )
      ).invitation.auditTrail as { event: string }[];
    const trailOfSubscription = async (token: string) =>
      (
        await gql(
          'query($id: ID!) { node(id: $id) { ... on CapabilitySubscription { auditTrail { event actorName } } } }',
          { id: subscriptionId },
          token,
        )
      ).node.auditTrail as { event: string }[];
    const claims = (trail: { event: string }[]) => trail.filter((e) => isBureauOnlyCaseEvent(e.event));

    // exactly as reported: the enterprise's invitation.auditTrail
    const dcuTrail = await trailOfInvitation(dcu.token);
    expect(dcuTrail.map((e) => e.event)).toEqual(['invite', 'respond', 'refuse']);
    expect(claims(await trailOfInvitation(useUnit.token))).toEqual([]);
    const viaViewer = await gql('{ viewer { capabilitySubscriptions { id auditTrail { event } } } }', {}, dcu.token);
    const ownSubscription = viaViewer.viewer.capabilitySubscriptions.find(
      (s: { id: string }) => s.id === subscriptionId,
    );
    expect(ownSubscription.auditTrail.map((e: { event: string }) => e.event)).toEqual(['apply', 'reject']);

    // the bureau sees its own claims
    expect(claims(await trailOfInvitation(tokens['hzq.officer1'] as string)).map((e) => e.event)).toEqual([
      'claim',
      'releaseClaim',
    ]);
    expect(claims(await trailOfSubscription(tokens['gd.confirmer'] as string))).toHaveLength(2);
    expect(claims(await trailOfSubscription(tokens['platform.admin'] as string))).toHaveLength(2);

    // live, replayed and as notifications: never a claim for the parties
    for (const party of [dcu, useUnit]) {
      const name = party === dcu ? 'dcu' : 'useUnit';
      const overWs = ours(live[name]?.events ?? []);
      expect(overWs.length).toBeGreaterThan(0);
      expect(overWs.filter((e) => isBureauOnlyCaseEvent(e.event))).toEqual([]);
      expect(ours(await sseEvents(server, party.token, baseline, 2_000)).map((e) => e.cursor)).toEqual(
        overWs.map((e) => e.cursor),
      );
      const notified = await gql('{ notifications(first: 100) { edges { node { event } } } }', {}, party.token);
      const events = notified.notifications.edges.map((edge: { node: { event: string } }) => edge.node.event);
      expect(events.length).toBeGreaterThan(0);
      expect(events.filter(isBureauOnlyCaseEvent)).toEqual([]);
    }
    expect(ours(live['hzq.officer1']?.events ?? []).filter((e) => isBureauOnlyCaseEvent(e.event))).toHaveLength(2);
  });

  it('the replay `where` and the live `matches` of every caller select the same events', async () => {
    const db = server.running.app.db;
    const all = await db.auditEvent.findMany({ orderBy: { id: 'asc' } });
    // every writer stores the province of the authority it names: what the provincial `where` relies on
    for (const event of all)
      expect(event.provinceCode).toBe(event.authorityCode ? provinceCodeOf(event.authorityCode) : null);
    const officers = await db.user.findMany({ where: { role: 'OFFICER' } });
    const actors: Actor[] = [
      { role: 'ADMIN', userId: 'admin' },
      { role: 'ENTERPRISE', userId: 'x', enterpriseId: dcu.id, identityType: 'TAX_CLERK' },
      { role: 'ENTERPRISE', userId: 'y', enterpriseId: useUnit.id, identityType: 'TAX_CLERK' },
      { role: 'API_CLIENT', tokenId: 't', enterpriseId: dcu.id },
      ...officers.map(officerActor),
    ];
    for (const actor of actors) {
      const filter = visibleEvents(actor);
      const selected = await db.auditEvent.findMany({
        where: filter.where,
        orderBy: { id: 'asc' },
        select: { id: true },
      });
      const matched = all.filter((event) => filter.matches(event as never));
      expect(
        selected.map((e) => e.id),
        JSON.stringify(actor),
      ).toEqual(matched.map((e) => e.id));
    }
  });

  it('over the whole demo data: no officer is told of an event of a case node() hides from them', async () => {
    const db = server.running.app.db;
    const TYPENAME: Record<string, string> = {
      ACCESS_APPLICATION: 'AccessApplication',
      EXIT_APPLICATION: 'ExitApplication',
      INVITATION: 'Invitation',
      CAPABILITY_SUBSCRIPTION: 'CapabilitySubscription',
    };
    const officers = await db.user.findMany({ where: { role: 'OFFICER' } });
    let checked = 0;
    for (const officer of officers) {
      const actor = officerActor(officer);
      const told = await db.auditEvent.findMany({
        where: visibleEvents(actor).where,
        distinct: ['caseKind', 'caseId'],
      });
      const ids = told.map((e) => Buffer.from(`${TYPENAME[e.caseKind]}:${e.caseId}`).toString('base64'));
      const token = await server.signIn(officer.username);
      for (let start = 0; start < ids.length; start += 50) {
        const batch = ids.slice(start, start + 50);
        const query = `query { ${batch.map((id, i) => `n${i}: node(id: "${id}") { id }`).join(' ')} }`;
        const result = await server.gql(query, {}, token);
        expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
        const hidden = batch.filter((_id, i) => !result.data?.[`n${i}`]);
        expect(hidden, `${officer.username} is told of cases node() hides`).toEqual([]);
        checked += batch.length;
      }
    }
    expect(checked).toBeGreaterThan(50);
  }, 120_000);

  it('a draft is its enterprise’s own: no officer of any bureau loads it or is told of its draft saves', async () => {
    const owner = await createEnterprise(server);
    const saved = await saveDraft(server, owner.token, COMPLETE_DRAFT);
    expect(saved.__typename).toBe('AccessApplicationSuccess');
    const draftId: string = saved.accessApplication.id;
    expect(saved.accessApplication.status).toBe('DRAFT');
    const byId = 'query($id: ID!) { accessApplication(id: $id) { id } }';
    for (const officer of OFFICERS) {
      expect(await nodeOf(tokens[officer] as string, draftId), officer).toBeNull();
      expect((await gql(byId, { id: draftId }, tokens[officer] as string)).accessApplication, officer).toBeNull();
    }
    expect(await nodeOf(owner.token, draftId)).toMatchObject({ id: draftId });

    // submitted, the case reaches its bureau — its submission, not the enterprise's draft saves
    const submitted = await caseIn(server, 'PENDING_ACCEPTANCE');
    const trailOf = async (token: string) =>
      (
        await gql(
          'query($id: ID!) { node(id: $id) { ... on ReviewCase { auditTrail { event } } } }',
          { id: submitted.id },
          token,
        )
      ).node.auditTrail.map((event: { event: string }) => event.event);
    expect(await trailOf(tokens['th.officer1'] as string)).toEqual(['submit']);
    expect(await trailOf(tokens['gd.confirmer'] as string)).toEqual(['submit']);
    expect(await trailOf(submitted.owner.token)).toEqual(['saveDraft', 'submit']);

    // caseEvents / queueChanges replay and live delivery: the same rule as SQL and as a predicate
    const db = server.running.app.db;
    const cases = [rawId(draftId), rawId(submitted.id)];
    for (const username of OFFICERS) {
      const user = await db.user.findUniqueOrThrow({ where: { username } });
      const filter = visibleEvents(officerActor(user));
      const told = await db.auditEvent.findMany({ where: { AND: [filter.where, { caseId: { in: cases } }] } });
      expect(
        told.filter((event) => event.event === 'saveDraft'),
        username,
      ).toEqual([]);
      const saves = await db.auditEvent.findMany({ where: { caseId: { in: cases }, event: 'saveDraft' } });
      expect(saves.length).toBe(2);
      expect(
        saves.filter((event) => filter.matches({ ...event, payload: {} })),
        username,
      ).toEqual([]);
    }
  }, 120_000);
});
