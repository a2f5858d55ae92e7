// HTTP throughput in one run, servers in this process and the load generator (autocannon) in a child process:
//   (1) a bare node:http server answering a fixed JSON body,
//   (2) a bare graphql-yoga hello-world,
//   (3) the physical limit (physical-limit.ts, PostgreSQL only): node:http + pg doing the transition's writes and
//       the queue's reads with prepared statements, no GraphQL,
//   (4) our reviewQueue query as an officer (20 rows with totalCount) over a queue of QUEUE_CASES waiting cases,
//       and its off-the-shelf peer (postgraphile-peer.ts, PostgreSQL only) answering the same page,
//   (5) our transition mutation: saveAccessApplicationDraft on a DRAFT (DRAFT → DRAFT, guarded by version, audit
//       event appended and published), one distinct case per connection, at 1, `connections` and 50 connections,
//   (6) bureau decisions: accept then approveReview (two officers) on distinct SUBMITTED cases,
//   (7) scaling: bare yoga and the limit's transition at 1 connection too, so that the run shows how far more
//       connections can raise throughput on this machine at all (`*_scaling` = req/s at `connections` ÷ at 1).
// Only successful transitions count as throughput; the server gets its own, unreachable rate limits.
// Prints a table, then as its last line one JSON object with the figures.
// Libraries run in production mode (NODE_ENV=production, as deployed: graphql-js drops its development checks) for
// every target alike; the server's own configuration stays the test harness's (GraphiQL, untrusted documents).
// Run: pnpm bench:http [seconds=10] [connections=10]   (embedded PGlite; TEST_DATABASE_URL=postgres://… for PostgreSQL)
//      BENCH_TARGETS=yoga,queue,peer,limitQueue measures only those targets (the keys of `results` below).
// The read targets the queue's ratios are taken against (yoga, the limit's queue read, our queue, the peer) run in
// BENCH_ROUNDS rounds (default 3), one after another within each round, and each reports its median round: one
// pass of 10 s each swung their ratios by a third between runs on this machine.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import {
  COMPLETE_DRAFT,
  caseIn,
  createEnterprise,
  LOCAL_OFFICERS,
  rawId,
  saveDraft,
  TIANHE,
  uploadRequired,
} from '../packages/server/test/fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from '../packages/server/test/harness.ts';
import { startPhysicalLimit } from './physical-limit.ts';
import { peerQueueQuery, startPostGraphilePeer } from './postgraphile-peer.ts';

// graphql-yoga is a dependency of the server package, not of the repository root where this file lives
const { createSchema, createYoga } = createRequire(new URL('../packages/server/package.json', import.meta.url))(
  'graphql-yoga',
) as typeof import('../packages/server/node_modules/graphql-yoga');

interface BenchCase {
  id: string;
  version: number;
  token: string;
}

interface LoadSpec {
  name: string;
  url: string;
  connections: number;
  /** a duration, or with `amount` a number of requests */
  seconds: number;
  amount?: number;
  body?: string;
  headers?: Record<string, string>;
  /** transitions, one case per connection: saveDraft on our server, or the physical limit's transition */
  cases?: BenchCase[];
  mode?: 'saveDraft' | 'limit' | 'decide';
  /** decide: the two officers' tokens (accept, approveReview) */
  officers?: [string, string];
}

interface LoadResult {
  name: string;
  connections: number;
  /** successful requests per second (refused transitions do not count) */
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  refused: number;
  /** CPU time of this process (where the servers run) per request, ms; PGlite's included when embedded */
  cpuMs?: number;
}

const SAVE_DRAFT = `mutation SaveDraft($input: SaveAccessApplicationDraftInput!) { saveAccessApplicationDraft(input: $input) {
  __typename ... on AccessApplicationSuccess { accessApplication { id version } } ... on Error { code } } }`;
const DECISION = (mutation: string) => `mutation Decide($input: CaseVersionInput!) { ${mutation}(input: $input) {
  __typename ... on AccessApplicationSuccess { accessApplication { id version } } ... on Error { code } } }`;
const ACCEPT = DECISION('acceptAccessApplication');
const APPROVE = DECISION('approveAccessApplicationReview');

type Request = Record<string, any>;
type State = { case?: BenchCase };

/** autocannon's request list of a transition load; counts refusals in `refused`. */
function transitionRequests(spec: LoadSpec, refused: { count: number }) {
  const cases = spec.cases ?? [];
  let next = 0;
  // autocannon clears a connection's context after each round of its requests, so a case is not tied to a
  // connection: each request takes a case no other request has in flight (there are as many as connections)
  const busy = new Set<BenchCase>();
  const take = (context: State): BenchCase => {
    for (let tries = 0; tries < cases.length; tries++) {
      const candidate = cases[next++ % cases.length] as BenchCase;
      if (busy.has(candidate)) continue;
      busy.add(candidate);
      context.case = candidate;
      return candidate;
    }
    throw new Error('more requests in flight than cases');
  };
  const track = (version: number | undefined, context: State) => {
    if (version !== undefined && context.case) context.case.version = version;
    else refused.count += 1;
    if (context.case) busy.delete(context.case);
  };
  if (spec.mode === 'limit')
    return [
      {
        method: 'POST' as const,
        path: '/transition',
        setupRequest: (request: Request, context: State) => {
          const target = take(context);
          request.body = JSON.stringify({ id: target.id, expectedVersion: target.version });
          return request;
        },
        onResponse: (_status: number, body: string, context: State) => track(JSON.parse(body)?.version, context),
      },
    ];
  if (spec.mode === 'decide') {
    // a connection accepts the next untouched case, then approves it; `amount` is twice the cases
    const [acceptor, approver] = spec.officers as [string, string];
    const decide = (query: string, token: string, field: string, pick: boolean) => ({
      method: 'POST' as const,
      setupRequest: (request: Request, context: State) => {
        if (pick) context.case = cases[next++ % cases.length];
        const target = context.case as BenchCase;
        request.headers = { ...request.headers, authorization: `Bearer ${token}` };
        request.body = JSON.stringify({
          query,
          variables: { input: { id: target.id, expectedVersion: target.version } },
        });
        return request;
      },
      onResponse: (_status: number, body: string, context: State) =>
        track(JSON.parse(body)?.data?.[field]?.accessApplication?.version, context),
    });
    return [
      decide(ACCEPT, acceptor, 'acceptAccessApplication', true),
      decide(APPROVE, approver, 'approveAccessApplicationReview', false),
    ];
  }
  return [
    {
      method: 'POST' as const,
      setupRequest: (request: Request, context: State) => {
        const target = take(context);
        request.headers = { ...request.headers, authorization: `Bearer ${target.token}` };
        request.body = JSON.stringify({
          query: SAVE_DRAFT,
          variables: { input: { ...COMPLETE_DRAFT, id: target.id, expectedVersion: target.version } },
        });
        return request;
      },
      onResponse: (_status: number, body: string, context: State) =>
        track(JSON.parse(body)?.data?.saveAccessApplicationDraft?.accessApplication?.version, context),
    },
  ];
}

/** The child: runs autocannon against one target and prints its figures as JSON. */
async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const refused = { count: 0 };
  const requests = spec.cases ? transitionRequests(spec, refused) : undefined;
  const started = performance.now();
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.seconds }),
    method: spec.body || spec.cases ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', ...spec.headers },
    body: spec.body,
    ...(requests ? { requests } : {}),
  });
  const elapsed = (performance.now() - started) / 1000;
  // a refused transition is a non-2xx answer of the limit or an error payload of GraphQL: counted once
  const ok = result.requests.total - (spec.cases ? refused.count : result.non2xx);
  return {
    name: spec.name,
    connections: spec.connections,
    rps: spec.amount ? ok / elapsed : (result.requests.average * ok) / Math.max(1, result.requests.total),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    refused: refused.count,
  };
}

/** Runs the load generator in a child process (the servers keep this process's event loop to themselves). */
async function load(spec: LoadSpec): Promise<LoadResult> {
  const cpuBefore = process.cpuUsage();
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--load', JSON.stringify(spec)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const line = output.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`load of ${spec.name} failed: ${output}`);
  const result = JSON.parse(line) as LoadResult;
  // this process's CPU (the servers under test; PostgreSQL and the load generator run elsewhere) per request
  const cpu = process.cpuUsage(cpuBefore);
  return { ...result, cpuMs: (cpu.user + cpu.system) / 1000 / Math.max(1, result.requests) };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** `count` enterprises, each with its own DRAFT application. */
async function draftCases(app: TestServer, count: number): Promise<BenchCase[]> {
  const cases: BenchCase[] = [];
  for (let index = 0; index < count; index++) {
    const enterprise = await createEnterprise(app);
    const materialIds = await uploadRequired(app, enterprise.token);
    const draft = await saveDraft(app, enterprise.token, { ...COMPLETE_DRAFT, materialIds });
    cases.push({ id: draft.accessApplication.id, version: draft.accessApplication.version, token: enterprise.token });
  }
  return cases;
}

/** `count` PENDING_ACCEPTANCE applications of 天河, walked there through the API (one after the other: the fixture's
 *  enterprise serial is not safe to share between concurrent calls). */
async function submittedCases(app: TestServer, count: number): Promise<BenchCase[]> {
  const cases: BenchCase[] = [];
  while (cases.length < count) {
    const walked = await caseIn(app, 'PENDING_ACCEPTANCE');
    cases.push({ id: walked.id, version: walked.version, token: walked.owner.token });
  }
  return cases;
}

/** 天河's 待受理 queue holds at least this many cases while the queue is measured (the page reads 20 of them). */
const QUEUE_CASES = 2000;

/** `count` more access applications waiting for 天河's acceptance, of 100 enterprises, in two statements. */
async function fillQueue(app: TestServer, count: number): Promise<void> {
  const db = app.running.app.db;
  const author = await db.user.findFirstOrThrow({ where: { role: 'ENTERPRISE' } });
  await db.$executeRawUnsafe(
    `INSERT INTO "Enterprise" ("id", "uscc", "name", "competentAuthorityCode", "creditRating", "inPilot", "updatedAt")
     SELECT 'bench-q-e-' || e, 'Q' || lpad(e::text, 17, '0'), '压测排队企业' || e, $1, 'A', true, now()
     FROM generate_series(1, 100) AS e`,
    TIANHE,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "AccessApplication" ("id", "enterpriseId", "status", "competentAuthorityCode", "provinceCode",
       "stepEnteredAt", "submittedAt", "createdById", "updatedAt")
     SELECT 'bench-q-a-' || i, 'bench-q-e-' || (1 + i % 100), 'PENDING_ACCEPTANCE', $1, '14400000000',
       now() - i * interval '1 minute', now() - i * interval '1 minute', $2, now()
     FROM generate_series(1, $3::int) AS i`,
    TIANHE,
    author.id,
    count,
  );
}

/** The cases' versions as stored now (the limit's and our server's runs both move them). */
async function refreshVersions(app: TestServer, cases: BenchCase[]): Promise<BenchCase[]> {
  const rows = await app.running.app.db.accessApplication.findMany({
    where: { id: { in: cases.map((item) => rawId(item.id)) } },
    select: { id: true, version: true },
  });
  const versions = new Map(rows.map((row) => [row.id, row.version]));
  return cases.map((item) => ({ ...item, version: versions.get(rawId(item.id)) ?? item.version }));
}

async function main() {
  const seconds = Number(process.argv[2] ?? 10);
  const connections = Number(process.argv[3] ?? 10);
  const most = Math.max(50, connections);
  const bare = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"data":{"hello":"world"}}');
  });
  const yoga = createYoga({
    schema: createSchema({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'world' } } }),
    logging: false,
  });
  const yogaServer = createServer(yoga);
  const bareUrl = await listen(bare);
  const yogaUrl = `${await listen(yogaServer)}/graphql`;
  // the bench's own limits: far above what it can send, so no request is refused for its rate
  const app = await startTestServer({
    RATE_LIMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_TOKEN_PER_MINUTE: '1000000',
    LOG_LEVEL: 'warn',
  });
  const officer = await app.signIn('th.officer1');
  const officers: [string, string] = [await app.signIn(LOCAL_OFFICERS[0]), await app.signIn(LOCAL_OFFICERS[1])];
  const drafts = await draftCases(app, most);
  const perConnection = 5;
  const submitted = await submittedCases(app, connections * perConnection);
  const databaseUrl = app.running.app.config.databaseUrl;
  const limit = databaseUrl ? await startPhysicalLimit(databaseUrl) : null;
  await fillQueue(app, QUEUE_CASES);
  const peer = databaseUrl ? await startPostGraphilePeer(databaseUrl) : null;
  const peerQueue = JSON.stringify({ query: peerQueueQuery(TIANHE) });
  const queue = JSON.stringify({
    query: `query Queue { reviewQueue(kind: ACCESS_APPLICATION, step: ACCEPTANCE, first: 20) { totalCount
      edges { cursor node { id version status enterprise { uscc name } } } } }`,
  });
  const queueRows = (await app.gql(JSON.parse(queue).query, {}, officer)).data?.reviewQueue?.edges?.length ?? 0;
  const peerRows = peer
    ? (
        (await (
          await fetch(peer.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: peerQueue })
        ).json()) as any
      ).data.allAccessApplications.edges.length
    : null;
  if (peer && peerRows !== queueRows) throw new Error(`the peer's page has ${peerRows} rows, ours ${queueRows}`);
  const base = { connections, seconds };
  const appUrl = `${app.url}/graphql`;
  const saveDraftAt = async (count: number) =>
    load({
      ...base,
      connections: count,
      name: `transition saveDraft, ${count} conn.`,
      url: appUrl,
      mode: 'saveDraft',
      cases: (await refreshVersions(app, drafts)).slice(0, count),
    });
  const limitTransitionAt = async (url: string, count: number) =>
    load({
      ...base,
      connections: count,
      name: `limit: transition (pg), ${count} conn.`,
      url,
      mode: 'limit',
      cases: (await refreshVersions(app, drafts)).slice(0, count).map((item) => ({ ...item, id: rawId(item.id) })),
    });
  // BENCH_TARGETS: only these targets (node:http and yoga always run: the ratios are to them)
  const targets = process.env.BENCH_TARGETS?.split(',');
  const measure = async (key: string, run: () => Promise<LoadResult | null>) =>
    !targets || targets.includes(key) ? run() : null;
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const readTargets: Record<string, () => Promise<LoadResult | null>> = {
    yoga: () => load({ ...base, name: 'graphql-yoga hello-world', url: yogaUrl, body: '{"query":"{ hello }"}' }),
    limitQueue: async () =>
      limit ? load({ ...base, name: 'limit: queue read (pg)', url: `${limit.url}/queue?authority=${TIANHE}` }) : null,
    queue: () =>
      load({
        ...base,
        name: 'reviewQueue (officer, 20 rows)',
        url: appUrl,
        body: queue,
        headers: { authorization: `Bearer ${officer}` },
      }),
    peer: async () =>
      peer ? load({ ...base, name: 'PostGraphile 4 (same page)', url: peer.url, body: peerQueue }) : null,
  };
  const roundsOf = new Map<string, LoadResult[]>();
  for (let round = 0; round < rounds; round += 1) {
    for (const [key, run] of Object.entries(readTargets)) {
      if (key !== 'yoga' && targets && !targets.includes(key)) continue;
      const result = await run();
      if (result) roundsOf.set(key, [...(roundsOf.get(key) ?? []), result]);
    }
  }
  const median = (key: string): LoadResult | null => {
    const all = [...(roundsOf.get(key) ?? [])].sort((a, b) => a.rps - b.rps);
    const middle = all[Math.floor(all.length / 2)];
    return middle ? { ...middle, name: `${middle.name} (median of ${all.length})` } : null;
  };
  for (const [key, all] of roundsOf) {
    console.log(`${key.padEnd(12)} req/s by round: ${all.map((result) => result.rps.toFixed(0)).join(' ')}`);
  }
  const results = {
    node: await load({ ...base, name: 'node:http (bare)', url: bareUrl }),
    yogaC1: await measure('yogaC1', () =>
      load({
        ...base,
        connections: 1,
        name: 'graphql-yoga hello-world, 1 conn.',
        url: yogaUrl,
        body: '{"query":"{ hello }"}',
      }),
    ),
    yoga: median('yoga') as LoadResult,
    limitQueue: median('limitQueue'),
    limitTransitionC1: await measure('limitTransitionC1', async () => (limit ? limitTransitionAt(limit.url, 1) : null)),
    limitTransition: await measure('limitTransition', async () =>
      limit ? limitTransitionAt(limit.url, connections) : null,
    ),
    queue: median('queue'),
    peer: median('peer'),
    transitionC1: await measure('transitionC1', () => saveDraftAt(1)),
    transition: await measure('transition', () => saveDraftAt(connections)),
    transitionC50: await measure('transitionC50', () => saveDraftAt(most)),
    decisions: await measure('decisions', () =>
      load({
        ...base,
        name: 'decisions accept+approve',
        url: appUrl,
        mode: 'decide',
        officers,
        cases: submitted,
        amount: submitted.length * 2,
      }),
    ),
  };
  const node = results.node;
  const hello = results.yoga;
  console.log(
    `HTTP benchmark: ${seconds}s per target, ${connections} connections, ${databaseKind()}, load generator in a child process`,
  );
  console.log(
    'target                                 conn    req/s     p50 ms   p99 ms   ×node:http  ×yoga   non-2xx  refused  cpu ms/req',
  );
  for (const result of Object.values(results)) {
    if (!result) continue;
    console.log(
      [
        result.name.padEnd(36),
        String(result.connections).padStart(5),
        result.rps.toFixed(0).padStart(8),
        result.p50.toFixed(1).padStart(9),
        result.p99.toFixed(1).padStart(8),
        (result.rps / node.rps).toFixed(3).padStart(11),
        (result.rps / hello.rps).toFixed(3).padStart(7),
        String(result.non2xx).padStart(8),
        String(result.refused).padStart(8),
        (result.cpuMs ?? 0).toFixed(3).padStart(11),
      ].join(' '),
    );
  }
  await limit?.close();
  await peer?.close();
  await app.close();
  bare.close();
  yogaServer.close();
  const ratio = (a: LoadResult | null, b: LoadResult | null) =>
    a && b && b.rps > 0 ? Number((a.rps / b.rps).toFixed(4)) : null;
  const rps = (result: LoadResult | null) => (result ? Math.round(result.rps) : null);
  const cpuMs = (result: LoadResult | null) => (result?.cpuMs ? Number(result.cpuMs.toFixed(3)) : null);
  console.log(
    JSON.stringify({
      node_rps: rps(node),
      yoga_rps: rps(hello),
      queue_rows: queueRows,
      queue_rps: rps(results.queue),
      queue_ratio: ratio(results.queue, hello),
      queue_vs_limit: ratio(results.queue, results.limitQueue),
      queue_vs_peer: ratio(results.queue, results.peer),
      queue_cpu_ms: cpuMs(results.queue),
      peer_cpu_ms: cpuMs(results.peer),
      peer_rps: rps(results.peer),
      transition_rps: rps(results.transition),
      transition_ratio: ratio(results.transition, hello),
      transition_vs_limit: ratio(results.transition, results.limitTransition),
      transition_rps_c1: rps(results.transitionC1),
      transition_rps_c50: rps(results.transitionC50),
      // how far more connections can raise throughput on this machine: ours, the hand-written limit, bare yoga
      transition_scaling: ratio(results.transition, results.transitionC1),
      limit_scaling: ratio(results.limitTransition, results.limitTransitionC1),
      yoga_scaling: ratio(hello, results.yogaC1),
    }),
  );
}

if (process.argv[2] === '--load') {
  console.log(JSON.stringify(await runLoad(JSON.parse(process.argv[3] as string) as LoadSpec)));
} else {
  await main();
}
