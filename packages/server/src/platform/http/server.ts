import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExecutionArgs, execute, GraphQLSchema, subscribe } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createYoga } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import type { AppServices, Context, Viewer } from '../context.ts';
import { localeFromHeader } from '../context.ts';
import { createLogger } from '../observability/log.ts';
import { OperationLabels } from '../observability/operation-labels.ts';
import { useAccountGate } from './account-gate.ts';
import { useBodyLimit } from './body-limit.ts';
import { clientAddressResolver } from './client-address.ts';
import { useCompiledQueries } from './compiled-queries.ts';
import { BAD_CONNECTION_PARAMS, type ConnectionParams, parseConnectionParams } from './connection-params.ts';
import { corsPolicy } from './cors.ts';
import { useUploadCsrfPrevention } from './csrf.ts';
import { DELIVERY_SLICE_MS, DeliveryTurns } from './delivery-turns.ts';
import { useDirectAnswers } from './direct-answers.ts';
import { GRAPHIQL_DEFAULT_QUERY } from './graphiql-examples.ts';
import { queryHardeningPlugins } from './hardening.ts';
import { useForbiddenCharacterGuard, useMalformedRequestGuard, useRequestErrorCodes } from './input-guard.ts';
import { LiveFanout, SOCKET_SUBSCRIPTION, type SocketSubscription } from './live-fanout.ts';
import { SUBSCRIBER_CONNECTION, useLiveSubscriptions } from './live-subscriptions.ts';
import { type MaterialFile, serveMaterialDownload } from './material-download.ts';
import { useFormMediaTypeRefusal } from './media-type.ts';
import { serveMetrics } from './metrics-route.ts';
import {
  loadPersistedOperations,
  persistedOperationsPlugin,
  persistedSubscriptionDocument,
} from './persisted-operations.ts';
import { callerLimits, downloadLimit, rateLimitError, refuseOverLimit } from './rate-limit.ts';
import {
  answerClientError,
  containFailures,
  loggedPath,
  MalformedRequest,
  refuseConnect,
  requestUrl,
} from './request-failures.ts';
import { instrumentRequest, useRequestFacts } from './request-log.ts';
import { setSecurityHeaders } from './security-headers.ts';
import { useSharedEventResults } from './shared-event-results.ts';
import { closeGracefully, InFlight } from './shutdown.ts';
import { serveWebApp } from './static-files.ts';
import { socketConnection } from './subscriber-connection.ts';
import { SubscriptionGuard } from './subscription-guard.ts';
import { SubscriptionLimits } from './subscription-limits.ts';
import { serveSlowTestRequest } from './test-hooks.ts';
import { logWebSocketProtocolErrors } from './ws-protocol-errors.ts';

interface HttpHooks {
  /** resolves a bearer token to the caller; `activity` false: a re-check by the server, not a request of the user */
  viewerFromToken(token: string | null, options?: { activity?: boolean }): Promise<Viewer | null>;
  /** resolves a signed download link's user and checks their right to the material */
  download(materialId: string, userId: string): Promise<MaterialFile | null>;
  /** GET routes of features (generated downloads …), tried before the web UI; what they throw is answered 500 */
  routes?: HttpRoute[];
}

/** A GET route served by a feature; `handle` writes the whole response. */
export interface HttpRoute {
  pattern: RegExp;
  /**
   * Set on routes that build what they send (templates, reports): each request is counted in the caller's rate
   * limit — the user its link is validly signed for (the bucket their GraphQL requests use), else its address.
   */
  limitedAs?(match: RegExpMatchArray, url: URL): string | null;
  handle(match: RegExpMatchArray, url: URL, request: IncomingMessage, response: ServerResponse): Promise<void>;
}

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  /** requests whose response is not done yet */
  inFlight(): number;
  /** stops accepting, lets in-flight requests finish (SHUTDOWN_TIMEOUT_MS), closes sockets with 1001 */
  close(): Promise<void>;
}

type EnvelopedRoot = {
  execute: (args: ExecutionArgs) => ReturnType<typeof execute>;
  subscribe: (args: ExecutionArgs) => ReturnType<typeof subscribe>;
};

function bearer(header: string | null | undefined): string | null {
  return header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;
}

/** One HTTP server: GraphQL (HTTP and graphql-ws) on /graphql, material downloads, health, and the web UI. */
export async function startHttpServer(
  app: AppServices,
  schema: GraphQLSchema,
  hooks: HttpHooks,
  listen: { port: number; host: string },
): Promise<RunningServer> {
  const graphiql = !app.config.production;
  const limits = callerLimits(app.config.rateLimit);
  const clientAddressOf = clientAddressResolver(app.config.trustedProxies);
  const persisted = loadPersistedOperations(app.config.persistedOperationsPath);
  const isApiClient = async (authorization: string | null | undefined) =>
    (await hooks.viewerFromToken(bearer(authorization)))?.actor.role === 'API_CLIENT';
  // every subscription, over graphql-ws or SSE, is counted, re-checked and paced by the same rules
  // its periodic re-checks are not the user's activity: a page left open does not keep an idle session alive
  const subscriptionGuard = new SubscriptionGuard(
    (token) => hooks.viewerFromToken(token, { activity: false }),
    app.log,
  );
  const subscriptionLimits = new SubscriptionLimits(app.config.subscriptionLimits);
  // deliveries of every subscription share one slice of each event-loop turn, those written by the fan-out too
  const turns = new DeliveryTurns(DELIVERY_SLICE_MS);
  const fanout = new LiveFanout(turns, app.log);
  const maxBody = app.config.maxUploadBytes + 1024 * 1024;
  const yoga = createYoga<{ req: IncomingMessage; res: ServerResponse }, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: graphiql
      ? { title: '乐企自用 API', defaultQuery: GRAPHIQL_DEFAULT_QUERY, subscriptionsProtocol: 'WS' }
      : false,
    maskedErrors: true,
    cors: corsPolicy(app.config.corsOrigins),
    plugins: [
      useUploadCsrfPrevention(),
      // after the CSRF check: a forged form is refused as such, a credentialed one for its content type
      useFormMediaTypeRefusal(),
      useMalformedRequestGuard(),
      useForbiddenCharacterGuard(),
      useRequestErrorCodes(),
      persistedOperationsPlugin(persisted, app.config.trustedDocuments, (request) =>
        isApiClient(request.headers.get('authorization')),
      ),
      ...queryHardeningPlugins(app.config.graphql),
      useRequestFacts(new OperationLabels(schema, persisted.values())),
      // before every plugin that answers or holds an operation: a caller who must change their password gets nothing
      useAccountGate(),
      // what an event's selection may read besides the event: the locale of error messages, and the role that
      // the fields' scope checks (run on resolve, for every event) look at
      useSharedEventResults((context) => {
        const { locale, viewer } = context as Context;
        return `${locale}:${viewer?.actor.role ?? ''}`;
      }, fanout),
      useLiveSubscriptions(subscriptionGuard, subscriptionLimits, bearer, turns),
      useCompiledQueries(),
      // after useCompiledQueries: a query a field answers itself falls back to the compiled execution
      useDirectAnswers((field) => app.metrics?.directAnswers.inc({ field })),
      useBodyLimit(maxBody),
    ],
    // replaced by useBodyLimit, which counts only the bodies of unknown length
    maxRequestBodySize: false,
    context: async ({ request, req }): Promise<Context> => {
      // graphql-ws operations reach here without an HTTP request; onSubscribe then sets viewer and locale
      // from the connection params
      const headers = (request as Request | undefined)?.headers;
      const authorization = headers?.get('authorization') ?? null;
      const viewer = await hooks.viewerFromToken(bearer(authorization));
      const overLimit = headers ? rateLimitError(limits, viewer) : null;
      if (overLimit) throw overLimit;
      return {
        app,
        viewer,
        locale: localeFromHeader(headers?.get('accept-language')),
        authorization,
        // over graphql-ws `req` is the socket's upgrade request (set in onSubscribe)
        clientAddress: clientAddressOf(req),
      };
    },
  });

  const inFlight = new InFlight();
  const log = app.log ?? createLogger('warn');
  const handleRequest = (request: IncomingMessage, response: ServerResponse): void | Promise<void> => {
    inFlight.track(response);
    const url = requestUrl(request.url);
    instrumentRequest(request, response, url?.pathname ?? loggedPath(request), app.log, app.metrics);
    if (!url) throw new MalformedRequest('request target is not a URL');
    setSecurityHeaders(response, url.pathname, { https: app.config.behindHttps, graphiql });
    if (url.pathname === '/graphql') {
      if (Number(request.headers['content-length'] ?? 0) > maxBody) {
        response.writeHead(413, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            errors: [{ message: '请求过大 (request body too large)', extensions: { code: 'LIMIT_EXCEEDED' } }],
          }),
        );
        return;
      }
      return yoga(request, response);
    }
    if (url.pathname === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"status":"ok"}');
      return;
    }
    if (url.pathname === '/readyz') {
      return ready(app).then((problem) => {
        response.writeHead(problem ? 503 : 200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status: problem ?? 'ready' }));
      });
    }
    if (url.pathname === '/metrics' && app.metrics) {
      serveMetrics(app.metrics, app.config.metricsToken, request, response);
      return;
    }
    if (url.pathname === '/__test/slow' && app.config.testHooks) {
      serveSlowTestRequest(url, response);
      return;
    }
    const download = url.pathname.match(/^\/files\/([A-Za-z0-9_-]{1,64})$/);
    if (download?.[1]) return serveMaterialDownload(app, hooks.download, download[1], url, request, response);
    if (request.method === 'GET' || request.method === 'HEAD') {
      for (const route of hooks.routes ?? []) {
        const match = url.pathname.match(route.pattern);
        if (!match) continue;
        if (route.limitedAs) {
          const retryAfter = downloadLimit(limits, route.limitedAs(match, url), clientAddressOf(request));
          if (retryAfter > 0) return refuseOverLimit(response, retryAfter);
        }
        return route.handle(match, url, request, response);
      }
    }
    return serveWebApp(app.config.webDistDir, url.pathname, request, response);
  };
  // node's default is 16 KiB too; stated here because the HTTP fuzz test relies on it (431 above it)
  const server = createServer({ maxHeaderSize: 16 * 1024 }, containFailures(log, handleRequest));
  server.keepAliveTimeout = app.config.httpKeepAliveMs;
  server.on('clientError', (error: Error & { code?: string }, socket) => answerClientError(error, socket, log));
  server.on('connect', (_request, socket) => refuseConnect(socket));

  const wsServer = new WebSocketServer({ server, path: '/graphql', maxPayload: 1024 * 1024 });
  const stopSubscriptionGuard = subscriptionGuard.start(app.bus, app.config.wsRevalidateMs);
  // each socket's connection_init payload, read once: its operations are judged by nothing else
  const connectionParams = new WeakMap<object, ConnectionParams>();
  const wsCleanup = useServer(
    {
      connectionInitWaitTimeout: app.config.wsConnectionInitTimeoutMs,
      // the enveloped execute/subscribe of this operation travel in rootValue (set in onSubscribe)
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args),
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args),
      onConnect: (ctx) => {
        const parsed = parseConnectionParams(ctx.connectionParams);
        if ('error' in parsed) {
          // the first close wins: graphql-ws' own 4403 for `false` comes after this one
          ctx.extra.socket.close(BAD_CONNECTION_PARAMS, parsed.error);
          return false;
        }
        connectionParams.set(ctx.extra.socket, parsed);
        return true;
      },
      onSubscribe: async (ctx, id, params) => {
        const {
          schema: envelopedSchema,
          execute,
          subscribe,
          contextFactory,
          parse,
          validate,
        } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
        });
        const { authorization, locale } = connectionParams.get(ctx.extra.socket) ?? {
          authorization: null,
          locale: null,
        };
        // one viewer for both the trusted-documents decision and the operation's context
        const viewer = await hooks.viewerFromToken(bearer(authorization));
        let query = params.query;
        if (app.config.trustedDocuments && viewer?.actor.role !== 'API_CLIENT') {
          const found = persistedSubscriptionDocument(persisted, params);
          if ('error' in found) return [found.error as never];
          query = found.query;
        }
        const document = parse(query);
        const errors = validate(envelopedSchema, document);
        if (errors.length > 0) return errors;
        const overLimit = rateLimitError(limits, viewer);
        if (overLimit) return [overLimit];
        const base = await contextFactory();
        const contextValue: Context & {
          [SUBSCRIBER_CONNECTION]: ReturnType<typeof socketConnection>;
          [SOCKET_SUBSCRIPTION]: SocketSubscription;
        } = {
          ...base,
          app,
          viewer,
          locale: localeFromHeader(locale),
          authorization,
          [SUBSCRIBER_CONNECTION]: socketConnection(ctx.extra.socket),
          [SOCKET_SUBSCRIPTION]: { socket: ctx.extra.socket, id, active: () => id in ctx.subscriptions },
        };
        return {
          schema: envelopedSchema,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue,
          rootValue: { execute, subscribe },
        };
      },
    },
    wsServer,
  );

  logWebSocketProtocolErrors(wsServer, log);

  app.metrics?.attach({
    activeSubscriptions: () => app.bus.listenerCount,
    websocketConnections: () => wsServer.clients.size,
  });
  await new Promise<void>((resolve) => server.listen(listen.port, listen.host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    inFlight: () => inFlight.size,
    close: async () => {
      stopSubscriptionGuard();
      // subscribers are told "going away" (1001) and reconnect elsewhere with their cursor
      await wsCleanup.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      const finished = await closeGracefully(server, inFlight, app.config.shutdownTimeoutMs);
      if (!finished) app.log?.warn('shutdown timeout: cut requests still in flight');
    },
  };
}

/** null when the database (and Redis, with several instances) answer; otherwise what is down. */
async function ready(app: AppServices): Promise<string | null> {
  try {
    await app.db.$queryRaw`SELECT 1`;
  } catch {
    return 'database unavailable';
  }
  try {
    await app.bus.ready();
  } catch {
    return 'event bus (redis) unavailable';
  }
  return null;
}
