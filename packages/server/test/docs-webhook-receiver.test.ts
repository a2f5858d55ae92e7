// The webhook receiver of docs/api.md §14 (examples/webhook-receiver/receiver.mjs) run as an integrator runs it: an
// endpoint created through GraphQL by a DCU's legal representative, the receiver started as a child process with the
// secret shown once, a real invitation through the API; the receiver verifies the delivery with the official
// standardwebhooks library and prints it, with the cursor, type and case caseEvents gives the same enterprise. Forged,
// tampered, unsigned and stale requests get 400; a redelivery (same webhook-id) is recognised as a repeat; after a
// secret rotation the receiver, still on the old secret, keeps verifying. The guide shows the receiver's file verbatim,
// and its sample request (§14.2) is signed as shown, with the fields a real delivery has.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWebhookSecret } from '../src/platform/webhooks/signature.ts';
import { freePort } from './child-server.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { createDcu, createUseUnit, invite, type Party, rowFor, uploadProof } from './invitation.fixtures.ts';
import { subscribeTo, type TestSubscription } from './ws-client.ts';

const RECEIVER = new URL('../../../examples/webhook-receiver/receiver.mjs', import.meta.url);
const DOC = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');

const REFUSAL = '... on Error { code message } ... on ValidationError { issues { field code message } }';
const CREATE = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) {
  __typename ... on CreateWebhookEndpointSuccess { secret endpoint { id url status cursor version } } ${REFUSAL} } }`;
const ROTATE = `mutation($id: ID!) { rotateWebhookEndpointSecret(input: {id: $id}) {
  __typename ... on RotateWebhookEndpointSecretSuccess { secret endpoint { previousSecretValidUntil } } ${REFUSAL} } }`;
const REDELIVER = `mutation($id: ID!) { redeliverWebhook(input: {deliveryId: $id}) {
  __typename ... on WebhookDeliverySuccess { delivery { webhookId status } } ${REFUSAL} } }`;
const DELIVERIES = `query($id: ID!) { node(id: $id) { ... on WebhookEndpoint { deliveries(first: 10) {
  edges { node { id webhookId eventType cursor status attempts lastStatusCode } } } } } }`;
const CASE_EVENTS =
  'subscription($after: String) { caseEvents(after: $after) { cursor caseKind caseId event toStatus } }';

/** The receiver as a child process: its stdout read as one JSON value a line, its stderr kept. */
interface RunningReceiver {
  lines: any[];
  stderr: string[];
  /** the first line (from `from` on) that `pick` accepts; fails after `timeoutMs`, or as soon as the receiver exits */
  line(pick: (line: any) => boolean, options?: { from?: number; timeoutMs?: number }): Promise<any>;
  stop(): Promise<void>;
}

function startReceiver(env: Record<string, string>): RunningReceiver {
  const child: ChildProcess = spawn(process.execPath, [fileURLToPath(RECEIVER)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: any[] = [];
  const stderr: string[] = [];
  const wakers = new Set<() => void>();
  const wake = () => {
    for (const waker of wakers) waker();
  };
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
    try {
      lines.push(JSON.parse(text));
    } catch {
      lines.push({ notJson: text }); // the receiver prints JSON lines only: no test accepts this one
    }
    wake();
  });
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (text) => stderr.push(text));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exited.then(wake);
  const line: RunningReceiver['line'] = (pick, { from = 0, timeoutMs = 15_000 } = {}) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = lines.slice(from).find(pick);
        if (found === undefined && child.exitCode === null && child.signalCode === null) return;
        clearTimeout(timer);
        wakers.delete(check);
        if (found !== undefined) resolve(found);
        else reject(new Error(`the receiver exited (${child.exitCode}): ${stderr.join('\n')}`));
      };
      const timer = setTimeout(() => {
        wakers.delete(check);
        reject(new Error(`no such line from the receiver in ${timeoutMs} ms: ${JSON.stringify(lines.slice(from))}`));
      }, timeoutMs);
      wakers.add(check);
      check();
    });
  return {
    lines,
    stderr,
    line,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The Standard Webhooks specification's example secret, which signs the sample request of §14.2. */
const SPEC_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** The sample request of §14.2 (the guide's one ```http block): its headers and its body, as sent. */
function documentedRequest(): { headers: Record<string, string>; body: string } {
  const blocks = [...DOC.matchAll(/^```http\n([\s\S]*?)\n^```$/gm)].map((match) => match[1] as string);
  expect(blocks, 'one ```http block in docs/api.md').toHaveLength(1);
  const [head = '', body = ''] = (blocks[0] as string).split('\n\n');
  const headers = Object.fromEntries(
    head
      .split('\n')
      .slice(1)
      .map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return { headers, body };
}

/** The raw id inside a global ID (`Invitation:<id>` in base64), as webhook bodies carry it. */

describe(`the webhook receiver example of docs/api.md (${databaseKind()})`, () => {
  let server: TestServer;
  let dcu: Party;
  let receiving: RunningReceiver;
  let url: string;
  let secret: string;
  let endpoint: { id: string; cursor: string; version: number };
  let caseEvents: TestSubscription;

  beforeAll(async () => {
    server = await startTestServer({ WEBHOOK_DELIVERY: 'true', WEBHOOK_POLL_MS: '50' });
    dcu = await createDcu(server, { identityType: 'LEGAL_REPRESENTATIVE' });
    // the integrator's order: the receiver's address is known, the endpoint made, its secret configured, then started
    const port = await freePort();
    url = `http://127.0.0.1:${port}/leqi/webhooks`;
    const created = (await server.gql(CREATE, { input: { url, description: '示例接收端' } }, dcu.token)).data
      ?.createWebhookEndpoint;
    expect(created?.__typename, JSON.stringify(created)).toBe('CreateWebhookEndpointSuccess');
    ({ secret, endpoint } = created);
    receiving = startReceiver({ WEBHOOK_SECRET: secret, PORT: String(port) });
    expect(await receiving.line((line) => 'listening' in line)).toEqual({ listening: port });
    // what the same enterprise sees on caseEvents from the endpoint's starting point
    caseEvents = subscribeTo(server.url, dcu.token, CASE_EVENTS, { after: endpoint.cursor });
    await caseEvents.connected;
  });
  afterAll(async () => {
    await caseEvents?.close();
    await receiving?.stop();
    await server?.close();
  });

  async function invitation(): Promise<string> {
    const useUnit = await createUseUnit(server);
    const invited = await invite(server, dcu.token, [rowFor(useUnit)], {
      proofMaterialIds: [await uploadProof(server, dcu.token)],
    });
    expect(invited.failed, JSON.stringify(invited)).toEqual([]);
    return invited.succeeded[0].id;
  }

  /** The endpoint's deliveries once `ready` holds for them (the delivery is recorded after the receiver answers). */
  async function deliveriesWhen(ready: (rows: any[]) => boolean) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const result = await server.gql(DELIVERIES, { id: endpoint.id }, dcu.token);
      const rows = (result.data?.node?.deliveries.edges ?? []).map((edge: any) => edge.node);
      if (ready(rows) || Date.now() > deadline) return rows;
      await new Promise<void>((resolve) => setTimeout(resolve, 25));
    }
  }

  it('the guide shows the receiver’s file verbatim', () => {
    const source = readFileSync(RECEIVER, 'utf8');
    const blocks = [...DOC.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
    const shown = blocks.filter((block) => block?.startsWith('// examples/webhook-receiver/receiver.mjs'));
    expect(shown, 'one ```js block of docs/api.md starting with the file’s name').toHaveLength(1);
    expect(shown[0]).toBe(source);
  });

  it('the guide’s sample request is signed as documented, with the specification’s example secret', () => {
    const { headers, body } = documentedRequest();
    expect(DOC).toContain(SPEC_SECRET);
    expect(Number(headers['content-length'])).toBe(Buffer.byteLength(body));
    const at = new Date(Number(headers['webhook-timestamp']) * 1000);
    expect(headers['webhook-signature']).toBe(new Webhook(SPEC_SECRET).sign(headers['webhook-id'] as string, at, body));
  });

  it('verifies and records a real delivery: the event caseEvents gives the enterprise, with its cursor', async () => {
    const invitationId = await invitation();
    const event = await receiving.line((line) => line.type === 'INVITATION.invite');
    expect(event).toMatchObject({
      type: 'INVITATION.invite',
      data: {
        caseKind: 'INVITATION',
        caseId: invitationId,
        event: 'invite',
        fromStatus: null,
        toStatus: 'PENDING_RESPONSE',
        enterprise: { uscc: dcu.uscc, name: dcu.name },
      },
    });
    expect(Date.parse(event.timestamp)).toBe(Date.parse(event.data.occurredAt));
    // the body has exactly the fields the guide's sample shows
    const sample = JSON.parse(documentedRequest().body);
    const { webhookId, ...body } = event;
    expect(Object.keys(body)).toEqual(Object.keys(sample));
    expect(Object.keys(body.data)).toEqual(Object.keys(sample.data));
    const [seen] = await caseEvents.waitFor(1);
    expect(caseEvents.errors).toEqual([]);
    expect(seen).toMatchObject({ cursor: event.data.cursor, caseKind: 'INVITATION', event: 'invite' });
    expect(seen.caseId).toBe(event.data.caseId);

    const [delivery] = await deliveriesWhen((rows) => rows[0]?.status === 'DELIVERED');
    expect(delivery).toMatchObject({
      webhookId,
      eventType: 'INVITATION.invite',
      cursor: event.data.cursor,
      status: 'DELIVERED',
      attempts: 1,
      lastStatusCode: 204,
    });
    expect(receiving.stderr).toEqual([]);
  });

  it('answers 400 to forged, tampered, unsigned and stale requests, and records none of them', async () => {
    const [linesBefore, errorsBefore] = [receiving.lines.length, receiving.stderr.length];
    const body = JSON.stringify({
      type: 'INVITATION.confirm',
      timestamp: new Date().toISOString(),
      data: { caseKind: 'INVITATION', event: 'confirm' },
    });
    const signed = (key: string, id: string, at: Date, signedBody = body) => ({
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(key).sign(id, at, signedBody),
    });
    const now = new Date();
    const attempts: [string, Record<string, string>][] = [
      ['another secret', signed(newWebhookSecret(), 'msg_forged', now)],
      ['a tampered body', signed(secret, 'msg_tampered', now, body.replace('confirm', 'decline'))],
      ['no signature', { 'content-type': 'application/json', 'webhook-id': 'msg_unsigned' }],
      ['ten minutes old', signed(secret, 'msg_stale', new Date(now.getTime() - 10 * 60_000))],
    ];
    for (const [what, headers] of attempts) {
      const answer = await fetch(url, { method: 'POST', headers, body });
      expect(answer.status, what).toBe(400);
    }
    const rejections = receiving.stderr.slice(errorsBefore);
    expect(rejections).toHaveLength(attempts.length);
    for (const line of rejections) expect(line).toMatch(/^rejected a request: /);
    // the same request signed with the endpoint's secret is accepted: the refusals were the signatures'
    const genuine = await fetch(url, { method: 'POST', headers: signed(secret, 'msg_genuine', now), body });
    expect(genuine.status).toBe(204);
    expect(receiving.lines.slice(linesBefore).map((line) => line.webhookId)).toEqual(['msg_genuine']);
  });

  it('recognises a redelivery by its webhook-id and still answers 2xx', async () => {
    const [delivered] = await deliveriesWhen((rows) => rows.length > 0);
    const from = receiving.lines.length;
    const again = await server.gql(REDELIVER, { id: delivered.id }, dcu.token);
    expect(again.data?.redeliverWebhook.delivery, JSON.stringify(again)).toMatchObject({
      webhookId: delivered.webhookId,
    });
    expect(await receiving.line((line) => line.webhookId === delivered.webhookId, { from })).toEqual({
      webhookId: delivered.webhookId,
      duplicate: true,
    });
    const [after] = await deliveriesWhen((rows) => rows[0]?.status === 'DELIVERED' && rows[0]?.attempts === 1);
    expect(after).toMatchObject({ webhookId: delivered.webhookId, status: 'DELIVERED', lastStatusCode: 204 });
  });

  it('keeps verifying on the old secret after a rotation (both sign during the overlap)', async () => {
    const rotated = await server.gql(ROTATE, { id: endpoint.id }, dcu.token);
    const result = rotated.data?.rotateWebhookEndpointSecret;
    expect(result?.__typename, JSON.stringify(rotated)).toBe('RotateWebhookEndpointSecretSuccess');
    expect(result.secret).not.toBe(secret);
    expect(result.endpoint.previousSecretValidUntil).not.toBeNull();
    const from = receiving.lines.length;
    const invitationId = await invitation();
    const event = await receiving.line((line) => line.type === 'INVITATION.invite', { from });
    expect(event.data.caseId).toBe(invitationId);
    // the webhook stream and caseEvents still agree, event for event
    await caseEvents.waitFor(2);
    const received = receiving.lines.filter((line) => line.data?.cursor).map((line) => line.data.cursor);
    expect(caseEvents.events.map((seen) => seen.cursor)).toEqual(received);
  });
});
