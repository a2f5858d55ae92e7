// caseEvents, queues and notifications carry the events of review cases only: the audit log also holds the
// admin's changes (ADMIN_* subjects, createRegistryEntry …), which are no case event and which CaseEventName cannot
// name — an admin following caseEvents once got an error result for each of them.
import { makeUscc } from '@leqi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';
import { createDcu, createUseUnit, invite, rowFor, uploadProof } from './invitation.fixtures.ts';
import { sleep, subscribeTo } from './ws-client.ts';

const FOLLOW = 'subscription($after: String) { caseEvents(after: $after) { cursor caseKind event } }';
const SAVE = `mutation($input: SaveRegistryEnterpriseInput!) { saveRegistryEnterprise(input: $input) { __typename } }`;

let server: TestServer;
let admin: string;
/** the cursor of the case event that followed the admin change (test 1), which a replay must reach */
let afterTheChange: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signIn('platform.admin');
});
afterAll(async () => server?.close());

describe('caseEvents of the admin', () => {
  it('an admin change is not a case event: the admin following live gets no error and no such event', async () => {
    const live = subscribeTo(server.url, admin, FOLLOW, {});
    try {
      await sleep(300); // subscribed before the changes below
      const saved = await server.gql(
        SAVE,
        {
          input: {
            uscc: makeUscc('91440100MA77777770'.slice(0, 17)),
            name: '广州事件流测试有限公司',
            competentAuthorityCode: '14401060000',
            creditRating: 'A',
            inPilot: true,
            majorViolation: false,
            livelihoodIndustry: false,
            priorYearRevenue: 1,
            invoiceCount12m: 1,
            invoiceAmount12m: 1,
          },
        },
        admin,
      );
      expect(saved.data?.saveRegistryEnterprise.__typename).toBe('SaveRegistryEnterpriseSuccess');
      // then a case event, which the admin does receive
      const dcu = await createDcu(server);
      const useUnit = await createUseUnit(server);
      await invite(server, dcu.token, [rowFor(useUnit)], { proofMaterialIds: [await uploadProof(server, dcu.token)] });
      const deadline = Date.now() + 10_000;
      while (!live.events.some((event) => event.event === 'invite') && Date.now() < deadline) await sleep(20);
      expect(live.errors).toEqual([]);
      expect(live.events.map((event) => event.caseKind)).toContain('INVITATION');
      afterTheChange = live.events.find((event) => event.event === 'invite')?.cursor;
      expect(
        live.events.every((event) => event.caseKind !== undefined && !String(event.caseKind).startsWith('ADMIN')),
      ).toBe(true);
    } finally {
      await live.close();
    }
  });

  it('a replay from the beginning holds no admin change either', async () => {
    const replay = subscribeTo(server.url, admin, FOLLOW, { after: '0' });
    try {
      const deadline = Date.now() + 10_000;
      const reached = () => replay.events.some((event) => event.cursor === afterTheChange);
      while (!reached() && replay.errors.length === 0 && Date.now() < deadline) await sleep(20);
      expect(replay.errors).toEqual([]);
      expect(reached()).toBe(true);
    } finally {
      await replay.close();
    }
  });
});
