// Access-application lifecycles over HTTP: saveDraft → submit → accept → approveReview → confirm,
// on embedded PGlite and on PostgreSQL in the same run, beside a trivial query on the same server.
// Run: pnpm bench:lifecycle [count]   (PostgreSQL part skipped when 127.0.0.1:5432 is unreachable)
import { performance } from 'node:perf_hooks';
import { makeUscc } from '../packages/domain/src/index.ts';
import { hashPassword } from '../packages/server/src/platform/auth/passwords.ts';
import { startTestServer, type TestServer } from '../packages/server/test/harness.ts';

const COUNT = Number(process.argv[2] ?? 100);
const STEPS = ['saveDraft', 'submit', 'accept', 'approveReview', 'confirm'] as const;
type Step = (typeof STEPS)[number];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function prepareEnterprises(
  server: TestServer,
  count: number,
): Promise<{ token: string; materialIds: string[] }[]> {
  const db = server.running.app.db;
  const passwordHash = await hashPassword('Bench@2026');
  const material = await db.material.findFirstOrThrow({ where: { kind: 'ACCESS_INFO_FORM' } });
  const kinds = [
    'ACCESS_INFO_FORM',
    'SERVICE_AGREEMENT',
    'SOFTWARE_COPYRIGHT',
    'PROJECT_REPORT',
    'NETWORK_ADDRESS_FORM',
  ];
  const result = [];
  for (let index = 0; index < count; index++) {
    const uscc = makeUscc(`91440100BN${String(index).padStart(7, '0')}`);
    const enterprise = await db.enterprise.create({
      data: {
        uscc,
        name: `压测企业${index}`,
        competentAuthorityCode: '14401060000',
        creditRating: 'A',
        inPilot: true,
        priorYearRevenue: 9e8,
        invoiceCount12m: 90_000,
        invoiceAmount12m: 9e8,
      },
    });
    await db.user.create({
      data: {
        username: `bench${index}`,
        passwordHash,
        displayName: `bench${index}`,
        role: 'ENTERPRISE',
        identityType: 'TAX_CLERK',
        enterpriseId: enterprise.id,
      },
    });
    const materialIds = [];
    for (const kind of kinds) {
      const row = await db.material.create({
        data: {
          sha256: material.sha256,
          kind,
          fileName: `${kind}.pdf`,
          mimeType: 'application/pdf',
          size: material.size,
          enterpriseId: enterprise.id,
          uploadedById: 'bench',
        },
      });
      materialIds.push(Buffer.from(`Material:${row.id}`).toString('base64'));
    }
    const signIn = await server.gql(
      `mutation { signIn(input: {username: "bench${index}", password: "Bench@2026"}) { ... on SignInSuccess { token } } }`,
    );
    result.push({ token: signIn.data?.signIn.token as string, materialIds });
  }
  return result;
}

const PAYLOAD =
  '__typename ... on AccessApplicationSuccess { accessApplication { id version status } } ... on Error { code message }';

async function runOn(label: string, server: TestServer) {
  const enterprises = await prepareEnterprises(server, COUNT);
  const officer1 = await server.signIn('th.officer1');
  const officer2 = await server.signIn('th.officer2');
  const confirmer = await server.signIn('gd.confirmer');
  const latencies: Record<Step | 'trivialQuery', number[]> = {
    saveDraft: [],
    submit: [],
    accept: [],
    approveReview: [],
    confirm: [],
    trivialQuery: [],
  };

  const timed = async (step: Step, query: string, variables: Record<string, unknown>, token: string) => {
    const start = performance.now();
    const response = await server.gql(query, variables, token);
    latencies[step].push(performance.now() - start);
    const payload = Object.values(response.data ?? {})[0] as {
      __typename: string;
      accessApplication?: { id: string; version: number };
    };
    if (!payload?.accessApplication) throw new Error(`${step} failed: ${JSON.stringify(response)}`);
    return payload.accessApplication;
  };

  for (let index = 0; index < 200; index++) {
    const start = performance.now();
    await server.gql('{ __typename }', {}, officer1);
    latencies.trivialQuery.push(performance.now() - start);
  }

  const began = performance.now();
  for (const { token, materialIds } of enterprises) {
    let app = await timed(
      'saveDraft',
      `mutation($i: SaveAccessApplicationDraftInput!) { saveAccessApplicationDraft(input: $i) { ${PAYLOAD} } }`,
      {
        i: {
          claimsLivelihood: false,
          unitInfoConfirmed: true,
          basicInfo: { contactName: '压测', contactPhone: '020-12345678' },
          systemInfo: { systemName: 'ERP', developerName: '自研', networkAddress: '10.0.0.1' },
          materialIds,
        },
      },
      token,
    );
    const step = (name: Step, mutation: string, user: string) =>
      timed(
        name,
        `mutation($i: CaseVersionInput!) { ${mutation}(input: $i) { ${PAYLOAD} } }`,
        { i: { id: app.id, expectedVersion: app.version } },
        user,
      );
    app = await step('submit', 'submitAccessApplication', token);
    app = await step('accept', 'acceptAccessApplication', officer1);
    app = await step('approveReview', 'approveAccessApplicationReview', officer2);
    app = await step('confirm', 'confirmAccessApplication', confirmer);
  }
  const seconds = (performance.now() - began) / 1000;

  console.log(
    `\n## ${label}: ${COUNT} lifecycles in ${seconds.toFixed(2)} s = ${(COUNT / seconds).toFixed(1)} lifecycles/s`,
  );
  console.log('| operation | p50 ms | p99 ms | ratio p50 to trivial query |');
  console.log('|---|---|---|---|');
  const trivial = percentile(latencies.trivialQuery, 50);
  for (const [name, values] of Object.entries(latencies)) {
    const p50 = percentile(values, 50);
    console.log(
      `| ${name} | ${p50.toFixed(2)} | ${percentile(values, 99).toFixed(2)} | ${(p50 / trivial).toFixed(1)}x |`,
    );
  }
}

async function postgresReachable(): Promise<boolean> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const socket = net.connect(5432, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

const pglite = await startTestServer();
try {
  await runOn('PGlite (embedded)', pglite);
} finally {
  await pglite.close();
}
if (await postgresReachable()) {
  process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  const postgres = await startTestServer();
  try {
    await runOn('PostgreSQL 15 (local)', postgres);
  } finally {
    await postgres.close();
  }
} else {
  console.log('\nPostgreSQL not reachable on 127.0.0.1:5432: skipped');
}
