import { createHash } from 'node:crypto';
import { insertManyReturning } from '../db/bulk.ts';
import type { Tx } from '../db/database.ts';

/** One fact about a case: what happened, who did it, and who may see it. */
export interface CaseEventInput {
  caseKind: string;
  caseId: string;
  event: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  actorUserId?: string | null;
  actorName?: string | null;
  actorRole?: string | null;
  reason?: string | null;
  payload?: Record<string, unknown>;
  /** the enterprise whose case it is, and for invitations the other party */
  enterpriseId?: string | null;
  otherEnterpriseId?: string | null;
  /** competent authority and province deciding the case: officers there may see the event */
  authorityCode?: string | null;
  provinceCode?: string | null;
}

export interface StoredCaseEvent extends Required<Omit<CaseEventInput, 'payload'>> {
  id: bigint;
  payload: Record<string, unknown>;
  createdAt: Date;
  hash: string;
  prevHash: string | null;
}

const HASHED_FIELDS = [
  'caseKind',
  'caseId',
  'event',
  'fromStatus',
  'toStatus',
  'actorUserId',
  'actorName',
  'actorRole',
  'reason',
  'payload',
  'enterpriseId',
  'otherEnterpriseId',
  'authorityCode',
  'provinceCode',
] as const;

/** Object keys in a fixed order: the stored payload (jsonb) does not keep the order it was written in. */
function sortedKeys(_key: string, value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function eventHash(
  prevHash: string | null,
  event: Record<(typeof HASHED_FIELDS)[number], unknown>,
  createdAt: Date,
): string {
  const canonical = JSON.stringify(
    [prevHash, createdAt.toISOString(), ...HASHED_FIELDS.map((field) => event[field] ?? null)],
    sortedKeys,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

type Key = `${string}\u0000${string}`;
const keyOf = (caseKind: string, caseId: string): Key => `${caseKind}\u0000${caseId}`;

/** The hash of each case's latest event, one query per case kind present. */
async function latestHashes(tx: Tx, inputs: CaseEventInput[]): Promise<Map<Key, string>> {
  const idsByKind = new Map<string, Set<string>>();
  for (const input of inputs) {
    const ids = idsByKind.get(input.caseKind) ?? new Set<string>();
    ids.add(input.caseId);
    idsByKind.set(input.caseKind, ids);
  }
  const latest = new Map<Key, string>();
  for (const [caseKind, ids] of idsByKind) {
    const rows = await tx.$queryRaw<{ caseId: string; hash: string }[]>`
      SELECT DISTINCT ON ("caseId") "caseId", hash FROM "AuditEvent"
      WHERE "caseKind" = ${caseKind} AND "caseId" = ANY(${[...ids]}::text[])
      ORDER BY "caseId", id DESC`;
    for (const row of rows) latest.set(keyOf(caseKind, row.caseId), row.hash);
  }
  return latest;
}

const AUDIT_EVENT_COLUMNS = {
  caseKind: 'text',
  caseId: 'text',
  event: 'text',
  fromStatus: 'text',
  toStatus: 'text',
  actorUserId: 'text',
  actorName: 'text',
  actorRole: 'text',
  reason: 'text',
  payload: 'jsonb',
  enterpriseId: 'text',
  otherEnterpriseId: 'text',
  authorityCode: 'text',
  provinceCode: 'text',
  createdAt: 'timestamp(3)',
  prevHash: 'text',
  hash: 'text',
} as const;

function storedFields(input: CaseEventInput) {
  return {
    caseKind: input.caseKind,
    caseId: input.caseId,
    event: input.event,
    fromStatus: input.fromStatus ?? null,
    toStatus: input.toStatus ?? null,
    actorUserId: input.actorUserId ?? null,
    actorName: input.actorName ?? null,
    actorRole: input.actorRole ?? null,
    reason: input.reason ?? null,
    payload: (input.payload ?? {}) as object,
    enterpriseId: input.enterpriseId ?? null,
    otherEnterpriseId: input.otherEnterpriseId ?? null,
    authorityCode: input.authorityCode ?? null,
    provinceCode: input.provinceCode ?? null,
  };
}

/**
 * Appends audit events inside the caller's transaction, in the order given; each case's events form a hash
 * chain (several events of one case chain onto each other). One lock, one look-up and one insert for all of
 * them; returns the stored events, with their ids, in the order given.
 */
export async function appendCaseEvents(tx: Tx, inputs: CaseEventInput[]): Promise<StoredCaseEvent[]> {
  if (inputs.length === 0) return [];
  // Serialises event appends until commit, so cursors become visible in increasing order and a
  // subscriber resuming from its last cursor can never skip an event committed late.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(7428100)`;
  const latest = await latestHashes(tx, inputs);
  const createdAt = new Date();
  const data = inputs.map((input) => {
    const fields = storedFields(input);
    const key = keyOf(fields.caseKind, fields.caseId);
    const prevHash = latest.get(key) ?? null;
    const hash = eventHash(prevHash, fields, createdAt);
    latest.set(key, hash);
    return { ...fields, createdAt, prevHash, hash };
  });
  // one INSERT takes its ids from the sequence in the order of its rows, all above any committed before
  const inserted = await insertManyReturning<{ id: bigint; hash: string }>(
    tx,
    'AuditEvent',
    AUDIT_EVENT_COLUMNS,
    data,
    ['id', 'hash'],
  );
  const ids = new Map(inserted.map((row) => [row.hash, BigInt(row.id)]));
  return data.map((row) => {
    const id = ids.get(row.hash);
    if (id === undefined) throw new Error(`audit event of ${row.caseKind} ${row.caseId} was not inserted`);
    return { ...row, id } as StoredCaseEvent;
  });
}

/** Appends one audit event inside the transition's transaction. */
export async function appendCaseEvent(tx: Tx, input: CaseEventInput): Promise<StoredCaseEvent> {
  const [event] = await appendCaseEvents(tx, [input]);
  return event as StoredCaseEvent;
}
