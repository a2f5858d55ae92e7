// The same use unit invited by two DCUs at the same moment: exactly one live invitation, the other row fails DUPLICATE.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { createDcu, createUseUnit, invite, type Party, rowFor, uploadProof } from './invitation.fixtures.ts';

describe(`invitation races (${databaseKind()})`, () => {
  let server: TestServer;
  let dcus: [Party, string][];
  beforeAll(async () => {
    server = await startTestServer();
    dcus = [];
    for (let index = 0; index < 2; index += 1) {
      const dcu = await createDcu(server);
      dcus.push([dcu, await uploadProof(server, dcu.token)]);
    }
  });
  afterAll(async () => server?.close());

  it('20 attempts: two DCUs invite the same use unit concurrently → one live invitation, one INVITED_ELSEWHERE row', async () => {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const useUnit = await createUseUnit(server);
      const results = await Promise.all(
        dcus.map(([dcu, proof]) => invite(server, dcu.token, [rowFor(useUnit)], { proofMaterialIds: [proof] })),
      );
      for (const result of results) expect(result.__typename, JSON.stringify(result)).toBe('InviteUseUnitsSuccess');
      const succeeded = results.flatMap((result) => result.succeeded);
      const failed = results.flatMap((result) => result.failed);
      expect(succeeded, `attempt ${attempt}`).toHaveLength(1);
      expect(failed).toEqual([expect.objectContaining({ row: 1, uscc: useUnit.uscc, code: 'INVITED_ELSEWHERE' })]);
      const live = await server.running.app.db.invitation.count({ where: { useUnitUscc: useUnit.uscc } });
      expect(live).toBe(1);
    }
  });

  it('the use unit responding and declining at once: one wins, the other is stale or invalid', async () => {
    const [dcu, proof] = dcus[0] as [Party, string];
    const useUnit = await createUseUnit(server);
    const invited = await invite(server, dcu.token, [rowFor(useUnit)], { proofMaterialIds: [proof] });
    const id = invited.succeeded[0].id;
    const mutations = [
      'mutation($id: ID!) { declineInvitation(input: {id: $id, expectedVersion: 0}) { __typename } }',
      'mutation($id: ID!) { respondToInvitation(input: {id: $id, expectedVersion: 0, competentAuthorityCode: "14401060000", relationship: PARENT_SUBSIDIARY}) { __typename } }',
    ];
    const results = await Promise.all(mutations.map((query) => server.gql(query, { id }, useUnit.token)));
    const names = results.map((result) => Object.values(result.data ?? {})[0]?.__typename);
    expect(names.filter((name) => name === 'InvitationSuccess')).toHaveLength(1);
    expect(names.filter((name) => name === 'StaleVersionError' || name === 'BaseError')).toHaveLength(1);
  });
});
