// 认领: claim, release, expiry, supervisor release and reassignment, decisions refused while another officer holds
// the case, per-viewer reasons, live events.
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { expireClaims } from '../src/features/case-claim/service.ts';
import { caseIn, rawId, transition } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { fire, invitationIn } from './invitation.fixtures.ts';

const CLAIM_PAYLOAD = `__typename
  ... on CaseClaimSuccess { case { id version status } claim { holder { name username } claimedAt expiresAt heldByViewer } }
  ... on ClaimedError { code message holder { name username } }
  ... on StaleVersionError { code currentVersion }
  ... on Error { code message }`;

const CASE_VIEW = `id version status availableActions { event } blockedReason blockedReasonCode
  claim { holder { name username } heldByViewer expiresAt } claimOptions { canClaim canRelease canReassign }`;

describe(`claiming cases (${databaseKind()})`, () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const as = (username: string) => tokens[username] as string;

  beforeAll(async () => {
    server = await startTestServer({ CLAIM_IDLE_MINUTES: '15' });
    for (const username of [
      'th.officer1',
      'th.officer2',
      'gd.confirmer',
      'sh.confirmer',
      'hzq.officer1',
      'platform.admin',
    ])
      tokens[username] = await server.signIn(username);
  }, 60_000);
  afterAll(async () => server?.close());

  const claim = async (token: string, id: string, expectedVersion: number) =>
    (
      await server.gql(
        `mutation($input: ClaimCaseInput!) { claimCase(input: $input) { ${CLAIM_PAYLOAD} } }`,
        {
          input: { id, expectedVersion },
        },
        token,
      )
    ).data?.claimCase;
  const release = async (token: string, id: string) =>
    (
      await server.gql(
        `mutation($input: ReleaseCaseClaimInput!) { releaseCaseClaim(input: $input) { ${CLAIM_PAYLOAD} } }`,
        {
          input: { id },
        },
        token,
      )
    ).data?.releaseCaseClaim;
  const reassign = async (token: string, id: string, officerUsername: string) =>
    (
      await server.gql(
        `mutation($input: ReassignCaseClaimInput!) { reassignCaseClaim(input: $input) { ${CLAIM_PAYLOAD} } }`,
        { input: { id, officerUsername } },
        token,
      )
    ).data?.reassignCaseClaim;
  const view = async (token: string, id: string, locale = 'zh-CN') =>
    (
      await server.gql(`query($id: ID!) { node(id: $id) { ... on ReviewCase { ${CASE_VIEW} } } }`, { id }, token, {
        'accept-language': locale,
      })
    ).data?.node;

  it('an officer claims; a second officer is refused with a typed error naming the holder', async () => {
    const walked = await invitationIn(server, 'PENDING_ACCEPTANCE');
    const first = await claim(as('th.officer1'), walked.id, walked.version);
    expect(first.__typename).toBe('CaseClaimSuccess');
    expect(first.claim.holder.username).toBe('th.officer1');
    expect(first.claim.heldByViewer).toBe(true);
    const minutes = (Date.parse(first.claim.expiresAt) - Date.parse(first.claim.claimedAt)) / 60_000;
    expect(minutes).toBe(15);
    const second = await claim(as('th.officer2'), walked.id, walked.version);
    expect(second.__typename).toBe('ClaimedError');
    expect(second.code).toBe('CLAIMED');
    expect(second.holder.username).toBe('th.officer1');
    expect(second.message).toMatch(/^该案件已由 .+ 认领$/);
    expect(second.message).toContain(first.claim.holder.name);
  });

  it('the holder renews their own claim without a new audit event; a stale version is refused', async () => {
    const walked = await invitationIn(server, 'PENDING_ACCEPTANCE');
    await claim(as('th.officer1'), walked.id, walked.version);
    const again = await claim(as('th.officer1'), walked.id, walked.version);
    expect(again.__typename).toBe('CaseClaimSuccess');
    const events = await server.running.app.db.auditEvent.count({
      where: { caseKind: 'INVITATION', caseId: rawId(walked.id), event: 'claim' },
    });
    expect(events).toBe(1);
    const stale = await claim(as('th.officer2'), walked.id, walked.version - 1);
    expect(stale.__typename).toBe('StaleVersionError');
  });

  it('a decision by another officer is refused (CLAIMED); the holder decides and the claim ends', async () => {
    const walked = await invitationIn(server, 'PENDING_ACCEPTANCE');
    await claim(as('th.officer1'), walked.id, walked.version);
    const refused = await fire(server, as('th.officer2'), 'accept', walked.id, walked.version);
    expect(refused.code).toBe('CLAIMED');
    expect(refused.message).toContain('认领');
    const accepted = await fire(server, as('th.officer1'), 'accept', walked.id, walked.version);
    expect(accepted.__typename).toBe('InvitationSuccess');
    expect(await server.running.app.db.caseClaim.count({ where: { caseId: rawId(walked.id) } })).toBe(0);
    // four-eyes at the next step: the accepting officer cannot claim the confirmation, the other one can
    const own = await claim(as('th.officer1'), walked.id, accepted.invitation.version);
    expect(own.code).toBe('FOUR_EYES');
    const other = await claim(as('th.officer2'), walked.id, accepted.invitation.version);
    expect(other.__typename).toBe('CaseClaimSuccess');
  });

  it('an unclaimed case can still be decided directly (API clients and existing flows)', async () => {
    const walked = await invitationIn(server, 'PENDING_ACCEPTANCE');
    const accepted = await fire(server, as('th.officer2'), 'accept', walked.id, walked.version);
    expect(accepted.__typename).toBe('InvitationSuccess');
  });

  it('a claim lapses after the idle time: another officer may then claim and decide', async () => {
    const walked = await invitationIn(server, 'PENDING_ACCEPTANCE');
    await claim(as('th.officer1'), walked.id, walked.version);
    await server.running.app.db.caseClaim.updateMany({
      where: { caseId: rawId(walked.id) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const seen = await view(as('th.officer2'), walked.id);
    expect(seen.claim).toBeNull();
    expect(seen.claimOptions.canClaim).toBe(true);
    const taken = await claim(as('th.officer2'), walked.id, walked.version);
    expect(taken.claim.holder.username).toBe('th.officer2');
  });

  it('the expiry sweep ends lapsed claims with a claimExpired event so open queues update', async () => {
    const walked = await invitationIn(server, 'PENDING_ACCEPTANCE');
    const caseId = rawId(walked.id);
    await claim(as('th.officer1'), walked.id, walked.version);
    const db = server.running.app.db;
    expect(await expireClaims(server.running.app)).toBe(0);
    await db.caseClaim.updateMany({ where: { caseId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await expireClaims(server.running.app)).toBeGreaterThanOrEqual(1);
    expect(await db.caseClaim.count({ where: { caseId } })).toBe(0);
    const event = await db.auditEvent.findFirst({ where: { caseId, event: 'claimExpired' } });
    expect(event).toMatchObject({
      actorRole: 'SYSTEM',
      fromStatus: 'PENDING_ACCEPTANCE',
      toStatus: 'PENDING_ACCEPTANCE',
    });
  });

  it('only the holder or a supervisor releases; other officers are refused, outsiders see no jurisdiction', async () => {
    const walked = await invitationIn(server, 'PENDING_ACCEPTANCE');
    expect((await release(as('th.officer1'), walked.id)).code).toBe('NOT_CLAIMED');
    await claim(as('th.officer1'), walked.id, walked.version);
    expect((await release(as('th.officer2'), walked.id)).code).toBe('FORBIDDEN');
    expect((await release(as('hzq.officer1'), walked.id)).code).toBe('NOT_JURISDICTION');
    expect((await release(as('sh.confirmer'), walked.id)).code).toBe('NOT_JURISDICTION');
    const released = await release(as('gd.confirmer'), walked.id);
    expect(released.__typename).toBe('CaseClaimSuccess');
    expect(released.claim).toBeNull();
    await claim(as('th.officer2'), walked.id, walked.version);
    expect((await release(as('th.officer2'), walked.id)).__typename).toBe('CaseClaimSuccess');
    await claim(as('th.officer1'), walked.id, walked.version);
    expect((await release(as('platform.admin'), walked.id)).__typename).toBe('CaseClaimSuccess');
    const trail = await server.running.app.db.auditEvent.findMany({
      where: { caseKind: 'INVITATION', caseId: rawId(walked.id), event: { in: ['claim', 'releaseClaim'] } },
      orderBy: { id: 'asc' },
    });
    expect(trail.map((event) => event.event)).toEqual([
      'claim',
      'releaseClaim',
      'claim',
      'releaseClaim',
      'claim',
      'releaseClaim',
    ]);
    expect(
      trail.every((event) => event.fromStatus === 'PENDING_ACCEPTANCE' && event.toStatus === 'PENDING_ACCEPTANCE'),
    ).toBe(true);
  });

  it('a supervisor reassigns a claim; four-eyes holds: the accepting officer cannot be given the confirmation', async () => {
    const walked = await invitationIn(server, 'PENDING_CONFIRMATION');
    const accepter = walked.lastDecider as string;
    const other = accepter === 'th.officer1' ? 'th.officer2' : 'th.officer1';
    expect((await reassign(as(other), walked.id, accepter)).code).toBe('FORBIDDEN');
    expect((await reassign(as('gd.confirmer'), walked.id, accepter)).code).toBe('FOUR_EYES');
    expect((await reassign(as('gd.confirmer'), walked.id, 'hzq.officer1')).code).toBe('NOT_JURISDICTION');
    expect((await reassign(as('gd.confirmer'), walked.id, 'nobody.here')).code).toBe('VALIDATION_FAILED');
    await claim(as(other), walked.id, walked.version);
    const moved = await reassign(as('platform.admin'), walked.id, other);
    expect(moved.claim.holder.username).toBe(other);
    const confirmed = await fire(server, as(other), 'confirm', walked.id, walked.version);
    expect(confirmed.__typename).toBe('InvitationSuccess');
  });

  it('reassignment moves a claim from one officer to another, who alone may then decide', async () => {
    const walked = await invitationIn(server, 'PENDING_ACCEPTANCE');
    await claim(as('th.officer1'), walked.id, walked.version);
    const moved = await reassign(as('gd.confirmer'), walked.id, 'th.officer2');
    expect(moved.claim.holder.username).toBe('th.officer2');
    expect((await fire(server, as('th.officer1'), 'accept', walked.id, walked.version)).code).toBe('CLAIMED');
    const event = await server.running.app.db.auditEvent.findFirst({
      where: { caseId: rawId(walked.id), event: 'reassignClaim' },
    });
    expect(event?.payload).toMatchObject({ holder: moved.claim.holder.name });
  });

  it('tells each viewer whether they can act and why not, in Chinese and English', async () => {
    const walked = await invitationIn(server, 'PENDING_ACCEPTANCE');
    const free = await view(as('th.officer2'), walked.id);
    expect(free.availableActions.map((a: { event: string }) => a.event)).toEqual(['accept', 'refuse']);
    expect(free.blockedReasonCode).toBeNull();
    expect(free.claimOptions).toEqual({ canClaim: true, canRelease: false, canReassign: false });
    await claim(as('th.officer1'), walked.id, walked.version);
    const holder = await view(as('th.officer1'), walked.id);
    expect(holder.availableActions).toHaveLength(2);
    expect(holder.claim.heldByViewer).toBe(true);
    expect(holder.claimOptions).toEqual({ canClaim: true, canRelease: true, canReassign: false });
    const taken = await view(as('th.officer2'), walked.id);
    expect(taken.availableActions).toEqual([]);
    expect(taken.blockedReasonCode).toBe('CLAIMED_BY_OTHER');
    expect(taken.blockedReason).toBe(`该案件已由 ${holder.claim.holder.name} 认领`);
    expect(taken.claimOptions).toEqual({ canClaim: false, canRelease: false, canReassign: false });
    const english = await view(as('th.officer2'), walked.id, 'en');
    expect(english.blockedReason).toBe(`This case is claimed by ${holder.claim.holder.name}`);
    const supervisor = await view(as('gd.confirmer'), walked.id);
    expect(supervisor.blockedReasonCode).toBe('NOT_YOUR_JURISDICTION');
    expect(supervisor.claimOptions).toEqual({ canClaim: false, canRelease: true, canReassign: true });

    const review = await caseIn(server, 'PENDING_REVIEW');
    const fourEyes = await view(as(review.lastDecider as string), review.id);
    expect(fourEyes.blockedReasonCode).toBe('FOUR_EYES');
    const done = await caseIn(server, 'NOT_ACCEPTED');
    expect((await view(as('th.officer1'), done.id)).blockedReasonCode).toBe('INVALID_STATUS');
  });

  it('claims work on access applications too, up to the provincial confirmation', async () => {
    const walked = await caseIn(server, 'PENDING_CONFIRMATION');
    expect((await claim(as('th.officer1'), walked.id, walked.version)).code).toBe('INVALID_TRANSITION');
    const taken = await claim(as('gd.confirmer'), walked.id, walked.version);
    expect(taken.__typename).toBe('CaseClaimSuccess');
    const confirmed = await transition(server, as('gd.confirmer'), 'confirm', walked.id, walked.version);
    expect(confirmed.__typename).toBe('AccessApplicationSuccess');
    expect(await server.running.app.db.caseClaim.count({ where: { caseId: rawId(walked.id) } })).toBe(0);
  });

  it('claim changes are pushed on queueChanges to other officers of the authority', async () => {
    const walked = await invitationIn(server, 'PENDING_ACCEPTANCE');
    const received: { event: string; caseId: string }[] = [];
    const client = createClient({
      url: `${server.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${as('th.officer2')}` },
      retryAttempts: 0,
      lazy: false,
    });
    client.subscribe(
      { query: 'subscription { queueChanges(kind: INVITATION, step: ACCEPTANCE) { event caseId } }' },
      {
        next: (value) => received.push(value.data?.queueChanges as never),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    await claim(as('th.officer1'), walked.id, walked.version);
    await release(as('th.officer1'), walked.id);
    await expect
      .poll(() => received.filter((e) => e.caseId === walked.id).map((e) => e.event))
      .toEqual(['claim', 'releaseClaim']);
    await client.dispose();
  });
});
