import { createHash } from 'node:crypto';
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

  it('add HMAC-SM3 entries (国密) where asked: each verifies with SM3, and the standardwebhooks library still passes', () => {
    const secret = newWebhookSecret();
    const now = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders([secret], 'msg_sm3', now, BODY, { sm3: true });
    const [v1, sm3] = headers['webhook-signature'].split(' ');
    expect(v1).toMatch(/^v1,/);
    expect(sm3).toMatch(/^sm3,[A-Za-z0-9+/]{43}=$/);
    // HMAC-SM3 of the Standard Webhooks signed text, computed here the long way (RFC 2104 over SM3, 64-byte blocks)
    const key = Buffer.from(secret.slice(6), 'base64');
    const block = Buffer.concat([key, Buffer.alloc(64 - key.length)]);
    const pad = (byte: number) => Buffer.from(block.map((value) => value ^ byte));
    const inner = createHash('sm3').update(pad(0x36)).update(`msg_sm3.${now}.${BODY}`).digest();
    const mac = createHash('sm3').update(pad(0x5c)).update(inner).digest('base64');
    expect(sm3).toBe(`sm3,${mac}`);
    expect(hasValidSignature(secret, 'msg_sm3', now, BODY, headers['webhook-signature'], 'sm3')).toBe(true);
    expect(hasValidSignature(secret, 'msg_sm3', now, `${BODY} `, headers['webhook-signature'], 'sm3')).toBe(false);
    expect(new Webhook(secret).verify(BODY, headers)).toEqual(JSON.parse(BODY));
    // not asked: no sm3 entry
    expect(webhookHeaders([secret], 'msg_sm3', now, BODY)['webhook-signature']).not.toContain('sm3,');
  });

  it('makes a new secret of 24 random bytes each time, and refuses a key that is not a whsec_ secret', () => {
    const secrets = new Set(Array.from({ length: 50 }, newWebhookSecret));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(24);
    expect(() => signWebhook('not-a-secret', 'm', 1, '')).toThrow(/whsec_/);
    expect(() => signWebhook('whsec_c2hvcnQ=', 'm', 1, '')).toThrow(/16 bytes/);
  });
});
