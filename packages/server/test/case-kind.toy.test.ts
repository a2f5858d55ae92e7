// Proof that a case kind is one declaration: a toy fifth kind (样例审批), declared here with defineCaseKind and
// stored in a table this test creates, gets its decision mutations, its decisions (version, four-eyes, claims, audit),
// its queue, its claims and its audit replay from the shared code — no other file knows of it. Its GraphQL type and
// payload are registered here too; its decision mutations come from its table, served over HTTP by the real server.

import { randomUUID } from 'node:crypto';
import {
  type AnyWorkflow,
  isCompetentOfficer,
  isProvincialOfficerFor,
  provinceCodeOf,
  type ReviewKind,
  rule,
  statusesForStep,
} from '@leqi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayAuditTrails } from '../src/features/audit/replay.ts';
import { viewerOfUserId } from '../src/features/auth/service.ts';
import { claimCase } from '../src/features/case-claim/service.ts';
import { decisionMutations } from '../src/features/cases/bureau-case.ts';
import { decideCase } from '../src/features/cases/decide.ts';
import { defineDecisionMutations } from '../src/features/cases/decision-mutations.ts';
import { CASE_KINDS } from '../src/features/cases/index.ts';
import { defineCaseKind, type ReviewCaseShape } from '../src/features/cases/kind.ts';
import { ReviewCaseRef } from '../src/features/cases/review-case.ts';
import { reviewQueue } from '../src/features/review-queue/service.ts';
import { builder } from '../src/platform/builder.ts';
import type { Viewer } from '../src/platform/context.ts';
import type { Db, Tx } from '../src/platform/db/database.ts';
import { appendCaseEvent } from '../src/platform/events/audit.ts';
import {
  BaseErrorRef,
  StaleVersionErrorRef,
  toPayloadError,
  ValidationErrorRef,
} from '../src/platform/graphql-errors.ts';
import { buildSchema, printedSchema } from '../src/schema.ts';
import { TIANHE } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

const TOY = 'TOY_CASE' as ReviewKind;

const toyWorkflow: AnyWorkflow = {
  name: 'toyCase',
  statuses: ['PENDING_ACCEPTANCE', 'PENDING_REVIEW', 'APPROVED', 'NOT_ACCEPTED'],
  events: ['submit', 'accept', 'refuse', 'approveReview'],
  statusInfo: {
    PENDING_ACCEPTANCE: { zh: '待受理', en: 'Pending acceptance', terminal: false, step: 'ACCEPTANCE' },
    PENDING_REVIEW: { zh: '待复核', en: 'Pending review', terminal: false, step: 'REVIEW' },
    APPROVED: { zh: '复核通过', en: 'Approved', terminal: true },
    NOT_ACCEPTED: { zh: '不予受理', en: 'Not accepted', terminal: true },
  },
  transitions: [
    rule(null, 'submit', 'PENDING_ACCEPTANCE', 'OWNER_ENTERPRISE'),
    rule('PENDING_ACCEPTANCE', 'accept', 'PENDING_REVIEW', 'LOCAL_OFFICER', {
      step: 'ACCEPTANCE',
      mutation: 'acceptToyCase',
    }),
    rule('PENDING_ACCEPTANCE', 'refuse', 'NOT_ACCEPTED', 'LOCAL_OFFICER', {
      step: 'ACCEPTANCE',
      needsReason: true,
      mutation: 'refuseToyCase',
    }),
    rule('PENDING_REVIEW', 'approveReview', 'APPROVED', 'LOCAL_OFFICER', {
      step: 'REVIEW',
      fourEyes: true,
      mutation: 'approveToyCaseReview',
    }),
  ],
};

type ToyCase = ReviewCaseShape & { authorityCode: string };

const toyRow = (row: Omit<ToyCase, 'kind'>): ToyCase => ({ ...row, kind: TOY });

async function findToy(db: Db | Tx, id: string): Promise<ToyCase | null> {
  const rows = await db.$queryRawUnsafe<Omit<ToyCase, 'kind'>[]>('SELECT * FROM "ToyCase" WHERE id = $1', id);
  return rows[0] ? toyRow(rows[0]) : null;
}

const toyCase = defineCaseKind<ToyCase>({
  kind: TOY,
  typename: 'ToyCase',
  table: 'ToyCase',
  workflow: toyWorkflow,
  hiddenEvents: ['submit'],
  find: findToy,
  performerOf: (actor, row) => {
    if (actor.role === 'OFFICER' && isCompetentOfficer(actor, row.authorityCode)) return 'LOCAL_OFFICER';
    if (actor.role === 'OFFICER' && isProvincialOfficerFor(actor, row.authorityCode)) return 'PROVINCIAL_OFFICER';
    return { code: 'FORBIDDEN' };
  },
  audience: (_db, row) => ({ parties: [row.enterpriseId], authorityCode: row.authorityCode }),
  canView: () => true,
  authorityOf: (row) => row.authorityCode,
  jurisdiction: { authority: 'authorityCode', province: 'authorityPrefix' },
  queue: async (app, viewer, request) => {
    const statuses = statusesForStep(toyWorkflow, request.step);
    const authority = viewer.actor.role === 'OFFICER' ? viewer.actor.authorityCode : '%';
    const rows = await app.db.$queryRawUnsafe<Omit<ToyCase, 'kind'>[]>(
      'SELECT * FROM "ToyCase" WHERE status = ANY($1) AND "authorityCode" LIKE $2 ORDER BY "stepEnteredAt", id',
      statuses,
      authority,
    );
    return {
      rows: rows.slice(0, request.first).map(toyRow),
      hasNextPage: rows.length > request.first,
      totalCount: rows.length,
    };
  },
  storedStatuses: (db) => db.$queryRawUnsafe('SELECT id, status FROM "ToyCase"'),
  lock: async (tx, id) => {
    await tx.$queryRawUnsafe('SELECT id FROM "ToyCase" WHERE id = $1 FOR UPDATE', id);
    return findToy(tx, id);
  },
  writeDecision: (tx, row, rule, decider, reason) =>
    tx.$executeRawUnsafe(
      'UPDATE "ToyCase" SET status = $1, version = version + 1, "lastDeciderId" = $2, "lastReason" = $3, "stepEnteredAt" = now() WHERE id = $4 AND version = $5',
      rule.to,
      decider.userId,
      rule.needsReason ? (reason ?? null) : null,
      row.id,
      row.version,
    ),
  eventAudience: (row) => ({
    caseKind: TOY,
    caseId: row.id,
    enterpriseId: row.enterpriseId,
    authorityCode: row.authorityCode,
    provinceCode: provinceCodeOf(row.authorityCode),
  }),
});

// its GraphQL type, a ReviewCase like every kind's, and its payload; its decision mutations are read off its table
const ToyCaseRef = builder.node(builder.objectRef<ToyCase>('ToyCase'), {
  interfaces: [ReviewCaseRef],
  id: { resolve: (row) => row.id },
  isTypeOf: (value) => (value as { kind?: string }).kind === TOY,
  loadOne: (id, context) => findToy(context.app.db, id),
  fields: (t) => ({ authorityCode: t.exposeString('authorityCode') }),
});
type ToySuccess = { __typename: 'ToyCaseSuccess'; toyCase: ToyCase };
const ToySuccessRef = builder.objectRef<ToySuccess>('ToyCaseSuccess').implement({
  isTypeOf: (value) => (value as { __typename?: string }).__typename === 'ToyCaseSuccess',
  fields: (t) => ({ toyCase: t.field({ type: ToyCaseRef, resolve: (success) => success.toyCase }) }),
});
const ToyPayload = builder.unionType('ToyCasePayload', {
  types: [ToySuccessRef, BaseErrorRef, ValidationErrorRef, StaleVersionErrorRef],
});
defineDecisionMutations({
  kind: toyCase,
  payload: ToyPayload,
  toPayload: (result, context) =>
    result.ok ? { __typename: 'ToyCaseSuccess', toyCase: result.value } : toPayloadError(result.error, context.locale),
  describe: (event) => `${event} of a toy case`,
});

describe(`a toy fifth case kind, declared in this test only (${databaseKind()})`, () => {
  let server: TestServer;
  let officer1: Viewer;
  let officer2: Viewer;
  const kinds = [...CASE_KINDS, toyCase];
  const app = () => server.running.app;
  // the public schema as built before this test registered its kind
  const publicSchema = printedSchema();
  const toySchema = buildSchema(kinds);

  beforeAll(async () => {
    server = await startTestServer({}, { schema: toySchema });
    await app().db.$executeRawUnsafe(`CREATE TABLE "ToyCase" (
      id text PRIMARY KEY, version int NOT NULL, status text NOT NULL, "enterpriseId" text NOT NULL,
      "authorityCode" text NOT NULL, "stepEnteredAt" timestamptz NOT NULL, "submittedAt" timestamptz,
      "lastReason" text, "lastDeciderId" text)`);
    const viewerNamed = async (username: string) => {
      const user = await app().db.user.findUniqueOrThrow({ where: { username } });
      return (await viewerOfUserId(app(), user.id)) as Viewer;
    };
    officer1 = await viewerNamed('th.officer1');
    officer2 = await viewerNamed('th.officer2');
  });
  afterAll(async () => server?.close());

  /** A submitted toy case: its row and its submission event, as the kind's own form would write them. */
  async function submitted(): Promise<string> {
    const id = randomUUID();
    const enterprise = await app().db.enterprise.findFirstOrThrow({ orderBy: { uscc: 'asc' } });
    await app().db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(
        `INSERT INTO "ToyCase" (id, version, status, "enterpriseId", "authorityCode", "stepEnteredAt", "submittedAt")
         VALUES ($1, 1, 'PENDING_ACCEPTANCE', $2, $3, now(), now())`,
        id,
        enterprise.id,
        TIANHE,
      );
      const row = (await findToy(tx, id)) as ToyCase;
      await appendCaseEvent(tx, {
        ...toyCase.eventAudience(row),
        event: 'submit',
        fromStatus: null,
        toStatus: 'PENDING_ACCEPTANCE',
        actorName: enterprise.name,
        actorRole: 'ENTERPRISE',
      });
    });
    return id;
  }

  it('its decision mutations are read off its table', () => {
    expect(decisionMutations(toyCase.workflow)).toEqual([
      { mutation: 'acceptToyCase', event: 'accept', needsReason: false },
      { mutation: 'refuseToyCase', event: 'refuse', needsReason: true },
      { mutation: 'approveToyCaseReview', event: 'approveReview', needsReason: false },
    ]);
  });

  it('is decided through decideCase: version, four-eyes and the audit trail hold; its queue and replay follow', async () => {
    const id = await submitted();
    const queued = await reviewQueue(app(), officer1, toyCase.queue, 'ACCEPTANCE', {});
    expect(queued.ok && queued.value.rows.map((row) => row.id)).toContain(id);

    const stale = await decideCase(app(), officer1, toyCase, 'accept', id, 7);
    expect(stale.ok ? null : stale.error.code).toBe('STALE_VERSION');
    const accepted = await decideCase(app(), officer1, toyCase, 'accept', id, 1);
    expect(accepted.ok && accepted.value.status).toBe('PENDING_REVIEW');
    // 复核 by the officer who accepted: another pair of eyes is required
    const sameEyes = await decideCase(app(), officer1, toyCase, 'approveReview', id, 2);
    expect(sameEyes.ok ? null : sameEyes.error.code).toBe('FOUR_EYES');
    const approved = await decideCase(app(), officer2, toyCase, 'approveReview', id, 2);
    expect(approved.ok && approved.value.status).toBe('APPROVED');

    const trail = await app().db.auditEvent.findMany({ where: { caseKind: TOY, caseId: id }, orderBy: { id: 'asc' } });
    expect(trail.map((event) => event.event)).toEqual(['submit', 'accept', 'approveReview']);
    const review = await reviewQueue(app(), officer1, toyCase.queue, 'REVIEW', {});
    expect(review.ok && review.value.rows.map((row) => row.id)).not.toContain(id);

    const replay = await replayAuditTrails(app().db, {}, kinds);
    expect(replay.mismatches).toEqual([]);
    expect(replay.casesByKind[TOY]).toBeGreaterThanOrEqual(1);
    // a status changed without its event is named by the replay of the toy kind too
    await app().db.$executeRawUnsafe(`UPDATE "ToyCase" SET status = 'NOT_ACCEPTED' WHERE id = $1`, id);
    const tampered = await replayAuditTrails(app().db, {}, kinds);
    expect(tampered.mismatches.map((mismatch) => mismatch.caseId)).toContain(id);
    await app().db.$executeRawUnsafe(`UPDATE "ToyCase" SET status = 'APPROVED' WHERE id = $1`, id);
  });

  it('is claimed like every kind: a claim keeps another officer from deciding it', async () => {
    const id = await submitted();
    const claimed = await claimCase(app(), officer1, toyCase, id, 1);
    expect(claimed.ok && claimed.value.claim?.holderId).toBe(officer1.userId);
    const other = await decideCase(app(), officer2, toyCase, 'accept', id, 1);
    expect(other.ok ? null : other.error.code).toBe('CLAIMED');
    const own = await decideCase(app(), officer1, toyCase, 'refuse', id, 1, '材料不全');
    expect(own.ok && own.value.status).toBe('NOT_ACCEPTED');
    expect(own.ok && own.value.lastReason).toBe('材料不全');
    expect(await app().db.caseClaim.count({ where: { caseKind: TOY, caseId: id } })).toBe(0);
  });

  it('its decision mutations are in the schema the server serves, and the public schema does not know them', () => {
    const mutations = Object.keys(toySchema.getMutationType()?.getFields() ?? {});
    expect(mutations).toEqual(expect.arrayContaining(['acceptToyCase', 'refuseToyCase', 'approveToyCaseReview']));
    const refuse = toySchema.getMutationType()?.getFields().refuseToyCase;
    expect(String(refuse?.args[0]?.type)).toBe('CaseDecisionWithReasonInput!');
    expect(String(refuse?.type)).toBe('ToyCasePayload!');
    expect(publicSchema).not.toContain('ToyCase');
  });

  it('is decided over HTTP through its own mutations: the payload, and STALE_VERSION with the stored version', async () => {
    const id = await submitted();
    const token = await server.signIn('th.officer1');
    const toyId = Buffer.from(`ToyCase:${id}`).toString('base64');
    const accept = `mutation($id: ID!, $v: Int!) { acceptToyCase(input: {id: $id, expectedVersion: $v}) {
      __typename ... on ToyCaseSuccess { toyCase { id status version statusLabel availableActions { event } } }
      ... on StaleVersionError { code currentVersion } ... on Error { code } } }`;

    const stale = await server.gql(accept, { id: toyId, v: 7 }, token);
    expect(stale.data?.acceptToyCase).toEqual({
      __typename: 'StaleVersionError',
      code: 'STALE_VERSION',
      currentVersion: 1,
    });

    const accepted = await server.gql(accept, { id: toyId, v: 1 }, token);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.acceptToyCase).toEqual({
      __typename: 'ToyCaseSuccess',
      // the same officer may not take the review (four-eyes): nothing is offered to them
      toyCase: { id: toyId, status: 'PENDING_REVIEW', version: 2, statusLabel: '待复核', availableActions: [] },
    });

    // a second accept with the version it was read at lost the race: the version stored now comes back
    const again = await server.gql(accept, { id: toyId, v: 1 }, token);
    expect(again.data?.acceptToyCase).toEqual({
      __typename: 'StaleVersionError',
      code: 'STALE_VERSION',
      currentVersion: 2,
    });

    const refuse = `mutation($id: ID!) { refuseToyCase(input: {id: $id, expectedVersion: 2, reason: "x"}) {
      __typename ... on Error { code } } }`;
    expect((await server.gql(refuse, { id: toyId }, token)).data?.refuseToyCase).toEqual({
      __typename: 'BaseError',
      code: 'INVALID_TRANSITION',
    });
    const trail = await app().db.auditEvent.findMany({ where: { caseKind: TOY, caseId: id }, orderBy: { id: 'asc' } });
    expect(trail.map((event) => event.event)).toEqual(['submit', 'accept']);
  });
});
