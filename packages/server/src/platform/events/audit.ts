import { createHash } from 'node:crypto';
import { isInCaseVocabulary } from '@leqi/domain';
import { Prisma } from '../../generated/prisma/client.ts';
import { rowSource } from '../db/bulk.ts';
import type { Tx } from '../db/database.ts';
import type { Sql } from '../db/driver.ts';

/** One fact about a case: what happened, who did it, and who may see it. */
export interface CaseEventInput {
  /** a review kind (its events and statuses are the contract's: isInCaseVocabulary), an admin kind, or a test's */
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
  /** when it happened (stored as createdAt, hashed with the event): the append's time unless given — only the demo
   * seed gives one, to tell a past; a case's events must be appended in the order they happened */
  occurredAt?: Date;
}

export interface StoredCaseEvent extends Required<Omit<CaseEventInput, 'payload' | 'occurredAt'>> {
  id: bigint;
  /** the stream orders events by (xid, id): see eventCursor in cursor.ts */
  xid: bigint;
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

/**
 * 国密 SM3 from the switch-over on (this version): every event appended is hashed with SM3 and stored as
 * `sm3:<hex>`; events appended before it keep their SHA-256 (plain hex) and verify as they are. Within a chain an
 * SM3 event is never followed by a SHA-256 one (verify.ts calls that a downgrade). Both hash the same canonical text.
 */
export type AuditHashAlgorithm = 'SM3' | 'SHA256';
const SM3_PREFIX = 'sm3:';

export function hashAlgorithmOf(hash: string): AuditHashAlgorithm {
  return hash.startsWith(SM3_PREFIX) ? 'SM3' : 'SHA256';
}

export function eventHash(
  prevHash: string | null,
  event: Record<(typeof HASHED_FIELDS)[number], unknown>,
  createdAt: Date,
  algorithm: AuditHashAlgorithm = 'SM3',
): string {
  const canonical = JSON.stringify(
    [prevHash, createdAt.toISOString(), ...HASHED_FIELDS.map((field) => event[field] ?? null)],
    sortedKeys,
  );
  if (algorithm === 'SHA256') return createHash('sha256').update(canonical).digest('hex');
  return `${SM3_PREFIX}${createHash('sm3').update(canonical).digest('hex')}`;
}

/** Whether `event.hash` is its content's hash, by the algorithm the hash names. */
export function hashMatches(
  event: Record<(typeof HASHED_FIELDS)[number], unknown> & { hash: string; prevHash: string | null },
  createdAt: Date,
): boolean {
  return eventHash(event.prevHash, event, createdAt, hashAlgorithmOf(event.hash)) === event.hash;
}

type Key = `${string}\u0000${string}`;
const keyOf = (caseKind: string, caseId: string): Key => `${caseKind}\u0000${caseId}`;

interface ChainEnd {
  hash: string;
  xid: bigint;
}

/** 7428100: the seed of the chain locks' keys (the number of the global lock these replaced) */
const CHAIN_LOCK_SEED = 7428100;

/**
 * One statement: locks each case's chain until commit (one per-case advisory lock, taken in a fixed order), and
 * reads its latest event's hash and xid and this transaction's xid. The read may be stale: the statement's snapshot
 * is taken before it waits for a lock, so a chain end committed while it waited is missed — the insert checks that
 * (`insertChained`). Paths that lock the case row before appending wait there already; the lock keeps the chain
 * linear on any other path too, without serialising other cases.
 */
async function lockChains(tx: Tx, keys: ChainKey[]): Promise<{ ends: Map<Key, ChainEnd>; xid: bigint }> {
  const rows = await tx.$queryRaw<
    { caseKind: string; caseId: string; hash: string | null; xid: string | null; own: string }[]
  >`
    WITH locked AS (
      SELECT count(pg_advisory_xact_lock(hashtextextended(key, ${CHAIN_LOCK_SEED}))) AS locks
      FROM unnest(${keys.map((key) => key.lockKey)}::text[]) AS key
    )
    SELECT chain."caseKind", chain."caseId", latest.hash, latest.xid::text AS xid, pg_current_xact_id()::text AS own
    FROM locked
    CROSS JOIN unnest(${keys.map((key) => key.caseKind)}::text[], ${keys.map((key) => key.caseId)}::text[])
      AS chain("caseKind", "caseId")
    LEFT JOIN LATERAL (
      SELECT hash, xid FROM "AuditEvent"
      WHERE "caseKind" = chain."caseKind" AND "caseId" = chain."caseId"
      ORDER BY id DESC LIMIT 1
    ) AS latest ON true`;
  const ends = new Map<Key, ChainEnd>();
  for (const row of rows) {
    if (row.hash !== null) ends.set(keyOf(row.caseKind, row.caseId), { hash: row.hash, xid: BigInt(row.xid ?? 0) });
  }
  return { ends, xid: BigInt((rows[0] as { own: string }).own) };
}

interface ChainKey {
  caseKind: string;
  caseId: string;
  lockKey: string;
}

/** The cases the inputs append to, once each, sorted: two transactions take their chains' locks in one order. */
function chainKeys(inputs: CaseEventInput[]): ChainKey[] {
  const byLockKey = new Map<string, ChainKey>();
  for (const { caseKind, caseId } of inputs) {
    const lockKey = `${caseKind}:${caseId}`;
    byLockKey.set(lockKey, { caseKind, caseId, lockKey });
  }
  return [...byLockKey.values()].sort((a, b) => (a.lockKey < b.lockKey ? -1 : a.lockKey > b.lockKey ? 1 : 0));
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
  xid: 'bigint',
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

type ChainedRow = ReturnType<typeof storedFields> & {
  createdAt: Date;
  xid: string;
  prevHash: string | null;
  hash: string;
  /** the chain end the row was hashed onto: its case's first row's prevHash (null for a new chain) */
  chainEnd: string | null;
};

/** The rows to insert, each chained onto its case's end (several events of one case chain onto each other). */
function chainRows(inputs: CaseEventInput[], ends: Map<Key, ChainEnd>, xid: bigint): ChainedRow[] {
  const now = new Date();
  const startedFrom = new Map<Key, string | null>();
  return inputs.map((input) => {
    const fields = storedFields(input);
    const createdAt = input.occurredAt ?? now;
    const key = keyOf(fields.caseKind, fields.caseId);
    const end = ends.get(key);
    const prevHash = end?.hash ?? null;
    if (!startedFrom.has(key)) startedFrom.set(key, prevHash);
    const hash = eventHash(prevHash, fields, createdAt);
    // a case's events keep their chain order in the stream even if this transaction's xid is older
    const eventXid = end && end.xid > xid ? end.xid : xid;
    ends.set(key, { hash, xid: eventXid });
    return { ...fields, createdAt, xid: eventXid.toString(), prevHash, hash, chainEnd: startedFrom.get(key) ?? null };
  });
}

const IDENTIFIER = /^[A-Za-z]+$/;

/**
 * Inserts the rows in one statement, in their order (ids are taken from the sequence in that order, all above any
 * committed before), only if every case's chain still ends where the rows were hashed onto: returns the ids, or
 * null when a chain end was stale (nothing is inserted then).
 */
async function insertChained(tx: Tx, rows: ChainedRow[]): Promise<{ id: bigint; hash: string }[] | null> {
  const names = Object.keys(AUDIT_EVENT_COLUMNS);
  for (const name of names) if (!IDENTIFIER.test(name)) throw new Error(`bad identifier ${name}`);
  const list = Prisma.raw(names.map((name) => `"${name}"`).join(', '));
  const definition = Prisma.raw(
    Object.entries(AUDIT_EVENT_COLUMNS)
      .map(([name, type]) => `"${name}" ${type}`)
      .join(', '),
  );
  // Dates become ISO strings (UTC, as Prisma stores them); `ordinal` keeps the order of the rows given
  const json = JSON.stringify(rows.map((row, ordinal) => ({ ...row, ordinal })));
  const inserted = await tx.$queryRaw<{ id: bigint; hash: string }[]>`
    WITH given AS (
      SELECT * FROM jsonb_to_recordset(${json}::jsonb) AS r(${definition}, "chainEnd" text, ordinal int)
    ), stale AS (
      SELECT 1 FROM given
      WHERE given."chainEnd" IS DISTINCT FROM (
        SELECT hash FROM "AuditEvent"
        WHERE "caseKind" = given."caseKind" AND "caseId" = given."caseId"
        ORDER BY id DESC LIMIT 1
      )
      LIMIT 1
    )
    INSERT INTO "AuditEvent" (${list})
    SELECT ${list} FROM given WHERE NOT EXISTS (SELECT 1 FROM stale) ORDER BY ordinal
    RETURNING id, hash`;
  return inserted.length === rows.length ? inserted : null;
}

/**
 * Appends audit events inside the caller's transaction, in the order given; each case's events form a hash
 * chain (several events of one case chain onto each other). Two statements: the chains locked and their ends read,
 * then one insert of all of them that checks those ends are still the ends. Returns the stored events, with their
 * ids, in the order given.
 */
export async function appendCaseEvents(tx: Tx, inputs: CaseEventInput[]): Promise<StoredCaseEvent[]> {
  if (inputs.length === 0) return [];
  const foreign = inputs.find((input) => !isInCaseVocabulary(input));
  if (foreign) throw new Error(`audit event outside the case vocabulary: ${foreign.caseKind} ${foreign.event}`);
  // No global lock: transactions on different cases commit concurrently; readers deliver an event only once its
  // xid is below every snapshot's xmin, in (xid, id) order (cursor.ts), so none commits behind a cursor.
  const keys = chainKeys(inputs);
  const { ends, xid } = await lockChains(tx, keys);
  let rows = chainRows(inputs, ends, xid);
  let inserted = await insertChained(tx, rows);
  if (!inserted) {
    // the first read waited for a chain's lock and saw its end from before; now that the locks are held, a new
    // statement sees every end committed (a lock is released only after its transaction's commit is visible)
    const fresh = await lockChains(tx, keys);
    rows = chainRows(inputs, fresh.ends, fresh.xid);
    inserted = await insertChained(tx, rows);
    if (!inserted) throw new Error('audit chain moved while its lock was held');
  }
  const ids = new Map(inserted.map((row) => [row.hash, BigInt(row.id)]));
  return rows.map(({ chainEnd: _chainEnd, ...row }) => {
    const id = ids.get(row.hash);
    if (id === undefined) throw new Error(`audit event of ${row.caseKind} ${row.caseId} was not inserted`);
    return { ...row, id, xid: BigInt(row.xid) } as StoredCaseEvent;
  });
}

/**
 * Appends the first event of each of `inputs`' cases, created in the caller's transaction (an invitation inserted
 * a statement before): no other transaction can see those cases, let alone append to them, until this one commits,
 * so their chains need no lock and no read of their ends — one statement, each event the start of its chain. A case
 * that already has an event, or that appears twice in `inputs`, makes it throw (the transaction rolls back).
 */
export async function appendNewCaseEvents(sql: Sql, inputs: CaseEventInput[]): Promise<StoredCaseEvent[]> {
  if (inputs.length === 0) return [];
  const now = new Date();
  // one object per event, built whole (a spread per event cost more than its hash)
  const rows = inputs.map((input) => {
    const row = storedFields(input) as StoredCaseEvent;
    row.createdAt = input.occurredAt ?? now;
    row.prevHash = null;
    row.hash = eventHash(null, row, row.createdAt);
    return row;
  });
  if (new Set(rows.map((row) => keyOf(row.caseKind, row.caseId))).size !== rows.length)
    throw new Error('appendNewCaseEvents: a case appears twice');
  const { xid: _xid, ...columns } = AUDIT_EVENT_COLUMNS;
  const { names, select } = rowSource(columns, rows);
  const list = Prisma.raw(names.map((name) => `"${name}"`).join(', '));
  // the check that each case is new reads the (caseKind, caseId) index once per row; it costs little and makes a
  // misuse (a case with events already) fail instead of forking its chain
  const inserted = await sql.query<{ id: bigint | string; xid: bigint | string }>(Prisma.sql`
    WITH given AS (
      SELECT * FROM (${select}) AS r(${list}, ordinal)
    ), forked AS (
      SELECT 1 FROM given JOIN "AuditEvent" e ON e."caseKind" = given."caseKind" AND e."caseId" = given."caseId" LIMIT 1
    )
    INSERT INTO "AuditEvent" (${list}, "xid")
    SELECT ${list}, pg_current_xact_id()::text::bigint FROM given
    WHERE NOT EXISTS (SELECT 1 FROM forked) ORDER BY ordinal
    RETURNING id, xid`);
  if (inserted.length !== rows.length) throw new Error('appendNewCaseEvents: a case has events already');
  // ids are taken from the sequence in the order of the rows given
  const ids = inserted.map((row) => BigInt(row.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const xid = BigInt((inserted[0] as { xid: bigint | string }).xid);
  rows.forEach((row, index) => {
    row.id = ids[index] as bigint;
    row.xid = xid;
  });
  return rows;
}

/** Appends one audit event inside the transition's transaction. */
export async function appendCaseEvent(tx: Tx, input: CaseEventInput): Promise<StoredCaseEvent> {
  const [event] = await appendCaseEvents(tx, [input]);
  return event as StoredCaseEvent;
}
