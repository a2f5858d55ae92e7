// The example ERP client (examples/erp-client) against the real server: an API token of 上海申联数据 created by
// sl.clerk, invitations uploaded with an idempotency key, statuses paged, status changes followed live and resumed
// after a dropped connection and after a restart, from the cursor the client saved.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allInvitationStatuses,
  type CaseEvent,
  type ClientConfig,
  type Follower,
  fetchStatusPage,
  followCaseEvents,
  type InvitationRow,
  LeqiError,
  loadCursor,
  rowFromOfficial,
  unbindUseUnits,
  uploadInvitations,
} from '../../../examples/erp-client/src/client.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { createToken, createUseUnit, fire, GUANGDONG, type Party, rowFor } from './invitation.fixtures.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(events: CaseEvent[], count: number, timeoutMs = 8000): Promise<CaseEvent[]> {
  const deadline = Date.now() + timeoutMs;
  while (events.length < count && Date.now() < deadline) await sleep(20);
  return events;
}

/** Waits for `count` events, then a little longer to be sure no more come. */
async function exactly(events: CaseEvent[], count: number): Promise<CaseEvent[]> {
  await waitFor(events, count);
  await sleep(400);
  return events;
}

describe(`example ERP client (${databaseKind()})`, () => {
  let server: TestServer;
  let config: ClientConfig;
  let directory: string;
  let cursorFile: string;
  let follower: Follower | null = null;
  const events: CaseEvent[] = [];
  let regulated1: Party;
  let regulated2: Party;
  let needsProof: Party;
  const invitationOf = new Map<string, { id: string; version: number }>();

  beforeAll(async () => {
    server = await startTestServer();
    const clerk = await server.signIn('sl.clerk');
    const created = await createToken(server, clerk, 'ERP 示例客户端');
    expect(created.__typename).toBe('CreateApiTokenSuccess');
    config = { url: server.url, token: created.token };
    directory = mkdtempSync(join(tmpdir(), 'leqi-erp-'));
    cursorFile = join(directory, 'cursor.json');
    // railway / aviation / highway units under the same regulator need no relationship proof
    regulated1 = await createUseUnit(server, { regulatedSector: true });
    regulated2 = await createUseUnit(server, { regulatedSector: true });
    needsProof = await createUseUnit(server);
  });
  afterAll(async () => {
    await follower?.close();
    await server?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  function follow(): Follower {
    return followCaseEvents(config, {
      cursorFile,
      reconnectDelayMs: 300,
      onEvent: (event) => {
        events.push(event);
      },
    });
  }

  it('uploads invitations with an idempotency key; re-sending the same body is harmless', async () => {
    follower = follow();
    await follower.connected;
    await sleep(300);

    const rows: InvitationRow[] = [
      rowFor(regulated1, { relationship: 'SAME_REGULATOR' }) as InvitationRow,
      // the same row in the official codes: 单位关系代码 05
      rowFromOfficial({
        uscc: regulated2.uscc,
        name: regulated2.name,
        provinceAuthorityCode: GUANGDONG,
        relationshipCode: '05',
        capabilityCodes: ['202007'],
      }),
      rowFor(needsProof) as InvitationRow,
      { uscc: '91440100ABC', name: '无效', provinceAuthorityCode: GUANGDONG, relationship: 'HQ_BRANCH' },
    ];
    const first = await uploadInvitations(config, rows, { idempotencyKey: 'erp-batch-0001' });
    expect(first.succeeded.map((row) => [row.useUnitUscc, row.status, row.officialStatusCode])).toEqual([
      [regulated1.uscc, 'PENDING_RESPONSE', 0],
      [regulated2.uscc, 'PENDING_RESPONSE', 0],
    ]);
    expect(first.failed.map((failure) => [failure.row, failure.code])).toEqual([
      [3, 'PROOF_REQUIRED'],
      [4, 'INVALID_USCC'],
    ]);
    for (const row of first.succeeded) invitationOf.set(row.useUnitUscc, { id: row.id, version: 0 });

    const replay = await uploadInvitations(config, rows, { idempotencyKey: 'erp-batch-0001' });
    expect(replay.succeeded.map((row) => row.id)).toEqual(first.succeeded.map((row) => row.id));
    expect(replay.failed).toEqual(first.failed);
    const other = await uploadInvitations(config, rows.slice(0, 1), { idempotencyKey: 'erp-batch-0001' }).catch(
      (error: unknown) => error,
    );
    expect(other).toBeInstanceOf(LeqiError);
    expect((other as LeqiError).code).toBe('DUPLICATE');
    const stored = await server.running.app.db.invitation.count({
      where: { useUnitUscc: { in: [regulated1.uscc, regulated2.uscc] } },
    });
    expect(stored).toBe(2);

    // the live follower saw each invitation created once, and none for the replay
    expect((await exactly(events, 2)).map((event) => [event.event, event.toStatus])).toEqual([
      ['invite', 'PENDING_RESPONSE'],
      ['invite', 'PENDING_RESPONSE'],
    ]);
    expect(await loadCursor(cursorFile)).toBe(events[1]?.cursor);
  });

  it('pages the statuses 1–100 at a time by cursor', async () => {
    for (const pageSize of [0, 101]) {
      const refused = await fetchStatusPage(config, { pageSize }).catch((error: unknown) => error);
      expect((refused as LeqiError).code).toBe('VALIDATION_FAILED');
    }
    const firstPage = await fetchStatusPage(config, { pageSize: 2 });
    const all = await allInvitationStatuses(config, { pageSize: 2 });
    expect(all.length).toBe(firstPage.totalCount);
    expect(new Set(all.map((row) => row.id)).size).toBe(all.length);
    expect(all.length).toBeGreaterThan(2);
    const pending = await allInvitationStatuses(config, { pageSize: 1, status: 'PENDING_RESPONSE' });
    expect(pending.every((row) => row.officialStatusCode === 0)).toBe(true);
    expect(pending.map((row) => row.useUnitUscc)).toEqual(expect.arrayContaining([regulated1.uscc, regulated2.uscc]));
  });

  it('follows the use unit and the bureau officer live', async () => {
    const invitation = invitationOf.get(regulated1.uscc) as { id: string; version: number };
    const responded = await fire(server, regulated1.token, 'respond', invitation.id, invitation.version, {
      relationship: 'SAME_REGULATOR',
    });
    expect(responded.__typename).toBe('InvitationSuccess');
    const accepted = await fire(
      server,
      await server.signIn('th.officer1'),
      'accept',
      invitation.id,
      responded.invitation.version,
    );
    expect(accepted.__typename).toBe('InvitationSuccess');
    invitation.version = accepted.invitation.version;
    const live = (await exactly(events, 4)).slice(2);
    expect(live.map((event) => [event.caseId, event.event, event.fromStatus, event.toStatus])).toEqual([
      [invitation.id, 'respond', 'PENDING_RESPONSE', 'PENDING_ACCEPTANCE'],
      [invitation.id, 'accept', 'PENDING_ACCEPTANCE', 'PENDING_CONFIRMATION'],
    ]);
  });

  it('reconnects after a dropped connection and receives the change made meanwhile, once', async () => {
    const current = follower as Follower;
    expect(current.connections()).toBe(1);
    current.dropConnection();
    const invitation = invitationOf.get(regulated2.uscc) as { id: string; version: number };
    const declined = await fire(server, regulated2.token, 'decline', invitation.id, invitation.version);
    expect(declined.__typename).toBe('InvitationSuccess');
    const after = await exactly(events, 5);
    expect(after.slice(4).map((event) => [event.caseId, event.event, event.toStatus])).toEqual([
      [invitation.id, 'decline', 'DECLINED'],
    ]);
    expect(current.connections()).toBe(2);
    const cursors = events.map((event) => BigInt(event.cursor));
    expect(cursors.every((cursor, index) => index === 0 || cursor > (cursors[index - 1] as bigint))).toBe(true);
  });

  it('a restarted client resumes from the saved cursor with exactly what it missed', async () => {
    await follower?.close();
    follower = null;
    const saved = await loadCursor(cursorFile);
    expect(saved).toBe(events.at(-1)?.cursor);

    // while nobody listens: the second officer confirms (the binding becomes ACTIVE), then the ERP unbinds
    const invitation = invitationOf.get(regulated1.uscc) as { id: string; version: number };
    const confirmed = await fire(
      server,
      await server.signIn('th.officer2'),
      'confirm',
      invitation.id,
      invitation.version,
    );
    expect(confirmed.__typename).toBe('InvitationSuccess');
    const unbound = await unbindUseUnits(config, [regulated1.uscc]);
    expect(unbound.unbound.map((binding) => [binding.useUnit.uscc, binding.status])).toEqual([
      [regulated1.uscc, 'UNBOUND'],
    ]);

    const before = events.length;
    follower = follow();
    const missed = (await exactly(events, before + 2)).slice(before);
    expect(missed.map((event) => [event.caseId, event.event, event.toStatus])).toEqual([
      [invitation.id, 'confirm', 'CONFIRMED'],
      [invitation.id, 'unbindByDirectUnit', 'UNBOUND'],
    ]);
    expect(missed.every((event) => BigInt(event.cursor) > BigInt(saved as string))).toBe(true);
    expect(await loadCursor(cursorFile)).toBe(missed[1]?.cursor);

    const statuses = await allInvitationStatuses(config, { pageSize: 100 });
    const byUscc = new Map(statuses.map((row) => [row.useUnitUscc, row]));
    expect(byUscc.get(regulated1.uscc)).toMatchObject({ status: 'UNBOUND', officialStatusCode: 6 });
    expect(byUscc.get(regulated2.uscc)).toMatchObject({ status: 'DECLINED', officialStatusCode: 8 });
  });

  it('a token revoked while following: the follower stops at close 4401 instead of reconnecting with it', async () => {
    // a server that re-checks open sockets' credentials every 200 ms, so the revocation closes the socket quickly
    const quick = await startTestServer({ GRAPHQL_WS_REVALIDATE_MS: '200' });
    try {
      const clerk = await quick.signIn('sl.clerk');
      const created = await createToken(quick, clerk, '将被吊销');
      const statuses: string[] = [];
      const revoked = followCaseEvents(
        { url: quick.url, token: created.token },
        {
          cursorFile: join(directory, 'revoked-cursor.json'),
          reconnectDelayMs: 50,
          onEvent: () => undefined,
          onStatus: (status, detail) => statuses.push(`${status} ${detail ?? ''}`),
        },
      );
      await revoked.connected;
      const revoke = await quick.gql(
        'mutation($id: ID!) { revokeApiToken(input: {id: $id}) { __typename } }',
        { id: created.apiToken.id },
        clerk,
      );
      expect(revoke.data?.revokeApiToken.__typename).toBe('ApiTokenSuccess');
      const deadline = Date.now() + 10_000;
      while (!statuses.some((status) => status.startsWith('failed')) && Date.now() < deadline) await sleep(20);
      await sleep(300); // a reconnect, were there one, would have happened by now
      expect(statuses).toEqual([expect.stringMatching(/^connected/), expect.stringMatching(/^failed closed 4401/)]);
      expect(revoked.connections()).toBe(1);
      await revoked.close();
    } finally {
      await quick.close();
    }
  });

  it('GraphiQL in development offers the saved example operations', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const operation of ['inviteUseUnits', 'sentInvitations', 'caseEvents', 'createApiToken'])
      expect(html).toContain(operation);
  });
});
