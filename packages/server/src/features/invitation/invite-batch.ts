// An invitation batch: its rows and options, the facts read once per batch, and each row's checks.
import {
  evaluateUseUnitEligibility,
  type InvitationRowFailureCode,
  invitationRowFailureMessage,
  isProvincialCode,
  type Locale,
  type MessageParams,
  parseRelationship,
  provinceCodeOf,
  type Relationship,
  relationshipProofRequired,
  validateAuthorityCode,
  validateUscc,
} from '@leqi/domain';
import { type Enterprise, type Invitation, Prisma } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { type Sql, sqlTransaction } from '../../platform/db/driver.ts';
import { stripControlCharacters } from '../../platform/text.ts';
import { subscribedCapabilityCodes } from '../capability/service.ts';
import { factsOf } from '../eligibility/service.ts';

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
  code: InvitationRowFailureCode;
  message: string;
}
export interface InviteOptions {
  channel: 'WEB' | 'EXCEL' | 'API';
  proofMaterialIds?: string[];
  batchId?: string;
  /** awaited after each chunk of rows is finished (e.g. to yield to the event loop between chunks) */
  onChunkDone?: (rows: RowVerdict[]) => void | Promise<void>;
  /**
   * Awaited inside every transaction that writes invitations, with the rows it writes: the Excel import records
   * them there, so its record commits (or rolls back) together with them. Throwing rolls the transaction back.
   */
  inTransaction?: (sql: Sql, created: { row: number; invitation: Invitation }[]) => Promise<void>;
  /** API and web callers: the same key with the same body never invites twice */
  idempotencyKey?: string | null;
  /** language of the row failure messages (default zh-CN) */
  locale?: Locale;
}
export type RowVerdict = { row: number; invitation: Invitation } | { row: number; failure: RowFailure };
export interface InviteOutcome {
  succeeded: Invitation[];
  failed: RowFailure[];
}

const MAX_NAME = 200;
export interface ValidRow {
  row: number;
  useUnit: Enterprise;
  name: string;
  provinceAuthorityCode: string;
  relationship: Relationship;
  capabilityCodes: string[];
}

type Checked = { ok: true; value: ValidRow } | { ok: false; failure: RowFailure };

/** One call's invitations in the making: who invites, how, with which proof, worded in which language. */
export interface InviteBatch {
  app: AppServices;
  viewer: Viewer;
  dcu: Enterprise;
  options: InviteOptions;
  /** the relationship proof of every row: materials of the inviting enterprise */
  proof: { id: string; kind: string }[];
  locale: Locale;
}

export function rowFailure(
  row: number,
  uscc: string | null,
  code: InvitationRowFailureCode,
  locale: Locale,
  params: MessageParams = {},
): RowFailure {
  return { row, uscc, code, message: invitationRowFailureMessage(code, params, locale) };
}

/** Everything the row checks need, read once for the whole batch. */
interface BatchFacts {
  dcu: Enterprise;
  enterprises: Map<string, Enterprise>;
  provincial: Set<string>;
  /** use units with an ACTIVE binding */
  bound: Set<string>;
  /** use unit USCC → the DCU whose invitation to it is in progress */
  live: Map<string, string>;
  subscribed: Set<string>;
  proofGiven: boolean;
}

export async function batchFacts(
  app: AppServices,
  dcu: Enterprise,
  usccs: string[],
  proofGiven: boolean,
): Promise<BatchFacts> {
  const db = app.db;
  // the rows' enterprises, their live invitations and active bindings: one statement per table on the database's
  // driver (Prisma's client spent ~90 ms per 1,000 rows on these alone)
  const [registry, authorities, subscribed] = await Promise.all([
    sqlTransaction(db, async (sql) => {
      const enterprises = await sql.query<Enterprise>(
        Prisma.sql`SELECT * FROM "Enterprise" WHERE "uscc" = ANY(${usccs}::text[])`,
      );
      const live = await sql.query<{ liveKey: string; dcuEnterpriseId: string }>(
        Prisma.sql`SELECT "liveKey", "dcuEnterpriseId" FROM "Invitation" WHERE "liveKey" = ANY(${usccs}::text[])`,
      );
      const bindings = await sql.query<{ useUnitEnterpriseId: string }>(Prisma.sql`
        SELECT "useUnitEnterpriseId" FROM "Binding"
        WHERE "status" = 'ACTIVE' AND "useUnitEnterpriseId" = ANY(${enterprises.map((e) => e.id)}::text[])`);
      return { enterprises, live, bindings };
    }),
    db.taxAuthority.findMany({ where: { level: 'PROVINCIAL' }, select: { code: true } }),
    subscribedCapabilityCodes(db, dcu.id),
  ]);
  const { enterprises, live, bindings } = registry;
  return {
    dcu,
    enterprises: new Map(enterprises.map((e) => [e.uscc, e])),
    provincial: new Set(authorities.map((a) => a.code)),
    bound: new Set(bindings.map((b) => b.useUnitEnterpriseId)),
    live: new Map(live.map((l) => [l.liveKey as string, l.dcuEnterpriseId])),
    subscribed: new Set(subscribed),
    proofGiven,
  };
}

/** Names compare after NFKC (full-width brackets and letters) with white space removed. */
function sameName(a: string, b: string): boolean {
  const canonical = (value: string) => value.normalize('NFKC').replace(/\s+/gu, '');
  return canonical(a) === canonical(b);
}

export function clean(value: string | null | undefined): string {
  return stripControlCharacters(value ?? '').trim();
}

export function checkRow(
  input: InvitationRowInput,
  row: number,
  facts: BatchFacts,
  seen: Map<string, number>,
  locale: Locale,
): Checked {
  const fail = (code: InvitationRowFailureCode, uscc: string | null, params: MessageParams = {}): Checked => ({
    ok: false,
    failure: rowFailure(row, uscc, code, locale, params),
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
  // only a row that passed counts: a unit whose earlier row failed is judged again, so its real failure (DUPLICATE
  // of an invitation in flight, say) is reported, and a corrected repeat of a mistyped row goes through
  const firstRow = seen.get(code);
  if (firstRow !== undefined) return fail('DUPLICATE_IN_BATCH', code, { firstRow });
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
  const invitedBy = facts.live.get(code);
  if (invitedBy !== undefined) return fail(invitedBy === facts.dcu.id ? 'DUPLICATE' : 'INVITED_ELSEWHERE', code);
  const capabilityCodes = [...new Set((input.capabilityCodes ?? []).map((c) => clean(c)).filter(Boolean))];
  const unsubscribed = capabilityCodes.filter((c) => !facts.subscribed.has(c));
  if (unsubscribed.length > 0)
    return fail('CAPABILITY_NOT_SUBSCRIBED', code, { codes: unsubscribed.slice(0, 10).join(', ') });
  if (!facts.proofGiven && relationshipProofRequired(relationship.value, useUnit.regulatedSector))
    return fail('PROOF_REQUIRED', code);
  seen.set(code, row);
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
