// Webhook endpoints through the GraphQL API (issue 21), with the app's own deliverer and a real receiver: created by a
// DCU's legal representative (the secret shown once verifies what arrives), refused to other identities and
// enterprises, validated, paused and resumed in order, secrets rotated with an overlap, deliveries sent again and the
// stream replayed with the same webhook-ids, deleted.
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendCaseEvent } from '../src/platform/events/audit.ts';
import { hasValidSignature } from '../src/platform/webhooks/signature.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { createDcu, createUseUnit, invite, type Party, rowFor, uploadProof } from './invitation.fixtures.ts';
import { type Received, type Receiver, receiver } from './webhook-receiver.ts';

const ENDPOINT =
  'id url description eventTypes signWithSm3 status disabledReason cursor version previousSecretValidUntil';
const REFUSAL = '... on Error { code message } ... on ValidationError { issues { field code message } }';
const CREATE = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) {
  __typename ... on CreateWebhookEndpointSuccess { secret endpoint { ${ENDPOINT} } } ${REFUSAL} } }`;
const UPDATE = `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) {
  __typename ... on WebhookEndpointSuccess { endpoint { ${ENDPOINT} } } ${REFUSAL} } }`;
const ROTATE = `mutation($id: ID!) { rotateWebhookEndpointSecret(input: {id: $id}) {
  __typename ... on RotateWebhookEndpointSecretSuccess { secret endpoint { ${ENDPOINT} } } ${REFUSAL} } }`;
const DELETE = `mutation($id: ID!) { deleteWebhookEndpoint(input: {id: $id}) {
  __typename ... on DeleteWebhookEndpointSuccess { deletedEndpointId } ${REFUSAL} } }`;
const REDELIVER = `mutation($id: ID!) { redeliverWebhook(input: {deliveryId: $id}) {
  __typename ... on WebhookDeliverySuccess { delivery { id webhookId status attempts } } ${REFUSAL} } }`;
const REPLAY = `mutation($input: ReplayWebhookEndpointInput!) { replayWebhookEndpoint(input: $input) {
  __typename ... on WebhookEndpointSuccess { endpoint { ${ENDPOINT} } } ${REFUSAL} } }`;
const DELIVERIES = `query($id: ID!) { node(id: $id) { ... on WebhookEndpoint { deliveries(first: 100) { totalCount
  edges { node { id webhookId eventType cursor status attempts lastStatusCode lastLatencyMs lastError deliveredAt } } } } } }`;

const types = (received: Received[]) => received.map((request) => JSON.parse(request.body).type as string);
const ids = (received: Received[]) => received.map((request) => request.headers['webhook-id']);

describe(`webhook endpoints through the API (${databaseKind()})`, () => {
  let server: TestServer;
  let dcu: Party;
  let legal: string;
  let other: Party;
  let otherLegal: string;
  const hooks: Receiver[] = [];

  beforeAll(async () => {
    server = await startTestServer({ WEBHOOK_DELIVERY: 'true', WEBHOOK_POLL_MS: '50', WEBHOOK_RETRY_SCHEDULE: '30ms' });
    dcu = await createDcu(server, { identityType: 'LEGAL_REPRESENTATIVE' });
    legal = dcu.token;
    other = await createDcu(server, { identityType: 'FINANCE_MANAGER' });
    otherLegal = other.token;
  });
  afterAll(async () => {
    for (const hook of hooks) await hook.close();
    await server?.close();
  });

  async function hook(script: number[] = []) {
    const created = await receiver(script);
    hooks.push(created);
    return created;
  }

  async function create(token: string, input: Record<string, unknown>) {
    const result = await server.gql(CREATE, { input }, token);
    return result.data?.createWebhookEndpoint ?? result;
  }

  /** `count` invitation events of the DCU, each through the API. */
  async function invitations(count: number) {
    for (let n = 0; n < count; n++) {
      const useUnit = await createUseUnit(server);
      const invited = await invite(server, legal, [rowFor(useUnit)], {
        proofMaterialIds: [await uploadProof(server, legal)],
      });
      expect(invited.__typename, JSON.stringify(invited)).toBe('InviteUseUnitsSuccess');
    }
  }

  /** Case events of `party`, written as transitions write them. */
  async function events(party: Party, count: number) {
    const caseId = `case-${Math.random().toString(36).slice(2)}`;
    for (let n = 0; n < count; n++)
      await server.running.app.db.$transaction((tx) =>
        appendCaseEvent(tx, {
          caseKind: 'INVITATION',
          caseId,
          event: n === 0 ? 'invite' : 'respond',
          enterpriseId: party.id,
        }),
      );
  }

  async function deliveries(endpointId: string, token = legal) {
    const result = await server.gql(DELIVERIES, { id: endpointId }, token);
    return result.data?.node?.deliveries;
  }

  /** The delivery log once it lists `count` deliveries: a pass writes its attempts when it ends, after they arrived. */
  async function loggedDeliveries(endpointId: string, count: number) {
    const deadline = Date.now() + 10_000;
    let log = await deliveries(endpointId);
    while ((log?.edges.length ?? 0) < count && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      log = await deliveries(endpointId);
    }
    return log;
  }

  it('the legal representative creates one; the secret shown once verifies every delivery of the DCU’s events', async () => {
    const receiving = await hook();
    const created = await create(legal, { url: receiving.url, description: 'ERP 对接', eventTypes: ['INVITATION.*'] });
    expect(created.__typename, JSON.stringify(created)).toBe('CreateWebhookEndpointSuccess');
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.endpoint).toMatchObject({ url: receiving.url, status: 'ENABLED', disabledReason: null, version: 1 });

    await invitations(2);
    await events(other, 2); // another enterprise's: never sent here
    const received = await receiving.until(2);
    expect(types(received)).toEqual(['INVITATION.invite', 'INVITATION.invite']);
    const verifier = new Webhook(created.secret);
    for (const request of received) {
      const body = verifier.verify(request.body, request.headers as Record<string, string>) as {
        data: { enterprise: { uscc: string } };
      };
      expect(body.data.enterprise.uscc).toBe(dcu.uscc);
    }

    const log = await loggedDeliveries(created.endpoint.id, 2);
    expect(log.totalCount).toBe(2);
    for (const { node } of log.edges) {
      expect(node).toMatchObject({ status: 'DELIVERED', attempts: 1, lastStatusCode: 200, lastError: null });
      expect(node.lastLatencyMs).toBeGreaterThanOrEqual(0);
      expect(ids(received)).toContain(node.webhookId);
    }
    // the other enterprise sees neither the endpoint nor its deliveries, by any path
    expect((await server.gql(DELIVERIES, { id: created.endpoint.id }, otherLegal)).data?.node).toBeNull();
    const deliveryNode = await server.gql(
      'query($id: ID!) { node(id: $id) { id } }',
      { id: log.edges[0].node.id },
      otherLegal,
    );
    expect(deliveryNode.data?.node).toBeNull();
    expect(
      (await server.gql('query($id: ID!) { node(id: $id) { id } }', { id: log.edges[0].node.id }, legal)).data?.node,
    ).toEqual({ id: log.edges[0].node.id });
    const list = await server.gql('{ webhookEndpoints { totalCount edges { node { id } } } }', {}, otherLegal);
    expect(list.data?.webhookEndpoints.edges.map((edge: { node: { id: string } }) => edge.node.id)).not.toContain(
      created.endpoint.id,
    );
    await server.gql(DELETE, { id: created.endpoint.id }, legal);
  });

  it('refuses other identities, other enterprises, and use units; admits the DCU’s API token', async () => {
    const clerkDcu = await createDcu(server); // its operator is a tax clerk
    expect(await create(clerkDcu.token, { url: 'http://127.0.0.1:9/x' })).toMatchObject({
      code: 'IDENTITY_NOT_ALLOWED',
    });
    const useUnit = await createUseUnit(server, { identityType: 'LEGAL_REPRESENTATIVE' });
    expect(await create(useUnit.token, { url: 'http://127.0.0.1:9/x' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await create('', { url: 'http://127.0.0.1:9/x' })).toMatchObject({ code: 'UNAUTHENTICATED' });

    const token = await server.gql(
      'mutation { createApiToken(input: {name: "ERP"}) { ... on CreateApiTokenSuccess { token } } }',
      {},
      legal,
    );
    const apiToken = token.data?.createApiToken.token as string;
    const byToken = await create(apiToken, { url: 'http://127.0.0.1:9/token' });
    expect(byToken.__typename, JSON.stringify(byToken)).toBe('CreateWebhookEndpointSuccess');

    const mine = byToken.endpoint;
    for (const [query, variables] of [
      [ROTATE, { id: mine.id }],
      [DELETE, { id: mine.id }],
      [UPDATE, { input: { id: mine.id, expectedVersion: mine.version, enabled: false } }],
      [REPLAY, { input: { endpointId: mine.id, after: '0' } }],
    ] as const) {
      const result = await server.gql(query, variables, otherLegal);
      expect(Object.values(result.data ?? {})[0], query).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await server.gql(DELETE, { id: mine.id }, apiToken)).data?.deleteWebhookEndpoint).toMatchObject({
      __typename: 'DeleteWebhookEndpointSuccess',
      deletedEndpointId: mine.id,
    });
    expect((await server.gql(DELETE, { id: mine.id }, legal)).data?.deleteWebhookEndpoint).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('validates the url, the description and the event types, and keeps at most ten endpoints', async () => {
    const issues = async (input: Record<string, unknown>) =>
      ((await create(legal, input)).issues ?? []).map((issue: { field: string; code: string }) => issue.code);
    expect(await issues({ url: '' })).toEqual(['REQUIRED']);
    expect(await issues({ url: 'ftp://erp.example.com/x' })).toEqual(['INVALID_FORMAT']);
    expect(await issues({ url: 'https://user:pw@erp.example.com/x' })).toEqual(['INVALID_FORMAT']);
    expect(await issues({ url: `https://erp.example.com/${'x'.repeat(2100)}` })).toEqual(['TOO_LONG']);
    // the cloud metadata address is link-local: refused even in development
    expect(await issues({ url: 'http://169.254.169.254/latest' })).toEqual(['TARGET_NOT_ALLOWED']);
    expect(await issues({ url: 'http://[::ffff:10.0.0.1]/x' })).toEqual(['TARGET_NOT_ALLOWED']);
    expect(await issues({ url: 'https://erp.example.com/x', description: '长'.repeat(201) })).toEqual(['TOO_LONG']);
    const unknown = await create(legal, {
      url: 'https://erp.example.com/x',
      eventTypes: ['INVITATION.invite', 'NOPE.x'],
    });
    expect(unknown.issues).toEqual([
      { field: 'eventTypes', code: 'UNKNOWN_EVENT_TYPE', message: '未知的事件类型：NOPE.x' },
    ]);

    const made: string[] = [];
    const existing = (await server.gql('{ webhookEndpoints { totalCount } }', {}, legal)).data?.webhookEndpoints
      .totalCount as number;
    for (let n = existing; n < 10; n++)
      made.push((await create(legal, { url: `https://erp.example.com/${n}` })).endpoint.id);
    expect(await create(legal, { url: 'https://erp.example.com/11' })).toMatchObject({ code: 'LIMIT_EXCEEDED' });
    for (const id of made) await server.gql(DELETE, { id }, legal);
  });

  it('pauses and resumes in order, refuses a stale version, and rotates the secret with an overlap', async () => {
    const receiving = await hook();
    const created = await create(legal, { url: receiving.url });
    expect(created.endpoint.signWithSm3).toBe(false);
    const id = created.endpoint.id;
    // 国密: asked for HMAC-SM3 in the same edit that pauses it
    const paused = await server.gql(
      UPDATE,
      { input: { id, expectedVersion: 1, enabled: false, signWithSm3: true } },
      legal,
    );
    expect(paused.data?.updateWebhookEndpoint.endpoint).toMatchObject({
      status: 'DISABLED',
      disabledReason: 'BY_OWNER',
      signWithSm3: true,
      version: 2,
    });
    const stale = await server.gql(UPDATE, { input: { id, expectedVersion: 1, enabled: true } }, legal);
    expect(stale.data?.updateWebhookEndpoint).toMatchObject({ code: 'STALE_VERSION' });

    await events(dcu, 3);
    // nothing is sent while paused: a pass of the poll runs every 50 ms
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiving.received).toHaveLength(0);

    const rotated = await server.gql(ROTATE, { id }, legal);
    const secret = rotated.data?.rotateWebhookEndpointSecret.secret as string;
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(created.secret);
    expect(rotated.data?.rotateWebhookEndpointSecret.endpoint.previousSecretValidUntil).not.toBeNull();

    const resumed = await server.gql(UPDATE, { input: { id, expectedVersion: 3, enabled: true } }, legal);
    expect(resumed.data?.updateWebhookEndpoint.endpoint).toMatchObject({ status: 'ENABLED', disabledReason: null });
    const received = await receiving.until(3);
    expect(types(received)).toEqual(['INVITATION.invite', 'INVITATION.respond', 'INVITATION.respond']);
    // both secrets verify during the overlap, each with HMAC-SHA256 and HMAC-SM3
    const signatures = received[0]?.headers['webhook-signature'] as string;
    expect(signatures.split(' ').map((entry) => entry.split(',')[0])).toEqual(['v1', 'v1', 'sm3', 'sm3']);
    for (const key of [secret, created.secret]) {
      expect(() =>
        new Webhook(key).verify(received[0]?.body ?? '', received[0]?.headers as Record<string, string>),
      ).not.toThrow();
      const headers = received[0]?.headers as Record<string, string>;
      const id = headers['webhook-id'] as string;
      const at = Number(headers['webhook-timestamp']);
      expect(hasValidSignature(key, id, at, received[0]?.body ?? '', signatures, 'sm3')).toBe(true);
    }
    await server.gql(DELETE, { id }, legal);
  });

  it('sends a delivery again, and replays from a cursor and from a date, with the same webhook-ids in order', async () => {
    const receiving = await hook();
    const created = await create(legal, { url: receiving.url });
    const id = created.endpoint.id;
    const before = new Date();
    await events(dcu, 3);
    const first = [...(await receiving.until(3))];
    const log = await loggedDeliveries(id, 3);
    const [newest] = log.edges.map((edge: { node: { id: string; cursor: string } }) => edge.node);

    const again = await server.gql(REDELIVER, { id: newest.id }, legal);
    expect(again.data?.redeliverWebhook.delivery).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(newest.webhookId).toBe(ids(first).at(-1));
    expect(ids(await receiving.until(4)).at(-1)).toBe(newest.webhookId);

    const oldest = log.edges.at(-1).node;
    const fromCursor = await server.gql(REPLAY, { input: { endpointId: id, after: oldest.cursor } }, legal);
    expect(fromCursor.data?.replayWebhookEndpoint.__typename).toBe('WebhookEndpointSuccess');
    expect(ids((await receiving.until(6)).slice(4))).toEqual(ids(first).slice(1));

    const fromDate = await server.gql(REPLAY, { input: { endpointId: id, since: before.toISOString() } }, legal);
    expect(fromDate.data?.replayWebhookEndpoint.__typename).toBe('WebhookEndpointSuccess');
    expect(ids((await receiving.until(9)).slice(6))).toEqual(ids(first));

    const neither = await server.gql(REPLAY, { input: { endpointId: id } }, legal);
    expect(neither.data?.replayWebhookEndpoint).toMatchObject({ code: 'VALIDATION_FAILED' });
    const bad = await server.gql(REPLAY, { input: { endpointId: id, after: 'x' } }, legal);
    expect(bad.data?.replayWebhookEndpoint.issues).toMatchObject([{ field: 'after', code: 'INVALID_FORMAT' }]);
    await server.gql(DELETE, { id }, legal);
  });
});
