import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { hasValidSignature, newWebhookSecret, signWebhook, webhookHeaders } from './signature.ts';

const BODY = JSON.stringify({
  type: 'ACCESS_APPLICATION.accept',
  timestamp: '2026-12-07T08:00:00.000Z',
  data: { caseId: 'c1', event: 'accept', fromStatus: 'PENDING_ACCEPTANCE', toStatus: 'PENDING_REVIEW' },
});

describe('Standard Webhooks signatures', () => {
  it('are verified by the standardwebhooks library, and fail it when anything signed changes', () => {
    const secret = newWebhookSecret();
    const now = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders([secret], 'msg_1', now, BODY);
    const receiver = new Webhook(secret);
    expect(receiver.verify(BODY, headers)).toEqual(JSON.parse(BODY));
    expect(() => receiver.verify(`${BODY} `, headers)).toThrow(WebhookVerificationError);
    expect(() => receiver.verify(BODY, { ...headers, 'webhook-id': 'msg_2' })).toThrow(WebhookVerificationError);
    expect(() => receiver.verify(BODY, { ...headers, 'webhook-timestamp': String(now + 1) })).toThrow(
      WebhookVerificationError,
    );
    expect(() => new Webhook(newWebhookSecret()).verify(BODY, headers)).toThrow(WebhookVerificationError);
  });

  it('match the specification’s published example', () => {
    // standardwebhooks.com: the example secret, message id, timestamp and payload, and the signature it gives
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"test": 2432232314}';
    expect(signWebhook(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body)).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('carry one signature per secret while a rotated secret is honoured, each verifiable', () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const now = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders([current, previous], 'msg_9', now, BODY);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const secret of [current, previous]) {
      expect(new Webhook(secret).verify(BODY, headers)).toEqual(JSON.parse(BODY));
      expect(hasValidSignature(secret, 'msg_9', now, BODY, headers['webhook-signature'])).toBe(true);
    }
    expect(hasValidSignature(newWebhookSecret(), 'msg_9', now, BODY, headers['webhook-signature'])).toBe(false);
  });

  it('makes a new secret of 24 random bytes each time, and refuses a key that is not a whsec_ secret', () => {
    const secrets = new Set(Array.from({ length: 50 }, newWebhookSecret));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(24);
    expect(() => signWebhook('not-a-secret', 'm', 1, '')).toThrow(/whsec_/);
    expect(() => signWebhook('whsec_c2hvcnQ=', 'm', 1, '')).toThrow(/16 bytes/);
  });
});
