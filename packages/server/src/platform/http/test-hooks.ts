import type { ServerResponse } from 'node:http';

/**
 * GET /__test/slow?ms=N sends its headers at once and its body after N ms (at most 30 s): a request that is in flight when the process is asked
 * to stop. Mounted only with TEST_HOOKS=true, which the configuration refuses in production.
 */
export function serveSlowTestRequest(url: URL, response: ServerResponse): void {
  const ms = Math.min(Math.max(Number(url.searchParams.get('ms')) || 0, 0), 30_000);
  // status and headers go out at once, so the caller knows the request is in flight (no guessing with a timer)
  response.writeHead(200, { 'content-type': 'application/json' });
  response.flushHeaders();
  setTimeout(() => response.end(JSON.stringify({ sleptMs: ms })), ms);
}
