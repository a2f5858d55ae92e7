// Exit submission racing with the invitation workflow of the same DCU: one consistent outcome every time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPasswordHash } from './demo-password.ts';
import { upload } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import {
  createDcu,
  createUseUnit,
  fire,
  invitationIn,
  invite,
  type Party,
  rowFor,
  uploadProof,
} from './invitation.fixtures.ts';

const ROUNDS = 12;

describe(`exit races (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  /** The DCU's legal representative, who alone (with the finance manager) may submit the exit. */
  async function legalOf(dcu: Party): Promise<string> {
    const username = `${dcu.username}.legal`;
    await server.running.app.db.user.create({
      data: {
        username,
        passwordHash: await demoPasswordHash(),
        displayName: username,
        role: 'ENTERPRISE',
        identityType: 'LEGAL_REPRESENTATIVE',
        enterpriseId: dcu.id,
      },
    });
    return server.signIn(username);
  }

  async function signedForm(token: string): Promise<string> {
    return (await upload(server, token, 'EXIT_APPLICATION_FORM')).material.id;
  }

  async function submitExit(token: string, form: string) {
    const result = await server.gql(
      'mutation($ids: [ID!]!) { submitExitApplication(input: {materialIds: $ids}) { __typename ... on Error { code } } }',
      { ids: [form] },
      token,
    );
    return result.data?.submitExitApplication;
  }

  const db = () => server.running.app.db;

  it('an invitation arriving while the exit is submitted: either cancelled by the exit or refused, never left pending', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const dcu = await createDcu(server);
      const legal = await legalOf(dcu);
      const proof = await uploadProof(server, dcu.token);
      const useUnit = await createUseUnit(server);
      const form = await signedForm(legal);
      const [invited, exit] = await Promise.all([
        invite(server, dcu.token, [rowFor(useUnit)], { proofMaterialIds: [proof] }),
        submitExit(legal, form),
      ]);
      expect(exit.__typename, JSON.stringify(exit)).toBe('ExitApplicationSuccess');
      const enterprise = await db().enterprise.findUniqueOrThrow({ where: { id: dcu.id } });
      expect(enterprise.dcuStatus).toBe('EXITING');
      const invitations = await db().invitation.findMany({ where: { dcuEnterpriseId: dcu.id } });
      for (const invitation of invitations) expect(invitation.status).toBe('CANCELLED');
      if (invitations.length === 0) {
        // refused: the whole call or the row says why
        const refused = invited.__typename === 'BaseError' ? invited.code : invited.failed?.[0]?.code;
        expect(refused).toBe('DCU_NOT_ACTIVE');
      }
    }
  });

  it('a confirmation racing the exit: either the binding exists and the exit is blocked, or the invitation is cancelled and nothing is bound', async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      const walked = await invitationIn(server, 'PENDING_CONFIRMATION');
      const legal = await legalOf(walked.dcu);
      const confirmer = await server.signIn(walked.lastDecider === 'th.officer1' ? 'th.officer2' : 'th.officer1');
      const form = await signedForm(legal);
      const [confirmed, exit] = await Promise.all([
        fire(server, confirmer, 'confirm', walked.id, walked.version),
        submitExit(legal, form),
      ]);
      const invitation = await db().invitation.findFirstOrThrow({ where: { dcuEnterpriseId: walked.dcu.id } });
      const bindings = await db().binding.count({ where: { dcuEnterpriseId: walked.dcu.id, status: 'ACTIVE' } });
      const enterprise = await db().enterprise.findUniqueOrThrow({ where: { id: walked.dcu.id } });
      if (invitation.status === 'CONFIRMED') {
        expect(confirmed.__typename).toBe('InvitationSuccess');
        expect(exit.code).toBe('EXIT_BLOCKED');
        expect(bindings).toBe(1);
        expect(enterprise.dcuStatus).toBe('ACTIVE');
        outcomes.add('confirmed first');
      } else {
        expect(invitation.status).toBe('CANCELLED');
        expect(exit.__typename).toBe('ExitApplicationSuccess');
        expect(bindings).toBe(0);
        expect(enterprise.dcuStatus).toBe('EXITING');
        outcomes.add('exit first');
      }
    }
    expect(outcomes.size).toBeGreaterThan(0);
  });

  it('unbinding racing the exit of a DCU with one use unit: the exit is either blocked or goes through after the unbind', async () => {
    for (let round = 0; round < ROUNDS / 2; round++) {
      const walked = await invitationIn(server, 'CONFIRMED');
      const legal = await legalOf(walked.dcu);
      const binding = await db().binding.findFirstOrThrow({
        where: { dcuEnterpriseId: walked.dcu.id, status: 'ACTIVE' },
      });
      const bindingId = Buffer.from(`Binding:${binding.id}`).toString('base64');
      const form = await signedForm(legal);
      const [unbound, exit] = await Promise.all([
        server.gql(
          'mutation($ids: [ID!]) { unbindUseUnits(input: {bindingIds: $ids}) { __typename ... on UnbindUseUnitsSuccess { unbound { id } failed { code } } } }',
          { ids: [bindingId] },
          walked.dcu.token,
        ),
        submitExit(legal, form),
      ]);
      expect(unbound.data?.unbindUseUnits.unbound).toHaveLength(1);
      const enterprise = await db().enterprise.findUniqueOrThrow({ where: { id: walked.dcu.id } });
      if (exit.__typename === 'ExitApplicationSuccess') expect(enterprise.dcuStatus).toBe('EXITING');
      else {
        expect(exit.code).toBe('EXIT_BLOCKED');
        expect(enterprise.dcuStatus).toBe('ACTIVE');
      }
      expect(await db().binding.count({ where: { dcuEnterpriseId: walked.dcu.id, status: 'ACTIVE' } })).toBe(0);
    }
  });
});
