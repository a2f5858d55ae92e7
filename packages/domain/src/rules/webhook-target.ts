// Where a webhook may be sent (issue 21). A target is an http(s) URL without credentials in it. The addresses its host
// resolves to must all be public, unless WEBHOOK_ALLOWED_HOSTS names the host or a range holding the address (a bureau
// intranet's ERP hosts); in development loopback is allowed too. The server checks the addresses it is about to connect
// to, so a name that resolves elsewhere later (DNS rebinding) gains nothing.

/** What kind of address an IP literal is: only `PUBLIC` is a target by default. */
export type AddressKind = 'PUBLIC' | 'LOOPBACK' | 'PRIVATE' | 'LINK_LOCAL' | 'SPECIAL';

type Family = 4 | 6;
/** an address as its bits: 4 bytes for IPv4, 16 for IPv6 */
interface Address {
  family: Family;
  bytes: number[];
}

function parseIpv4(text: string): Address | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const part of parts) {
    // no leading zeros: 010 is octal to some resolvers and decimal to others
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return null;
    bytes.push(Number(part));
  }
  return { family: 4, bytes };
}

function parseIpv6(text: string): Address | null {
  if (text.includes('%')) return null; // a zone index names an interface, never a public address
  let head = text;
  let tailBytes: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    const ipv4 = parseIpv4(text.slice(lastColon + 1));
    if (!ipv4) return null;
    tailBytes = ipv4.bytes;
    // `::ffff:1.2.3.4` keeps `::ffff`, `::1.2.3.4` keeps `::`
    head = text.slice(0, lastColon + 1);
    if (!head.endsWith('::')) head = head.slice(0, -1);
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (half: string | undefined) => (half ? half.split(':') : []);
  const left = groupsOf(halves[0]);
  const right = groupsOf(halves[1]);
  const wanted = 8 - tailBytes.length / 2;
  const missing = wanted - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  const bytes: number[] = [];
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
    const value = Number.parseInt(group, 16);
    bytes.push(value >> 8, value & 0xff);
  }
  bytes.push(...tailBytes);
  return bytes.length === 16 ? { family: 6, bytes } : null;
}

/** An IP literal (IPv6 with or without brackets), or null when `text` is not one. */
function parseAddress(text: string): Address | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return bare.includes(':') ? parseIpv6(bare) : parseIpv4(bare);
}

export function isIpAddress(text: string): boolean {
  return parseAddress(text) !== null;
}

interface Range {
  family: Family;
  bytes: number[];
  prefix: number;
}

function inRange(address: Address, range: Range): boolean {
  if (address.family !== range.family) return false;
  for (let bit = 0; bit < range.prefix; bit++) {
    const mask = 0x80 >> (bit % 8);
    const index = Math.floor(bit / 8);
    if (((address.bytes[index] as number) & mask) !== ((range.bytes[index] as number) & mask)) return false;
  }
  return true;
}

function range(cidr: string): Range {
  const parsed = parseCidr(cidr);
  if (!parsed) throw new Error(`not a range: ${cidr}`);
  return parsed;
}

/** Reads `10.0.0.0/8`, `fd00::/8` or a single address (a range of one). Host bits set are allowed and ignored. */
function parseCidr(text: string): Range | null {
  const [addressText, prefixText, extra] = text.split('/');
  if (extra !== undefined || addressText === undefined) return null;
  const address = parseAddress(addressText);
  if (!address) return null;
  const most = address.family === 4 ? 32 : 128;
  if (prefixText === undefined) return { ...address, prefix: most };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > most) return null;
  return { ...address, prefix: Number(prefixText) };
}

const IPV4_KINDS: [Range, AddressKind][] = [
  [range('127.0.0.0/8'), 'LOOPBACK'],
  [range('10.0.0.0/8'), 'PRIVATE'],
  [range('172.16.0.0/12'), 'PRIVATE'],
  [range('192.168.0.0/16'), 'PRIVATE'],
  [range('169.254.0.0/16'), 'LINK_LOCAL'],
  // this network, shared address space (carrier NAT), protocol assignments, documentation, 6to4 relays,
  // benchmarking, multicast, reserved and broadcast
  ...[
    '0.0.0.0/8',
    '100.64.0.0/10',
    '192.0.0.0/24',
    '192.0.2.0/24',
    '192.88.99.0/24',
    '198.18.0.0/15',
    '198.51.100.0/24',
    '203.0.113.0/24',
    '224.0.0.0/4',
    '240.0.0.0/4',
  ].map((cidr): [Range, AddressKind] => [range(cidr), 'SPECIAL']),
];

const IPV4_MAPPED = range('::ffff:0:0/96');
const NAT64 = range('64:ff9b::/96');
const GLOBAL_UNICAST = range('2000::/3');
const IPV6_KINDS: [Range, AddressKind][] = [
  [range('::1/128'), 'LOOPBACK'],
  [range('fc00::/7'), 'PRIVATE'],
  [range('fe80::/10'), 'LINK_LOCAL'],
  // IETF protocol assignments (Teredo among them), documentation, 6to4 (it carries any IPv4 address)
  ...['2001::/23', '2001:db8::/32', '2002::/16'].map((cidr): [Range, AddressKind] => [range(cidr), 'SPECIAL']),
];

function kindOf(address: Address): AddressKind {
  if (address.family === 4) return IPV4_KINDS.find(([known]) => inRange(address, known))?.[1] ?? 'PUBLIC';
  // an IPv4 address written as IPv6 is what it carries
  if (inRange(address, IPV4_MAPPED) || inRange(address, NAT64))
    return kindOf({ family: 4, bytes: address.bytes.slice(12) });
  const known = IPV6_KINDS.find(([candidate]) => inRange(address, candidate));
  if (known) return known[1];
  // the unspecified address, multicast, discard-only and everything not yet allocated for global unicast
  return inRange(address, GLOBAL_UNICAST) ? 'PUBLIC' : 'SPECIAL';
}

/** The kind of an IP literal; null when `text` is not one. */
export function addressKind(text: string): AddressKind | null {
  const address = parseAddress(text);
  return address ? kindOf(address) : null;
}

/** WEBHOOK_ALLOWED_HOSTS read: host names (exact, or `*.` for every name below one) and address ranges. */
export interface AllowedHosts {
  names: readonly string[];
  ranges: readonly Range[];
}

export const NO_ALLOWED_HOSTS: AllowedHosts = { names: [], ranges: [] };

const HOST_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Reads a comma-separated list of host names and CIDR ranges; the entries it cannot read, when there are any. */
export function parseAllowedHosts(
  text: string,
): { ok: true; allowed: AllowedHosts } | { ok: false; unreadable: string[] } {
  const names: string[] = [];
  const ranges: Range[] = [];
  const unreadable: string[] = [];
  for (const entry of text.split(',').map((part) => part.trim().toLowerCase())) {
    if (entry === '') continue;
    const cidr =
      /^[0-9a-f:.[\]/]+$/.test(entry) && (entry.includes('/') || isIpAddress(entry)) ? parseCidr(entry) : null;
    if (cidr) ranges.push(cidr);
    else if (HOST_NAME.test(entry) && entry.length <= 253 && !isIpAddress(entry)) names.push(entry);
    else unreadable.push(entry);
  }
  return unreadable.length > 0 ? { ok: false, unreadable } : { ok: true, allowed: { names, ranges } };
}

export type WebhookUrlProblem = 'UNREADABLE' | 'NOT_HTTP' | 'CREDENTIALS_IN_URL' | 'TOO_LONG';

export interface WebhookTarget {
  url: string;
  /** lower-case, IPv6 without brackets */
  host: string;
}

/** Checks the form of a target URL: http(s), no user name or password in it, at most 2,048 characters. */
export function checkWebhookUrl(
  text: string,
): { ok: true; target: WebhookTarget } | { ok: false; problem: WebhookUrlProblem } {
  if (text.length > 2048) return { ok: false, problem: 'TOO_LONG' };
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, problem: 'UNREADABLE' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, problem: 'NOT_HTTP' };
  if (url.username || url.password) return { ok: false, problem: 'CREDENTIALS_IN_URL' };
  if (!url.hostname) return { ok: false, problem: 'UNREADABLE' };
  const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return { ok: true, target: { url: url.href, host } };
}

export interface WebhookTargetPolicy {
  allowed: AllowedHosts;
  /** development: the developer's own machine is a target */
  allowLoopback: boolean;
}

function nameAllowed(host: string, names: readonly string[]): boolean {
  return names.some((name) => (name.startsWith('*.') ? host.endsWith(name.slice(1)) : host === name));
}

/**
 * Whether a request to `host` may go to `addresses` (what it resolved to, or the literal itself): a host named in the
 * allowed list may; otherwise every address must be public, in an allowed range, or loopback where that is allowed.
 * An empty list is refused: nothing to connect to.
 */
export function targetAllowed(host: string, addresses: readonly string[], policy: WebhookTargetPolicy): boolean {
  if (addresses.length === 0) return false;
  if (!isIpAddress(host) && nameAllowed(host.toLowerCase(), policy.allowed.names)) return true;
  return addresses.every((text) => {
    const address = parseAddress(text);
    if (!address) return false;
    if (policy.allowed.ranges.some((allowed) => inRange(address, allowed))) return true;
    const kind = kindOf(address);
    return kind === 'PUBLIC' || (kind === 'LOOPBACK' && policy.allowLoopback);
  });
}
