import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppMetrics } from '../observability/metrics.ts';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** GET /metrics in Prometheus' text format; with METRICS_TOKEN set it needs `Authorization: Bearer <token>`. */
export function serveMetrics(
  metrics: AppMetrics,
  token: string | undefined,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  if (token) {
    const given = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? '';
    if (!sameSecret(given, token)) {
      response.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' });
      response.end('需要指标令牌 (metrics token required)');
      return;
    }
  }
  response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' });
  response.end(metrics.render());
}
