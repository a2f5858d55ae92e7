// 邀请使用单位: one pipeline for the web form, the Excel import and the API (DESIGN §3.2). Whole-call checks,
// then every row validated against the registry; each valid row becomes an invitation in its own transaction.
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
import { TRANSACTION_OPTIONS } from '../../platform/cases/transition.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { appendCaseEvent } from '../../platform/events/audit.ts';
import { stripControlCharacters } from '../../platform/text.ts';
import { subscribedCapabilityCodes } from '../capability/service.ts';
import { factsOf } from '../eligibility/service.ts';
import { CASE_KIND, isUniqueViolation, visibility } from './case.ts';

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
  boundTo: Map<string, string>;
  live: Set<string>;
  subscribed: Set<string>;
  dcuNames: Map<string, string>;
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
    include: { dcu: { select: { name: true } } },
  });
  return {
    dcu,
    enterprises: new Map(enterprises.map((e) => [e.uscc, e])),
    provincial: new Set(authorities.map((a) => a.code)),
    boundTo: new Map(bindings.map((b) => [b.useUnitEnterpriseId, b.dcuEnterpriseId])),
    dcuNames: new Map(bindings.map((b) => [b.dcuEnterpriseId, b.dcu.name])),
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
  if (!sameName(name, useUnit.name)) return fail('NAME_MISMATCH', code, { registeredName: useUnit.name });
  if (useUnit.id === facts.dcu.id) return fail('SELF_INVITATION', code);
  const eligibility = evaluateUseUnitEligibility(factsOf(useUnit));
  if (!eligibility.passed) {
    const failed = eligibility.checks.filter((check) => !check.passed);
    return fail('NOT_ELIGIBLE', code, {
      reasonsZh: failed.map((check) => check.messageZh).join('；'),
      reasonsEn: failed.map((check) => check.messageEn).join('; '),
    });
  }
  const expectedProvince = provinceCodeOf(useUnit.competentAuthorityCode);
  if (authority.value !== expectedProvince) return fail('AUTHORITY_MISMATCH', code, { expected: expectedProvince });
  const boundDcu = facts.boundTo.get(useUnit.id);
  if (boundDcu) return fail('ALREADY_BOUND', code, { dcuName: facts.dcuNames.get(boundDcu) ?? '' });
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

/** Creates one invitation with its proof and its audit event; all or nothing. */
async function createInvitation(
  app: AppServices,
  viewer: Viewer,
  dcu: Enterprise,
  valid: ValidRow,
  options: InviteOptions,
  proofMaterials: { id: string; kind: string }[],
): Promise<Invitation> {
  let event: Awaited<ReturnType<typeof appendCaseEvent>> | null = null;
  const invitation = await app.db.$transaction(async (tx) => {
    // shares the DCU row with other invitations but waits for (and sees) a concurrent exit submission
    const [current] = await tx.$queryRaw<{ dcuStatus: string }[]>`
      SELECT "dcuStatus" FROM "Enterprise" WHERE id = ${dcu.id} FOR SHARE`;
    if (current?.dcuStatus !== 'ACTIVE') throw new DcuNoLongerActive();
    const created = await tx.invitation.create({
      data: {
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
      },
    });
    if (proofMaterials.length > 0) {
      await tx.caseMaterial.createMany({
        data: proofMaterials.map((material) => ({
          caseKind: CASE_KIND,
          caseId: created.id,
          materialId: material.id,
          kind: material.kind,
        })),
      });
    }
    event = await appendCaseEvent(tx, {
      ...visibility(created, valid.useUnit.competentAuthorityCode),
      event: 'invite',
      fromStatus: null,
      toStatus: 'PENDING_RESPONSE',
      actorUserId: viewer.userId,
      actorName: viewer.displayName,
      actorRole: viewer.actor.role,
      payload: { channel: options.channel, ...(options.batchId ? { batchId: options.batchId } : {}) },
    });
    return created;
  }, TRANSACTION_OPTIONS);
  if (event) app.bus.publish([event]);
  return invitation;
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
  for (const [index, input] of rows.entries()) {
    const row = index + 1;
    const checked = checkRow(input, row, facts, seen, locale);
    if (!checked.ok) {
      failed.push(checked.failure);
      options.onRowDone?.(row, false);
      continue;
    }
    try {
      succeeded.push(await createInvitation(app, viewer, dcu, checked.value, options, proof));
      options.onRowDone?.(row, true);
    } catch (error) {
      if (error instanceof DcuNoLongerActive) {
        const message = invitationRowFailureMessage('DCU_NOT_ACTIVE', {}, locale);
        failed.push({ row, uscc: checked.value.useUnit.uscc, code: 'DCU_NOT_ACTIVE', message });
        options.onRowDone?.(row, false);
        continue;
      }
      // another DCU invited the same use unit a moment ago: its live invitation wins
      if (!isUniqueViolation(error)) throw error;
      const uscc = checked.value.useUnit.uscc;
      failed.push({ row, uscc, code: 'DUPLICATE', message: invitationRowFailureMessage('DUPLICATE', {}, locale) });
      options.onRowDone?.(row, false);
    }
  }
  return { succeeded, failed };
}
