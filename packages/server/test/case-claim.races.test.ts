// Two (and twenty) officers claim the same case at the same moment: exactly one wins, the others get CLAIMED.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPasswordHash } from './demo-password.ts';
import { rawId, TIANHE } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { fire, invitationIn } from './invitation.fixtures.ts';

const CLAIM = `mutation($input: ClaimCaseInput!) { claimCase(input: $input) { __typename
  ... on CaseClaimSuccess { claim { holder { username } } } ... on ClaimedError { code holder { username } } ... on Error { code } } }`;

describe(`claim races (${databaseKind()})`, () => {
  let server: TestServer;
  const officers: { username: string; token: string }[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const passwordHash = await demoPasswordHash();
    for (let index = 0; index < 20; index += 1) {
      const username = `race.officer.${index}`;
      await server.running.app.db.user.create({
        data: { username, passwordHash, displayName: `竞争${index}号`, role: 'OFFICER', authorityCode: TIANHE },
      });
      officers.push({ username, token: await server.signIn(username) });
    }
  }, 120_000);
  afterAll(async () => server?.close());

  const claimAll = (who: typeof officers, id: string, expectedVersion: number) =>
    Promise.all(
      who.map(
        async (officer) => (await server.gql(CLAIM, { input: { id, expectedVersion } }, officer.token)).data?.claimCase,
      ),
    );

  it('10 attempts of two concurrent claims → exactly one winner each time, the loser told who won', async () => {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const walked = await invitationIn(server, 'PENDING_ACCEPTANCE');
      const results = await claimAll(officers.slice(0, 2), walked.id, walked.version);
      const winners = results.filter((result) => result.__typename === 'CaseClaimSuccess');
      const losers = results.filter((result) => result.__typename === 'ClaimedError');
      expect(winners, `attempt ${attempt}: ${JSON.stringify(results)}`).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(losers[0].holder.username).toBe(winners[0].claim.holder.username);
    }
  }, 120_000);

  it('20 officers claim one case at once → one claim stored, 19 CLAIMED naming the winner', async () => {
    const walked = await invitationIn(server, 'PENDING_ACCEPTANCE');
    const results = await claimAll(officers, walked.id, walked.version);
    const winners = results.filter((result) => result.__typename === 'CaseClaimSuccess');
    expect(winners, JSON.stringify(results)).toHaveLength(1);
    const winner = winners[0].claim.holder.username;
    const losers = results.filter((result) => result.__typename === 'ClaimedError');
    expect(losers).toHaveLength(19);
    expect(new Set(losers.map((loser) => loser.holder.username))).toEqual(new Set([winner]));
    const caseId = rawId(walked.id);
    const stored = await server.running.app.db.caseClaim.findMany({ where: { caseKind: 'INVITATION', caseId } });
    expect(stored.map((claim) => [claim.holderUsername, claim.status])).toEqual([[winner, 'PENDING_ACCEPTANCE']]);
    const events = await server.running.app.db.auditEvent.count({ where: { event: 'claim', caseId } });
    expect(events).toBe(1);
  }, 60_000);

  it('a claim racing another officer’s decision: never both — either the decision is refused or the claim is', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const walked = await invitationIn(server, 'PENDING_ACCEPTANCE');
      const [claimer, decider] = officers.slice(2, 4) as [(typeof officers)[0], (typeof officers)[0]];
      const [claimed, decided] = await Promise.all([
        server.gql(CLAIM, { input: { id: walked.id, expectedVersion: walked.version } }, claimer.token),
        fire(server, decider.token, 'accept', walked.id, walked.version),
      ]);
      const claimWon = claimed.data?.claimCase.__typename === 'CaseClaimSuccess';
      const decisionWon = decided.__typename === 'InvitationSuccess';
      expect(claimWon !== decisionWon, `attempt ${attempt}: ${JSON.stringify([claimed, decided])}`).toBe(true);
      if (claimWon) expect(decided.code).toBe('CLAIMED');
    }
  }, 120_000);
});
