// 消息通知 without a global lock: two events of the enterprise commit out of order (the later id first). Marking
// everything read meanwhile must not pass over the event still being committed: it is unread when it arrives, and
// the inbox lists both in stream order. Runs only in `pnpm test:pg`: PGlite cannot hold two transactions open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Tx } from '../src/platform/db/database.ts';
import { appendCaseEvent, type StoredCaseEvent } from '../src/platform/events/audit.ts';
import { createEnterprise, type FreshEnterprise } from './fixtures.ts';
import { startTestServer, type TestServer } from './harness.ts';

const LIST = `{ notifications(first: 10) { edges { cursor node { caseId read } } } unreadNotificationCount }`;
const MARK_ALL = `mutation { markNotificationsRead(input: {}) {
  __typename ... on MarkNotificationsReadSuccess { lastReadCursor unreadCount } } }`;

/** A transaction appending a bureau decision on the enterprise's case, held open until `commit` is called. */
function openDecision(db: Db, enterprise: FreshEnterprise, officerId: string, caseId: string) {
  let commit: () => void = () => undefined;
  const committing = new Promise<void>((resolve) => {
    commit = resolve;
  });
  let appended: (event: StoredCaseEvent) => void = () => undefined;
  const inserted = new Promise<StoredCaseEvent>((resolve) => {
    appended = resolve;
  });
  const done = db.$transaction(
    async (tx: Tx) => {
      appended(
        await appendCaseEvent(tx, {
          caseKind: 'ACCESS_APPLICATION',
          caseId,
          event: 'accept',
          fromStatus: 'PENDING_ACCEPTANCE',
          toStatus: 'PENDING_REVIEW',
          enterpriseId: enterprise.id,
          actorUserId: officerId,
          actorRole: 'OFFICER',
        }),
      );
      await committing;
    },
    { timeout: 30_000 },
  );
  return { inserted, commit, done };
}

describe('notifications on PostgreSQL, appends committing out of order', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it('“mark all read” never passes over an event still being committed: it arrives unread', async () => {
    const db = server.running.app.db;
    const enterprise = await createEnterprise(server);
    const officer = await db.user.findUniqueOrThrow({ where: { username: 'th.officer1' } });
    const earlier = openDecision(db, enterprise, officer.id, `notify-earlier-${enterprise.id}`);
    const first = await earlier.inserted;
    const later = openDecision(db, enterprise, officer.id, `notify-later-${enterprise.id}`);
    const second = await later.inserted;
    expect(second.id).toBeGreaterThan(first.id);
    later.commit();
    await later.done;

    // the later event is committed, the earlier one not yet: the inbox waits for the earlier transaction
    const marked = await server.gql(MARK_ALL, {}, enterprise.token);
    expect(marked.errors).toBeUndefined();

    earlier.commit();
    await earlier.done;
    const inbox = (await server.gql(LIST, {}, enterprise.token)).data as {
      notifications: { edges: { cursor: string; node: { caseId: string; read: boolean } }[] };
      unreadNotificationCount: number;
    };
    // newest first in stream order, and neither counted as read: the earlier one was never seen
    const caseIds = inbox.notifications.edges.map((edge) => Buffer.from(edge.node.caseId, 'base64').toString('utf8'));
    expect(caseIds).toEqual([`AccessApplication:${second.caseId}`, `AccessApplication:${first.caseId}`]);
    expect(inbox.notifications.edges.map((edge) => edge.node.read)).toEqual([false, false]);
    expect(inbox.unreadNotificationCount).toBe(2);
    const [newest, older] = inbox.notifications.edges.map((edge) => BigInt(edge.cursor));
    expect(newest as bigint).toBeGreaterThan(older as bigint);

    // marking now reads both
    const again = (await server.gql(MARK_ALL, {}, enterprise.token)).data as {
      markNotificationsRead: { unreadCount: number; lastReadCursor: string };
    };
    expect(again.markNotificationsRead.unreadCount).toBe(0);
    expect(again.markNotificationsRead.lastReadCursor).toBe(inbox.notifications.edges[0]?.cursor);
  });
});
