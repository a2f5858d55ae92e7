// Test-only helpers of the use-unit suites: fresh DCUs and use units, proof uploads, invitations over HTTP,
// and invitations walked through the API to any status of the domain table.
import {
  type IdentityType,
  type InvitationEvent,
  type InvitationStatus,
  invitationWorkflow,
  makeUscc,
  type Performer,
  provinceCodeOf,
} from '@leqi/domain';
import { expect } from 'vitest';
import { demoPasswordHash } from './demo-password.ts';
import { TIANHE, upload } from './fixtures.ts';
import type { TestServer } from './harness.ts';

export const GUANGDONG = '14400000000';
export const HAIZHU = '14401050000';

export const INVITATION_FIELDS = `id version status statusLabel officialStatusCode lastReason useUnitUscc useUnitName
  relationship relationshipCode capabilityCodes channel
  enterprise { uscc } directUnit { uscc } useUnitAuthority { code }
  availableActions { event needsReason } blockedReason
  binding { id status authorisations { capabilityCode status validTo holder { uscc } } }`;
export const INVITATION_PAYLOAD = `__typename
  ... on InvitationSuccess { invitation { ${INVITATION_FIELDS} } }
  ... on Error { code message }
  ... on ValidationError { issues { field code } }
  ... on StaleVersionError { currentVersion }`;
export const INVITE_PAYLOAD = `__typename
  ... on InviteUseUnitsSuccess { succeeded { id status useUnitUscc channel capabilityCodes } failed { row uscc code message } }
  ... on Error { code message }
  ... on ValidationError { issues { field code } }`;

let serial = 0;
const RUN = String(Math.floor(Math.random() * 9000 + 1000));

export interface Party {
  id: string;
  uscc: string;
  name: string;
  username: string;
  token: string;
  authority: string;
}

interface PartyOptions {
  authority?: string;
  credit?: string;
  inPilot?: boolean;
  majorViolation?: boolean;
  regulatedSector?: boolean;
  dcuStatus?: string;
  subscribed?: string[];
  /** the operator's identity; a tax clerk by default */
  identityType?: IdentityType;
}

/** A fresh enterprise with one signed-in operator; a DCU when `dcuStatus` is ACTIVE (the default for DCUs). */
async function party(server: TestServer, role: 'DCU' | 'UU', options: PartyOptions = {}): Promise<Party> {
  serial += 1;
  const n = serial;
  const uscc = makeUscc(`91440100U${role === 'DCU' ? 'D' : 'U'}${RUN}${String(n).padStart(3, '0')}`);
  const name = `${role === 'DCU' ? '直连' : '使用'}测试${RUN}-${n}有限公司`;
  const authority = options.authority ?? TIANHE;
  const db = server.running.app.db;
  const enterprise = await db.enterprise.create({
    data: {
      uscc,
      name,
      competentAuthorityCode: authority,
      creditRating: options.credit ?? 'A',
      inPilot: options.inPilot ?? true,
      majorViolation: options.majorViolation ?? false,
      regulatedSector: options.regulatedSector ?? false,
      priorYearRevenue: 450_000_000,
      invoiceCount12m: 80_000,
      invoiceAmount12m: 700_000_000,
      dcuStatus: options.dcuStatus ?? (role === 'DCU' ? 'ACTIVE' : 'NOT_CONNECTED'),
    },
  });
  if (role === 'DCU' && (options.subscribed ?? ['202007', '203059']).length > 0) {
    await db.capabilitySubscription.create({
      data: {
        dcuEnterpriseId: enterprise.id,
        capabilityCodes: options.subscribed ?? ['202007', '203059'],
        validUntil: new Date('2030-01-01'),
        businessSystemName: '测试系统',
        businessScope: '测试',
        status: 'APPROVED',
        competentAuthorityCode: authority,
      },
    });
  }
  const username = `u${RUN}.${role.toLowerCase()}${n}`;
  await db.user.create({
    data: {
      username,
      passwordHash: await demoPasswordHash(),
      displayName: `${name} · ${username}`,
      role: 'ENTERPRISE',
      identityType: options.identityType ?? 'TAX_CLERK',
      enterpriseId: enterprise.id,
    },
  });
  return { id: enterprise.id, uscc, name, username, token: await server.signIn(username), authority };
}

export const createDcu = (server: TestServer, options?: PartyOptions) => party(server, 'DCU', options);
export const createUseUnit = (server: TestServer, options?: PartyOptions) => party(server, 'UU', options);

export async function uploadProof(server: TestServer, token: string): Promise<string> {
  const result = await upload(server, token, 'RELATIONSHIP_PROOF');
  expect(result.__typename, JSON.stringify(result)).toBe('UploadMaterialSuccess');
  return result.material.id;
}

export function rowFor(useUnit: Party, overrides: Record<string, unknown> = {}) {
  return {
    uscc: useUnit.uscc,
    name: useUnit.name,
    provinceAuthorityCode: provinceCodeOf(useUnit.authority),
    relationship: 'PARENT_SUBSIDIARY',
    capabilityCodes: ['202007'],
    ...overrides,
  };
}

export async function invite(
  server: TestServer,
  token: string,
  rows: Record<string, unknown>[],
  extra: { proofMaterialIds?: string[]; idempotencyKey?: string } = {},
  headers?: Record<string, string>,
) {
  const result = await server.gql(
    `mutation($input: InviteUseUnitsInput!) { inviteUseUnits(input: $input) { ${INVITE_PAYLOAD} } }`,
    { input: { invitations: rows, ...extra } },
    token,
    headers,
  );
  if (!result.data) throw new Error(`inviteUseUnits failed: ${JSON.stringify(result)}`);
  return result.data.inviteUseUnits;
}

/** The mutation of each transition a client can fire (cancel is the system's, unbinding has its own mutations). */
export const MUTATION_OF = {
  respond: 'respondToInvitation',
  decline: 'declineInvitation',
  accept: 'acceptInvitation',
  refuse: 'refuseInvitation',
  confirm: 'confirmInvitation',
  rejectConfirmation: 'rejectInvitationConfirmation',
} as const;
export type ClientEvent = keyof typeof MUTATION_OF;
export const CLIENT_EVENTS = Object.keys(MUTATION_OF) as ClientEvent[];

export function performerOfEvent(event: InvitationEvent): Performer {
  const rule = invitationWorkflow.transitions.find((candidate) => candidate.event === event);
  if (!rule) throw new Error(`no rule for ${event}`);
  return rule.performer;
}

const INPUT_TYPE: Record<ClientEvent, string> = {
  respond: 'RespondToInvitationInput',
  decline: 'DeclineInvitationInput',
  accept: 'CaseVersionInput',
  refuse: 'CaseDecisionWithReasonInput',
  confirm: 'CaseVersionInput',
  rejectConfirmation: 'CaseDecisionWithReasonInput',
};

export async function fire(
  server: TestServer,
  token: string | undefined,
  event: ClientEvent,
  id: string,
  expectedVersion: number,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
) {
  const input: Record<string, unknown> = { id, expectedVersion };
  // the registered competent authority decides: a client names none (competentAuthorityCode is deprecated)
  if (event === 'respond') Object.assign(input, { relationship: 'PARENT_SUBSIDIARY' });
  if (event === 'refuse' || event === 'rejectConfirmation') input.reason = `${event} 的原因`;
  Object.assign(input, extra);
  const mutation = MUTATION_OF[event];
  const result = await server.gql(
    `mutation($input: ${INPUT_TYPE[event]}!) { ${mutation}(input: $input) { ${INVITATION_PAYLOAD} } }`,
    { input },
    token,
    headers,
  );
  if (!result.data) throw new Error(`${mutation} failed: ${JSON.stringify(result)}`);
  return result.data[mutation];
}

export async function readInvitation(server: TestServer, token: string, id: string) {
  const result = await server.gql(
    `query($id: ID!) { invitation(id: $id) { ${INVITATION_FIELDS} auditTrail { event actorName reason } } }`,
    { id },
    token,
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data?.invitation ?? null;
}

/** Shortest path of client events from PENDING_RESPONSE to `target`. */
export function pathTo(target: InvitationStatus): ClientEvent[] {
  const queue: [InvitationStatus, ClientEvent[]][] = [['PENDING_RESPONSE', []]];
  const seen = new Set<InvitationStatus>(['PENDING_RESPONSE']);
  if (target === 'PENDING_RESPONSE') return [];
  while (queue.length > 0) {
    const [from, events] = queue.shift() as [InvitationStatus, ClientEvent[]];
    for (const rule of invitationWorkflow.transitions) {
      if (rule.from !== from || !(rule.event in MUTATION_OF) || seen.has(rule.to)) continue;
      const next = [...events, rule.event as ClientEvent];
      if (rule.to === target) return next;
      seen.add(rule.to);
      queue.push([rule.to, next]);
    }
  }
  throw new Error(`${target} is not reachable by client events`);
}

export const OFFICERS = ['th.officer1', 'th.officer2'] as const;

export interface WalkedInvitation {
  id: string;
  version: number;
  status: InvitationStatus;
  dcu: Party;
  useUnit: Party;
  lastDecider: string | null;
}

/** A fresh DCU's invitation of a fresh 天河 use unit, walked through the API to `target` (four-eyes respected). */
export async function invitationIn(
  server: TestServer,
  target: InvitationStatus,
  parties: { dcu?: Party; useUnit?: Party } = {},
): Promise<WalkedInvitation> {
  const dcu = parties.dcu ?? (await createDcu(server));
  const useUnit = parties.useUnit ?? (await createUseUnit(server));
  const proof = await uploadProof(server, dcu.token);
  const invited = await invite(server, dcu.token, [rowFor(useUnit)], { proofMaterialIds: [proof] });
  expect(invited.failed, JSON.stringify(invited)).toEqual([]);
  let current = { id: invited.succeeded[0].id as string, version: 0, status: 'PENDING_RESPONSE' };
  let lastDecider: string | null = null;
  for (const event of pathTo(target)) {
    let token = useUnit.token;
    let officer: string | null = null;
    if (performerOfEvent(event) === 'LOCAL_OFFICER') {
      officer = lastDecider === OFFICERS[0] ? OFFICERS[1] : OFFICERS[0];
      token = await server.signIn(officer);
    }
    const result = await fire(server, token, event, current.id, current.version);
    expect(result.__typename, `${event}: ${JSON.stringify(result)}`).toBe('InvitationSuccess');
    current = result.invitation;
    if (officer) lastDecider = officer;
  }
  expect(current.status).toBe(target);
  return { id: current.id, version: current.version, status: target, dcu, useUnit, lastDecider };
}

export async function createToken(server: TestServer, token: string, name = '财务系统', expiresInDays?: number) {
  const result = await server.gql(
    `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { __typename
      ... on CreateApiTokenSuccess { token apiToken { id name prefix createdAt expiresAt lastUsedAt revokedAt } }
      ... on Error { code message } } }`,
    { input: { name, ...(expiresInDays ? { expiresInDays } : {}) } },
    token,
  );
  if (!result.data) throw new Error(`createApiToken failed: ${JSON.stringify(result)}`);
  return result.data.createApiToken;
}
