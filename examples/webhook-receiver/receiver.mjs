// examples/webhook-receiver/receiver.mjs: a receiver of Leqi webhooks (docs/api.md §14). It verifies every request with
// the official Standard Webhooks library, handles each webhook-id once, and answers 2xx at once.
//   WEBHOOK_SECRET=whsec_… PORT=8080 node receiver.mjs
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';

const secret = process.env.WEBHOOK_SECRET ?? '';
if (!secret.startsWith('whsec_')) {
  console.error('WEBHOOK_SECRET must be the whsec_… secret that createWebhookEndpoint returned');
  process.exit(1);
}
// After a rotation each request carries a signature by the old and one by the new secret: either verifies.
const webhook = new Webhook(secret);
const MAX_BODY_BYTES = 1024 * 1024;

// webhook-ids already handled: delivery is at least once. A real receiver keeps them in its database (a unique column
// written in the transaction that records the event), so that a restart forgets none.
const seen = new Set();

/**
 * Records an event; keep it quick (the sender waits at most 10 s) and queue slow work for after the answer.
 * @param {string} webhookId
 * @param {object} event `{ type, timestamp, data }`
 */
function record(webhookId, event) {
  console.log(JSON.stringify({ webhookId, ...event }));
}

const server = createServer((request, response) => {
  if (request.method !== 'POST') return response.writeHead(405, { allow: 'POST' }).end();
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  request.on('data', (/** @type {Buffer} */ chunk) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  });
  request.on('end', () => {
    if (size > MAX_BODY_BYTES) return response.writeHead(413).end();
    let event;
    try {
      // the exact bytes received, before any parsing: checks a signature and that webhook-timestamp is recent
      event = webhook.verify(Buffer.concat(chunks), /** @type {Record<string, string>} */ (request.headers));
    } catch (error) {
      console.error(`rejected a request: ${error instanceof Error ? error.message : error}`);
      return response.writeHead(400).end('invalid signature');
    }
    const webhookId = String(request.headers['webhook-id']);
    if (seen.has(webhookId)) console.log(JSON.stringify({ webhookId, duplicate: true }));
    else {
      seen.add(webhookId);
      record(webhookId, /** @type {object} */ (event));
    }
    return response.writeHead(204).end();
  });
});

server.listen(Number(process.env.PORT ?? 8080), () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  console.log(JSON.stringify({ listening: port }));
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
