// One delivery attempt over HTTP(S): the host is resolved once, every address it gave is checked against the target
// policy, and the request goes to the first of them (pinned: a name that resolves elsewhere a moment later — DNS
// rebinding — cannot move the request to a private address). No redirect is followed; an answer is read up to 4 KiB.
import { lookup } from 'node:dns/promises';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { targetAllowed, WEBHOOK_ATTEMPT_TIMEOUT_MS, type WebhookTargetPolicy } from '@leqi/domain';

export interface AttemptOutcome {
  /** the answer's status, or null when none came (refused, timed out, not allowed) */
  status: number | null;
  latencyMs: number;
  /** why it failed, for the delivery log (never the answer's body) */
  error: string | null;
}

const MAX_ANSWER_BYTES = 4096;
/**
 * A kept connection unused this long is closed: before the receiver does (common servers close idle connections
 * after 5 s, Node's among them), so that a request seldom goes out on one the receiver is closing.
 */
const IDLE_CONNECTION_MS = 4_000;

/**
 * Connections are kept between attempts (an endpoint receives its events one after another). A kept connection was
 * opened to a checked address; the pool is keyed by host name and port, and a new connection is pinned again.
 */
const AGENTS = {
  'http:': new HttpAgent({ keepAlive: true, maxSockets: 64, timeout: IDLE_CONNECTION_MS }),
  'https:': new HttpsAgent({ keepAlive: true, maxSockets: 64, timeout: IDLE_CONNECTION_MS }),
};

export type Resolve = (host: string) => Promise<string[]>;

const resolveAll: Resolve = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

export async function sendWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  policy: WebhookTargetPolicy,
  options: { timeoutMs?: number; resolve?: Resolve } = {},
): Promise<AttemptOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const target = new URL(url);
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await (options.resolve ?? resolveAll)(host);
  } catch (error) {
    return { status: null, latencyMs: elapsed(), error: `DNS: ${(error as NodeJS.ErrnoException).code ?? 'failed'}` };
  }
  if (!targetAllowed(host, addresses, policy)) {
    return { status: null, latencyMs: elapsed(), error: 'TARGET_NOT_ALLOWED' };
  }
  const address = addresses[0] as string;
  const timeoutMs = options.timeoutMs ?? WEBHOOK_ATTEMPT_TIMEOUT_MS;
  let outcome = await post(target, address, headers, body, timeoutMs);
  // a kept connection the receiver closed just as it was reused fails before any answer (the request, most likely,
  // never reached the receiver's handler): it is sent once more at once, on a new connection — with the same
  // webhook-id, so a receiver that did get it drops the copy
  if (outcome.staleConnection)
    outcome = await post(target, address, headers, body, Math.max(1, timeoutMs - elapsed()), { fresh: true });
  return { status: outcome.status, error: outcome.error, latencyMs: elapsed() };
}

const STALE_CONNECTION_ERRORS = new Set(['ECONNRESET', 'EPIPE']);

/** One POST to the checked address; `staleConnection` when it failed on a reused connection before any answer. */
function post(
  target: URL,
  address: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  { fresh = false } = {},
): Promise<Omit<AttemptOutcome, 'latencyMs'> & { staleConnection: boolean }> {
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    let answered = false;
    const finish = (outcome: Omit<AttemptOutcome, 'latencyMs'>, staleConnection = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, staleConnection });
    };
    const outgoing = send(
      target,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Leqi-Webhooks/1',
        },
        // the checked address, whatever the name resolves to now; TLS still verifies the certificate for the name
        lookup: (_hostname, lookupOptions, callback) => {
          const family = isIP(address);
          // with autoSelectFamily (node's default) the socket asks for every address
          if ((lookupOptions as { all?: boolean }).all)
            (callback as (e: null, a: object[]) => void)(null, [{ address, family }]);
          else callback(null, address, family);
        },
        agent: fresh ? false : AGENTS[target.protocol as 'http:' | 'https:'],
      },
      (answer) => {
        answered = true;
        let read = 0;
        answer.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) answer.destroy();
        });
        answer.on('close', () => finish({ status: answer.statusCode ?? null, error: null }));
        answer.on('error', () => finish({ status: answer.statusCode ?? null, error: null }));
      },
    );
    const timer = setTimeout(() => {
      outgoing.destroy();
      finish({ status: null, error: 'TIMEOUT' });
    }, timeoutMs);
    outgoing.on('error', (error: NodeJS.ErrnoException) =>
      finish(
        { status: null, error: error.code ?? error.message },
        outgoing.reusedSocket && !answered && STALE_CONNECTION_ERRORS.has(error.code ?? ''),
      ),
    );
    outgoing.end(body);
  });
}
