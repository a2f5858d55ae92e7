// Test-only helpers shared by the integration suites: uploads, the access application mutations over HTTP,
// and fresh enterprises (with a signed-in operator) whose cases are walked to any status through the API.
import {
  type AccessApplicationEvent,
  type AccessApplicationStatus,
  accessApplicationWorkflow,
  makeUscc,
  type Performer,
  requiredAccessMaterials,
} from '@leqi/domain';
import { expect } from 'vitest';
import { demoPasswordHash } from './demo-password.ts';
import type { TestServer } from './harness.ts';

/** Access thresholds of one each: a province rule every test enterprise meets (what a test's rule holds is its dates). */
export const THRESHOLDS_OF_ONE = {
  minRevenue: 1,
  minInvoiceCount: 1,
  minInvoiceAmount: 1,
  livelihoodMinRevenue: 1,
  livelihoodMinInvoiceCount: 1,
  livelihoodMinInvoiceAmount: 1,
};

export const PDF = '%PDF-1.4\n%%EOF\n';
export const TIANHE = '14401060000';
export const REQUIRED_KINDS = requiredAccessMaterials({ builtByThirdParty: false });

export const APPLICATION_FIELDS =
  'id version status statusLabel lastReason availableActions { event needsReason } blockedReason auditTrail { event actorName reason fromStatus toStatus }';
export const PAYLOAD = `__typename
  ... on AccessApplicationSuccess { accessApplication { ${APPLICATION_FIELDS} } }
  ... on Error { code message }
  ... on ValidationError { issues { field code message } }
  ... on NotEligibleError { report { passed livelihoodThresholdsApplied checks { code passed actual required message } } }
  ... on StaleVersionError { currentVersion }`;

export type BureauEvent = Exclude<AccessApplicationEvent, 'saveDraft' | 'submit'>;
export type CaseEvent = Exclude<AccessApplicationEvent, 'saveDraft'>;

/** The mutation of each transition (DESIGN §7). */
export const MUTATION_OF: Record<CaseEvent, string> = {
  submit: 'submitAccessApplication',
  accept: 'acceptAccessApplication',
  refuse: 'refuseAccessApplication',
  approveReview: 'approveAccessApplicationReview',
  rejectReview: 'rejectAccessApplicationReview',
  confirm: 'confirmAccessApplication',
  rejectConfirmation: 'rejectAccessApplicationConfirmation',
};
export const CASE_EVENTS = Object.keys(MUTATION_OF) as CaseEvent[];

/** Whether the event takes a reason, and who performs it, as the domain table says. */
export function ruleShape(event: CaseEvent): { needsReason: boolean; performer: Performer } {
  const rule = accessApplicationWorkflow.transitions.find((candidate) => candidate.event === event);
  if (!rule) throw new Error(`no rule for ${event}`);
  return { needsReason: rule.needsReason, performer: rule.performer };
}

export async function upload(
  server: TestServer,
  token: string | null,
  kind: string,
  content: string | Uint8Array = PDF,
  name = `${kind}.pdf`,
): Promise<any> {
  const form = new FormData();
  form.append(
    'operations',
    JSON.stringify({
      query:
        'mutation($f: Upload!, $k: MaterialKind!) { uploadMaterial(input: {file: $f, kind: $k}) { __typename ... on UploadMaterialSuccess { material { id kind fileName mimeType size downloadUrl } } ... on Error { code message } ... on ValidationError { issues { field code message } } } }',
      variables: { f: null, k: kind },
    }),
  );
  form.append('map', JSON.stringify({ 0: ['variables.f'] }));
  form.append('0', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), name);
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    // uploads are multipart: the server requires the CSRF header the web client sends
    headers: { 'x-leqi-csrf': '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: form,
  });
  const body = (await response.json()) as any;
  if (!body.data) throw new Error(`upload failed: ${JSON.stringify(body)}`);
  return body.data.uploadMaterial;
}

export async function uploadRequired(
  server: TestServer,
  token: string,
  kinds: readonly string[] = REQUIRED_KINDS,
): Promise<string[]> {
  const ids: string[] = [];
  for (const kind of kinds) {
    const result = await upload(server, token, kind);
    expect(result.__typename).toBe('UploadMaterialSuccess');
    ids.push(result.material.id);
  }
  return ids;
}

export const COMPLETE_DRAFT = {
  claimsLivelihood: false,
  unitInfoConfirmed: true,
  basicInfo: { contactName: '张经办', contactPhone: '020-88886666', contactEmail: 'zhang@example.com' },
  systemInfo: { systemName: '财务中台', developerName: '自主研发', networkAddress: '10.1.2.3' },
};

export async function saveDraft(
  server: TestServer,
  token: string | null,
  input: Record<string, unknown>,
  headers?: Record<string, string>,
) {
  const result = await server.gql(
    `mutation($input: SaveAccessApplicationDraftInput!) { saveAccessApplicationDraft(input: $input) { ${PAYLOAD} } }`,
    { input },
    token ?? undefined,
    headers,
  );
  if (!result.data) throw new Error(`saveAccessApplicationDraft failed: ${JSON.stringify(result)}`);
  return result.data.saveAccessApplicationDraft;
}

/** Fires one transition over HTTP; returns the payload union member. */
export async function transition(
  server: TestServer,
  token: string | null,
  event: CaseEvent,
  id: string,
  expectedVersion: number,
  reason?: string,
  headers?: Record<string, string>,
) {
  const mutation = MUTATION_OF[event];
  const withReason = ruleShape(event).needsReason;
  const result = await server.gql(
    `mutation($input: ${withReason ? 'CaseDecisionWithReasonInput' : 'CaseVersionInput'}!) { ${mutation}(input: $input) { ${PAYLOAD} } }`,
    { input: { id, expectedVersion, ...(withReason ? { reason: reason ?? `${event} 的原因` } : {}) } },
    token ?? undefined,
    headers,
  );
  if (!result.data) throw new Error(`${mutation} failed: ${JSON.stringify(result)}`);
  return result.data[mutation];
}

export async function readApplication(server: TestServer, token: string, id: string) {
  const result = await server.gql(
    `query($id: ID!) { accessApplication(id: $id) { ${APPLICATION_FIELDS} } }`,
    { id },
    token,
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data?.accessApplication ?? null;
}

/** The database id inside a Relay global ID (`base64("Type:id")`). */
export function rawId(globalId: string): string {
  const decoded = Buffer.from(globalId, 'base64').toString();
  return decoded.slice(decoded.indexOf(':') + 1);
}

let serial = 0;
const RUN = Math.floor(Math.random() * 9000 + 1000);

export interface FreshEnterprise {
  id: string;
  uscc: string;
  name: string;
  username: string;
  userId: string;
  token: string;
}

/** Inserts an eligible enterprise of 天河 (or the given authority) and one operator who can sign in. */
export async function createEnterprise(
  server: TestServer,
  options: {
    name?: string;
    authority?: string;
    identityType?: 'LEGAL_REPRESENTATIVE' | 'FINANCE_MANAGER' | 'TAX_CLERK' | 'INVOICE_CLERK';
  } = {},
): Promise<FreshEnterprise> {
  serial += 1;
  const uscc = makeUscc(`91440100TQ${String(RUN).padStart(4, '0')}${String(serial).padStart(3, '0')}`);
  const name = options.name ?? `测试企业${RUN}-${serial}有限公司`;
  const db = server.running.app.db;
  const enterprise = await db.enterprise.create({
    data: {
      uscc,
      name,
      competentAuthorityCode: options.authority ?? TIANHE,
      creditRating: 'A',
      inPilot: true,
      priorYearRevenue: 450_000_000,
      invoiceCount12m: 80_000,
      invoiceAmount12m: 700_000_000,
    },
  });
  const username = `t${RUN}.${serial}`;
  const user = await db.user.create({
    data: {
      username,
      passwordHash: await demoPasswordHash(),
      displayName: `${name} · ${username}`,
      role: 'ENTERPRISE',
      identityType: options.identityType ?? 'TAX_CLERK',
      enterpriseId: enterprise.id,
    },
  });
  return { id: enterprise.id, uscc, name, username, userId: user.id, token: await server.signIn(username) };
}

/** Shortest path of events from creation to `target` in the domain table. */
export function pathTo(target: AccessApplicationStatus): AccessApplicationEvent[] {
  const queue: [AccessApplicationStatus | null, AccessApplicationEvent[]][] = [[null, []]];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const [from, events] = queue.shift() as [AccessApplicationStatus | null, AccessApplicationEvent[]];
    for (const rule of accessApplicationWorkflow.transitions) {
      if (rule.from !== from || seen.has(rule.to)) continue;
      const next = [...events, rule.event];
      if (rule.to === target) return next;
      seen.add(rule.to);
      queue.push([rule.to, next]);
    }
  }
  throw new Error(`${target} is unreachable`);
}

export interface WalkedCase {
  id: string;
  version: number;
  status: AccessApplicationStatus;
  owner: FreshEnterprise;
  /** username of the officer who made the last decision, if any */
  lastDecider: string | null;
}

/** Officers of 天河 and 广东 who perform the table's bureau events in the walks. */
export const LOCAL_OFFICERS = ['th.officer1', 'th.officer2'] as const;
export const PROVINCIAL_OFFICER = 'gd.confirmer';

/** A fresh enterprise's application walked through the API to `target` (four-eyes respected). */
export async function caseIn(
  server: TestServer,
  target: AccessApplicationStatus,
  owner?: FreshEnterprise,
): Promise<WalkedCase> {
  const enterprise = owner ?? (await createEnterprise(server));
  const materialIds = await uploadRequired(server, enterprise.token);
  const draft = await saveDraft(server, enterprise.token, { ...COMPLETE_DRAFT, materialIds });
  expect(draft.__typename, JSON.stringify(draft)).toBe('AccessApplicationSuccess');
  let current = draft.accessApplication;
  let lastDecider: string | null = null;
  for (const event of pathTo(target).slice(1) as CaseEvent[]) {
    const { performer } = ruleShape(event);
    let actor: string | null = null;
    if (performer === 'LOCAL_OFFICER')
      actor = lastDecider === LOCAL_OFFICERS[0] ? LOCAL_OFFICERS[1] : LOCAL_OFFICERS[0];
    if (performer === 'PROVINCIAL_OFFICER') actor = PROVINCIAL_OFFICER;
    const token = actor ? await server.signIn(actor) : enterprise.token;
    const result = await transition(server, token, event, current.id, current.version);
    expect(result.__typename, `${event}: ${JSON.stringify(result)}`).toBe('AccessApplicationSuccess');
    current = result.accessApplication;
    if (actor) lastDecider = actor;
  }
  expect(current.status).toBe(target);
  return { id: current.id, version: current.version, status: current.status, owner: enterprise, lastDecider };
}
