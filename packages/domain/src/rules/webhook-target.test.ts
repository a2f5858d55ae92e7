import { describe, expect, it } from 'vitest';
import {
  addressKind,
  checkWebhookUrl,
  isIpAddress,
  NO_ALLOWED_HOSTS,
  parseAllowedHosts,
  targetAllowed,
  type WebhookTargetPolicy,
} from './webhook-target.ts';

describe('address kinds', () => {
  it.each([
    ['8.8.8.8', 'PUBLIC'],
    ['1.1.1.1', 'PUBLIC'],
    ['223.5.5.5', 'PUBLIC'],
    ['127.0.0.1', 'LOOPBACK'],
    ['127.255.255.254', 'LOOPBACK'],
    ['10.1.2.3', 'PRIVATE'],
    ['172.16.0.1', 'PRIVATE'],
    ['172.31.255.255', 'PRIVATE'],
    ['172.32.0.1', 'PUBLIC'],
    ['192.168.1.1', 'PRIVATE'],
    ['169.254.169.254', 'LINK_LOCAL'],
    ['0.0.0.0', 'SPECIAL'],
    ['100.64.0.1', 'SPECIAL'],
    ['100.128.0.1', 'PUBLIC'],
    ['192.0.2.10', 'SPECIAL'],
    ['198.18.0.1', 'SPECIAL'],
    ['224.0.0.1', 'SPECIAL'],
    ['255.255.255.255', 'SPECIAL'],
    ['2400:3200::1', 'PUBLIC'],
    ['2001:4860:4860::8888', 'PUBLIC'],
    ['::1', 'LOOPBACK'],
    ['[::1]', 'LOOPBACK'],
    ['0:0:0:0:0:0:0:1', 'LOOPBACK'],
    ['::', 'SPECIAL'],
    ['fd12:3456::1', 'PRIVATE'],
    ['fc00::1', 'PRIVATE'],
    ['fe80::1', 'LINK_LOCAL'],
    ['ff02::1', 'SPECIAL'],
    ['2001:db8::1', 'SPECIAL'],
    ['2002:c0a8:0101::1', 'SPECIAL'],
    ['::ffff:127.0.0.1', 'LOOPBACK'],
    ['::ffff:7f00:1', 'LOOPBACK'],
    ['::ffff:10.0.0.1', 'PRIVATE'],
    ['::ffff:8.8.8.8', 'PUBLIC'],
    ['64:ff9b::192.168.0.1', 'PRIVATE'],
    ['::127.0.0.1', 'SPECIAL'],
  ])('%s is %s', (text, kind) => {
    expect(addressKind(text)).toBe(kind);
  });

  it('reads only well-formed literals', () => {
    for (const text of [
      'localhost',
      '1.2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '010.0.0.1',
      '1.2.3.-4',
      '1::2::3',
      ':::',
      ':1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7',
      '12345::1',
      'fe80::1%eth0',
      '::ffff:1.2.3',
      ':1.2.3.4',
      '',
    ])
      expect(isIpAddress(text), text).toBe(false);
    for (const text of ['1:2:3:4:5:6:7:8', '1::', '::', '1:2:3:4:5:6:1.2.3.4', 'ABCD::EF'])
      expect(isIpAddress(text), text).toBe(true);
  });
});

describe('WEBHOOK_ALLOWED_HOSTS', () => {
  it('reads host names, wildcards, ranges and single addresses, case-insensitively', () => {
    const parsed = parseAllowedHosts(' ERP.Corp.example , *.intranet.gov.cn, 10.20.0.0/16, fd00::/8, 192.168.7.7 ,');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.allowed.names).toEqual(['erp.corp.example', '*.intranet.gov.cn']);
    expect(parsed.allowed.ranges).toHaveLength(3);
    expect(parseAllowedHosts('')).toEqual({ ok: true, allowed: NO_ALLOWED_HOSTS });
  });

  it('names every entry it cannot read', () => {
    expect(parseAllowedHosts('ok.example, 10.0.0.0/33, bad_host, http://x.example, *.*.example, 1.2.3.4/8/1')).toEqual({
      ok: false,
      unreadable: ['10.0.0.0/33', 'bad_host', 'http://x.example', '*.*.example', '1.2.3.4/8/1'],
    });
  });
});

describe('webhook target URL', () => {
  it('takes http and https, without credentials, up to 2,048 characters', () => {
    expect(checkWebhookUrl('https://ERP.example.com:8443/hooks/leqi?x=1')).toEqual({
      ok: true,
      target: { url: 'https://erp.example.com:8443/hooks/leqi?x=1', host: 'erp.example.com' },
    });
    expect(checkWebhookUrl('http://[::1]:3000/h')).toMatchObject({ ok: true, target: { host: '::1' } });
    expect(checkWebhookUrl('ftp://example.com/')).toEqual({ ok: false, problem: 'NOT_HTTP' });
    expect(checkWebhookUrl('file:///etc/passwd')).toEqual({ ok: false, problem: 'NOT_HTTP' });
    expect(checkWebhookUrl('javascript:alert(1)')).toEqual({ ok: false, problem: 'NOT_HTTP' });
    expect(checkWebhookUrl('https://user:secret@example.com/')).toEqual({ ok: false, problem: 'CREDENTIALS_IN_URL' });
    expect(checkWebhookUrl('https://user@example.com/')).toEqual({ ok: false, problem: 'CREDENTIALS_IN_URL' });
    expect(checkWebhookUrl('not a url')).toEqual({ ok: false, problem: 'UNREADABLE' });
    expect(checkWebhookUrl(`https://example.com/${'a'.repeat(2048)}`)).toEqual({ ok: false, problem: 'TOO_LONG' });
  });
});

describe('where a webhook may go', () => {
  const production: WebhookTargetPolicy = { allowed: NO_ALLOWED_HOSTS, allowLoopback: false };
  const development: WebhookTargetPolicy = { allowed: NO_ALLOWED_HOSTS, allowLoopback: true };
  const allowed = parseAllowedHosts('erp.bureau.local, *.intranet.example, 10.20.0.0/16');
  if (!allowed.ok) throw new Error('fixture');
  const intranet: WebhookTargetPolicy = { allowed: allowed.allowed, allowLoopback: false };

  it('in production by default: public addresses only, every one of them', () => {
    expect(targetAllowed('erp.example.com', ['203.119.1.1', '2400:3200::1'], production)).toBe(true);
    expect(targetAllowed('erp.example.com', ['203.119.1.1', '10.0.0.1'], production)).toBe(false);
    for (const address of ['127.0.0.1', '::1', '10.0.0.1', '169.254.169.254', '::ffff:127.0.0.1', '0.0.0.0', 'fd00::1'])
      expect(targetAllowed('x.example.com', [address], production), address).toBe(false);
    expect(targetAllowed('x.example.com', [], production)).toBe(false);
    expect(targetAllowed('x.example.com', ['not-an-address'], production)).toBe(false);
  });

  it('in development: loopback too, but no other private address', () => {
    expect(targetAllowed('localhost', ['127.0.0.1', '::1'], development)).toBe(true);
    expect(targetAllowed('box', ['192.168.1.5'], development)).toBe(false);
  });

  it('WEBHOOK_ALLOWED_HOSTS opens named hosts, names below a wildcard and addresses in a range', () => {
    expect(targetAllowed('erp.bureau.local', ['192.168.3.4'], intranet)).toBe(true);
    expect(targetAllowed('ERP.Bureau.Local', ['192.168.3.4'], intranet)).toBe(true);
    expect(targetAllowed('a.b.intranet.example', ['172.16.0.9'], intranet)).toBe(true);
    expect(targetAllowed('intranet.example', ['172.16.0.9'], intranet)).toBe(false);
    expect(targetAllowed('evilintranet.example', ['172.16.0.9'], intranet)).toBe(false);
    expect(targetAllowed('other.local', ['10.20.5.6'], intranet)).toBe(true);
    expect(targetAllowed('other.local', ['10.21.5.6'], intranet)).toBe(false);
    expect(targetAllowed('other.local', ['127.0.0.1'], intranet)).toBe(false);
    // an address literal is judged by its address, never by a host-name entry
    expect(targetAllowed('10.20.1.1', ['10.20.1.1'], intranet)).toBe(true);
  });
});
