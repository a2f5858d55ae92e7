// Who is on the other end of a request: the socket's peer, unless that peer is a proxy named in TRUSTED_PROXY,
// in which case X-Forwarded-For is read from the right (the entries a trusted proxy appended) to the first
// address that is not itself a trusted proxy. Without TRUSTED_PROXY the header is ignored: anyone can send it.
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

type ClientAddressOf = (request: IncomingMessage | undefined) => string | null;

/** `::ffff:127.0.0.1` (an IPv4 peer of a dual-stack socket) is 127.0.0.1. */
function normalise(address: string | undefined): string | null {
  if (!address) return null;
  const plain = address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return isIP(plain) ? plain.toLowerCase() : null;
}

function proxyList(trustedProxies: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of trustedProxies) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

export function clientAddressResolver(trustedProxies: readonly string[]): ClientAddressOf {
  const proxies = trustedProxies.length > 0 ? proxyList(trustedProxies) : null;
  const isProxy = (address: string) => proxies?.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4') ?? false;
  return (request) => {
    const peer = normalise(request?.socket.remoteAddress);
    if (!peer || !isProxy(peer)) return peer;
    const header = request?.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').reverse();
    let client = peer;
    for (const hop of hops) {
      const address = normalise(hop);
      if (!address) break; // a malformed entry: nothing left of it can be trusted
      client = address;
      if (!isProxy(address)) break;
    }
    return client;
  };
}

/**
 * The part of an address one party controls: an IPv4 address, or an IPv6 /64 (one subscriber usually holds a
 * whole /64, so counting single IPv6 addresses would let one machine appear as billions).
 */
export function addressBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...headGroups, ...Array(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'), ...tailGroups]
    : headGroups;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
