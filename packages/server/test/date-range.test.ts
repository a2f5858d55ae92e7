// Issue 13, finding 13: every date input lies between 1949-01-01 and 2200-12-31; anything else is a typed
// VALIDATION_FAILED, never an INTERNAL_SERVER_ERROR from the database. Raw HTTP (POST variables, literals, GET).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnterprise, THRESHOLDS_OF_ONE } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

const OUTSIDE = [
  '-271821-04-20T00:00:00Z', // the report's: JavaScript's earliest instant
  '+275760-09-13T00:00:00Z', // JavaScript's latest
  '+275760-09-13',
  '99999-01-01',
  '1948-12-31T23:59:59Z',
  '2201-01-01T00:00:00Z',
];
const NOT_DATES = ['nonsense', '2026-13-45', ''];

const QUEUE = `query($filter: QueueFilterInput) {
  reviewQueue(kind: ACCESS_APPLICATION, step: ACCEPTANCE, first: 5, filter: $filter) { totalCount } }`;

interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
}

describe(`date inputs stay within 1949–2200 (${databaseKind()})`, () => {
  let server: TestServer;
  let officer: string;
  beforeAll(async () => {
    server = await startTestServer();
    officer = await server.signIn('th.officer1');
  });
  afterAll(async () => server?.close());

  async function post(query: string, variables: Record<string, unknown>, token: string): Promise<Answer> {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: await response.json() };
  }

  function expectDateRefused(answer: Answer, label: string) {
    expect(answer.status, label).toBeLessThan(500);
    expect(answer.body.data?.reviewQueue ?? null, label).toBeNull();
    const [error] = answer.body.errors ?? [];
    expect(error?.extensions?.code, `${label}: ${JSON.stringify(answer.body)}`).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(answer.body)).not.toMatch(/INTERNAL_SERVER_ERROR|22009|22008|Prisma/);
  }

  it('reviewQueue filter: out-of-range and malformed dates are VALIDATION_FAILED (variables)', async () => {
    for (const value of [...OUTSIDE, ...NOT_DATES]) {
      for (const field of ['submittedFrom', 'submittedTo']) {
        expectDateRefused(await post(QUEUE, { filter: { [field]: value } }, officer), `${field}=${value}`);
      }
    }
    const outside = await post(QUEUE, { filter: { submittedFrom: OUTSIDE[0] } }, officer);
    const [error] = outside.body.errors ?? [];
    expect(error?.message).toContain('filter.submittedFrom');
    expect(error?.message).toContain('1949-01-01');
    expect(error?.message).toContain('2200-12-31');
    expect(error?.extensions?.issues).toEqual([
      { field: 'DateTime', code: 'OUT_OF_RANGE', message: '取值应在 1949-01-01 至 2200-12-31 之间' },
    ]);
  });

  it('reviewQueue filter: the same written as literals in the document, and a number instead of text', async () => {
    for (const value of [...OUTSIDE, 'nonsense']) {
      const literal = `{ reviewQueue(kind: ACCESS_APPLICATION, step: ACCEPTANCE, filter: {submittedFrom: ${JSON.stringify(value)}}) { totalCount } }`;
      expectDateRefused(await post(literal, {}, officer), `literal ${value}`);
    }
    expectDateRefused(
      await post(
        '{ reviewQueue(kind: ACCESS_APPLICATION, step: ACCEPTANCE, filter: {submittedFrom: 0}) { totalCount } }',
        {},
        officer,
      ),
      'literal 0',
    );
    expectDateRefused(await post(QUEUE, { filter: { submittedFrom: 0 } }, officer), 'variable 0');
  });

  it('reviewQueue filter over GET is refused the same way', async () => {
    const url = new URL(`${server.url}/graphql`);
    url.searchParams.set('query', QUEUE);
    url.searchParams.set('variables', JSON.stringify({ filter: { submittedFrom: OUTSIDE[0] } }));
    const response = await fetch(url, { headers: { authorization: `Bearer ${officer}` } });
    expectDateRefused({ status: response.status, body: await response.json() }, 'GET');
  });

  it('the bounds themselves are accepted', async () => {
    const answer = await post(
      QUEUE,
      { filter: { submittedFrom: '1949-01-01T00:00:00Z', submittedTo: '2200-12-31T23:59:59.999Z' } },
      officer,
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.reviewQueue.totalCount).toBeGreaterThan(0);
  });

  it('saved queue views: an out-of-range date is refused before anything is stored', async () => {
    const save = `mutation($input: SaveQueueViewInput!) { saveQueueView(input: $input) { __typename } }`;
    const answer = await post(
      save,
      {
        input: { name: '远古', kind: 'ACCESS_APPLICATION', step: 'ACCEPTANCE', filter: { submittedTo: '99999-01-01' } },
      },
      officer,
    );
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(await server.running.app.db.queueView.count({ where: { name: '远古' } })).toBe(0);
  });

  it('applyCapabilitySubscription validUntil: +275760-09-13 and 99999-01-01 are refused, 2200-12-31 accepted', async () => {
    const dcu = await createEnterprise(server, { identityType: 'LEGAL_REPRESENTATIVE' });
    await server.running.app.db.enterprise.update({ where: { id: dcu.id }, data: { dcuStatus: 'ACTIVE' } });
    const apply = (validUntil: unknown) =>
      post(
        `mutation($input: ApplyCapabilitySubscriptionInput!) { applyCapabilitySubscription(input: $input) {
          __typename ... on Error { code } } }`,
        {
          input: {
            capabilityCodes: ['202007'],
            validUntil,
            businessSystemName: '财务中台',
            dailyVolumes: [{ capabilityCode: '202007', volume: 10 }],
            businessScope: '开票',
          },
        },
        dcu.token,
      );
    for (const value of [...OUTSIDE, ...NOT_DATES]) {
      const answer = await apply(value);
      expect(answer.body.errors?.[0]?.extensions?.code, `validUntil=${value}`).toBe('VALIDATION_FAILED');
      expect(answer.body.data?.applyCapabilitySubscription ?? null).toBeNull();
    }
    expect(await server.running.app.db.capabilitySubscription.count({ where: { dcuEnterpriseId: dcu.id } })).toBe(0);
    const last = await apply('2200-12-31T00:00:00Z');
    expect(last.body.data?.applyCapabilitySubscription.__typename, JSON.stringify(last.body)).toBe(
      'CapabilitySubscriptionSuccess',
    );
  });

  it('createProvinceRule effectiveFrom (a YYYY-MM-DD string): after 2200-12-31 is VALIDATION_FAILED', async () => {
    const admin = await server.signIn('platform.admin');
    const create = (effectiveFrom: string) =>
      post(
        `mutation($input: CreateProvinceRuleInput!) { createProvinceRule(input: $input) {
          __typename ... on ValidationError { code issues { field code message } } } }`,
        {
          input: {
            provinceCode: '14400000000',
            ...THRESHOLDS_OF_ONE,
            effectiveFrom,
          },
        },
        admin,
      );
    const far = await create('9999-12-31');
    expect(far.body.data?.createProvinceRule).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      issues: [{ field: 'effectiveFrom', code: 'OUT_OF_RANGE', message: '取值应在 1949-01-01 至 2200-12-31 之间' }],
    });
  });
});
