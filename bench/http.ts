// HTTP throughput in one run, servers in this process and the load generator (autocannon) in a child process:
//   (1) a bare node:http server answering a fixed JSON body,
//   (2) a bare graphql-yoga hello-world,
//   (3) our reviewQueue query as an officer (20 rows with totalCount),
//   (4) our transition mutation: saveAccessApplicationDraft on a DRAFT (DRAFT → DRAFT, guarded by version, audit
//       event appended and published), one case per connection.
// Prints requests/s, p50, p99 and the ratios to the baselines.
// Run: pnpm bench:http [seconds=10] [connections=10]   (embedded PGlite; TEST_DATABASE_URL=postgres://… for PostgreSQL)
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { COMPLETE_DRAFT, createEnterprise, saveDraft, uploadRequired } from '../packages/server/test/fixtures.ts';
import { databaseKind, startTestServer } from '../packages/server/test/harness.ts';

// graphql-yoga is a dependency of the server package, not of the repository root where this file lives
const { createSchema, createYoga } = createRequire(new URL('../packages/server/package.json', import.meta.url))(
  'graphql-yoga',
) as typeof import('../packages/server/node_modules/graphql-yoga');

interface LoadSpec {
  name: string;
  url: string;
  connections: number;
  seconds: number;
  body?: string;
  headers?: Record<string, string>;
  /** saveDraft transitions, one case per connection: [id, version, token] */
  cases?: { id: string; version: number; token: string }[];
}

interface LoadResult {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  refused: number;
}

const SAVE_DRAFT = `mutation SaveDraft($input: SaveAccessApplicationDraftInput!) { saveAccessApplicationDraft(input: $input) {
  __typename ... on AccessApplicationSuccess { accessApplication { id version } } ... on Error { code } } }`;

/** The child: runs autocannon against one target and prints its figures as JSON. */
async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  let refused = 0;
  let nextCase = 0;
  type State = { case?: { id: string; version: number; token: string } };
  const requests = spec.cases
    ? [
        {
          method: 'POST' as const,
          setupRequest: (request: Record<string, any>, context: State) => {
            context.case ??= spec.cases?.[nextCase++ % (spec.cases?.length ?? 1)];
            const target = context.case as NonNullable<State['case']>;
            request.headers = { ...request.headers, authorization: `Bearer ${target.token}` };
            request.body = JSON.stringify({
              query: SAVE_DRAFT,
              variables: { input: { ...COMPLETE_DRAFT, id: target.id, expectedVersion: target.version } },
            });
            return request;
          },
          onResponse: (_status: number, body: string, context: State) => {
            const payload = JSON.parse(body)?.data?.saveAccessApplicationDraft;
            if (payload?.accessApplication && context.case) context.case.version = payload.accessApplication.version;
            else refused += 1;
          },
        },
      ]
    : undefined;
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    method: spec.body || spec.cases ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', ...spec.headers },
    body: spec.body,
    ...(requests ? { requests } : {}),
  });
  return {
    name: spec.name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    refused,
  };
}

/** Runs the load generator in a child process (the servers keep this process's event loop to themselves). */
async function load(spec: LoadSpec): Promise<LoadResult> {
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
  return JSON.parse(line) as LoadResult;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function main() {
  const seconds = Number(process.argv[2] ?? 10);
  const connections = Number(process.argv[3] ?? 10);
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
  const app = await startTestServer({
    RATE_LIMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_TOKEN_PER_MINUTE: '1000000',
    LOG_LEVEL: 'warn',
  });
  const officer = await app.signIn('th.officer1');
  const cases: LoadSpec['cases'] = [];
  for (let index = 0; index < connections; index++) {
    const enterprise = await createEnterprise(app);
    const materialIds = await uploadRequired(app, enterprise.token);
    const draft = await saveDraft(app, enterprise.token, { ...COMPLETE_DRAFT, materialIds });
    cases.push({ id: draft.accessApplication.id, version: draft.accessApplication.version, token: enterprise.token });
  }
  const queue = JSON.stringify({
    query: `query Queue { reviewQueue(kind: ACCESS_APPLICATION, step: ACCEPTANCE, first: 20) { totalCount
      edges { cursor node { id version status enterprise { uscc name } } } } }`,
  });
  const base = { connections, seconds };
  const results = [
    await load({ ...base, name: 'node:http (bare)', url: bareUrl }),
    await load({ ...base, name: 'graphql-yoga hello-world', url: yogaUrl, body: '{"query":"{ hello }"}' }),
    await load({
      ...base,
      name: 'reviewQueue (officer, 20 rows)',
      url: `${app.url}/graphql`,
      body: queue,
      headers: { authorization: `Bearer ${officer}` },
    }),
    await load({ ...base, name: 'transition saveDraft (DRAFT→DRAFT)', url: `${app.url}/graphql`, cases }),
  ];
  const [node, hello] = results as [LoadResult, LoadResult, LoadResult, LoadResult];
  console.log(
    `HTTP benchmark: ${seconds}s per target, ${connections} connections, ${databaseKind()}, load generator in a child process`,
  );
  console.log(
    'target                                 req/s     p50 ms   p99 ms   ×node:http  ×yoga   non-2xx  refused',
  );
  for (const result of results) {
    console.log(
      [
        result.name.padEnd(36),
        result.rps.toFixed(0).padStart(8),
        result.p50.toFixed(1).padStart(9),
        result.p99.toFixed(1).padStart(8),
        (result.rps / node.rps).toFixed(3).padStart(11),
        (result.rps / hello.rps).toFixed(3).padStart(7),
        String(result.non2xx).padStart(8),
        String(result.refused).padStart(8),
      ].join(' '),
    );
  }
  await app.close();
  bare.close();
  yogaServer.close();
}

if (process.argv[2] === '--load') {
  console.log(JSON.stringify(await runLoad(JSON.parse(process.argv[3] as string) as LoadSpec)));
} else {
  await main();
}
