// Paging as declared (issue 18, items 3 and 4): every list field, at the root or inside an object, pages forward with `first` (1–100) and `after` and
// declares nothing it ignores; a bad `first` or `after` is VALIDATION_FAILED with issues naming the argument, on
// every list, over raw HTTP; a flood of largest and bad pages by the lists' own readers is answered request by request.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { type GraphQLObjectType, getNamedType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTRY_IMPORT_KIND } from '../src/features/admin/registry-import.ts';
import { IMPORT_KIND } from '../src/features/invitation-import/service.ts';
import { schema } from '../src/schema.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { createDcu } from './invitation.fixtures.ts';

/** Every list field of the schema: root lists and lists inside objects (coordinates `Type.field`). */
const listFields = Object.values(schema.getTypeMap())
  .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
  .flatMap((type) =>
    Object.values((type as GraphQLObjectType).getFields())
      .filter((field) => getNamedType(field.type).name.endsWith('Connection'))
      .map((field) => ({ coordinate: `${type.name}.${field.name}`, field })),
  );

type Caller = 'enterprise' | 'principal' | 'officer' | 'admin';
interface Reader {
  caller: Caller;
  /** the query asking the list for `paging`, selecting `selection` on it */
  query: (paging: string, selection: string) => string;
  /** where the list is in the answer's data */
  path: string[];
}

const root = (name: string, caller: Caller, args?: string): Reader => ({
  caller,
  query: (paging, selection) => `{ ${name}(${[args, paging].filter(Boolean).join(', ')}) ${selection} }`,
  path: [name],
});

/** Who may read each list and how to reach it (the import records are made in beforeAll). */
const READERS: Record<string, Reader> = {
  'Query.adminTaxAuthorities': root('adminTaxAuthorities', 'admin'),
  'Query.apiTokens': root('apiTokens', 'enterprise'),
  'Query.bindings': root('bindings', 'enterprise'),
  'Query.capabilityAuthorisations': root('capabilityAuthorisations', 'enterprise'),
  'Query.importRecords': root('importRecords', 'enterprise'),
  'Query.notifications': root('notifications', 'enterprise'),
  'Query.receivedInvitations': root('receivedInvitations', 'enterprise'),
  'Query.registryEnterprises': root('registryEnterprises', 'admin'),
  'Query.registryImports': root('registryImports', 'admin'),
  'Query.reviewQueue': root('reviewQueue', 'officer', 'kind: INVITATION, step: ACCEPTANCE'),
  'Query.securityLog': root('securityLog', 'admin'),
  'Query.sentInvitations': root('sentInvitations', 'enterprise'),
  'Query.userAccounts': root('userAccounts', 'admin'),
  'Query.webhookEndpoints': root('webhookEndpoints', 'principal'),
  'WebhookEndpoint.deliveries': {
    caller: 'principal',
    query: (paging, selection) =>
      `{ node(id: "${records.endpoint}") { ... on WebhookEndpoint { deliveries(${paging}) ${selection} } } }`,
    path: ['node', 'deliveries'],
  },
  'ProvinceRuleHistory.rules': {
    caller: 'admin',
    query: (paging, selection) => `{ provinceRuleHistory { rules(${paging}) ${selection} } }`,
    path: ['provinceRuleHistory', 'rules'],
  },
  'ImportRecord.results': {
    caller: 'enterprise',
    query: (paging, selection) =>
      `{ node(id: "${records.invitations}") { ... on ImportRecord { results(${paging}) ${selection} } } }`,
    path: ['node', 'results'],
  },
  'RegistryImport.results': {
    caller: 'admin',
    query: (paging, selection) => `{ registryImport(id: "${records.registry}") { results(${paging}) ${selection} } }`,
    path: ['registryImport', 'results'],
  },
};

let server: TestServer;
let tokens: Record<Caller, string>;
const records = { invitations: '', registry: '', endpoint: '' };

beforeAll(async () => {
  server = await startTestServer();
  const dcu = await createDcu(server);
  const principal = await createDcu(server, { identityType: 'LEGAL_REPRESENTATIVE' });
  tokens = {
    enterprise: dcu.token,
    principal: principal.token,
    officer: await server.signIn('th.officer1'),
    admin: await server.signIn('platform.admin'),
  };
  const db = server.running.app.db;
  const record = (kind: string, enterpriseId?: string) =>
    db.importRecord.create({
      data: { kind, enterpriseId, fileName: 'paging.xlsx', status: 'DONE', createdById: 'paging-arguments' },
    });
  records.invitations = encodeGlobalID('ImportRecord', (await record(IMPORT_KIND, dcu.id)).id);
  records.registry = encodeGlobalID('RegistryImport', (await record(REGISTRY_IMPORT_KIND)).id);
  const endpoint = await db.webhookEndpoint.create({
    data: { enterpriseId: principal.id, url: 'https://erp.example.com/hook', eventTypes: [], secret: 'whsec_x' },
  });
  records.endpoint = encodeGlobalID('WebhookEndpoint', endpoint.id);
});
afterAll(async () => server?.close());

async function page(coordinate: string, paging: string) {
  const reader = READERS[coordinate];
  if (!reader) throw new Error(`no reader for ${coordinate}`);
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[reader.caller]}` },
    body: JSON.stringify({ query: reader.query(paging, '{ totalCount pageInfo { hasNextPage endCursor } }') }),
  });
  const body = (await response.json()) as { data?: any; errors?: any[] };
  const list = reader.path.reduce((data, key) => data?.[key], body.data);
  return { status: response.status, body, list };
}

describe('paging arguments', () => {
  it('every list declares first and after, and no last or before it would ignore', () => {
    expect(listFields.map(({ coordinate }) => coordinate).sort()).toEqual(Object.keys(READERS).sort());
    for (const { field } of listFields) {
      const args = field.args.map((arg) => arg.name);
      expect(args, field.name).toEqual(expect.arrayContaining(['first', 'after']));
      expect(args, field.name).not.toContain('last');
      expect(args, field.name).not.toContain('before');
      for (const name of ['first', 'after'])
        expect(field.args.find((arg) => arg.name === name)?.description, `${field.name}(${name})`).toContain(name);
    }
  });

  it('each list answers a good page; first 0 or 101 and an unreadable after are VALIDATION_FAILED naming the argument', async () => {
    for (const { coordinate } of listFields) {
      const good = await page(coordinate, 'first: 1');
      expect({ coordinate, errors: good.body.errors }).toEqual({ coordinate, errors: undefined });
      expect(good.list.totalCount, coordinate).toBeGreaterThanOrEqual(0);

      for (const [paging, issue] of [
        ['first: 0', { field: 'first', code: 'OUT_OF_RANGE' }],
        ['first: 101', { field: 'first', code: 'OUT_OF_RANGE' }],
        ['after: "%%% not a cursor"', { field: 'after', code: 'INVALID_FORMAT' }],
      ] as const) {
        const { status, body } = await page(coordinate, paging);
        expect(status, `${coordinate}(${paging})`).toBe(200);
        expect(body.errors?.[0]?.extensions, `${coordinate}(${paging})`).toMatchObject({
          code: 'VALIDATION_FAILED',
          issues: [issue],
        });
        expect(body.errors?.[0]?.extensions?.issues[0].message, `${coordinate}(${paging})`).toBeTruthy();
      }
    }
  });

  it('a flood of largest pages and bad paging by its legitimate readers: each answered by type, every list still served', async () => {
    const ROUNDS = 4;
    const BATCH = 30;
    const kinds = [
      { paging: 'first: 100', issue: null },
      { paging: 'first: 101', issue: { field: 'first', code: 'OUT_OF_RANGE' } },
      { paging: 'first: 100, after: "%%% not a cursor"', issue: { field: 'after', code: 'INVALID_FORMAT' } },
    ];
    const requests = Array.from({ length: ROUNDS }).flatMap(() =>
      listFields.flatMap(({ coordinate }) => kinds.map((kind) => ({ coordinate, ...kind }))),
    );
    let answered = 0;
    for (let start = 0; start < requests.length; start += BATCH) {
      const batch = requests.slice(start, start + BATCH);
      const answers = await Promise.all(batch.map(({ coordinate, paging }) => page(coordinate, paging)));
      answers.forEach(({ status, body, list }, offset) => {
        const { coordinate, paging, issue } = batch[offset] as (typeof requests)[number];
        const label = `${coordinate}(${paging})`;
        expect(status, label).toBe(200);
        if (issue) {
          expect(body.errors?.[0]?.extensions, label).toMatchObject({ code: 'VALIDATION_FAILED', issues: [issue] });
        } else {
          expect(body.errors, label).toBeUndefined();
          expect(list.totalCount, label).toBeGreaterThanOrEqual(0);
        }
        answered += 1;
      });
    }
    expect(answered).toBe(ROUNDS * listFields.length * kinds.length);
    for (const { coordinate } of listFields) {
      const after = await page(coordinate, 'first: 1');
      expect({ coordinate, errors: after.body.errors }).toEqual({ coordinate, errors: undefined });
    }
  }, 120_000);

  it('asking for last is a GraphQL validation error, not a silently ignored argument', async () => {
    const { body } = await page('Query.sentInvitations', 'last: 2');
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/Unknown argument "last"/);
  });
});
