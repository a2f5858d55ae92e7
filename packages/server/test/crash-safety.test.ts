// Crash safety: the real server runs as a child process (`node --import tsx src/main.ts`) on a data directory
// (PGlite) or a fresh PostgreSQL database, drives concurrent bureau decisions and a large Excel import, and is
// killed with SIGKILL at a random moment (fixed seed). After each kill the app is started again on the same
// data and the test checks: every case replays from its audit events to its stored status (no half-applied
// transition or import row), every transition acknowledged before the kill is there, the audit chains
// verify, and the events a subscriber saw before the crash plus those it reads after restart from its last
// cursor are exactly the committed events: no gap, nothing lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeUscc, REVIEW_KINDS } from '@leqi/domain';
import fc from 'fast-check';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startApp } from '../src/app.ts';
import { replayAuditTrails } from '../src/features/audit/replay.ts';
import { loadConfig } from '../src/platform/config.ts';
import { appendCaseEvent } from '../src/platform/events/audit.ts';
import { afterCursor, deliverableEnd, eventCursor, STREAM_ORDER } from '../src/platform/events/cursor.ts';
import { verifyAuditChains } from '../src/platform/events/verify.ts';
import { startChildServer, TEST_KEEP_ALIVE_MS } from './child-server.ts';
import { caseIn, rawId, transition, type WalkedCase } from './fixtures.ts';
import {
  DEMO_PASSWORD,
  databaseKind,
  freshPostgresDatabase,
  type GraphQLResponse,
  serverAround,
  type TestServer,
} from './harness.ts';
import { createDcu, GUANGDONG, type Party, uploadProof } from './invitation.fixtures.ts';
import { HEADERS, workbookFile } from './invitation-import.workbooks.ts';

/** Kill rounds, cases decided concurrently per round and rows per imported workbook (fixed seed: reproducible). */
export const CRASH_ROUNDS = Number(process.env.CRASH_ROUNDS ?? 4);
const CASES_PER_ROUND = 20;
const IMPORT_ROWS = 2000;
const WALKERS = 6;
const SEED = 20261125;

/** The app started in this process on the crash test's data: the "restart" after each kill. */
async function startInProcess(env: Record<string, string>): Promise<TestServer> {
  const running = await startApp(loadConfig({ ...env, PORT: '0' }));
  return serverAround(running, () => running.close());
}

interface Acknowledged {
  caseId: string;
  event: string;
  toStatus: string;
  version: number;
}

const NEXT: Record<string, { event: string; officer: (last: string | null) => string }[]> = {
  PENDING_ACCEPTANCE: [
    { event: 'accept', officer: () => 'th.officer1' },
    { event: 'refuse', officer: () => 'th.officer2' },
  ],
  PENDING_REVIEW: [
    { event: 'approveReview', officer: (last) => (last === 'th.officer1' ? 'th.officer2' : 'th.officer1') },
    { event: 'rejectReview', officer: (last) => (last === 'th.officer1' ? 'th.officer2' : 'th.officer1') },
  ],
  PENDING_CONFIRMATION: [
    { event: 'confirm', officer: () => 'gd.confirmer' },
    { event: 'rejectConfirmation', officer: () => 'gd.confirmer' },
  ],
};

describe(`crash safety: kill -9 during transitions and imports (${databaseKind()})`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leqi-crash-'));
  let env: Record<string, string>;
  let dropDatabase: (() => Promise<void>) | null = null;
  let dcu: Party;
  let proof: string;
  const figures = { kills: 0, acknowledged: 0, importRowsApplied: 0, eventsSeenLive: 0, eventsResumed: 0, lost: 0 };

  beforeAll(async () => {
    env = {
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_TOKEN_PER_MINUTE: '1000000',
      // the restarts in this process too (the child gets it from startChildServer)
      HTTP_KEEP_ALIVE_TIMEOUT_MS: TEST_KEEP_ALIVE_MS,
    };
    if (process.env.TEST_DATABASE_URL) {
      const database = await freshPostgresDatabase(process.env.TEST_DATABASE_URL);
      env.DATABASE_URL = database.url;
      dropDatabase = database.drop;
    }
    const app = await startInProcess(env);
    dcu = await createDcu(app as TestServer);
    // the fixture writes the DCU's approved subscription directly; give it the trail the service would have written
    const subscription = await app.running.app.db.capabilitySubscription.findFirstOrThrow({
      where: { dcuEnterpriseId: dcu.id },
    });
    await app.running.app.db.$transaction(async (tx) => {
      await appendCaseEvent(tx, {
        caseKind: 'CAPABILITY_SUBSCRIPTION',
        caseId: subscription.id,
        event: 'apply',
        toStatus: 'PENDING_APPROVAL',
        enterpriseId: dcu.id,
      });
      await appendCaseEvent(tx, {
        caseKind: 'CAPABILITY_SUBSCRIPTION',
        caseId: subscription.id,
        event: 'approve',
        fromStatus: 'PENDING_APPROVAL',
        toStatus: subscription.status,
        enterpriseId: dcu.id,
      });
    });
    proof = await uploadProof(app as TestServer, dcu.token);
    await app.close();
  }, 300_000);

  afterAll(async () => {
    await dropDatabase?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`${CRASH_ROUNDS} rounds of SIGKILL mid-work: nothing half-applied, nothing acknowledged lost, no gap in the event stream`, async () => {
    const rounds = fc.sample(
      fc.record({
        // kill once this many transitions were acknowledged and the import was accepted, then after extraMs
        afterTransitions: fc.integer({ min: 2, max: 40 }),
        afterRows: fc.integer({ min: 20, max: IMPORT_ROWS / 2 }),
        extraMs: fc.integer({ min: 0, max: 400 }),
        choices: fc.array(fc.nat({ max: 9 }), { minLength: 64, maxLength: 64 }),
      }),
      { numRuns: CRASH_ROUNDS, seed: SEED },
    );
    for (const [round, plan] of rounds.entries()) {
      // ---- prepare the round's work with the app in this process --------------------------------------------
      const prep = await startInProcess(env);
      const cases: WalkedCase[] = [];
      for (let index = 0; index < CASES_PER_ROUND; index++) cases.push(await caseIn(prep, 'PENDING_ACCEPTANCE'));
      const serial = round * IMPORT_ROWS;
      const useUnits = Array.from({ length: IMPORT_ROWS }, (_, index) => ({
        uscc: makeUscc(
          `9144010K${String(process.pid % 10_000).padStart(4, '0')}${String(serial + index).padStart(5, '0')}`,
        ),
        name: `崩溃测试使用单位${round}-${index}有限公司`,
      }));
      await prep.running.app.db.enterprise.createMany({
        data: useUnits.map((unit) => ({
          uscc: unit.uscc,
          name: unit.name,
          competentAuthorityCode: '14401060000',
          creditRating: 'A',
          inPilot: true,
        })),
      });
      const startCursor = await deliverableEnd(prep.running.app.db);
      await prep.close();
      const workbook = await workbookFile([HEADERS, ...useUnits.map((u) => [u.uscc, u.name, GUANGDONG, '02', ''])]);

      // ---- the real server as a child process --------------------------------------------------------------
      const child = await startChildServer(env);
      const url = child.url;

      const signIn = async (username: string) => {
        const response = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: `mutation { signIn(input: {username: "${username}", password: "${DEMO_PASSWORD}"}) { ... on SignInSuccess { token } } }`,
          }),
        });
        return ((await response.json()) as any).data.signIn.token as string;
      };
      const admin = await signIn('platform.admin');
      const officers = new Map<string, string>();
      for (const name of ['th.officer1', 'th.officer2', 'gd.confirmer']) officers.set(name, await signIn(name));
      const remote = { url } as TestServer;
      remote.gql = async (query, variables, token) => {
        const response = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        return (await response.json()) as GraphQLResponse<any>;
      };

      // a subscriber from the round's starting cursor
      const seen: bigint[] = [];
      const client = createClient({
        url: `${url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${admin}` },
        retryAttempts: 0,
        lazy: false,
        onNonLazyError: () => undefined,
      });
      client.subscribe(
        {
          query: 'subscription($after: String) { caseEvents(after: $after) { cursor } }',
          variables: { after: String(startCursor) },
        },
        {
          next: (message) => seen.push(BigInt((message.data as any).caseEvents.cursor)),
          error: () => undefined,
          complete: () => undefined,
        },
      );

      // ---- work until killed --------------------------------------------------------------------------------
      let killed = false;
      const acknowledged: Acknowledged[] = [];
      let importRecordId: string | null = null;
      let importAnswer = '';
      const importing = (async () => {
        const form = new FormData();
        form.append(
          'operations',
          JSON.stringify({
            query:
              'mutation($f: Upload!, $p: [ID!]) { importUseUnitInvitations(input: {file: $f, proofMaterialIds: $p}) { __typename ... on ImportUseUnitInvitationsSuccess { importRecord { id } } ... on Error { code message } } }',
            variables: { f: null, p: [proof] },
          }),
        );
        form.append('map', JSON.stringify({ 0: ['variables.f'] }));
        form.append('0', new Blob([new Uint8Array(workbook.bytes)]), 'crash.xlsx');
        try {
          const response = await fetch(`${url}/graphql`, {
            method: 'POST',
            headers: { 'x-leqi-csrf': '1', authorization: `Bearer ${dcu.token}` },
            body: form,
          });
          const body = (await response.json()) as any;
          importRecordId = body.data?.importUseUnitInvitations?.importRecord?.id ?? null;
          if (!importRecordId) importAnswer = JSON.stringify(body).slice(0, 500);
        } catch {
          // killed before it answered
        }
      })();
      let choice = 0;
      const queue = [...cases];
      const walk = async () => {
        for (;;) {
          const walked = queue.shift();
          if (!walked || killed) return;
          let current = { id: walked.id, version: walked.version, status: 'PENDING_ACCEPTANCE' };
          let last: string | null = null;
          while (!killed && NEXT[current.status]) {
            const options = NEXT[current.status] as (typeof NEXT)[string];
            // mostly forward, now and then a refusal
            const step = (
              (plan.choices[choice++ % plan.choices.length] as number) < 8 ? options[0] : options[1]
            ) as (typeof options)[number];
            const officer = step.officer(last);
            try {
              const result = await transition(
                remote,
                officers.get(officer) as string,
                step.event as never,
                current.id,
                current.version,
                '材料不全',
              );
              if (result?.__typename !== 'AccessApplicationSuccess')
                throw new Error(`${step.event}: ${JSON.stringify(result)}`);
              current = {
                id: current.id,
                version: result.accessApplication.version,
                status: result.accessApplication.status,
              };
              acknowledged.push({
                caseId: rawId(current.id),
                event: step.event,
                toStatus: current.status,
                version: current.version,
              });
              last = officer;
            } catch (error) {
              if (killed) return;
              throw error;
            }
          }
        }
      };
      let walkersDone = 0;
      const walkers = Array.from({ length: WALKERS }, () => walk().finally(() => walkersDone++));
      const started = Date.now();
      let processedRows = 0;
      let importStatus = '';
      while (Date.now() - started < 90_000) {
        if (importRecordId) {
          const progress = await remote.gql(
            'query($id: ID!) { node(id: $id) { ... on ImportRecord { status succeeded failed } } }',
            { id: importRecordId },
            dcu.token,
          );
          const node = progress.data?.node;
          processedRows = (node?.succeeded ?? 0) + (node?.failed ?? 0);
          importStatus = node?.status ?? '';
        }
        const rowsReached = processedRows >= plan.afterRows || (importStatus !== '' && importStatus !== 'PROCESSING');
        if (rowsReached && (acknowledged.length >= plan.afterTransitions || walkersDone === WALKERS)) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await new Promise((resolve) => setTimeout(resolve, plan.extraMs));
      killed = true;
      await child.kill();
      figures.kills += 1;
      await Promise.all([importing, ...walkers]);
      client.terminate();

      // ---- restart on the same data and check ---------------------------------------------------------------
      const restarted = await startInProcess(env);
      try {
        const db = restarted.running.app.db;
        const replay = await replayAuditTrails(db);
        expect(replay.mismatches, `round ${round}`).toEqual([]);
        expect((await verifyAuditChains(db)).intact).toBe(true);

        for (const ack of acknowledged) {
          const stored = await db.accessApplication.findUniqueOrThrow({ where: { id: ack.caseId } });
          expect(stored.version, `acknowledged ${ack.event} of ${ack.caseId}`).toBeGreaterThanOrEqual(ack.version);
          const event = await db.auditEvent.count({
            where: { caseKind: 'ACCESS_APPLICATION', caseId: ack.caseId, event: ack.event, toStatus: ack.toStatus },
          });
          expect(event, `acknowledged ${ack.event} of ${ack.caseId}`).toBe(1);
        }
        figures.acknowledged += acknowledged.length;

        // import rows: each invitation of the round is whole (replay above: invite event present), and every
        // row the import record reports as succeeded exists
        const invited = await db.invitation.findMany({
          where: { dcuEnterpriseId: dcu.id, useUnitUscc: { in: useUnits.map((u) => u.uscc) } },
          select: { id: true, useUnitUscc: true },
        });
        for (const invitation of invited) {
          expect(
            await db.auditEvent.count({ where: { caseKind: 'INVITATION', caseId: invitation.id, event: 'invite' } }),
          ).toBe(1);
        }
        expect(importRecordId, `import refused: ${importAnswer}`).not.toBeNull();
        if (importRecordId) {
          // the record is settled at once after the restart and counts exactly the invitations committed
          const record = await db.importRecord.findUniqueOrThrow({ where: { id: rawId(importRecordId) } });
          const batch = await db.invitation.findMany({ where: { batchId: record.id }, select: { id: true } });
          expect(record.status, `round ${round}`).not.toBe('PROCESSING');
          expect(record.succeeded, `round ${round}: record vs committed invitations`).toBe(batch.length);
          const rows = await db.importRow.findMany({
            where: { importRecordId: record.id, succeeded: true },
            select: { result: true },
          });
          expect(new Set(rows.map((row) => (row.result as { invitationId?: string }).invitationId))).toEqual(
            new Set(batch.map((invitation) => invitation.id)),
          );
        }
        figures.importRowsApplied += invited.length;

        // the event stream: what the subscriber saw, then what it reads from its last cursor after the restart
        // cursors in stream order (xid, id): the order a subscriber receives them in
        // (of the case kinds: sign-ins write security events to the chain too, which caseEvents never carries)
        const committed = (
          await db.auditEvent.findMany({
            where: { AND: [afterCursor(startCursor), { caseKind: { in: [...REVIEW_KINDS] } }] },
            orderBy: [...STREAM_ORDER],
            select: { id: true, xid: true },
          })
        ).map(eventCursor);
        const committedSet = new Set(committed);
        for (const cursor of seen)
          expect(committedSet.has(cursor), `event ${cursor} was seen but is not in the database`).toBe(true);
        expect([...seen].sort((a, b) => (a < b ? -1 : 1))).toEqual(seen);
        const lastSeen = seen.at(-1) ?? startCursor;
        const missing = committed.filter((cursor) => cursor > lastSeen);
        const resumed: bigint[] = [];
        if (missing.length > 0) {
          const after = await restarted.signIn('platform.admin');
          const resumeClient = createClient({
            url: `${restarted.url.replace('http', 'ws')}/graphql`,
            webSocketImpl: WebSocket,
            connectionParams: { authorization: `Bearer ${after}` },
            retryAttempts: 0,
          });
          await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`resumed ${resumed.length} of ${missing.length}`)), 30_000);
            const stop = resumeClient.subscribe(
              {
                query: 'subscription($after: String) { caseEvents(after: $after) { cursor } }',
                variables: { after: String(lastSeen) },
              },
              {
                next: (message) => {
                  resumed.push(BigInt((message.data as any).caseEvents.cursor));
                  if (resumed.length >= missing.length) {
                    clearTimeout(timer);
                    stop();
                    resolve();
                  }
                },
                error: reject,
                complete: () => undefined,
              },
            );
          });
          await resumeClient.dispose();
        }
        expect([...seen, ...resumed], `round ${round}: seen live then resumed = committed`).toEqual(committed);
        figures.eventsSeenLive += seen.length;
        figures.eventsResumed += resumed.length;
        console.log(
          `round ${round}: killed ${plan.extraMs} ms after ${plan.afterTransitions}+ transitions and ${processedRows} processed import rows (${importStatus}); ${acknowledged.length} acknowledged transitions, ${invited.length}/${IMPORT_ROWS} import rows applied, ${seen.length} events seen live + ${resumed.length} resumed = ${committed.length} committed; replay of ${replay.checkedCases} cases consistent`,
        );
      } finally {
        await restarted.close();
      }
    }
    console.log(`crash safety: ${JSON.stringify(figures)}`);
    expect(figures.kills).toBe(CRASH_ROUNDS);
    expect(figures.acknowledged).toBeGreaterThan(0);
  }, 1_200_000);
});
