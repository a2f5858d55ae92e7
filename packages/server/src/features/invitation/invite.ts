// 邀请使用单位: one pipeline for the web form, the Excel import and the API (DESIGN §3.2). Whole-call checks,
// then every row validated against facts read once per call; the valid rows become invitations a chunk per
// transaction. Each row stays all or nothing: a chunk that cannot be written whole (a use unit invited by another
// DCU a moment ago …) is rolled back and its rows are retried one transaction each, so only that row fails.
import { createHash } from 'node:crypto';
import {
  DCU_STATUS_LABELS,
  type DcuStatus,
  domainError,
  err,
  evaluateUseUnitEligibility,
  INVITE_API_MAX_ROWS,
  INVITE_WEB_MAX_ROWS,
  type InvitationRowFailureCode,
  invitationRowFailureMessage,
  isProvincialCode,
  type Locale,
  type MessageParams,
  ok,
  parseRelationship,
  provinceCodeOf,
  type Relationship,
  type Result,
  relationshipProofRequired,
  validateAuthorityCode,
  validateUscc,
} from '@leqi/domain';
import type { Enterprise, Invitation } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { insertMany, insertManyReturning, newId } from '../../platform/db/bulk.ts';
import type { Tx } from '../../platform/db/database.ts';
import { TRANSACTION_OPTIONS } from '../../platform/db/transaction.ts';
import { appendCaseEvents, type StoredCaseEvent } from '../../platform/events/audit.ts';
import { stripControlCharacters } from '../../platform/text.ts';
import { subscribedCapabilityCodes } from '../capability/service.ts';
import { factsOf } from '../eligibility/service.ts';
import { CASE_KIND, isUniqueViolation, visibility } from './parties.ts';

export interface InvitationRowInput {
  uscc: string;
  name: string;
  provinceAuthorityCode: string;
  /** the enum name, the official code ('01', '1', …) or the Chinese label */
  relationship: string;
  capabilityCodes?: string[] | null;
}
export interface RowFailure {
  /** 1-based */
  row: number;
  uscc: string | null;
  code: string;
  message: string;
}
export interface InviteOptions {
  channel: 'WEB' | 'EXCEL' | 'API';
  proofMaterialIds?: string[];
  batchId?: string;
  onRowDone?: (row: number, ok: boolean) => void;
  /** awaited after each chunk of rows is finished (e.g. to yield to the event loop between chunks) */
  onChunkDone?: (rows: { row: number; ok: boolean; failure?: RowFailure }[]) => void | Promise<void>;
  /**
   * Awaited inside every transaction that writes invitations, with the rows it writes: the Excel import records
   * them there, so its record commits (or rolls back) together with them. Throwing rolls the transaction back.
   */
  inTransaction?: (tx: Tx, created: { row: number; invitation: Invitation }[]) => Promise<void>;
  /** API and web callers: the same key with the same body never invites twice */
  idempotencyKey?: string | null;
  /** language of the row failure messages (default zh-CN) */
  locale?: Locale;
}
export interface InviteOutcome {
  succeeded: Invitation[];
  failed: RowFailure[];
}

const MAX_NAME = 200;
/** Rows per transaction: one lock on the DCU, one insert of invitations, proof links and audit events each. */
export const INVITE_CHUNK_ROWS = 500;
const MAX_IDEMPOTENCY_KEY = 200;

/** The inviting enterprise: an operator or an API token of an ACTIVE DCU. */
async function invitingDcu(app: AppServices, viewer: Viewer): Promise<Result<Enterprise>> {
  const actor = viewer.actor;
  if (actor.role !== 'ENTERPRISE' && actor.role !== 'API_CLIENT') return err(domainError('FORBIDDEN'));
  const dcu = await app.db.enterprise.findUnique({ where: { id: actor.enterpriseId } });
  if (!dcu) return err(domainError('FORBIDDEN'));
  if (dcu.dcuStatus !== 'ACTIVE') {
    const label = DCU_STATUS_LABELS[dcu.dcuStatus as DcuStatus];
    return err(
      domainError('DCU_NOT_ACTIVE', {
        dcuStatus: dcu.dcuStatus,
        dcuStatusZh: label?.zh ?? dcu.dcuStatus,
        dcuStatusEn: label?.en ?? dcu.dcuStatus,
      }),
    );
  }
  return ok(dcu);
}

function rowLimit(viewer: Viewer, channel: InviteOptions['channel']): number | null {
  if (viewer.actor.role === 'API_CLIENT') return INVITE_API_MAX_ROWS;
  // an Excel file is bounded by the import itself (it processes rows in the background)
  return channel === 'EXCEL' ? null : INVITE_WEB_MAX_ROWS;
}

interface ValidRow {
  row: number;
  useUnit: Enterprise;
  name: string;
  provinceAuthorityCode: string;
  relationship: Relationship;
  capabilityCodes: string[];
}

type Checked = { ok: true; value: ValidRow } | { ok: false; failure: RowFailure };

/** Everything the row checks need, read once for the whole batch. */
interface BatchFacts {
  dcu: Enterprise;
  enterprises: Map<string, Enterprise>;
  provincial: Set<string>;
  /** use units with an ACTIVE binding */
  bound: Set<string>;
  live: Set<string>;
  subscribed: Set<string>;
  proofGiven: boolean;
}

async function batchFacts(
  app: AppServices,
  dcu: Enterprise,
  usccs: string[],
  proofGiven: boolean,
): Promise<BatchFacts> {
  const db = app.db;
  const [enterprises, authorities, live, subscribed] = await Promise.all([
    db.enterprise.findMany({ where: { uscc: { in: usccs } } }),
    db.taxAuthority.findMany({ where: { level: 'PROVINCIAL' }, select: { code: true } }),
    db.invitation.findMany({ where: { liveKey: { in: usccs } }, select: { liveKey: true } }),
    subscribedCapabilityCodes(db, dcu.id),
  ]);
  const bindings = await db.binding.findMany({
    where: { status: 'ACTIVE', useUnitEnterpriseId: { in: enterprises.map((e) => e.id) } },
    select: { useUnitEnterpriseId: true },
  });
  return {
    dcu,
    enterprises: new Map(enterprises.map((e) => [e.uscc, e])),
    provincial: new Set(authorities.map((a) => a.code)),
    bound: new Set(bindings.map((b) => b.useUnitEnterpriseId)),
    live: new Set(live.map((l) => l.liveKey as string)),
    subscribed: new Set(subscribed),
    proofGiven,
  };
}

/** Names compare after NFKC (full-width brackets and letters) with white space removed. */
function sameName(a: string, b: string): boolean {
  const canonical = (value: string) => value.normalize('NFKC').replace(/\s+/gu, '');
  return canonical(a) === canonical(b);
}

function clean(value: string | null | undefined): string {
  return stripControlCharacters(value ?? '').trim();
}

function checkRow(
  input: InvitationRowInput,
  row: number,
  facts: BatchFacts,
  seen: Map<string, number>,
  locale: Locale,
): Checked {
  const fail = (code: InvitationRowFailureCode, uscc: string | null, params: MessageParams = {}): Checked => ({
    ok: false,
    failure: { row, uscc, code, message: invitationRowFailureMessage(code, params, locale) },
  });
  const rawUscc = clean(input.uscc);
  if (!rawUscc) return fail('REQUIRED', null, { field: 'uscc' });
  const uscc = validateUscc(rawUscc);
  if (!uscc.ok) return fail('INVALID_USCC', rawUscc.slice(0, 40), uscc.error.params ?? {});
  const code = uscc.value;
  const name = clean(input.name).slice(0, MAX_NAME + 1);
  if (!name) return fail('REQUIRED', code, { field: 'name' });
  const relationshipText = clean(input.relationship);
  if (!relationshipText) return fail('REQUIRED', code, { field: 'relationship' });
  const relationship = parseRelationship(relationshipText);
  if (!relationship.ok) return fail('INVALID_RELATIONSHIP', code, { value: relationshipText.slice(0, 40) });
  const authorityText = clean(input.provinceAuthorityCode);
  if (!authorityText) return fail('REQUIRED', code, { field: 'provinceAuthorityCode' });
  const authority = validateAuthorityCode(authorityText);
  if (!authority.ok || !isProvincialCode(authority.value) || !facts.provincial.has(authority.value))
    return fail('INVALID_AUTHORITY_CODE', code, { value: authorityText.slice(0, 40) });
  const firstRow = seen.get(code);
  if (firstRow !== undefined) return fail('DUPLICATE_IN_BATCH', code, { firstRow });
  seen.set(code, row);
  const useUnit = facts.enterprises.get(code);
  if (!useUnit) return fail('UNKNOWN_ENTERPRISE', code, { uscc: code });
  // the row failures name nothing the inviter did not type: not the registered name, not which eligibility
  // condition fails, not the DCU a unit is bound to (taxpayer confidentiality, DESIGN §4)
  if (!sameName(name, useUnit.name)) return fail('NAME_MISMATCH', code);
  if (useUnit.id === facts.dcu.id) return fail('SELF_INVITATION', code);
  if (!evaluateUseUnitEligibility(factsOf(useUnit)).passed) return fail('NOT_ELIGIBLE', code);
  const expectedProvince = provinceCodeOf(useUnit.competentAuthorityCode);
  if (authority.value !== expectedProvince) return fail('AUTHORITY_MISMATCH', code, { expected: expectedProvince });
  if (facts.bound.has(useUnit.id)) return fail('ALREADY_BOUND', code);
  if (facts.live.has(code)) return fail('DUPLICATE', code);
  const capabilityCodes = [...new Set((input.capabilityCodes ?? []).map((c) => clean(c)).filter(Boolean))];
  const unsubscribed = capabilityCodes.filter((c) => !facts.subscribed.has(c));
  if (unsubscribed.length > 0)
    return fail('CAPABILITY_NOT_SUBSCRIBED', code, { codes: unsubscribed.slice(0, 10).join(', ') });
  if (!facts.proofGiven && relationshipProofRequired(relationship.value, useUnit.regulatedSector))
    return fail('PROOF_REQUIRED', code);
  return {
    ok: true,
    value: {
      row,
      useUnit,
      name: useUnit.name,
      provinceAuthorityCode: authority.value,
      relationship: relationship.value,
      capabilityCodes,
    },
  };
}

class DcuNoLongerActive extends Error {}

const INVITATION_COLUMNS = {
  id: 'text',
  dcuEnterpriseId: 'text',
  useUnitEnterpriseId: 'text',
  useUnitUscc: 'text',
  useUnitName: 'text',
  provinceAuthorityCode: 'text',
  relationship: 'text',
  capabilityCodes: 'text[]',
  channel: 'text',
  batchId: 'text',
  status: 'text',
  liveKey: 'text',
  createdById: 'text',
  stepEnteredAt: 'timestamp(3)',
  createdAt: 'timestamp(3)',
  updatedAt: 'timestamp(3)',
} as const;
const CASE_MATERIAL_COLUMNS = {
  id: 'text',
  caseKind: 'text',
  caseId: 'text',
  materialId: 'text',
  kind: 'text',
  createdAt: 'timestamp(3)',
} as const;

function invitationData(viewer: Viewer, dcu: Enterprise, valid: ValidRow, options: InviteOptions) {
  return {
    dcuEnterpriseId: dcu.id,
    useUnitEnterpriseId: valid.useUnit.id,
    useUnitUscc: valid.useUnit.uscc,
    useUnitName: valid.name,
    provinceAuthorityCode: valid.provinceAuthorityCode,
    relationship: valid.relationship,
    capabilityCodes: valid.capabilityCodes,
    channel: options.channel,
    batchId: options.batchId ?? null,
    status: 'PENDING_RESPONSE',
    liveKey: valid.useUnit.uscc,
    createdById: viewer.userId,
  };
}

function inviteEvent(viewer: Viewer, created: Invitation, valid: ValidRow, options: InviteOptions) {
  return {
    ...visibility(created, valid.useUnit.competentAuthorityCode),
    event: 'invite',
    fromStatus: null,
    toStatus: 'PENDING_RESPONSE',
    actorUserId: viewer.userId,
    actorName: viewer.displayName,
    actorRole: viewer.actor.role,
    payload: { channel: options.channel, ...(options.batchId ? { batchId: options.batchId } : {}) },
  };
}

/** Shares the DCU row with other invitations but waits for (and sees) a concurrent exit submission. */
async function lockActiveDcu(tx: Tx, dcuId: string): Promise<void> {
  const [current] = await tx.$queryRaw<{ dcuStatus: string }[]>`
    SELECT "dcuStatus" FROM "Enterprise" WHERE id = ${dcuId} FOR SHARE`;
  if (current?.dcuStatus !== 'ACTIVE') throw new DcuNoLongerActive();
}

/**
 * Creates the chunk's invitations with their proof and their audit events in one transaction; all or nothing.
 * Returns them in the order of `valid`; the events are published after commit.
 */
async function createInvitations(
  app: AppServices,
  viewer: Viewer,
  dcu: Enterprise,
  valid: ValidRow[],
  options: InviteOptions,
  proofMaterials: { id: string; kind: string }[],
): Promise<Invitation[]> {
  let events: StoredCaseEvent[] = [];
  const invitations = await app.db.$transaction(async (tx) => {
    await lockActiveDcu(tx, dcu.id);
    const now = new Date();
    const created =
      valid.length === 1
        ? [await tx.invitation.create({ data: invitationData(viewer, dcu, valid[0] as ValidRow, options) })]
        : await insertManyReturning<Invitation>(
            tx,
            'Invitation',
            INVITATION_COLUMNS,
            valid.map((row) => ({
              ...invitationData(viewer, dcu, row, options),
              id: newId(),
              stepEnteredAt: now,
              createdAt: now,
              updatedAt: now,
            })),
            ['*'],
          );
    await insertMany(
      tx,
      'CaseMaterial',
      CASE_MATERIAL_COLUMNS,
      created.flatMap((invitation) =>
        proofMaterials.map((material) => ({
          id: newId(),
          caseKind: CASE_KIND,
          caseId: invitation.id,
          materialId: material.id,
          kind: material.kind,
          createdAt: now,
        })),
      ),
    );
    events = await appendCaseEvents(
      tx,
      created.map((invitation, index) => inviteEvent(viewer, invitation, valid[index] as ValidRow, options)),
    );
    await options.inTransaction?.(
      tx,
      created.map((invitation, index) => ({ row: (valid[index] as ValidRow).row, invitation })),
    );
    return created;
  }, TRANSACTION_OPTIONS);
  app.bus.publish([...events].sort((a, b) => (a.id < b.id ? -1 : 1)));
  return invitations;
}

type RowVerdict = { row: number; invitation: Invitation } | { row: number; failure: RowFailure };

function rowFailure(row: number, uscc: string, code: 'DCU_NOT_ACTIVE' | 'DUPLICATE', locale: Locale): RowVerdict {
  return { row, failure: { row, uscc, code, message: invitationRowFailureMessage(code, {}, locale) } };
}

/** One row in its own transaction: the fallback of a chunk that could not be written whole. */
async function createOne(
  app: AppServices,
  viewer: Viewer,
  dcu: Enterprise,
  valid: ValidRow,
  options: InviteOptions,
  proof: { id: string; kind: string }[],
  locale: Locale,
): Promise<RowVerdict> {
  try {
    const [invitation] = await createInvitations(app, viewer, dcu, [valid], options, proof);
    return { row: valid.row, invitation: invitation as Invitation };
  } catch (error) {
    if (error instanceof DcuNoLongerActive) return rowFailure(valid.row, valid.useUnit.uscc, 'DCU_NOT_ACTIVE', locale);
    // another DCU invited the same use unit a moment ago: its live invitation wins
    if (!isUniqueViolation(error)) throw error;
    return rowFailure(valid.row, valid.useUnit.uscc, 'DUPLICATE', locale);
  }
}

/** The chunk in one transaction; if that fails, row by row so that one bad row fails only itself. */
async function createChunk(
  app: AppServices,
  viewer: Viewer,
  dcu: Enterprise,
  valid: ValidRow[],
  options: InviteOptions,
  proof: { id: string; kind: string }[],
  locale: Locale,
): Promise<RowVerdict[]> {
  if (valid.length > 1) {
    try {
      const invitations = await createInvitations(app, viewer, dcu, valid, options, proof);
      return invitations.map((invitation, index) => ({ row: (valid[index] as ValidRow).row, invitation }));
    } catch (error) {
      if (error instanceof DcuNoLongerActive)
        return valid.map((row) => rowFailure(row.row, row.useUnit.uscc, 'DCU_NOT_ACTIVE', locale));
      // anything else (a concurrent invitation of one of the use units …): each row on its own
    }
  }
  const verdicts: RowVerdict[] = [];
  for (const row of valid) verdicts.push(await createOne(app, viewer, dcu, row, options, proof, locale));
  return verdicts;
}

function requestHash(rows: InvitationRowInput[], proofMaterialIds: string[]): string {
  const canonical = JSON.stringify({
    rows: rows.map((row) => [
      row.uscc,
      row.name,
      row.provinceAuthorityCode,
      row.relationship,
      row.capabilityCodes ?? [],
    ]),
    proof: [...proofMaterialIds].sort(),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

interface StoredResponse {
  state: 'PENDING' | 'DONE';
  succeeded?: string[];
  failed?: RowFailure[];
}

/** Claims the key for this body; a replay of a finished call returns its stored outcome. */
async function claimIdempotencyKey(
  app: AppServices,
  scope: string,
  key: string,
  hash: string,
): Promise<Result<{ replay: InviteOutcome | null; recordId: string | null }>> {
  try {
    const record = await app.db.idempotencyRecord.create({
      data: { scope, key, requestHash: hash, response: { state: 'PENDING' } },
    });
    return ok({ replay: null, recordId: record.id });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const existing = await app.db.idempotencyRecord.findUnique({ where: { scope_key: { scope, key } } });
  if (!existing) return err(domainError('DUPLICATE', { entity: 'idempotencyKey' }));
  const stored = existing.response as unknown as StoredResponse;
  if (existing.requestHash !== hash || stored.state !== 'DONE')
    return err(domainError('DUPLICATE', { entity: 'idempotencyKey' }));
  const ids = stored.succeeded ?? [];
  const invitations = await app.db.invitation.findMany({ where: { id: { in: ids } } });
  const byId = new Map(invitations.map((invitation) => [invitation.id, invitation]));
  return ok({
    replay: {
      succeeded: ids.map((id) => byId.get(id)).filter((row): row is Invitation => Boolean(row)),
      failed: stored.failed ?? [],
    },
    recordId: null,
  });
}

/** The batch's proof: materials of the inviting enterprise. */
async function proofMaterialsOf(
  app: AppServices,
  dcuId: string,
  ids: string[],
): Promise<Result<{ id: string; kind: string }[]>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return ok([]);
  const materials = await app.db.material.findMany({
    where: { id: { in: unique }, enterpriseId: dcuId },
    select: { id: true, kind: true },
  });
  const missing = unique.filter((id) => !materials.some((material) => material.id === id));
  if (missing.length > 0) {
    return err(
      domainError(
        'VALIDATION_FAILED',
        {},
        missing.map((id) => ({ field: `proofMaterialIds.${unique.indexOf(id)}`, code: 'NOT_FOUND' })),
      ),
    );
  }
  return ok(materials);
}

export async function inviteUseUnits(
  app: AppServices,
  viewer: Viewer,
  rows: InvitationRowInput[],
  options: InviteOptions,
): Promise<Result<InviteOutcome>> {
  const locale = options.locale ?? 'zh-CN';
  const dcu = await invitingDcu(app, viewer);
  if (!dcu.ok) return dcu;
  if (rows.length === 0) return err(domainError('VALIDATION_FAILED', {}, [{ field: 'invitations', code: 'REQUIRED' }]));
  const limit = rowLimit(viewer, options.channel);
  if (limit !== null && rows.length > limit)
    return err(domainError('LIMIT_EXCEEDED', { max: limit, actual: rows.length }));
  const proof = await proofMaterialsOf(app, dcu.value.id, options.proofMaterialIds ?? []);
  if (!proof.ok) return proof;

  const key = options.idempotencyKey?.trim();
  let recordId: string | null = null;
  if (key) {
    if (key.length > MAX_IDEMPOTENCY_KEY) {
      return err(
        domainError('VALIDATION_FAILED', {}, [
          { field: 'idempotencyKey', code: 'TOO_LONG', params: { max: MAX_IDEMPOTENCY_KEY } },
        ]),
      );
    }
    const claim = await claimIdempotencyKey(app, dcu.value.id, key, requestHash(rows, options.proofMaterialIds ?? []));
    if (!claim.ok) return claim;
    if (claim.value.replay) return ok(claim.value.replay);
    recordId = claim.value.recordId;
  }
  try {
    const outcome = await inviteRows(app, viewer, dcu.value, rows, options, proof.value, locale);
    if (recordId) {
      const response: StoredResponse = {
        state: 'DONE',
        succeeded: outcome.succeeded.map((row) => row.id),
        failed: outcome.failed,
      };
      await app.db.idempotencyRecord.update({ where: { id: recordId }, data: { response: response as object } });
    }
    return ok(outcome);
  } catch (error) {
    // a crashed call frees its key so the client may retry
    if (recordId) await app.db.idempotencyRecord.delete({ where: { id: recordId } }).catch(() => undefined);
    throw error;
  }
}

async function inviteRows(
  app: AppServices,
  viewer: Viewer,
  dcu: Enterprise,
  rows: InvitationRowInput[],
  options: InviteOptions,
  proof: { id: string; kind: string }[],
  locale: Locale,
): Promise<InviteOutcome> {
  const usccs = [
    ...new Set(rows.map((row) => validateUscc(clean(row.uscc))).flatMap((result) => (result.ok ? [result.value] : []))),
  ];
  const facts = await batchFacts(app, dcu, usccs, proof.length > 0);
  const seen = new Map<string, number>();
  const succeeded: Invitation[] = [];
  const failed: RowFailure[] = [];
  for (let start = 0; start < rows.length; start += INVITE_CHUNK_ROWS) {
    const verdicts = new Map<number, RowVerdict>();
    const valid: ValidRow[] = [];
    for (const [offset, input] of rows.slice(start, start + INVITE_CHUNK_ROWS).entries()) {
      const row = start + offset + 1;
      const checked = checkRow(input, row, facts, seen, locale);
      if (checked.ok) valid.push(checked.value);
      else verdicts.set(row, { row, failure: checked.failure });
    }
    for (const verdict of await createChunk(app, viewer, dcu, valid, options, proof, locale))
      verdicts.set(verdict.row, verdict);
    const done = [...verdicts.values()].sort((a, b) => a.row - b.row);
    for (const verdict of done) {
      if ('invitation' in verdict) succeeded.push(verdict.invitation);
      else failed.push(verdict.failure);
      options.onRowDone?.(verdict.row, 'invitation' in verdict);
    }
    await options.onChunkDone?.(
      done.map((verdict) =>
        'invitation' in verdict
          ? { row: verdict.row, ok: true }
          : { row: verdict.row, ok: false, failure: verdict.failure },
      ),
    );
  }
  return { succeeded, failed };
}
