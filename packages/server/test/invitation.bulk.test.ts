// The invitation pipeline in bulk: chunks of rows in one transaction each, with the same per-row outcome as one
// transaction per row — exactly the valid rows invited, one hash-chained 'invite' event each, a row invited by
// another DCU meanwhile failing alone, and the events reaching subscribers in cursor order.
import { makeUscc, provinceCodeOf } from '@leqi/domain';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { viewerOfUserId } from '../src/features/auth/service.ts';
import { INVITE_CHUNK_ROWS, inviteUseUnits } from '../src/features/invitation/invite.ts';
import type { InvitationRowInput } from '../src/features/invitation/invite-batch.ts';
import type { AppServices, Viewer } from '../src/platform/context.ts';
import { eventHash, type StoredCaseEvent } from '../src/platform/events/audit.ts';
import { deliverableEnd } from '../src/platform/events/cursor.ts';
import { verifyAuditChains } from '../src/platform/events/verify.ts';
import { TIANHE } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { createDcu, type Party, uploadProof } from './invitation.fixtures.ts';

const GUANGDONG = provinceCodeOf(TIANHE);
const RUN = String(Math.floor(Math.random() * 9000 + 1000));
let serial = 0;

/** Eligible use units of 天河, inserted directly. */
async function useUnits(app: AppServices, count: number) {
  const units = Array.from({ length: count }, () => {
    serial += 1;
    return {
      uscc: makeUscc(`91440W${RUN}${String(serial).padStart(7, '0')}`),
      name: `批量邀请${RUN}-${serial}有限公司`,
    };
  });
  await app.db.enterprise.createMany({
    data: units.map((unit) => ({
      ...unit,
      competentAuthorityCode: TIANHE,
      creditRating: 'A',
      inPilot: true,
      priorYearRevenue: 1_000_000,
    })),
  });
  return units;
}

const rowOf = (unit: { uscc: string; name: string }): InvitationRowInput => ({
  uscc: unit.uscc,
  name: unit.name,
  provinceAuthorityCode: GUANGDONG,
  relationship: 'PARENT_SUBSIDIARY',
  capabilityCodes: ['202007'],
});

async function viewerOf(app: AppServices, party: Party): Promise<Viewer> {
  const user = await app.db.user.findUniqueOrThrow({ where: { username: party.username } });
  const viewer = await viewerOfUserId(app, user.id);
  if (!viewer) throw new Error('no viewer');
  return viewer;
}

/** Every invitation has exactly one event, 'invite', opening its chain with the right hash. */
async function expectOneInviteEventEach(app: AppServices, invitationIds: string[]) {
  const events = await app.db.auditEvent.findMany({
    where: { caseKind: 'INVITATION', caseId: { in: invitationIds } },
    orderBy: { id: 'asc' },
  });
  expect(events).toHaveLength(invitationIds.length);
  expect(new Set(events.map((event) => event.caseId))).toEqual(new Set(invitationIds));
  for (const event of events) {
    expect(event.event).toBe('invite');
    expect(event.prevHash).toBeNull();
    expect(event.hash).toBe(eventHash(null, event as never, event.createdAt));
  }
}

describe(`invitations in bulk (${databaseKind()})`, () => {
  let server: TestServer;
  let app: AppServices;
  let dcu: Party;
  let viewer: Viewer;
  let proof: string;
  beforeAll(async () => {
    server = await startTestServer();
    app = server.running.app;
    dcu = await createDcu(server);
    viewer = await viewerOf(app, dcu);
    // the material's raw id (GraphQL hands out global ids)
    const global = await uploadProof(server, dcu.token);
    const decoded = Buffer.from(global, 'base64').toString();
    proof = decoded.startsWith('Material:') ? decoded.slice('Material:'.length) : global;
  });
  afterAll(async () => server?.close());

  it('a 600-row batch creates exactly the valid rows, each with its proof and one chained invite event', async () => {
    const units = await useUnits(app, 590);
    const rows = units.map(rowOf);
    // ten bad rows spread over the chunks
    for (const at of [0, 57, 120, 250, 499, 500, 501, 555, 590, 595]) {
      rows.splice(at, 0, {
        ...rowOf({ uscc: makeUscc(`91440X${RUN}${String(at).padStart(7, '0')}`), name: '未登记' }),
      });
    }
    expect(rows.length).toBeGreaterThan(INVITE_CHUNK_ROWS);
    const chunks: number[] = [];
    const outcome = await inviteUseUnits(app, viewer, rows, {
      channel: 'EXCEL',
      proofMaterialIds: [proof],
      batchId: `bulk-${RUN}`,
      onChunkDone: async (done) => {
        chunks.push(done.length);
        await new Promise<void>((resolve) => setImmediate(resolve));
      },
    });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
    const { succeeded, failed } = outcome.value;
    expect(chunks.reduce((sum, size) => sum + size, 0)).toBe(600);
    expect(chunks.length).toBeGreaterThan(1);
    expect(failed.map((failure) => failure.code)).toEqual(Array(10).fill('UNKNOWN_ENTERPRISE'));
    expect(failed.map((failure) => failure.row)).toEqual([1, 58, 121, 251, 500, 501, 502, 556, 591, 596]);
    expect(succeeded.map((invitation) => invitation.useUnitUscc)).toEqual(units.map((unit) => unit.uscc));

    const stored = await app.db.invitation.findMany({ where: { batchId: `bulk-${RUN}` }, orderBy: { id: 'asc' } });
    expect(stored).toHaveLength(590);
    // what the pipeline returns is what is stored, field for field; ids keep the order of the rows
    expect([...succeeded].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(stored);
    expect(stored.map((invitation) => invitation.useUnitUscc)).toEqual(units.map((unit) => unit.uscc));
    expect(stored.every((invitation) => invitation.status === 'PENDING_RESPONSE' && invitation.version === 0)).toBe(
      true,
    );
    const ids = stored.map((invitation) => invitation.id);
    const materials = await app.db.caseMaterial.findMany({ where: { caseKind: 'INVITATION', caseId: { in: ids } } });
    expect(materials).toHaveLength(590);
    expect(materials.every((material) => material.materialId === proof)).toBe(true);
    await expectOneInviteEventEach(app, ids);
    expect((await verifyAuditChains(app.db, { caseKind: 'INVITATION' })).intact).toBe(true);
  });

  it('a use unit invited by another DCU while the chunk is prepared fails alone; the other rows go through', async () => {
    const units = await useUnits(app, 40);
    const other = await createDcu(server);
    const taken = units[17] as { uscc: string; name: string };
    const enterprise = await app.db.enterprise.findUniqueOrThrow({ where: { uscc: taken.uscc } });
    // the other DCU's invitation lands right after the batch read its facts (which saw no live invitation): the
    // facts are read in the batch's first transaction
    let raced = false;
    const db = app.db;
    const racingDb = new Proxy(db, {
      get(target, property) {
        const value = Reflect.get(target, property);
        if (typeof value !== 'function') return value;
        if (property !== '$transaction') return value.bind(target);
        return async (...args: unknown[]) => {
          const result = await value.apply(target, args);
          if (!raced) {
            raced = true;
            await db.invitation.create({
              data: {
                dcuEnterpriseId: other.id,
                useUnitEnterpriseId: enterprise.id,
                useUnitUscc: taken.uscc,
                useUnitName: taken.name,
                provinceAuthorityCode: GUANGDONG,
                relationship: 'PARENT_SUBSIDIARY',
                capabilityCodes: [],
                status: 'PENDING_RESPONSE',
                liveKey: taken.uscc,
              },
            });
          }
          return result;
        };
      },
    });
    const outcome = await inviteUseUnits({ ...app, db: racingDb }, viewer, units.map(rowOf), {
      channel: 'EXCEL',
      proofMaterialIds: [proof],
    });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
    expect(raced).toBe(true);
    expect(outcome.value.failed).toEqual([
      expect.objectContaining({ row: 18, uscc: taken.uscc, code: 'INVITED_ELSEWHERE' }),
    ]);
    expect(outcome.value.succeeded).toHaveLength(39);
    const live = await app.db.invitation.findMany({ where: { useUnitUscc: { in: units.map((unit) => unit.uscc) } } });
    expect(live).toHaveLength(40);
    expect(live.find((invitation) => invitation.useUnitUscc === taken.uscc)?.dcuEnterpriseId).toBe(other.id);
    await expectOneInviteEventEach(
      app,
      outcome.value.succeeded.map((invitation) => invitation.id),
    );
    // nothing of the rolled-back chunk remains: no proof rows or events for invitations that do not exist
    const materials = await app.db.caseMaterial.count({
      where: { caseKind: 'INVITATION', caseId: { in: outcome.value.succeeded.map((invitation) => invitation.id) } },
    });
    expect(materials).toBe(39);
    expect((await verifyAuditChains(app.db, { caseKind: 'INVITATION' })).intact).toBe(true);
  });

  it('the events of a batch reach the bus and a caseEvents subscriber in cursor order', async () => {
    const units = await useUnits(app, 600);
    const latest = await deliverableEnd(app.db);
    const client = createClient({
      url: `${server.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${dcu.token}` },
      retryAttempts: 0,
    });
    const received: { cursor: string; caseId: string; event: string }[] = [];
    const errors: unknown[] = [];
    const dispose = client.subscribe(
      {
        query: 'subscription($after: String) { caseEvents(after: $after) { cursor caseId event } }',
        variables: { after: latest.toString() },
      },
      {
        next: (value) => {
          if (value.errors) errors.push(...value.errors);
          if (value.data) received.push(value.data.caseEvents as never);
        },
        error: (error) => errors.push(error),
        complete: () => undefined,
      },
    );
    const published: StoredCaseEvent[] = [];
    const unsubscribe = app.bus.subscribe((event) => published.push(event));
    const outcome = await inviteUseUnits(app, viewer, units.map(rowOf), {
      channel: 'EXCEL',
      proofMaterialIds: [proof],
    });
    await app.bus.settled(); // the bus reads committed events back from the database before handing them out
    unsubscribe();
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
    const ids = outcome.value.succeeded.map((invitation) => invitation.id);
    expect(ids).toHaveLength(600);
    expect(published.map((event) => event.caseId)).toEqual(ids);
    const cursors = published.map((event) => event.id);
    expect([...cursors].sort((a, b) => (a < b ? -1 : 1))).toEqual(cursors);

    const deadline = Date.now() + 20_000;
    while (received.length < 600 && errors.length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    dispose();
    await client.dispose();
    expect(errors).toEqual([]);
    // caseId travels as a global id
    const rawId = (id: string) =>
      Buffer.from(id, 'base64')
        .toString()
        .replace(/^Invitation:/, '');
    const ours = received.filter((event) => ids.includes(rawId(event.caseId)));
    expect(ours.map((event) => rawId(event.caseId))).toEqual(ids);
    expect(ours.every((event) => event.event === 'invite')).toBe(true);
    const numbers = received.map((event) => BigInt(event.cursor));
    expect([...numbers].sort((a, b) => (a < b ? -1 : 1))).toEqual(numbers);
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
