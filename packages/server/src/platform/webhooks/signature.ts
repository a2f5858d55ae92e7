// Standard Webhooks signatures (standardwebhooks.com, issue 21): an endpoint's secret is `whsec_` and the base64 of
// its key; each request carries `webhook-id`, `webhook-timestamp` (seconds) and `webhook-signature`, a list of
// `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` separated by spaces — several while a rotated secret's
// predecessor is still honoured. Any official Standard Webhooks library verifies them unchanged. An endpoint may ask
// for HMAC-SM3 (国密) as well: `sm3,<base64 HMAC-SM3 of the same text>` entries follow the v1 ones, which
// Standard Webhooks libraries skip as a version they do not know.
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

export type WebhookSignatureScheme = 'v1' | 'sm3';

/**
 * One `v1,<signature>` (HMAC-SHA256) or `sm3,<signature>` (HMAC-SM3) of `body` (the exact bytes sent) for message
 * `id` at `timestampSeconds`.
 */
export function signWebhook(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
  scheme: WebhookSignatureScheme = 'v1',
): string {
  const algorithm = scheme === 'sm3' ? 'sm3' : 'sha256';
  const mac = createHmac(algorithm, keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `${scheme},${mac}`;
}

/** The three headers of a delivery, signed with each of `secrets` (the current one first), in each scheme. */
export function webhookHeaders(
  secrets: readonly string[],
  id: string,
  timestampSeconds: number,
  body: string,
  { sm3 = false }: { sm3?: boolean } = {},
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const schemes: WebhookSignatureScheme[] = sm3 ? ['v1', 'sm3'] : ['v1'];
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': schemes
      .flatMap((scheme) => secrets.map((secret) => signWebhook(secret, id, timestampSeconds, body, scheme)))
      .join(' '),
  };
}

/** Whether `signatureHeader` holds a signature of `body` by `secret` in `scheme` (our own receivers and tests). */
export function hasValidSignature(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
  signatureHeader: string,
  scheme: WebhookSignatureScheme = 'v1',
): boolean {
  const expected = Buffer.from(signWebhook(secret, id, timestampSeconds, body, scheme));
  return signatureHeader.split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
