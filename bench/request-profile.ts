// Where one request's CPU goes: drives the transition saveAccessApplicationDraft (one case per connection) and a
// bureau queue page (reviewQueue, 20 rows with totalCount) against our server in this process, with the V8
// profiler on (the same profile as `node --cpu-prof`, taken around each load only), and prints req/s and the top
// functions by self time. The load generator (autocannon) runs in a child process, as in bench/http.ts.
// Run: pnpm --filter @leqi/server exec tsx ../../bench/request-profile.ts [seconds=10] [connections=4] [outDir]
//      (embedded PGlite; TEST_DATABASE_URL=postgres://… for PostgreSQL). Profiles land in outDir (.cpuprofile).
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import {
  COMPLETE_DRAFT,
  createEnterprise,
  saveDraft,
  transition,
  uploadRequired,
} from '../packages/server/test/fixtures.ts';
import { databaseKind, startTestServer } from '../packages/server/test/harness.ts';

const SAVE_DRAFT = `mutation SaveDraft($input: SaveAccessApplicationDraftInput!) { saveAccessApplicationDraft(input: $input) {
  __typename ... on AccessApplicationSuccess { accessApplication { id version } } ... on Error { code } } }`;
const QUEUE = `query Queue { reviewQueue(kind: ACCESS_APPLICATION, step: ACCEPTANCE, first: 20) { totalCount
  edges { cursor node { id version status enterprise { uscc name } } } } }`;
const QUEUE_ROWS = 20;

interface Target {
  name: string;
  url: string;
  connections: number;
  seconds: number;
  body?: string;
  token?: string;
  cases?: { id: string; version: number; token: string }[];
}

async function runLoad(target: Target) {
  let refused = 0;
  let next = 0;
  type State = { case?: { id: string; version: number; token: string } };
  let shown = false;
  const showFirstRefusal = (status: number, body: string) => {
    if (status >= 300 && !shown) {
      shown = true;
      console.error(`${target.name}: first refusal ${status} ${body.slice(0, 300)}`);
    }
  };
  const requests = target.cases
    ? [
        {
          method: 'POST' as const,
          setupRequest: (request: Record<string, any>, context: State) => {
            context.case ??= target.cases?.[next++ % (target.cases?.length ?? 1)];
            const current = context.case as NonNullable<State['case']>;
            request.headers = { ...request.headers, authorization: `Bearer ${current.token}` };
            request.body = JSON.stringify({
              query: SAVE_DRAFT,
              variables: { input: { ...COMPLETE_DRAFT, id: current.id, expectedVersion: current.version } },
            });
            return request;
          },
          onResponse: (status: number, body: string, context: State) => {
            showFirstRefusal(status, body);
            const payload = JSON.parse(body)?.data?.saveAccessApplicationDraft;
            if (payload?.accessApplication && context.case) context.case.version = payload.accessApplication.version;
            else refused += 1;
          },
        },
      ]
    : [{ method: 'POST' as const, body: target.body, onResponse: showFirstRefusal }];
  const result = await autocannon({
    url: target.url,
    connections: target.connections,
    duration: target.seconds,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(target.token ? { authorization: `Bearer ${target.token}` } : {}),
    },
    body: target.body,
    requests,
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    refused,
  };
}

async function load(target: Target): Promise<Awaited<ReturnType<typeof runLoad>>> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--load', JSON.stringify(target)],
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
  if (code !== 0 || !line.startsWith('{')) throw new Error(`load of ${target.name} failed: ${output}`);
  return JSON.parse(line);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (name, file, line), in ms, highest first; idle and GC are kept, they are costs too. */
function topSelfTime(profile: Profile, count: number): { fn: string; ms: number; share: number }[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const frame = byId.get(id)?.callFrame;
    const delta = (profile.timeDeltas[index] ?? 0) / 1000;
    if (!frame) return;
    const file = frame.url.replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/^.*\/src\//, '');
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + delta);
    if (frame.functionName !== '(idle)') total += delta;
  });
  return [...self]
    .filter(([key]) => !key.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([fn, ms]) => ({ fn, ms: Math.round(ms), share: Math.round((1000 * ms) / total) / 10 }));
}

/** Self time per package (node_modules name, `ours` for src/, `native` for V8 and node internals). */
function byPackage(profile: Profile): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') return;
    const delta = profile.timeDeltas[index] ?? 0;
    const module = frame.url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/)?.[1];
    const name = module ?? (frame.url.includes('/src/') ? 'ours' : 'native');
    totals.set(name, (totals.get(name) ?? 0) + delta);
    total += delta;
  });
  return [...totals]
    .sort((x, y) => y[1] - x[1])
    .slice(0, 8)
    .map(([name, value]) => `${name} ${Math.round((1000 * value) / total) / 10}%`)
    .join(', ');
}

async function main() {
  const seconds = Number(process.argv[2] ?? 10);
  const connections = Number(process.argv[3] ?? 4);
  const outDir = process.argv[4] ?? 'bench-profiles';
  mkdirSync(outDir, { recursive: true });
  const app = await startTestServer({
    RATE_LIMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_TOKEN_PER_MINUTE: '1000000',
    LOG_LEVEL: 'warn',
  });
  const officer = await app.signIn('th.officer1');
  const cases: NonNullable<Target['cases']> = [];
  for (let index = 0; index < Math.max(connections, QUEUE_ROWS); index++) {
    const enterprise = await createEnterprise(app);
    const materialIds = await uploadRequired(app, enterprise.token);
    const draft = await saveDraft(app, enterprise.token, { ...COMPLETE_DRAFT, materialIds });
    const current = draft.accessApplication;
    // the first connections' cases stay DRAFT (saveDraft load); the others fill 天河's 待受理 queue
    if (index < connections) cases.push({ id: current.id, version: current.version, token: enterprise.token });
    else await transition(app, enterprise.token, 'submit', current.id, current.version);
  }
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  const targets: Target[] = [
    {
      name: 'reviewQueue',
      url: `${app.url}/graphql`,
      connections,
      seconds,
      body: JSON.stringify({ query: QUEUE }),
      token: officer,
    },
    { name: 'saveDraft', url: `${app.url}/graphql`, connections, seconds, cases },
  ];
  const summary: Record<string, unknown> = { database: databaseKind(), connections, seconds };
  for (const target of targets) {
    await session.post('Profiler.start');
    const cpuBefore = process.cpuUsage();
    const figures = await load(target);
    const cpu = process.cpuUsage(cpuBefore);
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
    writeFileSync(join(outDir, `${target.name}.cpuprofile`), JSON.stringify(profile));
    // the process's CPU time (user + system) over the load, per request; the profile's times are wall-clock
    // samples and grow when the machine is busy
    const cpuMs = (cpu.user + cpu.system) / 1000 / figures.requests;
    console.log(
      `\n${target.name}: ${figures.rps.toFixed(0)} req/s, p99 ${figures.p99} ms, ${figures.requests} requests, ` +
        `non-2xx ${figures.non2xx}, refused ${figures.refused}, ${cpuMs.toFixed(2)} ms CPU per request`,
    );
    console.log('self time by package (% of busy time):');
    console.log(`  ${byPackage(profile)}`);
    console.log('top ten by self time (ms, % of busy time):');
    for (const entry of topSelfTime(profile, 10))
      console.log(`  ${String(entry.ms).padStart(6)}  ${entry.share}%  ${entry.fn}`);
    summary[`${target.name}_rps`] = Math.round(figures.rps);
    summary[`${target.name}_cpu_ms`] = Math.round(cpuMs * 100) / 100;
  }
  session.disconnect();
  await app.close();
  console.log(JSON.stringify(summary));
}

if (process.argv[2] === '--load') {
  console.log(JSON.stringify(await runLoad(JSON.parse(process.argv[3] as string) as Target)));
} else {
  await main();
}
