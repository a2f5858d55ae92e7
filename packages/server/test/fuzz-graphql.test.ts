// Hostile GraphQL input against the real HTTP server: every query and mutation of the introspected schema is
// called with generated variables (wrong types, nulls, 1 MB strings, control characters, lone surrogates, NUL,
// deep nesting, huge numbers, unknown enum values, forged IDs) by different callers, then hostile documents and
// bodies. Every answer must be a well-formed GraphQL response (or a 4xx with a JSON body) whose errors carry a
// typed code; never a 5xx, an unexpected (masked) error, a stack trace, a file path or SQL text. The seed and
// the run counts are fixed, so the printed figures are reproducible.
import fc from 'fast-check';
import {
  buildClientSchema,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayAuditTrails } from '../src/features/audit/replay.ts';
import { verifyAuditChains } from '../src/platform/events/verify.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

/** Generated variable sets (one request each) and hostile documents/bodies; the seed makes them the same every run. */
export const VARIABLE_RUNS = 2000;
export const DOCUMENT_RUNS = 300;
const SEED = 20261125;
const MEGABYTE = 'A'.repeat(1024 * 1024);
const CALLERS = [null, 'yf.clerk', 'sl.legal', 'th.officer1', 'gd.confirmer', 'platform.admin'] as const;

/** What a response must never contain: stack frames, file paths, Prisma or PostgreSQL internals. */
const LEAKS = [
  /\bat \S+ \(?\S+:\d+:\d+\)?/,
  /node_modules/,
  /\/work\/|\/home\/|\/tmp\/|file:\/\//,
  /\.ts:\d+/,
  /Invalid `[^`]*prisma/i,
  /PrismaClient|P\d{4}\b.*prisma/i,
  /syntax error at or near|violates [\w ]*constraint|invalid byte sequence|duplicate key value|relation "\w+"/i,
  /Unexpected error\./,
];

interface Outcome {
  status: number;
  codes: string[];
  problems: string[];
}

function errorCodesIn(value: unknown, codes: string[], problems: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) errorCodesIn(item, codes, problems);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  if (typeof record.__typename === 'string' && record.__typename.endsWith('Error')) {
    if (typeof record.code !== 'string' || typeof record.message !== 'string') {
      problems.push(`payload error without code/message: ${JSON.stringify(record).slice(0, 200)}`);
    } else codes.push(record.code);
  }
  for (const item of Object.values(record)) errorCodesIn(item, codes, problems);
}

/** Checks one HTTP answer against the contract above. */
async function judge(response: Response): Promise<Outcome> {
  const text = await response.text();
  const problems: string[] = [];
  const codes: string[] = [];
  if (response.status >= 500) problems.push(`HTTP ${response.status}`);
  for (const leak of LEAKS) if (leak.test(text)) problems.push(`leak ${leak}: ${text.slice(0, 300)}`);
  let body: { data?: unknown; errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | null = null;
  try {
    body = JSON.parse(text);
  } catch {
    problems.push(`HTTP ${response.status} body is not JSON: ${text.slice(0, 200)}`);
  }
  if (body) {
    if (!('data' in body) && !Array.isArray(body.errors))
      problems.push(`neither data nor errors: ${text.slice(0, 200)}`);
    for (const error of body.errors ?? []) {
      const code = error.extensions?.code;
      if (typeof error.message !== 'string' || typeof code !== 'string') {
        problems.push(`error without code: ${JSON.stringify(error).slice(0, 300)}`);
      } else {
        codes.push(code);
        if (code === 'INTERNAL_SERVER_ERROR') problems.push(`internal error: ${JSON.stringify(error).slice(0, 300)}`);
      }
    }
    errorCodesIn(body.data, codes, problems);
  }
  return { status: response.status, codes, problems };
}

// ---- generated values -------------------------------------------------------------------------------------

const hostileStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\u202Egpj.exe',
  '\u0001\u0007\u001b[31m\u007f\u0085',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '"; DROP TABLE "Enterprise"; --',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4j-style payload, literally
  '${jndi:ldap://x}',
  '{{7*7}}',
  '../../etc/passwd',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  'null',
  'undefined',
  '[object Object]',
  '__proto__',
  '😀'.repeat(300),
  '𠮷'.repeat(1000),
  'x'.repeat(10_000),
  '91350100M000100Y43',
  '913100005432319483',
  '14401060000',
  '202007',
);
const smallStrings = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 5, arbitrary: hostileStrings },
  { weight: 3, arbitrary: fc.constantFrom('乐企测试', '广州云帆科技集团有限公司', '材料不全', 'PARENT_SUBSIDIARY') },
);
/** 1 MB strings, but not inside the 250+ item lists (a 250 MB body only measures the network). */
const strings = fc.oneof({ weight: 14, arbitrary: smallStrings }, { weight: 1, arbitrary: fc.constant(MEGABYTE) });

const TYPENAMES = ['AccessApplication', 'ExitApplication', 'Invitation', 'Binding', 'Material', 'User', 'Enterprise'];
const globalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString('base64');
function idsFrom(realIds: string[], huge: boolean) {
  const text = huge ? strings : smallStrings;
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...realIds) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...TYPENAMES), text).map(([t, id]) => globalId(t, id)) },
    { weight: 2, arbitrary: text },
    { weight: 1, arbitrary: fc.constantFrom('!!!', '=', 'QQ', 'Og==', globalId('AccessApplication', '')) },
  );
}

const ints = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  fc.integer({ min: -5, max: 120 }),
  fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, Number.MAX_VALUE, 1e308, 0.5, -0),
  fc.constantFrom('1', 'NaN', '0x10', true),
);
const floats = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom('1.5', 1e308, -1e308));
const dates = fc.oneof(
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom('2099-01-01', 'not a date', '0000-00-00', '+275760-09-13T00:00:00.001Z', ''),
);

/** Deeply nested junk of the JSON kinds. */
const deep = fc.constantFrom(
  JSON.parse(`${'['.repeat(1000)}${']'.repeat(1000)}`),
  JSON.parse(`${'{"a":'.repeat(500)}1${'}'.repeat(500)}`),
  Array.from({ length: 10_000 }, (_, index) => index),
);
const wrongType = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  smallStrings,
  fc.constant({}),
  fc.constant([]),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.integer(), { maxKeys: 3 }),
  deep,
);

function valueFor(type: GraphQLInputType, realIds: string[], depth = 0, huge = true): fc.Arbitrary<unknown> {
  const typed = typedValueFor(type, realIds, depth, huge);
  // wrong types mostly at the top: nested ones would make nearly every input fail coercion before resolvers run
  return fc.oneof({ weight: depth === 0 ? 6 : 40, arbitrary: typed }, { weight: 1, arbitrary: wrongType });
}

function typedValueFor(type: GraphQLInputType, realIds: string[], depth: number, huge: boolean): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return typedValueFor(type.ofType, realIds, depth, huge);
  if (isListType(type)) {
    const item = valueFor(type.ofType, realIds, depth + 1, huge);
    const smallItem = valueFor(type.ofType, realIds, depth + 1, false);
    return fc.oneof(
      { weight: 20, arbitrary: fc.array(item, { maxLength: 4 }) },
      { weight: 1, arbitrary: item },
      { weight: 1, arbitrary: fc.array(smallItem, { minLength: 251, maxLength: 260 }) },
    );
  }
  if (isInputObjectType(type)) {
    if (depth > 4) return fc.constant({});
    const fields = Object.values(type.getFields());
    const model = Object.fromEntries(
      fields.map((field) => [field.name, valueFor(field.type, realIds, depth + 1, huge)]),
    );
    const record = fc.record(model, {
      requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name),
    });
    return fc.oneof(
      { weight: 12, arbitrary: record },
      { weight: 1, arbitrary: fc.record(model, { requiredKeys: [] }) },
      { weight: 1, arbitrary: record.map((value) => ({ ...value, unknownField: 'x', __proto__: { admin: true } })) },
    );
  }
  if (isEnumType(type)) {
    return fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom(...type.getValues().map((value) => value.name)) },
      { weight: 1, arbitrary: fc.constantFrom('UNKNOWN_VALUE', '', 'accept', '0', 'ACCEPTANCE ') },
    );
  }
  switch ((type as GraphQLNamedType).name) {
    case 'ID':
      return idsFrom(realIds, huge);
    case 'Int':
      return ints;
    case 'Float':
      return floats;
    case 'Boolean':
      return fc.oneof(fc.boolean(), fc.constantFrom('true', 0, 1));
    case 'DateTime':
      return dates;
    default:
      return huge ? strings : smallStrings;
  }
}

// ---- documents ----------------------------------------------------------------------------------------------

interface Operation {
  name: string;
  document: string;
  variables: fc.Arbitrary<Record<string, unknown>>;
}

function selectionFor(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  if (isScalarType(named) || isEnumType(named)) return '';
  const errorInterface = schema.getType('Error');
  const implementsError = (name: string) => {
    const type = schema.getType(name);
    return isObjectType(type) && type.getInterfaces().some((i) => i === errorInterface);
  };
  const members = isUnionType(named) ? named.getTypes().map((t) => t.name) : isObjectType(named) ? [named.name] : [];
  const errors = members.some(implementsError) ? ' ... on Error { code message }' : '';
  if (isInterfaceType(named) && named.name !== 'Node') return '{ __typename }';
  return `{ __typename${errors} }`;
}

function operationsOf(schema: GraphQLSchema, realIds: string[]): Operation[] {
  const operations: Operation[] = [];
  for (const [keyword, root] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const definitions = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
      const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
      const document = `${keyword} Fuzz${definitions ? `(${definitions})` : ''} { ${field.name}${
        args ? `(${args})` : ''
      } ${selectionFor(schema, field)} }`;
      const model = Object.fromEntries(field.args.map((arg) => [arg.name, valueFor(arg.type, realIds)]));
      operations.push({
        name: `${keyword} ${field.name}`,
        document,
        variables: fc.record(model, { requiredKeys: [] }),
      });
    }
  }
  return operations;
}

interface RawRequest {
  label: string;
  method?: string;
  contentType?: string | null;
  body?: string;
  search?: string;
}

const rawRequests: fc.Arbitrary<RawRequest> = fc.oneof(
  fc.integer({ min: 20, max: 400 }).map((depth) => ({
    label: 'deep selection',
    body: JSON.stringify({ query: `{ ${'viewer { '.repeat(depth)}__typename${' }'.repeat(depth)} }` }),
  })),
  fc.integer({ min: 20, max: 6000 }).map((count) => ({
    label: 'many aliases',
    body: JSON.stringify({
      query: `{ ${Array.from({ length: count }, (_, i) => `a${i}: __typename`).join(' ')} }`,
    }),
  })),
  fc.integer({ min: 2, max: 2000 }).map((count) => ({
    label: 'many directives',
    body: JSON.stringify({ query: `{ __typename ${'@include(if: true) '.repeat(count)}}` }),
  })),
  fc.constant({
    label: 'fragment cycle',
    body: JSON.stringify({ query: 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }' }),
  }),
  fc.constant({
    label: 'deep introspection',
    body: JSON.stringify({
      query: `{ __schema { types { ${'fields { type { ofType { '.repeat(8)}name${' } } }'.repeat(8)} } } }`,
    }),
  }),
  fc.string({ maxLength: 200 }).map((query) => ({ label: 'garbage query', body: JSON.stringify({ query }) })),
  fc.string({ unit: 'binary', maxLength: 200 }).map((body) => ({ label: 'garbage body', body })),
  fc
    .constantFrom(
      '{"query": "{ viewer { __typename } }"',
      '[{"query":"{ __typename }"},{"query":"{ __typename }"}]',
      '5',
      'null',
      '"query"',
      '{"query": 5}',
      '{"query": "{ __typename }", "variables": "x"}',
      '{"query": "{ __typename }", "variables": [1]}',
      '{"query": "{ __typename }", "operationName": "Nope"}',
      '{"query": "query A { __typename } query B { __typename }"}',
      '{"query": "{ __typename }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}',
      '{"query": "mutation { signIn(input: {username: \\"a\\\\u0000\\", password: \\"b\\"}) { __typename } }"}',
      '{"query": "{ __typename }", "__proto__": {"polluted": true}}',
      '{}',
      '',
    )
    .map((body) => ({ label: 'malformed JSON body', body })),
  fc
    .constantFrom(
      'application/xml',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'multipart/form-data; boundary=x',
      'application/graphql',
      'application/json; charset=latin1',
      null,
    )
    .map((contentType) => ({ label: `content type ${contentType}`, contentType, body: '{"query":"{ __typename }"}' })),
  fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS').map((method) => ({ label: `method ${method}`, method })),
  fc
    .constantFrom(
      '?query=mutation%20%7B%20signIn(input%3A%7Busername%3A%22a%22%2Cpassword%3A%22b%22%7D)%20%7B%20__typename%20%7D%20%7D',
      '?query=%7B__typename%7D&variables=%7Bbroken',
      '?query=',
      `?query=${'%7B'.repeat(3000)}`,
    )
    .map((search) => ({ label: 'GET', method: 'GET', search })),
  fc.constant({
    label: 'huge body (5 MB comment)',
    body: JSON.stringify({ query: `# ${'x'.repeat(5 * 1024 * 1024)}\n{ __typename }` }),
  }),
);

describe(`GraphQL fuzzing against the HTTP server (${databaseKind()})`, () => {
  let server: TestServer;
  let schema: GraphQLSchema;
  let tokens: (string | null)[];
  let realIds: string[];
  const statuses = new Map<number, number>();
  const codes = new Map<string, number>();
  const failures: string[] = [];

  const record = (label: string, outcome: Outcome) => {
    statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
    for (const code of outcome.codes) codes.set(code, (codes.get(code) ?? 0) + 1);
    for (const problem of outcome.problems) failures.push(`${label}: ${problem}`);
  };

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_TOKEN_PER_MINUTE: '1000000' });
    const introspection = await server.gql(getIntrospectionQuery());
    schema = buildClientSchema(introspection.data as never);
    tokens = [];
    for (const caller of CALLERS) tokens.push(caller ? await server.signIn(caller) : null);
    const db = server.running.app.db;
    realIds = [
      ...(await db.accessApplication.findMany({ take: 5 })).map((row) => globalId('AccessApplication', row.id)),
      ...(await db.exitApplication.findMany({ take: 3 })).map((row) => globalId('ExitApplication', row.id)),
      ...(await db.invitation.findMany({ take: 5 })).map((row) => globalId('Invitation', row.id)),
      ...(await db.binding.findMany({ take: 3 })).map((row) => globalId('Binding', row.id)),
      ...(await db.material.findMany({ take: 3 })).map((row) => globalId('Material', row.id)),
    ];
  }, 120_000);
  afterAll(async () => server?.close());

  it(`${VARIABLE_RUNS} generated variable sets over every query and mutation: typed errors only`, async () => {
    const operations = operationsOf(schema, realIds);
    expect(operations.length).toBeGreaterThan(50);
    const inputs = fc.sample(
      fc
        .nat({ max: operations.length - 1 })
        .chain((index) =>
          fc.tuple(fc.constant(index), (operations[index] as Operation).variables, fc.nat({ max: CALLERS.length - 1 })),
        ),
      { numRuns: VARIABLE_RUNS, seed: SEED },
    );
    const covered = new Set<string>();
    for (const [index, variables, caller] of inputs) {
      const operation = operations[index] as Operation;
      covered.add(operation.name);
      const token = tokens[caller];
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: operation.document, variables }),
      });
      record(`${operation.name} as ${CALLERS[caller] ?? 'anonymous'}`, await judge(response));
    }
    console.log(
      `fuzzed ${inputs.length} variable sets over ${covered.size} of ${operations.length} root fields; HTTP statuses ${JSON.stringify(
        Object.fromEntries(statuses),
      )}; error codes ${JSON.stringify(Object.fromEntries(codes))}`,
    );
    expect(failures.slice(0, 20)).toEqual([]);
    expect(covered.size).toBeGreaterThan(operations.length * 0.9);
  }, 600_000);

  it(`${DOCUMENT_RUNS} hostile documents and bodies: a 4xx with a JSON body or a typed GraphQL error, never a 5xx`, async () => {
    const before = failures.length;
    const requests = fc.sample(fc.tuple(rawRequests, fc.nat({ max: CALLERS.length - 1 })), {
      numRuns: DOCUMENT_RUNS,
      seed: SEED,
    });
    const labels = new Set<string>();
    for (const [request, caller] of requests) {
      labels.add(request.label);
      const token = tokens[caller];
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      if (request.contentType !== null) headers['content-type'] = request.contentType ?? 'application/json';
      const method = request.method ?? 'POST';
      const response = await fetch(`${server.url}/graphql${request.search ?? ''}`, {
        method,
        headers,
        ...(method === 'GET' || method === 'OPTIONS' ? {} : { body: request.body ?? '' }),
      });
      if (method === 'OPTIONS' || (method !== 'GET' && method !== 'POST')) {
        // no GraphQL here: only "no 5xx and no leak" applies
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500) failures.push(`${request.label}: HTTP ${response.status}`);
        for (const leak of LEAKS) if (leak.test(text)) failures.push(`${request.label}: leak ${leak}`);
        continue;
      }
      record(request.label, await judge(response));
    }
    console.log(`hostile documents: ${requests.length} requests of ${labels.size} kinds`);
    expect(failures.slice(before, before + 20)).toEqual([]);
  }, 600_000);

  it('the server is healthy afterwards and its audit trail is intact and replays', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const fresh = await server.gql(
      'mutation { signIn(input: {username: "yf.legal", password: "Leqi@2026"}) { __typename ... on SignInSuccess { token } } }',
    );
    expect(fresh.data?.signIn.__typename).toBe('SignInSuccess');
    const queue = await server.gql(
      '{ reviewQueue(kind: ACCESS_APPLICATION, step: ACCEPTANCE, first: 5) { totalCount } }',
      {},
      await server.signIn('th.officer2'),
    );
    expect(queue.data?.reviewQueue.totalCount).toBeGreaterThan(0);
    expect((await verifyAuditChains(server.running.app.db)).intact).toBe(true);
    const replay = await replayAuditTrails(server.running.app.db);
    expect(replay.mismatches).toEqual([]);
  });
});
