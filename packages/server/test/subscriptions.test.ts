// graphql-ws subscriptions on /graphql: live queue changes, resumable case events, jurisdiction, authentication.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverableEnd } from '../src/platform/events/cursor.ts';
import {
  COMPLETE_DRAFT,
  caseIn,
  createEnterprise,
  rawId,
  saveDraft,
  transition,
  uploadRequired,
  type WalkedCase,
} from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { sleep, subscribeTo, type TestSubscription } from './ws-client.ts';

const EVENT_FIELDS = 'cursor caseKind caseId event fromStatus toStatus actorName reason';

type Subscription = TestSubscription;

describe(`subscriptions over graphql-ws (${databaseKind()})`, () => {
  let server: TestServer;
  const open: Subscription[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await Promise.all(open.map((subscription) => subscription.close()));
    await server?.close();
  });

  function subscribe(token: string | null, query: string, variables: Record<string, unknown> = {}): Subscription {
    const subscription = subscribeTo(server.url, token, query, variables);
    open.push(subscription);
    return subscription;
  }

  /** Connected, and given time for the server to register the subscription on the event bus. */
  async function live(subscription: Subscription): Promise<void> {
    await subscription.connected;
    await sleep(400);
  }

  async function lastCursor(): Promise<string> {
    return (await deliverableEnd(server.running.app.db)).toString();
  }

  it('an officer subscribed to queueChanges(ACCESS_APPLICATION, ACCEPTANCE) receives the submission', async () => {
    const officer = subscribe(
      await server.signIn('th.officer1'),
      `subscription { queueChanges(kind: ACCESS_APPLICATION, step: ACCEPTANCE) { ${EVENT_FIELDS} } }`,
    );
    const reviewStep = subscribe(
      await server.signIn('th.officer2'),
      `subscription { queueChanges(kind: ACCESS_APPLICATION, step: REVIEW) { ${EVENT_FIELDS} } }`,
    );
    const foreign = subscribe(
      await server.signIn('sh.confirmer'),
      `subscription { queueChanges(kind: ACCESS_APPLICATION, step: ACCEPTANCE) { ${EVENT_FIELDS} } }`,
    );
    await Promise.all([live(officer), live(reviewStep), live(foreign)]);

    const draft = await caseIn(server, 'DRAFT');
    // saving a draft does not touch the acceptance queue
    await sleep(200);
    expect(officer.events).toEqual([]);
    const submitted = await transition(server, draft.owner.token, 'submit', draft.id, draft.version);
    expect(submitted.__typename).toBe('AccessApplicationSuccess');
    const [event] = await officer.waitFor(1);
    expect(officer.errors).toEqual([]);
    expect(event).toMatchObject({
      caseKind: 'ACCESS_APPLICATION',
      caseId: draft.id,
      event: 'submit',
      fromStatus: 'DRAFT',
      toStatus: 'PENDING_ACCEPTANCE',
    });
    expect(event.cursor).toMatch(/^\d+$/);

    // accepting removes it from the acceptance queue and adds it to the review queue
    await transition(server, await server.signIn('th.officer1'), 'accept', draft.id, draft.version + 1);
    const events = await officer.waitFor(2);
    expect(events.map((e) => e.event)).toEqual(['submit', 'accept']);
    const [review] = await reviewStep.waitFor(1);
    expect(review).toMatchObject({ caseId: draft.id, event: 'accept', toStatus: 'PENDING_REVIEW' });
    expect(reviewStep.events).toHaveLength(1);
    expect(BigInt(events[1].cursor)).toBeGreaterThan(BigInt(events[0].cursor));

    await sleep(200);
    expect(foreign.events).toEqual([]);
    expect(foreign.errors).toEqual([]);
  });

  it('caseEvents(after) replays what was missed, in order, exactly once, then continues live', async () => {
    const owner = await createEnterprise(server);
    const materialIds = await uploadRequired(server, owner.token);
    const draft = (await saveDraft(server, owner.token, { ...COMPLETE_DRAFT, materialIds })).accessApplication;
    const query = `subscription($after: String) { caseEvents(after: $after) { ${EVENT_FIELDS} } }`;

    const first = subscribe(owner.token, query);
    await live(first);
    await transition(server, owner.token, 'submit', draft.id, draft.version);
    const [submitted] = await first.waitFor(1);
    expect(submitted).toMatchObject({ caseId: draft.id, event: 'submit' });
    await first.close();

    // while disconnected: two transitions
    const accepted = await transition(
      server,
      await server.signIn('th.officer1'),
      'accept',
      draft.id,
      draft.version + 1,
    );
    const reviewed = await transition(
      server,
      await server.signIn('th.officer2'),
      'approveReview',
      draft.id,
      accepted.accessApplication.version,
    );
    expect(reviewed.accessApplication.status).toBe('PENDING_CONFIRMATION');

    const second = subscribe(owner.token, query, { after: submitted.cursor });
    const missed = await second.waitFor(2);
    expect(second.errors).toEqual([]);
    expect(missed.map((event) => [event.event, event.fromStatus, event.toStatus])).toEqual([
      ['accept', 'PENDING_ACCEPTANCE', 'PENDING_REVIEW'],
      ['approveReview', 'PENDING_REVIEW', 'PENDING_CONFIRMATION'],
    ]);
    expect(BigInt(missed[0].cursor)).toBeGreaterThan(BigInt(submitted.cursor));
    expect(BigInt(missed[1].cursor)).toBeGreaterThan(BigInt(missed[0].cursor));
    await sleep(300);
    expect(second.events).toHaveLength(2);

    // then live
    await transition(
      server,
      await server.signIn('gd.confirmer'),
      'confirm',
      draft.id,
      reviewed.accessApplication.version,
    );
    const all = await second.waitFor(3);
    expect(all.map((event) => event.event)).toEqual(['accept', 'approveReview', 'confirm']);
    await sleep(200);
    expect(second.events).toHaveLength(3);
    // the replay matches the audit trail
    const trail = await server.gql(
      'query($id: ID!) { accessApplication(id: $id) { auditTrail { cursor event } } }',
      { id: draft.id },
      owner.token,
    );
    expect(trail.data?.accessApplication.auditTrail.slice(2)).toEqual(
      all.map((event) => ({ cursor: event.cursor, event: event.event })),
    );
  });

  it('officers elsewhere never receive events of this jurisdiction; the competent ones do', async () => {
    const from = await lastCursor();
    const query = `subscription($after: String) { caseEvents(after: $after) { ${EVENT_FIELDS} } }`;
    const watchers = Object.fromEntries(
      await Promise.all(
        ['th.officer2', 'gd.confirmer', 'hzq.officer1', 'pd.officer1', 'sh.confirmer', 'zj.confirmer', 'yf.clerk'].map(
          async (username) => [username, subscribe(await server.signIn(username), query, { after: from })],
        ),
      ),
    ) as Record<string, Subscription>;
    await Promise.all(Object.values(watchers).map(live));
    const walked: WalkedCase = await caseIn(server, 'CONFIRMED');
    // submit, accept, approveReview, confirm — the enterprise's draft save (saveDraft) is its own
    const th = await watchers['th.officer2']?.waitFor(4);
    expect(th?.filter((event) => event.caseId === walked.id).map((event) => event.event)).toEqual([
      'submit',
      'accept',
      'approveReview',
      'confirm',
    ]);
    const gd = await watchers['gd.confirmer']?.waitFor(4);
    expect(gd?.filter((event) => event.caseId === walked.id)).toHaveLength(4);
    await sleep(300);
    for (const username of ['hzq.officer1', 'pd.officer1', 'sh.confirmer', 'zj.confirmer', 'yf.clerk']) {
      const watcher = watchers[username] as Subscription;
      expect(watcher.errors, username).toEqual([]);
      expect(
        watcher.events.filter((event) => event.caseId === walked.id),
        username,
      ).toEqual([]);
    }
    // replaying from the beginning does not leak them either
    const replay = subscribe(await server.signIn('sh.confirmer'), query, { after: '0' });
    await replay.waitFor(1);
    await sleep(300);
    expect(replay.events.length).toBeGreaterThan(0); // 上海's own seeded cases
    expect(replay.events.filter((event) => event.caseId === walked.id)).toEqual([]);
    const shanghaiIds = new Set(
      (
        await server.running.app.db.accessApplication.findMany({
          where: { provinceCode: '13100000000' },
          select: { id: true },
        })
      ).map((row) => row.id),
    );
    // and the seeded invitations of use units under 上海 authorities
    for (const row of await server.running.app.db.invitation.findMany({
      where: { useUnit: { competentAuthorityCode: { startsWith: '131' } } },
      select: { id: true },
    }))
      shanghaiIds.add(row.id);
    // and the capability subscriptions decided by 上海 authorities (申联数据's approved one)
    for (const row of await server.running.app.db.capabilitySubscription.findMany({
      where: { competentAuthorityCode: { startsWith: '131' } },
      select: { id: true },
    }))
      shanghaiIds.add(row.id);
    for (const event of replay.events) expect(shanghaiIds.has(rawId(event.caseId))).toBe(true);
  });

  it('an unauthenticated subscription gets an error and no events', async () => {
    for (const query of [
      `subscription { caseEvents { ${EVENT_FIELDS} } }`,
      `subscription { caseEvents(after: "0") { ${EVENT_FIELDS} } }`,
      `subscription { queueChanges(kind: ACCESS_APPLICATION, step: ACCEPTANCE, after: "0") { ${EVENT_FIELDS} } }`,
    ]) {
      const anonymous = subscribe(null, query);
      const deadline = Date.now() + 5000;
      while (anonymous.errors.length === 0 && Date.now() < deadline) await sleep(20);
      expect(anonymous.errors.length, query).toBeGreaterThan(0);
      expect(anonymous.errors[0].extensions?.code, JSON.stringify(anonymous.errors)).toBe('UNAUTHENTICATED');
      expect(anonymous.events).toEqual([]);
    }
    const badToken = subscribe('lq_not-a-real-token', `subscription { caseEvents(after: "0") { ${EVENT_FIELDS} } }`);
    const deadline = Date.now() + 5000;
    while (badToken.errors.length === 0 && Date.now() < deadline) await sleep(20);
    expect(badToken.errors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(badToken.events).toEqual([]);
  });

  it('enterprise users cannot subscribe to review queues', async () => {
    const enterprise = subscribe(
      await server.signIn('yf.clerk'),
      `subscription { queueChanges(kind: ACCESS_APPLICATION, step: ACCEPTANCE, after: "0") { ${EVENT_FIELDS} } }`,
    );
    const deadline = Date.now() + 5000;
    while (enterprise.errors.length === 0 && Date.now() < deadline) await sleep(20);
    expect(enterprise.errors[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(enterprise.events).toEqual([]);
  });
});
