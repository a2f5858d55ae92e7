// Executes the field-level authorisation matrix (authz-field-matrix.ts) against a real server: every path to a
// sensitive type × every kind of caller of authz-matrix.ts, over HTTP and graphql-ws.
import { readFileSync } from 'node:fs';
import {
  CONFIDENTIAL_ENTERPRISE_FACTS,
  isBureauOnlyCaseEvent,
  isProvincialCode,
  makeUscc,
  provinceCodeOf,
} from '@leqi/domain';
import {
  buildSchema,
  type GraphQLNamedType,
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverableEnd } from '../src/platform/events/cursor.ts';
import {
  BUREAU,
  ENTERPRISE_PATHS,
  EVENT_PATHS,
  NODE_LOOKUP,
  OFFICER_AUTHORITY,
  type PathDocument,
  PUBLIC_ENTERPRISE_FIELDS,
  SENSITIVE_TYPES,
  TAX_FACT_READERS,
  type WorldEnterprise,
  type WorldVariable,
} from './authz-field-matrix.ts';
import { CALLERS, type Caller } from './authz-matrix.ts';
import { demoPasswordHash } from './demo-password.ts';
import { createEnterprise } from './fixtures.ts';
import { databaseKind, type GraphQLResponse, startTestServer, type TestServer } from './harness.ts';
import {
  createDcu,
  createToken,
  createUseUnit,
  fire,
  HAIZHU,
  invite,
  rowFor,
  uploadProof,
} from './invitation.fixtures.ts';
import { sleep, subscribeTo } from './ws-client.ts';

const SCHEMA = buildSchema(readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8'));

/** `Type.field` of every field whose (named) type is `target` or an abstract type `target` belongs to. */
function fieldsReaching(target: string): Set<string> {
  const type = SCHEMA.getType(target);
  const reaches = (named: GraphQLNamedType) =>
    named === type || (isAbstractType(named) && isObjectType(type) && SCHEMA.isSubType(named, type));
  const found = new Set<string>();
  for (const parent of Object.values(SCHEMA.getTypeMap())) {
    if (parent.name.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
    for (const field of Object.values(parent.getFields()))
      if (reaches(getNamedType(field.type))) found.add(`${parent.name}.${field.name}`);
  }
  return found;
}

/** The same, for the fields a document actually selects (by the schema's type information). */
function fieldsSelected(document: string, target: string): Set<string> {
  const type = SCHEMA.getType(target);
  const typeInfo = new TypeInfo(SCHEMA);
  const found = new Set<string>();
  visit(
    parse(document),
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const named = typeInfo.getType() && getNamedType(typeInfo.getType());
        if (!parent || !named) return;
        if (named === type || (isAbstractType(named) && isObjectType(type) && SCHEMA.isSubType(named, type)))
          found.add(`${parent.name}.${typeInfo.getFieldDef()?.name}`);
      },
    }),
  );
  return found;
}

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const rawId = (id: string) => Buffer.from(id, 'base64').toString('utf8').split(':')[1];

/** Every object of one of `typenames` anywhere in a response. */
function objectsOf(value: unknown, typenames: readonly string[], found: Record<string, any>[] = []) {
  if (Array.isArray(value)) for (const item of value) objectsOf(item, typenames, found);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typenames.includes(String(record.__typename))) found.push(record);
    for (const child of Object.values(record)) objectsOf(child, typenames, found);
  }
  return found;
}

describe(`field-level authorisation matrix (${databaseKind()})`, () => {
  let server: TestServer;
  const tokens: Partial<Record<Caller, string>> = {};
  const world = {} as Record<WorldEnterprise, string> & Record<'bound' | 'pending' | 'subscription', string>;
  let after = '0';
  let serial = 0;

  const ok = async (query: string, variables: Record<string, unknown>, token: string) => {
    const result = await server.gql(query, variables, token);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data as Record<string, any>;
  };
  const claimAndRelease = async (officer: string, id: string, version: number) => {
    const token = await server.signIn(officer);
    const claimed = await ok(
      'mutation($input: ClaimCaseInput!) { claimCase(input: $input) { __typename } }',
      { input: { id, expectedVersion: version } },
      token,
    );
    expect(claimed.claimCase.__typename).toBe('CaseClaimSuccess');
    await ok(
      'mutation($input: ReleaseCaseClaimInput!) { releaseCaseClaim(input: $input) { __typename } }',
      {
        input: { id },
      },
      token,
    );
  };

  async function operator(enterpriseId: string, identityType: string): Promise<string> {
    serial += 1;
    const username = `fields.${process.pid}.${serial}`;
    await server.running.app.db.user.create({
      data: {
        username,
        passwordHash: await demoPasswordHash(),
        displayName: username,
        role: 'ENTERPRISE',
        identityType,
        enterpriseId,
      } as never,
    });
    return server.signIn(username);
  }

  /**
   * A 天河 DCU with all four identities and an API token; a 海珠 use unit bound to it (with a capability
   * authorisation); a second 海珠 use unit whose invitation waits for acceptance and was claimed and released; a
   * capability subscription of the DCU claimed and released; another DCU with its token; a 天河 stranger.
   */
  beforeAll(async () => {
    server = await startTestServer();
    after = String(await deliverableEnd(server.running.app.db));
    const dcu = await createDcu(server);
    const useUnit = await createUseUnit(server, { authority: HAIZHU });
    const pendingUseUnit = await createUseUnit(server, { authority: HAIZHU });
    const otherDcu = await createDcu(server);
    const stranger = await createEnterprise(server);
    Object.assign(world, {
      dcu: dcu.id,
      useUnit: useUnit.id,
      pendingUseUnit: pendingUseUnit.id,
      otherDcu: otherDcu.id,
      stranger: stranger.id,
    });
    Object.assign(tokens, {
      ownerTaxClerk: dcu.token,
      ownerLegal: await operator(dcu.id, 'LEGAL_REPRESENTATIVE'),
      ownerFinance: await operator(dcu.id, 'FINANCE_MANAGER'),
      ownerInvoiceClerk: await operator(dcu.id, 'INVOICE_CLERK'),
      ownApiToken: (await createToken(server, dcu.token)).token,
      useUnit: useUnit.token,
      otherEnterprise: otherDcu.token,
      otherApiToken: (await createToken(server, otherDcu.token)).token,
      competentOfficer: await server.signIn('th.officer1'),
      otherAuthorityOfficer: await server.signIn('hzq.officer1'),
      otherProvinceOfficer: await server.signIn('pd.officer1'),
      confirmer: await server.signIn('gd.confirmer'),
      otherProvinceConfirmer: await server.signIn('sh.confirmer'),
      admin: await server.signIn('platform.admin'),
    });

    const proof = await uploadProof(server, dcu.token);
    const invited = await invite(server, dcu.token, [rowFor(useUnit), rowFor(pendingUseUnit)], {
      proofMaterialIds: [proof],
    });
    expect(invited.failed).toEqual([]);
    const [bound, pending] = invited.succeeded.map((row: { id: string }) => row.id) as [string, string];
    const respond = async (id: string, token: string) => {
      const result = await fire(server, token, 'respond', id, 0, { competentAuthorityCode: HAIZHU });
      expect(result.__typename, JSON.stringify(result)).toBe('InvitationSuccess');
      return result.invitation.version as number;
    };
    let version = await respond(bound, useUnit.token);
    for (const [event, officer] of [
      ['accept', 'hzq.officer1'],
      ['confirm', 'hzq.officer2'],
    ] as const) {
      const result = await fire(server, await server.signIn(officer), event, bound, version);
      expect(result.__typename, JSON.stringify(result)).toBe('InvitationSuccess');
      version = result.invitation.version;
    }
    await claimAndRelease('hzq.officer1', pending, await respond(pending, pendingUseUnit.token));

    const applied = await ok(
      `mutation($input: ApplyCapabilitySubscriptionInput!) { applyCapabilitySubscription(input: $input) {
        ... on CapabilitySubscriptionSuccess { capabilitySubscription { id version } } } }`,
      {
        input: {
          capabilityCodes: ['203067'],
          validUntil: '2031-06-30T00:00:00.000Z',
          businessSystemName: '财务中台',
          dailyVolumes: [{ capabilityCode: '203067', volume: 10 }],
          businessScope: '归集',
        },
      },
      dcu.token,
    );
    const subscription = applied.applyCapabilitySubscription.capabilitySubscription;
    await claimAndRelease('th.officer1', subscription.id, subscription.version);
    Object.assign(world, { bound, pending, subscription: subscription.id });
  }, 180_000);
  afterAll(async () => server?.close());

  function variablesOf(path: PathDocument): Record<string, unknown> {
    const enterprises = ['dcu', 'useUnit', 'pendingUseUnit', 'otherDcu', 'stranger'];
    const value = (name: WorldVariable): unknown => {
      if (enterprises.includes(name)) return globalId('Enterprise', world[name as WorldEnterprise]);
      if (name === 'registryInput') {
        serial += 1;
        return {
          uscc: makeUscc(`91440100FM${String(process.pid % 10000).padStart(4, '0')}${String(serial).padStart(3, '0')}`),
          name: `字段矩阵${serial}有限公司`,
          competentAuthorityCode: '14401060000',
          creditRating: 'B',
          inPilot: true,
          majorViolation: false,
          livelihoodIndustry: false,
          priorYearRevenue: 1,
          invoiceCount12m: 1,
          invoiceAmount12m: 1,
        };
      }
      if (name === 'after') return after;
      return world[name as 'bound'];
    };
    return Object.fromEntries((path.variables ?? []).map((name) => [name, value(name)]));
  }

  async function run(path: PathDocument, token: string): Promise<GraphQLResponse> {
    if (path.transport !== 'graphql-ws') return server.gql(path.document, variablesOf(path), token);
    const subscription = subscribeTo(server.url, token, path.document, variablesOf(path));
    await subscription.connected;
    await sleep(1_200);
    await subscription.close();
    return { data: { events: subscription.events }, ...(subscription.errors.length ? { errors: [] } : {}) };
  }

  /** DESIGN §4 for enterprises outside the world (the demo data reached through queues): the bureau and the admin. */
  function mayReadFacts(caller: Caller, enterprise: { id: string; competentAuthority: { code: string } }): boolean {
    const own = Object.entries(world).find(([, id]) => id === rawId(enterprise.id))?.[0] as WorldEnterprise | undefined;
    if (own && own in TAX_FACT_READERS) return TAX_FACT_READERS[own].includes(caller);
    if (caller === 'admin') return true;
    const authority = OFFICER_AUTHORITY[caller];
    if (!authority) return false;
    const of = enterprise.competentAuthority.code;
    return isProvincialCode(authority) ? provinceCodeOf(of) === authority : of === authority;
  }

  it('every field that reaches a sensitive type is walked by a document of the matrix', () => {
    for (const target of SENSITIVE_TYPES) {
      const inSchema = fieldsReaching(target);
      expect(inSchema.size, target).toBeGreaterThan(0);
      const walked = new Set(
        [...ENTERPRISE_PATHS, ...EVENT_PATHS].flatMap((path) => [...fieldsSelected(path.document, target)]),
      );
      expect(
        [...inSchema].filter((field) => !walked.has(field)),
        `paths to ${target} missing from authz-field-matrix.ts`,
      ).toEqual([]);
    }
  });

  it('every field of Enterprise is either public or a confidential fact, and the facts may be null', () => {
    const enterprise = SCHEMA.getType('Enterprise');
    if (!isObjectType(enterprise)) throw new Error('Enterprise is not an object type');
    const fields = enterprise.getFields();
    const classified: string[] = [...PUBLIC_ENTERPRISE_FIELDS, ...CONFIDENTIAL_ENTERPRISE_FACTS];
    expect(
      Object.keys(fields).filter((name) => !classified.includes(name)),
      'unclassified Enterprise fields',
    ).toEqual([]);
    for (const fact of CONFIDENTIAL_ENTERPRISE_FACTS) expect(isNonNullType(fields[fact]?.type), fact).toBe(false);
  });

  it('node(id) of an enterprise: itself, its counterparties, its bureau and the admin', async () => {
    const mismatches: string[] = [];
    const path = ENTERPRISE_PATHS[0] as PathDocument;
    for (const caller of CALLERS) {
      const response =
        caller === 'anonymous'
          ? await server.gql(path.document, variablesOf(path))
          : await run(path, tokens[caller] as string);
      for (const [name, readers] of Object.entries(NODE_LOOKUP)) {
        if (name === 'pendingUseUnit') continue;
        const found = Boolean(response.data?.[name]);
        if (found !== readers.includes(caller))
          mismatches.push(`node(${name}) × ${caller}: ${found ? 'found' : 'null'}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('every path × every caller: tax facts only for the enterprise, its bureau and the admin', async () => {
    const mismatches: string[] = [];
    let cells = 0;
    for (const path of ENTERPRISE_PATHS) {
      let reached = 0;
      let withheld = 0;
      for (const caller of CALLERS) {
        const token = tokens[caller];
        const response = token ? await run(path, token) : await server.gql(path.document, variablesOf(path));
        cells += 1;
        for (const enterprise of objectsOf(response.data, ['Enterprise'])) {
          reached += 1;
          const allowed = mayReadFacts(caller, enterprise as never);
          if (!allowed) withheld += 1;
          for (const fact of CONFIDENTIAL_ENTERPRISE_FACTS) {
            if ((enterprise[fact] !== null) !== allowed)
              mismatches.push(`${path.name} × ${caller}: ${enterprise.uscc}.${fact} = ${enterprise[fact]}`);
          }
        }
      }
      expect(reached, `${path.name} reached no Enterprise for any caller`).toBeGreaterThan(0);
      if (path.exercisesDenial) expect(withheld, `${path.name} withheld nothing from anyone`).toBeGreaterThan(0);
    }
    console.info(`field-level matrix: ${cells} cells (${ENTERPRISE_PATHS.length} paths × ${CALLERS.length} callers)`);
    expect(mismatches).toEqual([]);
  }, 300_000);

  it('every path × every caller: claim events only for the bureau', async () => {
    const mismatches: string[] = [];
    let bureauClaims = 0;
    for (const path of EVENT_PATHS) {
      let partyEvents = 0;
      // every caller at once: a subscription path listens for a fixed window, which need not be waited out 15 times
      const callers = CALLERS.filter((caller) => tokens[caller]);
      const responses = await Promise.all(callers.map((caller) => run(path, tokens[caller] as string)));
      for (const [index, caller] of callers.entries()) {
        const response = responses[index] as GraphQLResponse;
        const events = objectsOf(response.data, ['AuditEvent', 'Notification', 'CaseEvent']);
        const claims = events.filter((event) => isBureauOnlyCaseEvent(String(event.event)));
        if (BUREAU.includes(caller)) bureauClaims += claims.length;
        else {
          partyEvents += events.length;
          for (const claim of claims) mismatches.push(`${path.name} × ${caller}: ${claim.event} by ${claim.actorName}`);
        }
      }
      if (path.exercisesDenial) expect(partyEvents, `${path.name} showed no party any event`).toBeGreaterThan(0);
    }
    expect(bureauClaims).toBeGreaterThan(0);
    expect(mismatches).toEqual([]);
  }, 300_000);
});
