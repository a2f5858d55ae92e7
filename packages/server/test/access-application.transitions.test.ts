// Every status × every transition mutation over HTTP, derived from the domain table; plus reasons,
// four-eyes, jurisdiction, visibility, and per-viewer availableActions checked against what the mutations do.
import {
  ACCESS_APPLICATION_STATUSES,
  type AccessApplicationStatus,
  accessApplicationWorkflow,
  availableEvents,
  findTransition,
  type Performer,
  REASON_MAX_LENGTH,
} from '@leqi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CASE_EVENTS,
  type CaseEvent,
  caseIn,
  createEnterprise,
  LOCAL_OFFICERS,
  PROVINCIAL_OFFICER,
  readApplication,
  ruleShape,
  transition,
  type WalkedCase,
} from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

const wf = accessApplicationWorkflow;

describe(`access application transitions, exhaustively over HTTP (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  /** One case per status for the refused mutations (they must leave it untouched). */
  const shared = new Map<AccessApplicationStatus, Promise<WalkedCase>>();
  const sharedCase = (status: AccessApplicationStatus) => {
    if (!shared.has(status)) shared.set(status, caseIn(server, status));
    return shared.get(status) as Promise<WalkedCase>;
  };

  /** The user who performs `event` on `walked` as the table wants (owner, a local officer other than the last decider, the province). */
  async function performerToken(walked: WalkedCase, event: CaseEvent): Promise<string> {
    const { performer } = ruleShape(event);
    if (performer === 'OWNER_ENTERPRISE') return walked.owner.token;
    if (performer === 'PROVINCIAL_OFFICER') return server.signIn(PROVINCIAL_OFFICER);
    return server.signIn(walked.lastDecider === LOCAL_OFFICERS[0] ? LOCAL_OFFICERS[1] : LOCAL_OFFICERS[0]);
  }

  it('the seed has a 天河 case in every status (广州示例一号…八号科技有限公司)', async () => {
    const officer = await server.signIn('th.officer1');
    const statuses = new Set<string>();
    for (const [index, status] of ACCESS_APPLICATION_STATUSES.entries()) {
      const name = `广州示例${'一二三四五六七八'[index]}号科技有限公司`;
      const enterprise = await server.running.app.db.enterprise.findFirstOrThrow({ where: { name } });
      const row = await server.running.app.db.accessApplication.findFirstOrThrow({
        where: { enterpriseId: enterprise.id },
      });
      expect(row.status).toBe(status);
      expect(row.competentAuthorityCode).toBe('14401060000');
      statuses.add(row.status);
    }
    expect(statuses.size).toBe(ACCESS_APPLICATION_STATUSES.length);
    const queue = await server.gql(
      '{ reviewQueue(kind: ACCESS_APPLICATION, step: ACCEPTANCE, first: 100) { edges { node { status enterprise { name } } } } }',
      {},
      officer,
    );
    expect(queue.data?.reviewQueue.edges.map((edge: any) => edge.node.enterprise.name)).toContain(
      '广州示例二号科技有限公司',
    );
  });

  for (const status of ACCESS_APPLICATION_STATUSES) {
    for (const event of CASE_EVENTS) {
      const rule = findTransition(wf, status, event);
      const title = rule ? `${status} --${event}--> ${rule.to}` : `${status} --${event}--> INVALID_TRANSITION`;
      it(title, async () => {
        const walked = rule ? await caseIn(server, status) : await sharedCase(status);
        const token = await performerToken(walked, event);
        const result = await transition(server, token, event, walked.id, walked.version);
        const after = await readApplication(server, walked.owner.token, walked.id);
        if (rule) {
          expect(result.__typename, JSON.stringify(result)).toBe('AccessApplicationSuccess');
          expect(result.accessApplication.status).toBe(rule.to);
          expect(result.accessApplication.version).toBe(walked.version + 1);
          expect(after.status).toBe(rule.to);
          const last = after.auditTrail.at(-1);
          expect(last).toMatchObject({ event, fromStatus: status, toStatus: rule.to });
          if (rule.needsReason) expect(last.reason).toBe(`${event} 的原因`);
        } else {
          expect(result).toMatchObject({ __typename: 'BaseError', code: 'INVALID_TRANSITION' });
          expect(result.message).toContain(wf.statusInfo[status].zh);
          expect(after.status).toBe(status);
          expect(after.version).toBe(walked.version);
        }
      });
    }
  }

  describe('reasons', () => {
    const refusals = CASE_EVENTS.filter((event) => ruleShape(event).needsReason);
    it('the table has exactly the three refusals needing a reason', () => {
      expect(refusals.sort()).toEqual(['refuse', 'rejectConfirmation', 'rejectReview']);
    });
    for (const event of refusals) {
      it(`${event}: blank or whitespace reason → REASON_REQUIRED, > ${REASON_MAX_LENGTH} chars → VALIDATION_FAILED, status unchanged`, async () => {
        const from = wf.transitions.find((candidate) => candidate.event === event)?.from as AccessApplicationStatus;
        const walked = await caseIn(server, from);
        const token = await performerToken(walked, event);
        for (const reason of ['', '   ', ' \n\t　']) {
          const result = await transition(server, token, event, walked.id, walked.version, reason);
          expect(result, JSON.stringify(reason)).toMatchObject({ code: 'REASON_REQUIRED' });
        }
        const tooLong = await transition(
          server,
          token,
          event,
          walked.id,
          walked.version,
          '理'.repeat(REASON_MAX_LENGTH + 1),
        );
        expect(tooLong).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED' });
        expect(tooLong.issues).toEqual([expect.objectContaining({ field: 'reason', code: 'TOO_LONG' })]);
        const unchanged = await readApplication(server, walked.owner.token, walked.id);
        expect(unchanged).toMatchObject({ status: from, version: walked.version });
        // exactly the maximum is fine, and it is stored trimmed
        const longest = `  ${'理'.repeat(REASON_MAX_LENGTH)}  `;
        const ok = await transition(server, token, event, walked.id, walked.version, longest);
        expect(ok.__typename, JSON.stringify(ok)).toBe('AccessApplicationSuccess');
        expect(ok.accessApplication.lastReason).toBe('理'.repeat(REASON_MAX_LENGTH));
        expect(ok.accessApplication.auditTrail.at(-1).reason).toBe('理'.repeat(REASON_MAX_LENGTH));
      });
    }
  });

  it('four-eyes: the officer who accepted can neither approve nor reject the review; another can', async () => {
    const walked = await caseIn(server, 'PENDING_REVIEW');
    expect(walked.lastDecider).toBe('th.officer1');
    const accepter = await server.signIn('th.officer1');
    for (const event of ['approveReview', 'rejectReview'] as const) {
      expect(await transition(server, accepter, event, walked.id, walked.version)).toMatchObject({ code: 'FOUR_EYES' });
    }
    const view = await readApplication(server, accepter, walked.id);
    expect(view).toMatchObject({ status: 'PENDING_REVIEW', version: walked.version, availableActions: [] });
    expect(view.blockedReason).toBe('同一事项的相邻两个审批环节不能由同一人办理');
    const other = await transition(
      server,
      await server.signIn('th.officer2'),
      'approveReview',
      walked.id,
      walked.version,
    );
    expect(other.accessApplication.status).toBe('PENDING_CONFIRMATION');
  });

  it('officers of another authority or province get NOT_JURISDICTION at every step', async () => {
    const cases = {
      PENDING_ACCEPTANCE: await caseIn(server, 'PENDING_ACCEPTANCE'),
      PENDING_REVIEW: await caseIn(server, 'PENDING_REVIEW'),
      PENDING_CONFIRMATION: await caseIn(server, 'PENDING_CONFIRMATION'),
    };
    const outsiders = ['hzq.officer1', 'pd.officer1', 'xh.officer2', 'sh.confirmer', 'zj.confirmer'];
    for (const walked of Object.values(cases)) {
      for (const event of availableEvents(wf, walked.status).filter(
        (candidate) => candidate !== 'saveDraft',
      ) as CaseEvent[]) {
        for (const outsider of outsiders) {
          const result = await transition(server, await server.signIn(outsider), event, walked.id, walked.version);
          expect(result, `${outsider} ${event}`).toMatchObject({ __typename: 'BaseError', code: 'NOT_JURISDICTION' });
        }
      }
      expect(await readApplication(server, walked.owner.token, walked.id)).toMatchObject({
        status: walked.status,
        version: walked.version,
      });
      // and they cannot see the case either
      for (const outsider of outsiders) {
        expect(await readApplication(server, await server.signIn(outsider), walked.id)).toBeNull();
      }
    }
  });

  it('enterprise users calling bureau mutations get FORBIDDEN; anonymous callers UNAUTHENTICATED', async () => {
    const walked = await caseIn(server, 'PENDING_ACCEPTANCE');
    const bureauEvents = CASE_EVENTS.filter((event) => event !== 'submit');
    for (const event of bureauEvents) {
      const own = await transition(server, walked.owner.token, event, walked.id, walked.version);
      const foreign = await transition(server, await server.signIn('yf.clerk'), event, walked.id, walked.version);
      const anonymous = await transition(server, null, event, walked.id, walked.version);
      // whatever the status: bureau decisions are never an enterprise's to make
      expect(own, `owner ${event}`).toMatchObject({ code: 'FORBIDDEN' });
      expect(foreign, `foreign ${event}`).toMatchObject({ code: 'FORBIDDEN' });
      expect(anonymous, `anonymous ${event}`).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    const anonymousSubmit = await transition(server, null, 'submit', walked.id, walked.version);
    expect(anonymousSubmit).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await readApplication(server, walked.owner.token, walked.id)).toMatchObject({
      status: 'PENDING_ACCEPTANCE',
      version: walked.version,
    });
  });

  it("another enterprise's user can neither see nor act on an application", async () => {
    const walked = await caseIn(server, 'DRAFT');
    const stranger = await createEnterprise(server);
    const node = await server.gql(
      'query($id: ID!) { node(id: $id) { id ... on AccessApplication { status } } }',
      { id: walked.id },
      stranger.token,
    );
    expect(node.errors).toBeUndefined();
    expect(node.data?.node).toBeNull();
    expect(await readApplication(server, stranger.token, walked.id)).toBeNull();
    expect(await readApplication(server, await server.signIn('yf.clerk'), walked.id)).toBeNull();
    const list = await server.gql('{ viewer { accessApplications { id } } }', {}, stranger.token);
    expect(list.data?.viewer.accessApplications).toEqual([]);
    const submitted = await transition(server, stranger.token, 'submit', walked.id, walked.version);
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(submitted.code);
    const edited = await server.gql(
      'mutation($input: SaveAccessApplicationDraftInput!) { saveAccessApplicationDraft(input: $input) { __typename ... on Error { code } } }',
      { input: { id: walked.id, expectedVersion: walked.version, claimsLivelihood: true, unitInfoConfirmed: true } },
      stranger.token,
    );
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(edited.data?.saveAccessApplicationDraft.code);
    // anonymous callers see nothing either
    expect((await server.gql('query($id: ID!) { node(id: $id) { id } }', { id: walked.id })).data?.node).toBeNull();
    // the owner still sees it unchanged; a draft is its enterprise's own, so not even the competent officer loads it
    expect(await readApplication(server, walked.owner.token, walked.id)).toMatchObject({
      status: 'DRAFT',
      version: walked.version,
    });
    expect(await readApplication(server, await server.signIn('th.officer2'), walked.id)).toBeNull();
  });

  describe('availableActions and blockedReason per viewer match what the mutations allow', () => {
    type ViewerKind = 'owner' | 'th.officer1' | 'th.officer2' | 'gd.confirmer' | 'hzq.officer1' | 'sh.confirmer';
    const VIEWERS: ViewerKind[] = [
      'owner',
      'th.officer1',
      'th.officer2',
      'gd.confirmer',
      'hzq.officer1',
      'sh.confirmer',
    ];
    const PERFORMER_OF: Record<ViewerKind, Performer | 'NOT_JURISDICTION'> = {
      owner: 'OWNER_ENTERPRISE',
      'th.officer1': 'LOCAL_OFFICER',
      'th.officer2': 'LOCAL_OFFICER',
      'gd.confirmer': 'PROVINCIAL_OFFICER',
      'hzq.officer1': 'NOT_JURISDICTION',
      'sh.confirmer': 'NOT_JURISDICTION',
    };

    /** What the table allows this viewer on this case (four-eyes against the last decider). */
    function expectedActions(viewer: ViewerKind, walked: WalkedCase): CaseEvent[] {
      const performer = PERFORMER_OF[viewer];
      if (performer === 'NOT_JURISDICTION') return [];
      return (availableEvents(wf, walked.status, performer) as string[])
        .filter((event): event is CaseEvent => event !== 'saveDraft')
        .filter((event) => !(findTransition(wf, walked.status, event)?.fourEyes && walked.lastDecider === viewer));
    }
    const tokenOf = (viewer: ViewerKind, walked: WalkedCase) =>
      viewer === 'owner' ? walked.owner.token : server.signIn(viewer);

    for (const status of ACCESS_APPLICATION_STATUSES) {
      it(`${status}: offered actions are exactly the allowed ones; every other mutation is refused`, async () => {
        const walked = await caseIn(server, status);
        for (const viewer of VIEWERS) {
          const token = await tokenOf(viewer, walked);
          const view = await readApplication(server, token, walked.id);
          const expected = expectedActions(viewer, walked);
          // a draft is its enterprise's own: no officer loads it (and none has an action on it)
          if (PERFORMER_OF[viewer] === 'NOT_JURISDICTION' || (status === 'DRAFT' && viewer !== 'owner')) {
            expect(view, viewer).toBeNull();
          } else {
            expect(view.availableActions.map((action: { event: string }) => action.event).sort(), viewer).toEqual(
              [...expected].sort(),
            );
            for (const action of view.availableActions)
              expect(action.needsReason).toBe(ruleShape(action.event).needsReason);
            if (expected.length > 0) expect(view.blockedReason, viewer).toBeNull();
            else expect(view.blockedReason, viewer).toEqual(expect.any(String));
          }
          for (const event of CASE_EVENTS.filter((candidate) => !expected.includes(candidate))) {
            const result = await transition(server, token, event, walked.id, walked.version);
            expect(result.__typename, `${viewer} ${event} on ${status}`).not.toBe('AccessApplicationSuccess');
          }
        }
        expect(await readApplication(server, walked.owner.token, walked.id)).toMatchObject({
          status,
          version: walked.version,
        });
        // every offered action works, each on a fresh case in the same status
        for (const viewer of VIEWERS) {
          for (const event of expectedActions(viewer, walked)) {
            const fresh = await caseIn(server, status);
            const result = await transition(server, await tokenOf(viewer, fresh), event, fresh.id, fresh.version);
            expect(result.__typename, `${viewer} ${event} on ${status}: ${JSON.stringify(result)}`).toBe(
              'AccessApplicationSuccess',
            );
            expect(result.accessApplication.status).toBe(findTransition(wf, status, event)?.to);
          }
        }
      });
    }

    it('blocked reasons name the cause, in the caller’s language', async () => {
      const walked = await caseIn(server, 'CONFIRMED');
      const owner = await readApplication(server, walked.owner.token, walked.id);
      expect(owner.blockedReason).toContain('确认通过');
      const english = await server.gql(
        `query($id: ID!) { accessApplication(id: $id) { statusLabel blockedReason } }`,
        { id: walked.id },
        walked.owner.token,
        { 'accept-language': 'en' },
      );
      expect(english.data?.accessApplication).toMatchObject({ statusLabel: 'Confirmed' });
      expect(english.data?.accessApplication.blockedReason).toContain('Confirmed');
    });
  });
});
