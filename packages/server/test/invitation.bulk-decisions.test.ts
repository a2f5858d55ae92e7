// 批量受理 / 批量确认: per-case results; one refusal never undoes another; four-eyes and claims hold per case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseIn, rawId } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { createDcu, fire, invitationIn } from './invitation.fixtures.ts';

const RESULT = `__typename
  ... on BulkInvitationDecisionSuccess { succeeded { id status version } failed { invitationId code message } }
  ... on Error { code message }`;

describe(`bulk invitation decisions (${databaseKind()})`, () => {
  let server: TestServer;
  let officer1: string;
  let officer2: string;

  beforeAll(async () => {
    server = await startTestServer();
    officer1 = await server.signIn('th.officer1');
    officer2 = await server.signIn('th.officer2');
  }, 60_000);
  afterAll(async () => server?.close());

  const bulk = async (
    mutation: string,
    token: string,
    items: { id: string; expectedVersion: number }[],
    reason?: string,
    locale = 'zh-CN',
  ) => {
    const input = reason === undefined ? 'BulkInvitationDecisionInput' : 'BulkInvitationDecisionWithReasonInput';
    const result = await server.gql(
      `mutation($input: ${input}!) { ${mutation}(input: $input) { ${RESULT} } }`,
      { input: { items, ...(reason === undefined ? {} : { reason }) } },
      token,
      { 'accept-language': locale },
    );
    if (!result.data) throw new Error(JSON.stringify(result));
    return result.data[mutation];
  };
  const item = (walked: { id: string; version: number }) => ({ id: walked.id, expectedVersion: walked.version });

  it('accepts many at once, reporting each case that could not be accepted with its reason', async () => {
    const [a, b, claimed, stale, done] = await Promise.all([
      invitationIn(server, 'PENDING_ACCEPTANCE'),
      invitationIn(server, 'PENDING_ACCEPTANCE'),
      invitationIn(server, 'PENDING_ACCEPTANCE'),
      invitationIn(server, 'PENDING_ACCEPTANCE'),
      invitationIn(server, 'NOT_ACCEPTED'),
    ]);
    const claim = await server.gql(
      'mutation($input: ClaimCaseInput!) { claimCase(input: $input) { __typename } }',
      { input: item(claimed) },
      officer2,
    );
    expect(claim.data?.claimCase.__typename).toBe('CaseClaimSuccess');
    const application = await caseIn(server, 'PENDING_ACCEPTANCE');
    const result = await bulk('acceptInvitations', officer1, [
      item(a),
      item(claimed),
      { id: stale.id, expectedVersion: stale.version - 1 },
      item(b),
      item(done),
      item(a),
      item(application),
    ]);
    expect(result.__typename).toBe('BulkInvitationDecisionSuccess');
    expect(result.succeeded.map((row: { id: string; status: string }) => [row.id, row.status])).toEqual([
      [a.id, 'PENDING_CONFIRMATION'],
      [b.id, 'PENDING_CONFIRMATION'],
    ]);
    expect(result.failed.map((row: { invitationId: string; code: string }) => [row.invitationId, row.code])).toEqual([
      [claimed.id, 'CLAIMED'],
      [stale.id, 'STALE_VERSION'],
      [done.id, 'INVALID_TRANSITION'],
      [a.id, 'DUPLICATE'],
      [application.id, 'NOT_FOUND'],
    ]);
    expect(result.failed[0].message).toMatch(/^该案件已由 .+ 认领$/);
  }, 60_000);

  it('confirms many; four-eyes refuses the cases the same officer accepted, the others go through', async () => {
    const mine = await invitationIn(server, 'PENDING_ACCEPTANCE');
    const accepted = await fire(server, officer1, 'accept', mine.id, mine.version);
    const theirs = await invitationIn(server, 'PENDING_ACCEPTANCE');
    const acceptedByOther = await fire(server, officer2, 'accept', theirs.id, theirs.version);
    const result = await bulk(
      'confirmInvitations',
      officer1,
      [item(accepted.invitation), item(acceptedByOther.invitation)],
      undefined,
      'en',
    );
    expect(result.succeeded.map((row: { id: string }) => row.id)).toEqual([theirs.id]);
    expect(result.succeeded[0].status).toBe('CONFIRMED');
    expect(result.failed).toEqual([
      {
        invitationId: mine.id,
        code: 'FOUR_EYES',
        message: 'The same officer may not perform two consecutive decisions on one case',
      },
    ]);
    const binding = await server.running.app.db.binding.count({ where: { invitationId: rawId(theirs.id) } });
    expect(binding).toBe(1);
  }, 60_000);

  it('refuses many with one reason; a missing reason refuses the whole call', async () => {
    const [a, b] = await Promise.all([
      invitationIn(server, 'PENDING_ACCEPTANCE'),
      invitationIn(server, 'PENDING_ACCEPTANCE'),
    ]);
    expect((await bulk('refuseInvitations', officer1, [item(a)], '  ')).code).toBe('REASON_REQUIRED');
    const result = await bulk('refuseInvitations', officer1, [item(a), item(b)], '材料不全');
    expect(result.succeeded.map((row: { status: string }) => row.status)).toEqual(['NOT_ACCEPTED', 'NOT_ACCEPTED']);
    expect(result.failed).toEqual([]);
  }, 60_000);

  it('limits: no items, more than 200, callers who are not officers', async () => {
    const one = await invitationIn(server, 'PENDING_ACCEPTANCE');
    expect((await bulk('acceptInvitations', officer1, [])).code).toBe('VALIDATION_FAILED');
    const many = Array.from({ length: 201 }, () => item(one));
    const limited = await bulk('acceptInvitations', officer1, many);
    expect(limited.code).toBe('LIMIT_EXCEEDED');
    expect(limited.message).toBe('超出数量上限：每次最多 200 条（本次 201 条）');
    const enterprise = await createDcu(server);
    expect((await bulk('acceptInvitations', enterprise.token, [item(one)])).code).toBe('FORBIDDEN');
    const outsider = await server.signIn('hzq.officer1');
    const outside = await bulk('acceptInvitations', outsider, [item(one)]);
    expect(outside.failed.map((row: { code: string }) => row.code)).toEqual(['NOT_JURISDICTION']);
  }, 60_000);
});
