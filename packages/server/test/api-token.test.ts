// API tokens: created by a DCU's operators (shown once, stored hashed), limited to the 使用单位管理 operations of
// their own enterprise, rejected once revoked or expired.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/platform/auth/tokens.ts';
import { COMPLETE_DRAFT, upload } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import {
  createDcu,
  createToken,
  createUseUnit,
  invitationIn,
  invite,
  type Party,
  rowFor,
} from './invitation.fixtures.ts';

describe(`API tokens (${databaseKind()})`, () => {
  let server: TestServer;
  let dcu: Party;
  let token: string;
  let tokenId: string;
  beforeAll(async () => {
    server = await startTestServer();
    dcu = await createDcu(server);
    const created = await createToken(server, dcu.token, 'ERP 对接');
    token = created.token;
    tokenId = created.apiToken.id;
  });
  afterAll(async () => server?.close());

  it('is shown once, stored hashed, listed with its prefix', async () => {
    expect(token.startsWith('lqk_')).toBe(true);
    const row = await server.running.app.db.apiToken.findFirstOrThrow({ where: { enterpriseId: dcu.id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const list = await server.gql(
      '{ apiTokens { totalCount edges { node { id name prefix revokedAt } } } }',
      {},
      dcu.token,
    );
    expect(list.data?.apiTokens).toEqual({
      totalCount: 1,
      edges: [{ node: { id: tokenId, name: 'ERP 对接', prefix: token.slice(0, 12), revokedAt: null } }],
    });
    expect(JSON.stringify(list)).not.toContain(token);
  });

  it('only operators of an ACTIVE DCU create tokens; names are validated', async () => {
    const notDcu = await createUseUnit(server);
    expect((await createToken(server, notDcu.token)).code).toBe('FORBIDDEN');
    expect((await createToken(server, await server.signIn('th.officer1'))).code).toBe('FORBIDDEN');
    expect((await createToken(server, dcu.token, '  ')).code).toBe('VALIDATION_FAILED');
    // a token cannot make tokens: refused inside the payload union like every mutation refusal
    expect((await createToken(server, token)).code).toBe('FORBIDDEN');
  });

  it('may invite, list sent invitations, read one, list bindings, unbind and read viewer — for its own enterprise', async () => {
    const useUnit = await createUseUnit(server);
    const uploadedByToken = await upload(server, token, 'RELATIONSHIP_PROOF');
    expect(uploadedByToken.__typename).toBe('UploadMaterialSuccess');
    const proof = uploadedByToken.material.id;
    const invited = await invite(server, token, [rowFor(useUnit)], { proofMaterialIds: [proof] });
    expect(invited.succeeded[0].channel).toBe('API');
    const id = invited.succeeded[0].id;
    const read = await server.gql(
      `query($id: ID!) { viewer { role enterprise { uscc } } invitation(id: $id) { status officialStatusCode }
        sentInvitations(status: PENDING_RESPONSE, first: 100) { totalCount } bindings { totalCount } }`,
      { id },
      token,
    );
    expect(read.errors).toBeUndefined();
    expect(read.data).toMatchObject({
      viewer: { role: 'API_CLIENT', enterprise: { uscc: dcu.uscc } },
      invitation: { status: 'PENDING_RESPONSE', officialStatusCode: 0 },
      sentInvitations: { totalCount: 1 },
    });
    // another DCU's invitation is invisible to this token
    const other = await invitationIn(server, 'PENDING_RESPONSE');
    const foreign = await server.gql('query($id: ID!) { invitation(id: $id) { id } }', { id: other.id }, token);
    expect(foreign.data?.invitation).toBeNull();
  });

  it('reads the reference data an ERP sends: its own pre-authorisable codes, the capability catalogue, the authorities', async () => {
    const other = await createDcu(server, { subscribed: ['203059'] });
    const read = await server.gql(
      '{ subscribedCapabilityCodes capabilities { code name } taxAuthorities(level: PROVINCIAL) { code name level } }',
      {},
      token,
    );
    expect(read.errors).toBeUndefined();
    const own = await server.gql('{ subscribedCapabilityCodes }', {}, dcu.token);
    expect(read.data?.subscribedCapabilityCodes).toEqual(own.data?.subscribedCapabilityCodes);
    const foreign = await server.gql('{ subscribedCapabilityCodes }', {}, other.token);
    expect(read.data?.subscribedCapabilityCodes).not.toEqual(foreign.data?.subscribedCapabilityCodes);
    expect(read.data?.capabilities.length).toBeGreaterThan(0);
    const provinces = read.data?.taxAuthorities as { code: string; level: string }[];
    expect(provinces.length).toBeGreaterThan(0);
    expect(provinces.every((authority) => authority.level === 'PROVINCIAL')).toBe(true);
    expect(provinces.map((authority) => authority.code)).toContain('14400000000');
  });

  it('every other operation is FORBIDDEN: queries with an error, mutations inside their payload union', async () => {
    const forbiddenQueries = [
      '{ receivedInvitations { totalCount } }',
      '{ apiTokens { totalCount } }',
      '{ reviewQueue(kind: INVITATION, step: ACCEPTANCE) { totalCount } }',
      '{ eligibilityCheck(input: {claimsLivelihood: false}) { passed } }',
    ];
    for (const query of forbiddenQueries) {
      const result = await server.gql(query, {}, token);
      expect(result.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
    }
    const forbiddenMutations: [string, string, Record<string, unknown>?][] = [
      [
        'saveAccessApplicationDraft',
        'mutation($input: SaveAccessApplicationDraftInput!) { saveAccessApplicationDraft(input: $input) { __typename ... on Error { code } } }',
        { input: COMPLETE_DRAFT },
      ],
      [
        'submitAccessApplication',
        'mutation { submitAccessApplication(input: {id: "QWNjZXNzQXBwbGljYXRpb246eA==", expectedVersion: 0}) { __typename ... on Error { code } } }',
      ],
      ['createApiToken', 'mutation { createApiToken(input: {name: "x"}) { __typename ... on Error { code } } }'],
      [
        'revokeApiToken',
        'mutation { revokeApiToken(input: {id: "QXBpVG9rZW46eA=="}) { __typename ... on Error { code } } }',
      ],
      [
        'acceptInvitation',
        'mutation { acceptInvitation(input: {id: "SW52aXRhdGlvbjp4", expectedVersion: 0}) { __typename ... on Error { code } } }',
      ],
      [
        'respondToInvitation',
        'mutation { respondToInvitation(input: {id: "SW52aXRhdGlvbjp4", expectedVersion: 0, competentAuthorityCode: "14401060000", relationship: HQ_BRANCH}) { __typename ... on Error { code } } }',
      ],
      [
        'unbindDirectUnit',
        'mutation { unbindDirectUnit(input: {bindingId: "QmluZGluZzp4"}) { __typename ... on Error { code } } }',
      ],
      [
        'replaceRelationshipProof',
        'mutation { replaceRelationshipProof(input: {invitationId: "SW52aXRhdGlvbjp4", materialIds: []}) { __typename ... on Error { code } } }',
      ],
    ];
    for (const [field, query, variables] of forbiddenMutations) {
      const result = await server.gql(query, variables, token);
      expect(result.errors, query).toBeUndefined();
      expect(result.data?.[field], query).toEqual({ __typename: 'BaseError', code: 'FORBIDDEN' });
    }
    // a token has no session to end: signOut answers false and the token keeps working
    expect((await server.gql('mutation { signOut }', {}, token)).data?.signOut).toBe(false);
    expect((await server.gql('{ viewer { enterprise { uscc } } }', {}, token)).errors).toBeUndefined();
    // it may upload relationship proof for its invitations, and nothing else
    expect((await upload(server, token, 'PROJECT_REPORT')).code).toBe('FORBIDDEN');
  });

  it('lastUsedAt is updated on use, at most once a minute', async () => {
    const db = server.running.app.db;
    // a token not used yet, so its first use reads it from the database (later ones may come from the process's
    // signed-in cache, which re-reads, and so touches, it at least once per cache lifetime)
    const { token } = await createToken(server, dcu.token, '计时');
    const id = (await db.apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } })).id;
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await db.apiToken.update({ where: { id }, data: { lastUsedAt: twoMinutesAgo } });
    await server.gql('{ viewer { role } }', {}, token);
    const touched = (await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt as Date;
    expect(touched.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000);
    // used again within the minute: no write
    await new Promise((resolve) => setTimeout(resolve, 20));
    await server.gql('{ viewer { role } }', {}, token);
    await server.gql('{ viewer { role } }', {}, token);
    const again = (await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt as Date;
    expect(again.getTime()).toBe(touched.getTime());
  });

  it('a revoked token is rejected; only its own enterprise may revoke it', async () => {
    const created = await createToken(server, dcu.token, '临时');
    const other = await createDcu(server);
    const revoke =
      'mutation($id: ID!) { revokeApiToken(input: {id: $id}) { __typename ... on ApiTokenSuccess { apiToken { revokedAt } } ... on Error { code } } }';
    expect((await server.gql(revoke, { id: created.apiToken.id }, other.token)).data?.revokeApiToken.code).toBe(
      'NOT_FOUND',
    );
    const revoked = await server.gql(revoke, { id: created.apiToken.id }, dcu.token);
    expect(revoked.data?.revokeApiToken.apiToken.revokedAt).toBeTruthy();
    expect((await server.gql('{ viewer { role } }', {}, created.token)).data?.viewer).toBeNull();
    const useUnit = await createUseUnit(server);
    expect(await invite(server, created.token, [rowFor(useUnit)])).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('an expired token is rejected', async () => {
    const created = await createToken(server, dcu.token, '一天', 1);
    expect(created.apiToken.expiresAt).toBeTruthy();
    // the token expires in a moment; its first use (read and cached) is before, the next after
    await server.running.app.db.apiToken.update({
      where: { tokenHash: hashToken(created.token) },
      data: { expiresAt: new Date(Date.now() + 1500) },
    });
    expect((await server.gql('{ viewer { role } }', {}, created.token)).data?.viewer.role).toBe('API_CLIENT');
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect((await server.gql('{ viewer { role } }', {}, created.token)).data?.viewer).toBeNull();
  });
});

describe(`API token rate limit over HTTP (${databaseKind()})`, () => {
  const LIMIT = 5;
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_TOKEN_PER_MINUTE: String(LIMIT) });
  });
  afterAll(async () => server?.close());

  it('a token gets a minute of burst, then 429 LIMIT_EXCEEDED with Retry-After; its operator is not held up', async () => {
    const dcu = await createDcu(server);
    const { token } = await createToken(server, dcu.token, '限流测试');
    const call = () =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ viewer { role } }' }),
      });
    const statuses: number[] = [];
    for (let index = 0; index < LIMIT; index++) statuses.push((await call()).status);
    expect(statuses).toEqual(Array.from({ length: LIMIT }, () => 200));
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await refused.json()) as { errors: { extensions: { code: string; limit: string } }[] };
    expect(body.errors[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'API_TOKEN_RATE' });
    // the operator who created the token has a bucket of their own
    const operator = await server.gql('{ viewer { role } }', {}, dcu.token);
    expect(operator.errors).toBeUndefined();
  });
});
