// Standard Webhooks signatures (standardwebhooks.com, issue 21): an endpoint's secret is `whsec_` and the base64 of
// its key; each request carries `webhook-id`, `webhook-timestamp` (seconds) and `webhook-signature`, a list of
// `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` separated by spaces — several while a rotated secret's
// predecessor is still honoured. Any official Standard Webhooks library verifies them unchanged.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'whsec_';
/** 24 random bytes, as the reference libraries generate */
const KEY_BYTES = 24;

/** A new endpoint secret, shown to its owner once. */
export function newWebhookSecret(): string {
  return `${PREFIX}${randomBytes(KEY_BYTES).toString('base64')}`;
}

function keyOf(secret: string): Buffer {
  if (!secret.startsWith(PREFIX)) throw new Error('a webhook secret starts with whsec_');
  const key = Buffer.from(secret.slice(PREFIX.length), 'base64');
  if (key.length < 16) throw new Error('a webhook secret holds at least 16 bytes');
  return key;
}

/** One `v1,<signature>` of `body` (the exact bytes sent) for message `id` at `timestampSeconds`. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/** The three headers of a delivery, signed with each of `secrets` (the current one first). */
export function webhookHeaders(
  secrets: readonly string[],
  id: string,
  timestampSeconds: number,
  body: string,
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': secrets.map((secret) => signWebhook(secret, id, timestampSeconds, body)).join(' '),
  };
}

/** Whether `signatureHeader` holds a v1 signature of `body` by `secret` (our own receivers and tests). */
export function hasValidSignature(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
  signatureHeader: string,
): boolean {
  const expected = Buffer.from(signWebhook(secret, id, timestampSeconds, body));
  return signatureHeader.split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
