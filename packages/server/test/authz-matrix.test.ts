// Executes the authorisation matrix (authz-matrix.ts) against a real server: every root field × every kind of caller.

import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, isEnumType, isInputObjectType, isObjectType, isScalarType } from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { newSecretToken } from '../src/platform/auth/tokens.ts';
import { BULK_DECISIONS, CALLERS, type Caller, MATRIX, type MatrixRow, REFUSAL_CODES } from './authz-matrix.ts';
import { demoPasswordHash } from './demo-password.ts';
import { COMPLETE_DRAFT, caseIn, createEnterprise, PDF, TIANHE, upload } from './fixtures.ts';
import { DEMO_PASSWORD, databaseKind, type GraphQLResponse, startTestServer, type TestServer } from './harness.ts';
import {
  createDcu,
  createToken,
  createUseUnit,
  invitationIn,
  readInvitation,
  rowFor,
  uploadProof,
} from './invitation.fixtures.ts';

const SCHEMA = buildSchema(readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8'));
const ROOTS = {
  query: SCHEMA.getQueryType(),
  mutation: SCHEMA.getMutationType(),
  subscription: SCHEMA.getSubscriptionType(),
};

interface Staff {
  enterpriseId: string;
  tokens: Record<'ownerLegal' | 'ownerFinance' | 'ownerTaxClerk' | 'ownerInvoiceClerk', string>;
  apiToken: string;
}

/** Callers resolved for one subject. */
type Tokens = Partial<Record<Caller, string>>;

interface Target {
  tokens: Tokens;
  variables: Record<string, unknown>;
  /** variables made anew for each caller (an operation that leaves nothing for the next, such as a deletion) */
  variablesFor?: (caller: Caller) => Promise<Record<string, unknown>>;
  /** multipart file for Upload-typed variables */
  file?: { path: string; content: Uint8Array | string; name: string };
}

const BULK_FIELDS: string[] = BULK_DECISIONS.map(([field]) => field);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`authorisation matrix (${databaseKind()})`, () => {
  let server: TestServer;
  let passwordHash: string;
  let serial = 0;
  let base: Tokens;

  beforeAll(async () => {
    server = await startTestServer();
    passwordHash = await demoPasswordHash();
    // the account unlockUserSignIn's cells name
    await server.running.app.db.user.create({
      data: {
        id: 'matrix-unlock-target',
        username: 'matrix.unlock',
        passwordHash,
        displayName: '矩阵',
        role: 'OFFICER',
      },
    });
    const other = await createDcu(server);
    const otherToken = await createToken(server, other.token);
    base = {
      otherEnterprise: other.token,
      otherApiToken: otherToken.token,
      otherAuthorityOfficer: await server.signIn('hzq.officer1'),
      otherProvinceOfficer: await server.signIn('pd.officer1'),
      confirmer: await server.signIn('gd.confirmer'),
      otherProvinceConfirmer: await server.signIn('sh.confirmer'),
      admin: await server.signIn('platform.admin'),
      competentOfficer: await server.signIn('th.officer1'),
    };
  }, 60_000);
  afterAll(async () => server?.close());

  /** All four identity types and an API token for an enterprise (its TAX_CLERK exists already). */
  async function staffOf(enterpriseId: string, clerkToken: string): Promise<Staff> {
    const make = async (identityType: string) => {
      serial += 1;
      const username = `authz.${process.pid}.${serial}`;
      await server.running.app.db.user.create({
        data: {
          username,
          passwordHash,
          displayName: username,
          role: 'ENTERPRISE',
          identityType,
          enterpriseId,
        } as never,
      });
      return server.signIn(username);
    };
    const [legal, finance, invoice] = await Promise.all([
      make('LEGAL_REPRESENTATIVE'),
      make('FINANCE_MANAGER'),
      make('INVOICE_CLERK'),
    ]);
    return {
      enterpriseId,
      tokens: { ownerLegal: legal, ownerFinance: finance, ownerTaxClerk: clerkToken, ownerInvoiceClerk: invoice },
      apiToken: await apiTokenOf(enterpriseId),
    };
  }

  /** Only ACTIVE DCUs may create tokens; other enterprises get one written directly (as an exited DCU keeps it). */
  async function apiTokenOf(enterpriseId: string): Promise<string> {
    const { token, hash } = newSecretToken('lqk');
    await server.running.app.db.apiToken.create({
      data: { enterpriseId, name: '矩阵', prefix: token.slice(0, 8), tokenHash: hash, createdById: 'authz-matrix' },
    });
    return token;
  }

  const officerOtherThan = async (last: string | null) =>
    server.signIn(last === 'th.officer1' ? 'th.officer2' : 'th.officer1');

  function callers(staff: Staff, extra: Tokens): Tokens {
    return { ...base, ...staff.tokens, ownApiToken: staff.apiToken, ...extra };
  }

  async function sharedUseUnit(): Promise<string> {
    return (await createUseUnit(server)).token;
  }

  async function bureau(mutation: string, token: string, id: string, version: number, reason = false) {
    const input = reason ? 'CaseDecisionWithReasonInput' : 'CaseVersionInput';
    const result = await server.gql(
      `mutation($input: ${input}!) { ${mutation}(input: $input) { __typename ... on ExitApplicationSuccess { exitApplication { id version status } } ... on Error { code message } } }`,
      { input: { id, expectedVersion: version, ...(reason ? { reason: '理由' } : {}) } },
      token,
    );
    return result.data?.[mutation];
  }

  async function exitIn(from: string): Promise<Target> {
    const dcu = await createDcu(server, { subscribed: [] });
    const staff = await staffOf(dcu.id, dcu.token);
    const form = (await upload(server, staff.tokens.ownerLegal, 'EXIT_APPLICATION_FORM')).material.id;
    if (from === null || from === 'NONE') {
      return {
        tokens: callers(staff, { useUnit: await sharedUseUnit() }),
        variables: { input: { materialIds: [form] } },
      };
    }
    const submitted = await server.gql(
      'mutation($ids: [ID!]!) { submitExitApplication(input: {materialIds: $ids}) { __typename ... on ExitApplicationSuccess { exitApplication { id version status } } ... on Error { code } } }',
      { ids: [form] },
      staff.tokens.ownerLegal,
    );
    let current = submitted.data?.submitExitApplication.exitApplication;
    expect(current, JSON.stringify(submitted)).toBeTruthy();
    let last: string | null = null;
    const steps: [string, string, string][] = [
      ['PENDING_REVIEW', 'acceptExitApplication', 'th.officer1'],
      ['PENDING_CONFIRMATION', 'approveExitApplicationReview', 'th.officer2'],
    ];
    for (const [status, mutation, officer] of steps) {
      if (current.status === from) break;
      const moved = await bureau(mutation, await server.signIn(officer), current.id, current.version);
      expect(moved.__typename, JSON.stringify(moved)).toBe('ExitApplicationSuccess');
      current = moved.exitApplication;
      last = officer;
      expect(current.status).toBe(status);
    }
    expect(current.status).toBe(from);
    return {
      tokens: callers(staff, { competentOfficer: await officerOtherThan(last), useUnit: await sharedUseUnit() }),
      variables: { id: current.id, input: { id: current.id, expectedVersion: current.version, reason: '理由' } },
    };
  }

  async function accessIn(from: string | null): Promise<Target> {
    const fresh = await createEnterprise(server);
    const staff = await staffOf(fresh.id, fresh.token);
    if (from === null) {
      return {
        tokens: callers(staff, { useUnit: await sharedUseUnit() }),
        variables: { input: COMPLETE_DRAFT },
      };
    }
    const walked = await caseIn(server, from as never, fresh);
    return {
      tokens: callers(staff, {
        competentOfficer: await officerOtherThan(walked.lastDecider),
        useUnit: await sharedUseUnit(),
      }),
      variables: { id: walked.id, input: { id: walked.id, expectedVersion: walked.version, reason: '理由' } },
    };
  }

  async function dcuWithStaff() {
    const dcu = await createDcu(server);
    return { dcu, staff: await staffOf(dcu.id, dcu.token) };
  }

  async function invitationTarget(from: string | null): Promise<Target> {
    const { dcu, staff } = await dcuWithStaff();
    if (from === null) {
      const useUnit = await createUseUnit(server);
      const proof = await uploadProof(server, dcu.token);
      return {
        tokens: callers(staff, { useUnit: useUnit.token }),
        variables: { input: { invitations: [rowFor(useUnit)], proofMaterialIds: [proof] } },
      };
    }
    const walked = await invitationIn(server, from as never, { dcu });
    return {
      tokens: callers(staff, {
        competentOfficer: await officerOtherThan(walked.lastDecider),
        useUnit: walked.useUnit.token,
      }),
      variables: {
        id: walked.id,
        input: {
          id: walked.id,
          expectedVersion: walked.version,
          reason: '理由',
          ...(from === 'PENDING_RESPONSE' ? { competentAuthorityCode: TIANHE, relationship: 'PARENT_SUBSIDIARY' } : {}),
        },
      },
    };
  }

  const SUBSCRIPTION_INPUT = {
    capabilityCodes: ['203067'],
    validUntil: '2031-06-30T00:00:00.000Z',
    businessSystemName: '财务中台',
    dailyVolumes: [{ capabilityCode: '203067', volume: 10 }],
    businessScope: '归集',
  };

  async function subscriptionTarget(from: string | null): Promise<Target> {
    const { staff } = await dcuWithStaff();
    const tokens = callers(staff, { useUnit: await sharedUseUnit() });
    if (from === null) return { tokens, variables: { input: SUBSCRIPTION_INPUT } };
    const applied = await server.gql(
      'mutation($input: ApplyCapabilitySubscriptionInput!) { applyCapabilitySubscription(input: $input) { __typename ... on CapabilitySubscriptionSuccess { capabilitySubscription { id version } } ... on Error { code message } } }',
      { input: SUBSCRIPTION_INPUT },
      staff.tokens.ownerTaxClerk,
    );
    const created = applied.data?.applyCapabilitySubscription.capabilitySubscription;
    expect(created, JSON.stringify(applied)).toBeTruthy();
    return { tokens, variables: { input: { id: created.id, expectedVersion: created.version, reason: '理由' } } };
  }

  async function bindingTarget(): Promise<Target> {
    const { dcu, staff } = await dcuWithStaff();
    const walked = await invitationIn(server, 'CONFIRMED', { dcu });
    const read = await readInvitation(server, dcu.token, walked.id);
    const proof = await uploadProof(server, dcu.token);
    return {
      tokens: callers(staff, { useUnit: walked.useUnit.token }),
      variables: {
        input: {
          bindingId: read.binding.id,
          bindingIds: [read.binding.id],
          invitationId: walked.id,
          materialIds: [proof],
          capabilityCodes: ['203059'],
        },
      },
    };
  }

  /** A fresh endpoint of a DCU, with one delivery, for each caller. */
  async function webhookEndpointTarget(): Promise<Target> {
    const { staff } = await dcuWithStaff();
    const db = server.running.app.db;
    const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
    return {
      tokens: callers(staff, { useUnit: await sharedUseUnit() }),
      variables: {},
      variablesFor: async () => {
        const endpoint = await db.webhookEndpoint.create({
          data: {
            enterpriseId: staff.enterpriseId,
            url: 'https://erp.example.com/hook',
            eventTypes: [],
            secret: 'whsec_x',
          },
        });
        const delivery = await db.webhookDelivery.create({
          data: {
            endpointId: endpoint.id,
            eventId: 1n,
            eventXid: 0n,
            eventType: 'INVITATION.invite',
            status: 'FAILED',
          },
        });
        const id = gid('WebhookEndpoint', endpoint.id);
        return {
          input: {
            id,
            endpointId: id,
            expectedVersion: 1,
            after: '0',
            deliveryId: gid('WebhookDelivery', delivery.id),
          },
        };
      },
    };
  }

  async function viewerTarget(field: string): Promise<Target> {
    const { staff } = await dcuWithStaff();
    const tokens = callers(staff, { useUnit: await sharedUseUnit() });
    if (field === 'revokeApiToken') {
      const extra = await createToken(server, staff.tokens.ownerTaxClerk, '待吊销');
      return { tokens, variables: { input: { id: extra.apiToken.id } } };
    }
    if (field === 'importProgress') {
      const record = await server.running.app.db.importRecord.create({
        data: {
          kind: 'INVITATION',
          enterpriseId: staff.enterpriseId,
          fileName: 'x.xlsx',
          status: 'DONE',
          createdById: 'authz-matrix',
          finishedAt: new Date(),
        },
      });
      const id = record.id;
      return { tokens, variables: { importRecordId: id } };
    }
    if (field === 'registryImportProgress') {
      const record = await server.running.app.db.importRecord.create({
        data: {
          kind: 'REGISTRY',
          fileName: 'registry.xlsx',
          status: 'DONE',
          createdById: 'authz-matrix',
          finishedAt: new Date(),
        },
      });
      return { tokens, variables: { importRecordId: Buffer.from(`RegistryImport:${record.id}`).toString('base64') } };
    }
    return { tokens, variables: {} };
  }

  async function targetFor(row: MatrixRow): Promise<Target> {
    const subject = row.subject;
    switch (subject.kind) {
      case 'accessApplication':
        return accessIn(subject.from);
      case 'exitApplication':
        return exitIn(subject.from ?? 'NONE');
      case 'invitation':
        return invitationTarget(subject.from);
      case 'capabilitySubscription':
        return subscriptionTarget(subject.from);
      case 'binding':
        return bindingTarget();
      case 'apiToken':
      case 'importRecord':
        return viewerTarget(row.field);
      case 'webhookEndpoint':
        return webhookEndpointTarget();
      case 'viewer': {
        if (row.field === 'submitExitApplication') return exitIn('NONE');
        if (row.field === 'saveAccessApplicationDraft') return accessIn(null);
        if (row.field === 'inviteUseUnits') return invitationTarget(null);
        if (row.field === 'applyCapabilitySubscription') return subscriptionTarget(null);
        return viewerTarget(row.field);
      }
    }
  }

  async function multipart(
    query: string,
    variables: Record<string, unknown>,
    file: NonNullable<Target['file']>,
    token?: string,
  ): Promise<GraphQLResponse & { status: number }> {
    const form = new FormData();
    form.append('operations', JSON.stringify({ query, variables: { ...variables, [file.path]: null } }));
    form.append('map', JSON.stringify({ 0: [`variables.${file.path}`] }));
    form.append(
      '0',
      new Blob([typeof file.content === 'string' ? file.content : new Uint8Array(file.content)]),
      file.name,
    );
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'x-leqi-csrf': '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: form,
    });
    return { ...((await response.json()) as GraphQLResponse), status: response.status };
  }

  /** A well-formed UserAccount global ID naming no account: the cell tests authorisation, not the lookup. */
  const NO_SUCH_USER = Buffer.from('UserAccount:no-such-user').toString('base64');
  const ADMIN_INPUTS: Record<string, unknown> = {
    saveTaxAuthority: { code: '1', name: '', level: 'LOCAL' },
    saveRegistryEnterprise: {
      uscc: 'X',
      name: '',
      competentAuthorityCode: '1',
      creditRating: 'Z',
      inPilot: false,
      majorViolation: false,
      livelihoodIndustry: false,
      priorYearRevenue: -1,
      invoiceCount12m: -1,
      invoiceAmount12m: -1,
    },
    importRegistry: { file: null },
    createProvinceRule: {
      provinceCode: '1',
      minRevenue: -1,
      minInvoiceCount: -1,
      minInvoiceAmount: -1,
      livelihoodMinRevenue: -1,
      livelihoodMinInvoiceCount: -1,
      livelihoodMinInvoiceAmount: -1,
      effectiveFrom: 'never',
    },
    createUserAccount: { username: 'Not Valid', displayName: '', role: 'ADMIN' },
    updateUserAccount: { id: NO_SUCH_USER, expectedVersion: 0, displayName: '', role: 'ADMIN' },
    resetUserPassword: { id: NO_SUCH_USER, newPassword: 'short' },
    setUserAccountDisabled: { id: NO_SUCH_USER, disabled: true, expectedVersion: -1 },
    resetUserTwoFactor: { id: NO_SUCH_USER, expectedVersion: -1 },
    // nothing to refuse in its input: an account that exists (ALLOWED means past authorisation, to a success)
    unlockUserSignIn: { id: Buffer.from('UserAccount:matrix-unlock-target').toString('base64') },
  };

  /** The operation of one root field, with the variables it needs and a minimal selection. */
  function operationOf(
    row: MatrixRow,
    target: Target,
  ): { query: string; variables: Record<string, unknown>; file?: Target['file'] } {
    const field = ROOTS[row.operation]?.getFields()[row.field];
    if (!field) throw new Error(`${row.field} is not in the schema`);
    const args: string[] = [];
    const defs: string[] = [];
    const variables: Record<string, unknown> = {};
    let file: Target['file'];
    for (const arg of field.args) {
      const required = String(arg.type).endsWith('!');
      let value: unknown = target.variables[arg.name];
      if (row.field === 'signIn') value = { username: 'th.officer1', password: DEMO_PASSWORD };
      if (row.field === 'createApiToken') value = { name: '矩阵' };
      // refused as incomplete before any password is checked: no cell counts against the sign-in throttle
      if (row.field === 'changePassword') value = { currentPassword: '', newPassword: '' };
      if (arg.name === 'input' && String(arg.type) === 'OneTimeCodeInput!') value = { oneTimeCode: '' };
      if (row.field === 'createWebhookEndpoint') value = { url: 'https://erp.example.com/matrix' };
      if (row.field === 'saveQueueView') value = { name: '矩阵视图', kind: 'ACCESS_APPLICATION', step: 'ACCEPTANCE' };
      if (row.field === 'deleteQueueView') value = { id: Buffer.from('QueueView:matrix-none').toString('base64') };
      if (row.field === 'saveCapability') value = { code: '990001', name: '矩阵能力', enabled: false, isPublic: false };
      if (row.field === 'uploadMaterial') value = { kind: 'RELATIONSHIP_PROOF', file: null };
      // admin mutations with input the admin's validation refuses: authorisation is what the cell tests
      if (row.field in ADMIN_INPUTS) value = ADMIN_INPUTS[row.field];
      if (row.field === 'registryImport') value = Buffer.from('RegistryImport:no-such-import').toString('base64');
      if (row.field === 'importUseUnitInvitations') value = { file: null };
      if (row.field === 'eligibilityCheck') value = { claimsLivelihood: false };
      if (row.field === 'invitationFailureReport')
        value = [{ uscc: '91440100628194821M', name: '矩阵', reason: '矩阵' }];
      if (row.field === 'capabilityUsability') value = '202007';
      if (row.field === 'markNotificationsRead') value = {};
      if (row.field === 'reviewQueue' && arg.name === 'kind') value = 'ACCESS_APPLICATION';
      if (row.field === 'reviewQueue' && arg.name === 'step') value = 'ACCEPTANCE';
      if (row.field === 'queueChanges' && arg.name === 'kind') value = 'ACCESS_APPLICATION';
      if (row.field === 'queueChanges' && arg.name === 'step') value = 'ACCEPTANCE';
      if (row.field === 'reassignCaseClaim') value = { ...(value as object), officerUsername: 'th.officer2' };
      if (BULK_FIELDS.includes(row.field) && value && typeof value === 'object') {
        const { id, expectedVersion, reason } = value as Record<string, unknown>;
        value = { items: [{ id, expectedVersion }], reason };
      }
      const argType = getNamedType(arg.type);
      if (isInputObjectType(argType) && value && typeof value === 'object' && !Array.isArray(value)) {
        const known = argType.getFields();
        value = Object.fromEntries(Object.entries(value).filter(([key]) => key in known));
      }
      if (value === undefined && !required) continue;
      if (value === undefined) throw new Error(`${row.field}(${arg.name}) has no value in the matrix test`);
      defs.push(`$${arg.name}: ${String(arg.type)}`);
      args.push(`${arg.name}: $${arg.name}`);
      variables[arg.name] = value;
    }
    if (row.field === 'importRegistry') file = { path: 'input.file', content: 'not a workbook', name: 'registry.xlsx' };
    if (row.field === 'uploadMaterial' || row.field === 'importUseUnitInvitations') {
      file =
        row.field === 'uploadMaterial'
          ? { path: 'input.file', content: PDF, name: 'proof.pdf' }
          : { path: 'input.file', content: 'not a workbook', name: 'invitations.xlsx' };
    }
    const named = getNamedType(field.type);
    const selection =
      row.field === 'node'
        ? '{ __typename }'
        : isScalarType(named) || isEnumType(named)
          ? ''
          : isObjectType(named)
            ? '{ __typename }'
            : '{ __typename ... on Error { code } }';
    const extra =
      row.field === 'unbindUseUnits'
        ? '{ __typename ... on Error { code } ... on UnbindUseUnitsSuccess { failed { code } } }'
        : BULK_FIELDS.includes(row.field)
          ? '{ __typename ... on Error { code } ... on BulkInvitationDecisionSuccess { failed { code } } }'
          : row.field === 'inviteUseUnits'
            ? '{ __typename ... on Error { code } ... on InviteUseUnitsSuccess { failed { code } } }'
            : selection;
    const head = defs.length ? `(${defs.join(', ')})` : '';
    const call = args.length ? `(${args.join(', ')})` : '';
    return { query: `${row.operation} ${head} { ${row.field}${call} ${extra} }`, variables, file };
  }

  /** ALLOWED when past authorisation (success or a business refusal), FORBIDDEN when refused by it. */
  function verdict(row: MatrixRow, response: GraphQLResponse): { verdict: 'ALLOWED' | 'FORBIDDEN'; detail: string } {
    const codes: string[] = [];
    for (const error of response.errors ?? []) codes.push(String(error.extensions?.code ?? error.message));
    const value = response.data?.[row.field];
    const collect = (node: unknown) => {
      if (!node || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if (typeof record.code === 'string') codes.push(record.code);
      for (const failure of (record.failed as { code: string }[] | undefined) ?? []) codes.push(failure.code);
    };
    collect(value);
    const refused =
      codes.some((code) => REFUSAL_CODES.has(code)) ||
      (['node', 'accessApplication', 'invitation'].includes(row.field) && value === null);
    return { verdict: refused ? 'FORBIDDEN' : 'ALLOWED', detail: JSON.stringify(response).slice(0, 160) };
  }

  async function runCell(row: MatrixRow, token: string | undefined, target: Target, refusalExpected: boolean) {
    const op = operationOf(row, target);
    // A refusal ends the wait as soon as it arrives, so a long window costs nothing on a correct cell and keeps a
    // slow refusal on a loaded machine from passing for a silent (allowed) subscription.
    if (row.operation === 'subscription') return subscribeCell(op, token, refusalExpected ? 10_000 : 700);
    if (op.file) return multipart(op.query, op.variables, op.file, token);
    return server.gql(op.query, op.variables, token);
  }

  async function subscribeCell(
    op: { query: string; variables: Record<string, unknown> },
    token: string | undefined,
    windowMs: number,
  ) {
    const client = createClient({
      url: `${server.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
    });
    const response: GraphQLResponse = {};
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, windowMs);
      client.subscribe(op, {
        next: (value) => {
          if (value.errors) response.errors = [...(response.errors ?? []), ...(value.errors as never[])];
          else response.data = value.data as never;
          clearTimeout(timer);
          resolve();
        },
        error: (error) => {
          const list = Array.isArray(error) ? error : [error];
          response.errors = list.map((e: any) => ({
            message: String(e?.message ?? e?.reason ?? e),
            extensions: e?.extensions,
          }));
          clearTimeout(timer);
          resolve();
        },
        complete: () => undefined,
      });
    });
    await client.dispose();
    return response;
  }

  it('lists every root Query, Mutation and Subscription field of the schema, and nothing else', () => {
    const inSchema = Object.entries(ROOTS).flatMap(([operation, type]) =>
      Object.keys(type?.getFields() ?? {}).map((name) => `${operation}.${name}`),
    );
    const inMatrix = MATRIX.map((row) => `${row.operation}.${row.field}`);
    expect(inMatrix.filter((key) => !inSchema.includes(key))).toEqual([]);
    expect(
      inSchema.filter((key) => !inMatrix.includes(key)),
      'root fields missing from authz-matrix.ts',
    ).toEqual([]);
    expect(new Set(inMatrix).size).toBe(inMatrix.length);
  });

  it('officers of another authority or province never receive events of a case they may not see', async () => {
    const watchers = {
      competent: await server.signIn('th.officer2'),
      otherAuthority: base.otherAuthorityOfficer as string,
      otherProvince: base.otherProvinceOfficer as string,
      otherConfirmer: base.otherProvinceConfirmer as string,
      otherEnterprise: base.otherEnterprise as string,
    };
    const received: Record<string, any[]> = {};
    const clients = Object.entries(watchers).map(([name, token]) => {
      received[name] = [];
      const client = createClient({
        url: `${server.url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
        lazy: false,
      });
      client.subscribe(
        { query: 'subscription { caseEvents { caseKind caseId event } }' },
        {
          next: (value) => received[name]?.push(value.data?.caseEvents),
          error: () => undefined,
          complete: () => undefined,
        },
      );
      return client;
    });
    await sleep(600);
    await caseIn(server, 'PENDING_REVIEW');
    await invitationIn(server, 'PENDING_CONFIRMATION');
    await sleep(600);
    for (const client of clients) await client.dispose();
    expect(received.competent?.length).toBeGreaterThan(0);
    expect(received.otherAuthority).toEqual([]);
    expect(received.otherProvince).toEqual([]);
    expect(received.otherConfirmer).toEqual([]);
    expect(received.otherEnterprise).toEqual([]);
  }, 60_000);

  it('every cell: callers outside the matrix are refused, callers inside get past authorisation', async () => {
    const mismatches: string[] = [];
    let cells = 0;
    // signOut ends sessions: run it last
    const rows = [...MATRIX].sort((a, b) => Number(a.field === 'signOut') - Number(b.field === 'signOut'));
    for (const row of rows) {
      const target = await targetFor(row);
      // refusals first, while the case is still where the event starts; then the allowed callers
      const ordered = [...CALLERS].sort((a, b) => Number(row.allowed.includes(a)) - Number(row.allowed.includes(b)));
      const run = async (caller: Caller) => {
        const token = caller === 'anonymous' ? undefined : target.tokens[caller];
        if (caller !== 'anonymous' && !token) throw new Error(`${row.field}: no token for ${caller}`);
        const want = row.allowed.includes(caller) ? 'ALLOWED' : 'FORBIDDEN';
        const cell = target.variablesFor ? { ...target, variables: await target.variablesFor(caller) } : target;
        const response = await runCell(row, token, cell, want === 'FORBIDDEN');
        expect((response as { status?: number }).status ?? 200).not.toBe(500);
        const got = verdict(row, response);
        cells += 1;
        if (got.verdict !== want) mismatches.push(`${row.field} × ${caller}: want ${want}, got ${got.detail}`);
      };
      const refused = ordered.filter((caller) => !row.allowed.includes(caller));
      if (row.operation === 'mutation') for (const caller of refused) await run(caller);
      else await Promise.all(refused.map(run));
      const allowed = ordered.filter((caller) => row.allowed.includes(caller));
      if (row.operation === 'mutation') for (const caller of allowed) await run(caller);
      else await Promise.all(allowed.map(run));
    }
    console.info(
      `authorisation matrix: ${cells} cells (${MATRIX.length} root fields × ${CALLERS.length} callers) checked`,
    );
    expect(mismatches).toEqual([]);
    expect(cells).toBe(MATRIX.length * CALLERS.length);
  }, 360_000);
});
