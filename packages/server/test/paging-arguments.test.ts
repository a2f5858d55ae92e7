// Paging as declared (issue 18, items 3 and 4): every list field pages forward with `first` (1–100) and `after` and
// declares nothing it ignores; a bad `first` or `after` is VALIDATION_FAILED with issues naming the argument, on
// every list, over raw HTTP.
import { getNamedType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { createDcu } from './invitation.fixtures.ts';

const listFields = Object.values(schema.getQueryType()?.getFields() ?? {}).filter((field) =>
  getNamedType(field.type).name.endsWith('Connection'),
);

/** Who may read each list, and the arguments it needs besides the paging ones. */
const READERS: Record<string, { caller: 'enterprise' | 'officer' | 'admin'; args?: string }> = {
  adminTaxAuthorities: { caller: 'admin' },
  bindings: { caller: 'enterprise' },
  capabilityAuthorisations: { caller: 'enterprise' },
  importRecords: { caller: 'enterprise' },
  notifications: { caller: 'enterprise' },
  receivedInvitations: { caller: 'enterprise' },
  registryEnterprises: { caller: 'admin' },
  registryImports: { caller: 'admin' },
  reviewQueue: { caller: 'officer', args: 'kind: INVITATION, step: ACCEPTANCE' },
  sentInvitations: { caller: 'enterprise' },
  userAccounts: { caller: 'admin' },
};

let server: TestServer;
let tokens: Record<'enterprise' | 'officer' | 'admin', string>;

beforeAll(async () => {
  server = await startTestServer();
  tokens = {
    enterprise: (await createDcu(server)).token,
    officer: await server.signIn('th.officer1'),
    admin: await server.signIn('platform.admin'),
  };
});
afterAll(async () => server?.close());

async function page(field: string, paging: string) {
  const reader = READERS[field];
  if (!reader) throw new Error(`no reader for ${field}`);
  const args = [reader.args, paging].filter(Boolean).join(', ');
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[reader.caller]}` },
    body: JSON.stringify({ query: `{ ${field}(${args}) { totalCount pageInfo { hasNextPage endCursor } } }` }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
}

describe('paging arguments', () => {
  it('every list declares first and after, and no last or before it would ignore', () => {
    expect(listFields.map((field) => field.name).sort()).toEqual(Object.keys(READERS).sort());
    for (const field of listFields) {
      const args = field.args.map((arg) => arg.name);
      expect(args, field.name).toEqual(expect.arrayContaining(['first', 'after']));
      expect(args, field.name).not.toContain('last');
      expect(args, field.name).not.toContain('before');
      for (const name of ['first', 'after'])
        expect(field.args.find((arg) => arg.name === name)?.description, `${field.name}(${name})`).toContain(name);
    }
  });

  it('each list answers a good page; first 0 or 101 and an unreadable after are VALIDATION_FAILED naming the argument', async () => {
    for (const field of listFields) {
      const good = await page(field.name, 'first: 1');
      expect({ field: field.name, errors: good.body.errors }).toEqual({ field: field.name, errors: undefined });
      expect(good.body.data[field.name].totalCount, field.name).toBeGreaterThanOrEqual(0);

      for (const [paging, issue] of [
        ['first: 0', { field: 'first', code: 'OUT_OF_RANGE' }],
        ['first: 101', { field: 'first', code: 'OUT_OF_RANGE' }],
        ['after: "%%% not a cursor"', { field: 'after', code: 'INVALID_FORMAT' }],
      ] as const) {
        const { status, body } = await page(field.name, paging);
        expect(status, `${field.name}(${paging})`).toBe(200);
        expect(body.errors?.[0]?.extensions, `${field.name}(${paging})`).toMatchObject({
          code: 'VALIDATION_FAILED',
          issues: [issue],
        });
        expect(body.errors?.[0]?.extensions?.issues[0].message, `${field.name}(${paging})`).toBeTruthy();
      }
    }
  });

  it('asking for last is a GraphQL validation error, not a silently ignored argument', async () => {
    const { body } = await page('sentInvitations', 'last: 2');
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/Unknown argument "last"/);
  });
});
