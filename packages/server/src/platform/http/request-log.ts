import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';
import type { Logger } from '../observability/log.ts';
import type { AppMetrics } from '../observability/metrics.ts';
import type { OperationLabels } from '../observability/operation-labels.ts';

/** What the GraphQL layer learnt about a request, for its log line and metrics. */
interface RequestFacts {
  /** the operation's name as the client sent it (log lines only) */
  operation: string;
  /** one of a bounded set of values (metrics) */
  label: string;
  userId?: string;
}

const facts = new WeakMap<IncomingMessage, RequestFacts>();
const requestIds = new WeakMap<IncomingMessage, string>();
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The caller's `x-request-id` when it looks like one, a new UUID otherwise (the same for the whole request). */
export function requestIdOf(request: IncomingMessage): string {
  const known = requestIds.get(request);
  if (known) return known;
  const given = request.headers['x-request-id'];
  const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  requestIds.set(request, requestId);
  return requestId;
}

/**
 * Records each GraphQL request's operation over HTTP: the name the client gave for the log line, the bounded
 * label of `labels` for the metrics, and the caller.
 */
export function useRequestFacts(labels: OperationLabels): Plugin<Context & { req?: IncomingMessage }> {
  return {
    onExecute({ args }) {
      const req = (args.contextValue as { req?: IncomingMessage }).req;
      if (!req) return;
      const operation = getOperationAST(args.document, args.operationName ?? undefined);
      facts.set(req, {
        operation: operation?.name?.value.slice(0, 128) ?? `anonymous ${operation?.operation ?? 'operation'}`,
        label: labels.of(args.document, args.operationName),
        userId: (args.contextValue as Context).viewer?.userId,
      });
    },
  };
}

function routeOf(pathname: string): string {
  if (pathname === '/graphql') return 'graphql';
  if (/^\/(healthz|readyz|metrics)$/.test(pathname)) return pathname;
  if (pathname.startsWith('/files/')) return '/files';
  if (pathname.startsWith('/documents/')) return '/documents';
  return 'web';
}

/**
 * One JSON log line and the metrics of every HTTP request when its response is done: request id, method,
 * path (never the query string: download links carry signatures), operation, status, duration, user.
 */
export function instrumentRequest(
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
  log: Logger | undefined,
  metrics: AppMetrics | undefined,
): string {
  const requestId = requestIdOf(request);
  response.setHeader('x-request-id', requestId);
  const started = process.hrtime.bigint();
  response.once('close', () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const known = facts.get(request);
    const operation = known?.operation ?? routeOf(pathname);
    const label = known?.label ?? routeOf(pathname);
    const status = response.writableFinished ? response.statusCode : 499;
    metrics?.httpRequests.inc({ operation: label, status: String(status) });
    metrics?.httpDuration.observe({ operation: label }, seconds);
    if (pathname === '/healthz' || pathname === '/readyz' || pathname === '/metrics') return;
    log?.info('request', {
      requestId,
      method: request.method,
      path: pathname,
      operation,
      status,
      durationMs: Math.round(seconds * 1000 * 10) / 10,
      userId: known?.userId,
    });
  });
  return requestId;
}
